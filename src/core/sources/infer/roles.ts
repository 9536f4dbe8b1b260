import type { SourceFilter } from '../../questionnaire/model.js';
import { findExportColumn, type ExportColumn } from '../headers.js';
import { normaliseAnswer } from '../labels.js';
import type { Platform } from '../platforms/platform.js';
import type { ColumnProfile } from './profile.js';
import type { ColumnReading } from './scale.js';

/**
 * The columns around the answers: the respondent id, segments (few distinct text values), a 0-10
 * "recommend" question as NPS, overall questions (kept out of the items), the duration, a comment
 * column, and the platform's completion filters. Each comes with the reason it was chosen.
 */

interface Role {
  column: ExportColumn;
  /** The name the questionnaire gives the column: the export's own (for `source.columns`). */
  name: string;
  note: string;
}

export interface Roles {
  respondent: Role | null;
  nps: Role | null;
  segments: (Role & { segment: string })[];
  /** Overall and outcome questions: not items. */
  outcomes: Role[];
  duration: Role | null;
  comments: Role[];
  filters: { filter: SourceFilter; note: string }[];
  /** Every column index some role took. */
  taken: Set<number>;
}

const RECOMMEND = /recommend|рекоменд|추천|empfehl|recomend/iu;
const OVERALL = /overall|in general|satisf|в целом|общ(ая|ее|ий) (оценк|впечатлен|удовлетвор)|удовлетвор|전반|만족/iu;
const ID_NAME =
  /^(respondent|respondent[ _.-]?id|id|customer[ _.-]?id|response[ _.-]?id|participant|участник|респондент|id респондента)$/iu;
const DURATION_NAME = /duration|seconds|time taken|interviewtime|длительност|продолжительност|소요/iu;
const COMMENT_NAME =
  /comment|feedback|suggest|remark|anything else|комментар|отзыв|замечан|пожелан|предложен|의견|건의/iu;
const SEGMENT_NAME =
  /branch|store|shop|office|region|city|location|channel|site|department|segment|wave|gender|sex|\bage\b|отделени|филиал|магазин|регион|город|канал|пол\b|возраст|지점|성별|나이|연령/iu;
const TIMESTAMP_NAME = /timestamp|date|time|отметка времени|дата|время|타임스탬프|일시/iu;

/** A unique name for a column among the export's: the first of its names no other column has. */
export function uniqueName(column: ExportColumn, columns: readonly ExportColumn[]): string | null {
  for (const name of column.names) {
    if (name.trim() === '') continue;
    const found = findExportColumn(columns, name);
    if (!('matches' in found) && found.index === column.index) return name;
  }
  return null;
}

/** A segment's name from its header: the segment word it holds, else its first words as an id. */
function segmentName(text: string, taken: Set<string>): string {
  const word = SEGMENT_NAME.exec(text)?.[0]?.toLowerCase().replace(/\s+/g, '');
  const base =
    word && /^[a-z]+$/.test(word)
      ? word
      : normaliseAnswer(text)
          .replace(/[^\p{L}\p{N}]+/gu, '_')
          .replace(/^_+|_+$/g, '')
          .slice(0, 30) || 'segment';
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
  taken.add(name);
  return name;
}

/**
 * The roles of the columns that are not answers.
 * `firstAnswer` is the index of the first rating column: categories before it are respondent
 * descriptions (segments), those after it are more likely questions.
 */
