/** What a key does in the scale prompt: pure, so it is tested without a terminal. */

export interface ScaleKeyState {
  /** The highlighted point, which Enter chooses. */
  active: number | null;
  /** Digits typed so far, for scales with points of more than one digit (NPS 0-10). */
  typed: string;
}

export type ScaleKeyEvent =
  | { type: 'move'; state: ScaleKeyState }
  | { type: 'answer'; value: number }
  | { type: 'skip' }
  | { type: 'back' }
  | { type: 'none' };

/**
 * The effect of one key. A digit answers at once when no other point starts with the digits typed
 * (so on 1-7 each digit answers; on 0-10, "1" waits for "0" or Enter). Arrows move the highlight,
 * Enter chooses it, s skips, b (or Backspace with nothing typed) goes back.
 * @example nextScaleKey({ active: null, typed: '' }, { name: '5', sequence: '5' }, { min: 1, max: 7, canGoBack: true })
 *   // { type: 'answer', value: 5 }
 */
export function nextScaleKey(
  state: ScaleKeyState,
  key: { name?: string; sequence?: string },
  scale: { min: number; max: number; canGoBack: boolean },
): ScaleKeyEvent {
  const { min, max } = scale;
  const points: string[] = [];
  for (let x = min; x <= max; x++) points.push(String(x));
  const name = key.name ?? '';
  const char = key.sequence ?? name;

  if (name === 'enter' || name === 'return') {
    if (state.typed !== '' && points.includes(state.typed)) return { type: 'answer', value: Number(state.typed) };
    return state.active === null ? { type: 'none' } : { type: 'answer', value: state.active };
  }
  if (name === 'left' || name === 'up' || name === 'right' || name === 'down') {
    const step = name === 'left' || name === 'up' ? -1 : 1;
    const from = state.active ?? Math.round((min + max) / 2) - step;
    return { type: 'move', state: { active: Math.min(max, Math.max(min, from + step)), typed: '' } };
  }
  if (/^[0-9-]$/.test(char)) {
    let candidate = state.typed + char;
    if (!points.some((p) => p.startsWith(candidate))) candidate = char;
    if (!points.some((p) => p.startsWith(candidate))) return { type: 'none' };
    const exact = points.includes(candidate);
    const longer = points.some((p) => p !== candidate && p.startsWith(candidate));
    if (exact && !longer) return { type: 'answer', value: Number(candidate) };
    return { type: 'move', state: { active: exact ? Number(candidate) : state.active, typed: candidate } };
  }
  if (name === 'backspace') {
    if (state.typed !== '') return { type: 'move', state: { active: state.active, typed: state.typed.slice(0, -1) } };
    return scale.canGoBack ? { type: 'back' } : { type: 'none' };
  }
  if (name === 's') return { type: 'skip' };
  if (name === 'b') return scale.canGoBack ? { type: 'back' } : { type: 'none' };
  return { type: 'none' };
}
