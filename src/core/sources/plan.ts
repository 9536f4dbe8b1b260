import type { ProblemCode } from '../problem.js';
import { isOneOf } from '../text/one-of.js';
import { allItems, type Questionnaire, type SourceFilter } from '../questionnaire/model.js';
import { answerKinds, columnName } from '../scoring/column-plan.js';
import { describeWhere, whereFilter, type WhereCondition } from '../scoring/selection.js';
import { didYouMean } from '../text/did-you-mean.js';
import { detectPlatform } from './detect.js';
import { findExportColumn, hasExportColumn, type ExportColumn } from './headers.js';
import { answerTextTables, normaliseAnswer, type AnswerTexts } from './labels.js';
import { platformsWith } from './platforms/index.js';
import type { Platform } from './platforms/platform.js';

/**
 * How a wide export (one row per respondent) becomes the generic record the scorer reads: which
 * export column fills each generic column, which cells are answers (labels and missing codes
 * converted), which responses are kept, and where the duration is.
 */
export interface ExportPlan {
  platform: Platform;
  /** The generic header: mapped columns first, then every export column under its own label. */
  header: string[];
  /** Per mapped generic column: the export column it comes from. */
  from: number[];
  /** Per mapped generic column: whether its cells are answers (converted) or text (segments, ids). */
  answer: boolean[];
  /** The export's own label of every export column, for messages. */
  exportLabels: string[];
  filters: RowFilter[];
  /** The duration column, or -1. */
  duration: number;
  /** Per mapped generic column: the label tables its answer cells are converted with. */
  texts: AnswerTexts[];
}

export interface PlanProblem {
  code: ProblemCode;
  message: string;
  hint?: string;
}

/** The platform's default filters whose columns the export has (Qualtrics' Finished, LimeSurvey's submitdate). */
function defaultFilters(platform: Platform, columns: readonly ExportColumn[]): SourceFilter[] {
  return platform.filters.filter((f) => hasExportColumn(columns, f.filter.column)).map((f) => f.filter);
}

/** `Finished is one of true, 1`, for the count of dropped responses. */
function describeFilter(filter: SourceFilter): string {
  const parts: string[] = [];
  if (filter.in) parts.push(isOneOf(filter.column, filter.in));
  if (filter.min !== undefined) parts.push(`${filter.column} is at least ${filter.min}`);
  if (filter.notBlank) parts.push(`${filter.column} is not blank`);
  return parts.join(' and ');
}

function missingColumnProblem(
  name: string,
  what: string,
  columns: readonly ExportColumn[],
  matches: number,
): PlanProblem {
  if (matches > 1) {
    return {
      code: 'ambiguous-column',
      message: `${matches} export columns are named "${name}" (${what})`,
      hint: 'name each column once: a Qualtrics column by its export tag; a sheet that repeats a block of questions under the same headers by reading the sheet that has it once (a workbook: --sheet)',
    };
  }
  const hint = didYouMean(
    name,
    columns.flatMap((c) => c.names),
  );
  return { code: 'missing-column', message: `the export has no column "${name}" (${what})`, ...(hint ? { hint } : {}) };
}

/**
 * Plans the reading of a wide export from its header rows. Needed answers that `source.columns`
 * does not map are looked for under their generic names (`T1_E`), so a platform whose codes were
 * set to the generic names needs no mapping. Every problem is returned, none thrown.
 */
