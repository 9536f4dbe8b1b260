/**
 * A warning's wording in the report's language, from its code and fields (issue 15). The core
 * builds each message in English, and the JSON keeps that `message` (stable for scripts); a
 * Russian report words the same facts from the fields. A code this table does not know (a result
 * from a newer servqual), or a warning without the fields its wording needs, shows the core's
 * message unchanged: never a blank line.
 */
import type { Language } from '../core/questionnaire/model.js';
import type { Warning } from '../core/scoring/result.js';

/** Russian count forms (one, few, many): 1 респондент, 2 респондента, 5 респондентов. */
function ru(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  const form = m10 === 1 && m100 !== 11 ? one : m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14) ? few : many;
  return `${n} ${form}`;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;

/** The names listed, then "..." when the count says there are more than shown. */
function names(list: readonly string[], count: number): string {
  return `${list.join(', ')}${count > list.length ? ', ...' : ''}`;
}

type Wording = (w: Warning) => string | null;

const RU: Record<string, Wording> = {
  'negative-item-total': (w) => {
    const item = str(w.item);
    const dimension = str(w.dimension);
    const r = num(w.itemTotal);
    if (item === null || dimension === null || r === null) return null;
    return `вопрос ${item} отрицательно коррелирует с остальными вопросами измерения ${dimension} (r = ${r.toFixed(2).replace('.', ',')}): не сформулирован ли он отрицательно без пометки reverse?`;
  },
  'duplicate-respondents': (w) => {
    const count = num(w.count);
    if (count === null) return null;
    const ids = strings(w.respondents) ?? strings(w.examples) ?? [];
    const listed = ids.length > 0 ? ` (${names(ids, count)})` : '';
    return `${ru(count, 'строка повторяет', 'строки повторяют', 'строк повторяют')} уже встречавшийся идентификатор респондента${listed}`;
  },
  'straight-lining': (w) => {
    const count = num(w.count);
    if (count === null) return null;
    const ids = strings(w.respondents) ?? [];
    const listed = ids.length > 0 ? ` (${names(ids, count)})` : '';
    return `${ru(count, 'респондент дал', 'респондента дали', 'респондентов дали')} один и тот же ответ на все вопросы${listed}`;
  },
  'weights-fallback': (w) => {
    const invalid = num(w.invalid);
    const missing = num(w.missing);
    if (invalid === null || missing === null) return null;
    return `для ${ru(invalid + missing, 'респондента', 'респондентов', 'респондентов')} вместо их собственного распределения весов взяты веса по умолчанию (некорректных: ${invalid}, пустых: ${missing})`;
  },
  'skipped-cells': (w) => {
    const count = num(w.count);
    if (count === null) return null;
    return `${ru(count, 'ячейка', 'ячейки', 'ячеек')} вне шкалы ${count === 1 ? 'учтена' : 'учтены'} как пропуск (--skip-invalid)`;
  },
  'small-sample': (w) => {
    const count = num(w.count);
    const of = num(w.of);
    const smallest = num(w.smallest);
    const list = strings(w.dimensions);
    if (count === null || of === null || smallest === null || list === null) return null;
    return `${count} из ${ru(of, 'измерения', 'измерений', 'измерений')}: n < 30, наименьшее n = ${smallest} (${names(list, count)}); их показатели ориентировочные`;
  },
  'small-segment': (w) => {
    const count = num(w.count);
    const of = num(w.of);
    const smallest = num(w.smallest);
    const list = Array.isArray(w.segments) ? w.segments : null;
    if (count === null || of === null || smallest === null || list === null) return null;
    const shown = list.map((s) => {
      const { column, value } = (s ?? {}) as { column?: unknown; value?: unknown };
      return `${String(column)}=${value === '' ? '(пусто)' : String(value)}`;
    });
    return `${count} из ${ru(of, 'сегмента', 'сегментов', 'сегментов')}: n < 30, наименьшее n = ${smallest} (${names(shown, count)})`;
  },
  speeders: (w) => {
    const count = num(w.count);
    const seconds = num(w.seconds);
    if (count === null || seconds === null) return null;
    const ids = strings(w.respondents) ?? [];
    const listed = ids.length > 0 ? ` (${names(ids, count)})` : '';
    return `${ru(count, 'респондент потратил', 'респондента потратили', 'респондентов потратили')} меньше ${String(seconds).replace('.', ',')} с на ответ${listed}: вероятно, отвечали не читая вопросов`;
  },
  'importance-disagreement': (w) => {
    const outcome = str(w.outcome);
    const list = Array.isArray(w.dimensions) ? w.dimensions.map(shares) : null;
    if (outcome === null || list === null || list.length === 0 || list.includes(null)) return null;
    return `заявленная и выведенная важность сильно расходятся: ${list.join(', ')}; то, что клиенты называют важным, не то, что движет ${outcome}`;
  },
};

/** One dimension of `importance-disagreement` in Russian: "label (заявлено 0,30, выведено 0,08)" (the id in results written before labels). */
function shares(v: unknown): string | null {
  if (typeof v !== 'object' || v === null) return null;
  const d = v as Record<string, unknown>;
  const id = str(d.label) ?? str(d.id);
  const stated = num(d.stated);
  const derived = num(d.derived);
  if (id === null || stated === null || derived === null) return null;
  const comma = (x: number) => x.toFixed(2).replace('.', ',');
  return `${id} (заявлено ${comma(stated)}, выведено ${comma(derived)})`;
}

/** The warning's text in `language`: English is the core's message; Russian from the table above. */
export function warningText(w: Warning, language: Language): string {
  if (language !== 'ru') return String(w.message);
  const wording = Object.hasOwn(RU, w.code) ? RU[w.code] : undefined;
  return wording?.(w) ?? String(w.message);
}
