import { describe, expect, it } from 'vitest';
import { nextScaleKey, type ScaleKeyState } from '../../../src/core/audit/scale-keys.js';

const likert = { min: 1, max: 7, canGoBack: true };
const nps = { min: 0, max: 10, canGoBack: true };
const empty: ScaleKeyState = { active: null, typed: '' };
const key = (name: string) => ({ name, sequence: name });

describe('scale prompt keys', () => {
  it('answers at once on a digit of a 1-7 scale', () => {
    expect(nextScaleKey(empty, key('5'), likert)).toEqual({ type: 'answer', value: 5 });
    expect(nextScaleKey(empty, key('7'), likert)).toEqual({ type: 'answer', value: 7 });
  });

  it('ignores digits off the scale', () => {
    expect(nextScaleKey(empty, key('8'), likert)).toEqual({ type: 'none' });
    expect(nextScaleKey(empty, key('0'), likert)).toEqual({ type: 'none' });
  });

  it('waits after "1" on 0-10 until "0" makes 10 or Enter makes 1', () => {
    const afterOne = nextScaleKey(empty, key('1'), nps);
    expect(afterOne).toEqual({ type: 'move', state: { active: 1, typed: '1' } });
    const state = (afterOne as { state: ScaleKeyState }).state;
    expect(nextScaleKey(state, key('0'), nps)).toEqual({ type: 'answer', value: 10 });
    expect(nextScaleKey(state, key('enter'), nps)).toEqual({ type: 'answer', value: 1 });
    expect(nextScaleKey(state, key('7'), nps)).toEqual({ type: 'answer', value: 7 });
    expect(nextScaleKey(empty, key('0'), nps)).toEqual({ type: 'answer', value: 0 });
  });

  it('moves the highlight with the arrows, within the scale, and chooses it with Enter', () => {
    expect(nextScaleKey(empty, key('right'), likert)).toEqual({ type: 'move', state: { active: 4, typed: '' } });
    expect(nextScaleKey({ active: 7, typed: '' }, key('right'), likert)).toEqual({
      type: 'move',
      state: { active: 7, typed: '' },
    });
    expect(nextScaleKey({ active: 1, typed: '' }, key('left'), likert)).toEqual({
      type: 'move',
      state: { active: 1, typed: '' },
    });
    expect(nextScaleKey({ active: 3, typed: '' }, key('enter'), likert)).toEqual({ type: 'answer', value: 3 });
    expect(nextScaleKey(empty, key('enter'), likert)).toEqual({ type: 'none' });
  });

  it('skips with s and goes back with b or Backspace, unless it is the first question', () => {
    expect(nextScaleKey(empty, key('s'), likert)).toEqual({ type: 'skip' });
    expect(nextScaleKey(empty, key('b'), likert)).toEqual({ type: 'back' });
    expect(nextScaleKey(empty, key('backspace'), likert)).toEqual({ type: 'back' });
    expect(nextScaleKey(empty, key('b'), { ...likert, canGoBack: false })).toEqual({ type: 'none' });
    expect(nextScaleKey({ active: 1, typed: '1' }, key('backspace'), nps)).toEqual({
      type: 'move',
      state: { active: 1, typed: '' },
    });
  });
});