export function planExport(
  q: Questionnaire,
  platform: Platform,
  headerRows: readonly (readonly string[])[],
  firstRecord?: readonly string[],
  where: readonly WhereCondition[] = [],
): { plan: ExportPlan; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const detected = detectPlatform(firstRecord ? [...headerRows, firstRecord] : headerRows, platformsWith(platform));
  if (platform.layout !== 'generic' && detected.confidence === 'high' && detected.platform.id !== platform.id) {
    problems.push({
      code: 'wrong-source',
      message: `expected a ${platform.name} export, but this looks like a ${detected.platform.name} one (${detected.reason})`,
      hint: `try --source ${detected.platform.id}`,
    });
  }
  const columns = platform.describeColumns(headerRows);
  const source = q.source;
  const header: string[] = [];
  const from: number[] = [];
  const answer: boolean[] = [];
  const texts: AnswerTexts[] = [];
  const tables = answerTextTables(q);
  const taken = new Set<string>();
  const add = (generic: string, column: ExportColumn, isAnswer: boolean, own: AnswerTexts = tables()) => {
    header.push(generic);
    from.push(column.index);
    answer.push(isAnswer);
    texts.push(own);
    taken.add(generic);
  };
  const locate = (name: string, what: string, required: boolean): ExportColumn | undefined => {
    const found = findExportColumn(columns, name);
    if (!('matches' in found)) return found;
    if (required || found.matches > 1) problems.push(missingColumnProblem(name, what, columns, found.matches));
    return undefined;
  };

  const respondentNames = source?.respondent !== undefined ? [source.respondent] : platform.respondentColumns;
  for (const name of respondentNames) {
    const column = locate(name, 'the respondent id', source?.respondent !== undefined);
    if (column) {
      add(q.columns.respondent, column, false);
      break;
    }
  }

  for (const entry of source?.columns ?? []) {
    const target = entry.target;
    const generic =
      target.type === 'answer'
        ? columnName(q.columns[target.kind], { item: target.item })
        : target.type === 'weight'
          ? columnName(q.columns.weight, { dimension: target.dimension })
          : target.type === 'kpi'
            ? target.kpi
            : target.segment;
    const what =
      target.type === 'answer'
        ? `the ${target.kind} of item ${target.item}`
        : target.type === 'weight'
          ? `the weight of ${target.dimension}`
          : target.type === 'kpi'
            ? `KPI ${target.kpi}`
            : `segment ${target.segment}`;
    const column = locate(entry.column, what, true);
    if (column)
      add(
        generic,
        column,
        target.type !== 'segment',
        tables(target.type === 'answer' ? target.item : undefined, entry.labels),
      );
    else taken.add(generic);
  }

  // What the mapping leaves out is looked for under its generic name.
  const unmapped: { generic: string; what: string }[] = [];
  const fallback = (generic: string, what: string, isAnswer: boolean, required: boolean, item?: string) => {
    if (taken.has(generic)) return;
    const found = findExportColumn(columns, generic);
    if (!('matches' in found)) add(generic, found, isAnswer, tables(item));
    else if (required) unmapped.push({ generic, what });
  };
  const kinds = answerKinds(q.format);
  for (const item of allItems(q)) {
    for (const kind of kinds)
      fallback(columnName(q.columns[kind], { item: item.id }), `the ${kind} of item ${item.id}`, true, true, item.id);
  }
  const hint = `run \`servqual map EXPORT.csv --questionnaire QUESTIONNAIRE --source ${platform.id}\` and paste the section it proposes`;
  if (unmapped.length > 0 && unmapped.length === allItems(q).length * kinds.length) {
    problems.push({
      code: 'unmapped-answer',
      message: `no column of this ${platform.name} export is mapped to an answer: the questionnaire's source.columns maps none, and there are no columns such as "${unmapped[0]?.generic}"`,
      hint,
    });
  } else {
    unmapped.forEach(({ generic, what }, i) => {
      problems.push({
        code: 'unmapped-answer',
        message: `no export column holds ${what}: source.columns does not map it and there is no "${generic}" column`,
        ...(i === 0 ? { hint } : {}),
      });
    });
  }
  for (const d of q.dimensions) fallback(columnName(q.columns.weight, { dimension: d.id }), '', true, false);
  for (const k of q.kpis) fallback(k.id, '', true, false);
  for (const segment of q.segments) fallback(segment, '', false, false);

  const filters = (source?.filter ?? defaultFilters(platform, columns)).flatMap((filter) => {
    const column = locate(filter.column, 'named by source.filter', true);
    return column ? [rowFilter(column.index, filter)] : [];
  });
  // --where: the same rule as a source.filter `in`, after the questionnaire's own filters.
  // A column is named as source.filter names it, or by the generic name source.columns maps it to
  // (a segment's name, as --group-by takes it).
  for (const condition of where) {
    const found = findExportColumn(columns, condition.column);
    const matches = 'matches' in found ? found.matches : 1;
    const generic = header.findIndex((name) => normaliseAnswer(name) === normaliseAnswer(condition.column));
    const index = !('matches' in found) ? found.index : matches === 0 && generic >= 0 ? from[generic] : undefined;
    if (index !== undefined)
      filters.push(rowFilter(index, whereFilter(condition), '--where', describeWhere(condition)));
    else {
      const problem = missingColumnProblem(condition.column, 'named by --where', columns, matches);
      const hint = didYouMean(condition.column, [...columns.flatMap((c) => c.names), ...header]);
      problems.push({ ...problem, ...(problem.code === 'missing-column' && hint ? { hint } : {}) });
    }
  }
  let duration = -1;
  for (const name of source?.duration !== undefined ? [source.duration] : platform.durationColumns) {
    const column = locate(name, 'named by source.duration', source?.duration !== undefined);
    if (column) {
      duration = column.index;
      break;
    }
  }
  const exportLabels = columns.map((c) => c.label);
  // An export column is also offered under its own label (for --group-by), unless a mapped column has that name.
  const mapped = new Set(header.map((name) => name.trim()));
  const passthrough = exportLabels.map((label) => (mapped.has(label.trim()) ? '' : label));
  return {
    plan: {
      platform,
      header: [...header, ...passthrough],
      from,
      answer,
      exportLabels,
      filters,
      duration,
      texts,
    },
    problems,
  };
}