export function findRoles(
  platform: Platform,
  columns: readonly ExportColumn[],
  profiles: readonly ColumnProfile[],
  readings: readonly ColumnReading[],
  records: number,
  firstAnswer: number,
): Roles {
  const taken = new Set<number>();
  const named = (column: ExportColumn, note: string): Role | null => {
    const name = uniqueName(column, columns);
    return name === null ? null : { column, name, note };
  };
  const text = (c: ExportColumn) => `${c.question} ${c.sub} ${c.label}`;
  const isMetadata = (c: ExportColumn) =>
    platform.metadata.names.includes(normaliseAnswer(c.label)) ||
    c.names.some((n) => platform.metadata.names.includes(normaliseAnswer(n))) ||
    (platform.metadata.label?.test(c.label) ?? false);

  let respondent: Role | null = null;
  for (const name of platform.respondentColumns) {
    const found = findExportColumn(columns, name);
    if (!('matches' in found)) {
      respondent = { column: found, name, note: `the ${platform.name} respondent id column` };
      break;
    }
  }
  if (!respondent) {
    const index = profiles.findIndex(
      (p) => ID_NAME.test(p.column.label.trim()) && p.filled > 0 && p.distinct === p.filled,
    );
    const column = columns[index];
    if (column) respondent = named(column, 'named like an id, and every value differs');
  }
  if (respondent) taken.add(respondent.column.index);

  let duration: Role | null = null;
  for (const name of platform.durationColumns) {
    const found = findExportColumn(columns, name);
    if (!('matches' in found)) {
      duration = { column: found, name, note: `the ${platform.name} duration column (seconds)` };
      break;
    }
  }
  if (!duration) {
    const index = profiles.findIndex(
      (p, i) =>
        DURATION_NAME.test(text(p.column)) && (readings[i]?.kind === 'numeric' || readings[i]?.kind === 'rating'),
    );
    const column = columns[index];
    if (column) duration = named(column, 'named like a duration (read as seconds)');
  }
  if (duration) taken.add(duration.column.index);

  let nps: Role | null = null;
  const outcomes: Role[] = [];
  const comments: Role[] = [];
  const segments: Roles['segments'] = [];
  const segmentNames = new Set<string>();
  profiles.forEach((p, i) => {
    const c = p.column;
    if (taken.has(c.index) || isMetadata(c)) return;
    const reading = readings[i];
    const words = text(c);
    if (reading?.kind === 'rating' || reading?.kind === 'numeric') {
      const range = reading.range;
      if (
        nps === null &&
        RECOMMEND.test(words) &&
        range !== null &&
        range.min >= 0 &&
        range.max <= 10 &&
        range.max > 7
      ) {
        nps = named(c, 'a 0-10 "recommend" question');
        if (nps) taken.add(c.index);
        return;
      }
      if (reading.kind === 'rating' && (RECOMMEND.test(words) || OVERALL.test(words))) {
        const role = named(
          c,
          RECOMMEND.test(words) ? 'a "recommend" question not on 0-10 (not NPS)' : 'an overall question',
        );
        if (role) {
          outcomes.push(role);
          taken.add(c.index);
        }
      }
      return;
    }
    if (reading?.kind !== 'text') return;
    if (TIMESTAMP_NAME.test(c.label) && p.distinct > 0.5 * p.filled) return;
    const freeText = p.longest > 40 && p.distinct > 0.5 * p.filled;
    if (COMMENT_NAME.test(words) || (freeText && p.filled >= 3)) {
      const role = named(c, COMMENT_NAME.test(words) ? 'named like a comment' : 'free text');
      if (role) {
        comments.push(role);
        taken.add(c.index);
      }
      return;
    }
    const categories =
      p.distinct >= 2 && p.distinct <= 20 && p.distinct <= Math.max(2, 0.5 * Math.min(p.filled, records));
    if (categories && (c.index < firstAnswer || SEGMENT_NAME.test(words)) && segments.length < 5) {
      const role = named(c, `${p.distinct} distinct values`);
      if (role) {
        segments.push({ ...role, segment: segmentName(columnWords(c), segmentNames) });
        taken.add(c.index);
      }
    }
  });

  const filters = platform.filters.filter((f) => !('matches' in findExportColumn(columns, f.filter.column)));
  return { respondent, nps, segments, outcomes, duration, comments, filters, taken };
}

function columnWords(c: ExportColumn): string {
  return c.sub !== '' ? c.sub : c.question || c.label;
}