/**
 * Whether a file is read through the export plan (columns, labels, missing codes, filters) rather
 * than as servqual's own CSV: every export platform is, and so is a plain CSV (`generic`) when the
 * questionnaire's `source` section names that platform, so that what `map` or `init --from`
 * proposes for a plain CSV is what `score` reads (it was silently ignored before).
 * @example readsThroughPlan(q, 'generic') // true when q.source.platform is generic
 */
export function readsThroughPlan(q: Questionnaire, platformId: string, layout: Platform['layout']): boolean {
  return layout !== 'generic' || q.source?.platform === platformId;
}

/**
 * A response filter made ready for every row: its reason worded and its accepted values
 * normalised once, and the verdict on each distinct cell remembered (a filter column holds a
 * handful of values, such as True and False, over all the rows).
 */
export interface RowFilter {
  index: number;
  reason: string;
  /** What dropped a response, for its count: `the filter (kept only where ...)` or `--where (...)`. */
  drop: string;
  filter: SourceFilter;
  accept: Set<string> | null;
  verdicts: Map<string, boolean>;
}

/** Verdicts remembered at most per filter: past it a cell is judged each time. */
const MAX_VERDICTS = 4096;

export function rowFilter(
  index: number,
  filter: SourceFilter,
  by = 'the filter',
  reason = describeFilter(filter),
): RowFilter {
  return {
    index,
    reason,
    drop: `${by} (kept only where ${reason})`,
    filter,
    accept: filter.in ? new Set(filter.in.map(normaliseAnswer)) : null,
    verdicts: new Map(),
  };
}

/** Whether a response meets one filter: `in` folds case and spaces; `min` needs a number. */
export function passesFilter(rule: RowFilter, text: string): boolean {
  const known = rule.verdicts.get(text);
  if (known !== undefined) return known;
  const verdict = judge(rule, text.trim());
  if (rule.verdicts.size < MAX_VERDICTS) rule.verdicts.set(text, verdict);
  return verdict;
}

function judge({ filter, accept }: RowFilter, cell: string): boolean {
  if (filter.notBlank && cell === '') return false;
  if (accept && !accept.has(normaliseAnswer(cell))) return false;
  if (filter.min !== undefined) {
    const value = Number(cell.replace(',', '.'));
    if (cell === '' || !Number.isFinite(value) || value < filter.min) return false;
  }
  return true;
}
