import type { Problem } from '../../problem.js';
import { type AnswerKind, type Format, SERVQUAL_DIMENSIONS } from '../../questionnaire/model.js';
import { answerKinds } from '../../scoring/column-plan.js';
import { type Detection, detectPlatform } from '../detect.js';
import type { ExportColumn } from '../headers.js';
import type { Platform } from '../platforms/platform.js';
import type { Placement } from './dimensions.js';
import { inferLong, type LongParts } from './long.js';
import { columnText, type InferredItem, pairColumns } from './pairs.js';
import { place, short } from './place.js';
import { profileColumns } from './profile.js';
import { findRoles, type Roles, uniqueName } from './roles.js';
import { type ColumnReading, type InferredScale, inferScale, proposedLabels, readColumn } from './scale.js';
import { type ColumnLabels, labelledRating, sharedValueLabels, withValueLabels } from './value-labels.js';

/**
 * `servqual init --from EXPORT`: a questionnaire inferred from an export's header rows and first
 * records (strings only, whatever the file format). Pure: the command reads the file and writes the
 * YAML that `questionnaire.ts` makes of this.
 */

type Rating = Extract<ColumnReading, { kind: 'rating' }>;

interface PlacedItem extends InferredItem {
  dimension: string;
  placement: Placement;
  /** The export name of each of its columns (unique among the export's). */
  names: Partial<Record<AnswerKind, string>>;
  statements: Partial<Record<AnswerKind, string>>;
}

export interface Inference {
  platform: Platform;
  detection: Detection | null;
  format: Format;
  shape: string;
  model: 'servqual' | 'custom';
  /** Dimension ids in questionnaire order. */
  dimensions: string[];
  items: PlacedItem[];
  scale: InferredScale;
  labels: { text: string; value: number | null; note: string }[];
  missing: string[];
  roles: Roles;
  language: 'en' | 'ru';
  /** Columns left out, and why: `Q12 "Are the stations accessible?": yes/no answers`. */
  notScored: string[];
  /** How many records (respondents, for the long format) the guesses are from. */
  sampled: number;
  /** The long format's rows: segments, KPIs, weights and its column names. */
  long?: LongParts;
}

export interface InferOptions {
  /** `--source`: the platform, when not detected. */
  platform?: Platform;
  /** `--items`: ids to dimensions. */
  items?: string;
  /** A file's dictionary (SPSS): each column's variable label and value labels, by column index. */
  labels?: readonly (ColumnLabels | undefined)[];
}

/** Why a yes/no column is not an item (the questionnaire's comments say how to add one). */
export const YES_NO_REASON = 'yes/no answers';

/** Why a column that is not an item was left out, in a few words. */
function whyNotScored(reading: ColumnReading | undefined): string | null {
  switch (reading?.kind) {
    case 'yes-no':
      // Two points are not a rating: averaged with 1-5 answers they would drag a dimension down.
      return YES_NO_REASON;
    case 'numeric':
      return 'numbers off a rating scale';
    case 'text':
      return 'text answers';
    default:
      return null;
  }
}

/**
 * Infers a questionnaire from an export's first rows (header rows, then records). Returns the
 * inference, or the problems that stop it (no answer columns, items no dimension fits, a bad
 * `--items`).
 */
export function inferQuestionnaire(
  rows: readonly (readonly string[])[],
  options: InferOptions = {},
): { inference: Inference; problems: [] } | { inference: null; problems: Problem[] } {
  const detection = options.platform ? null : detectPlatform(rows.slice(0, 4));
  const platform = options.platform ?? (detection as Detection).platform;
  if (platform.layout === 'long') return inferLong(rows, platform, detection, options);
  const headerRows = Math.min(platform.headerRows(rows), rows.length);
  // A variable label is the question's wording, as a header's words are: statements and placement.
  const columns = platform.describeColumns(rows.slice(0, headerRows)).map((c) => {
    const label = options.labels?.[c.index]?.label.trim() ?? '';
    return label !== '' && c.sub === '' && c.question === c.label ? { ...c, question: label } : c;
  });
  const records = rows.slice(headerRows);
  const profiles = profileColumns(columns, records);
  const readings = profiles.map((p) => labelledRating(readColumn(p), options.labels?.[p.column.index]));
  const isMetadata = (c: ExportColumn) =>
    c.names.some((n) => platform.metadata.names.includes(n.trim().toLowerCase())) ||
    (platform.metadata.label?.test(c.label) ?? false);
  const ratingIndexes = profiles.flatMap((p, i) =>
    readings[i]?.kind === 'rating' && !isMetadata(p.column) ? [i] : [],
  );
  const roles = findRoles(platform, columns, profiles, readings, records.length, ratingIndexes[0] ?? columns.length);
  const candidates = ratingIndexes.filter(
    (i) => !roles.taken.has(i) && uniqueName(columns[i] as ExportColumn, columns) !== null,
  );
  // Rating columns whose header another column repeats cannot be named, so they are not items; a
  // sheet that repeats a block under the same headers (SERVQUAL, then Kano, then IPA) loses them all.
  const repeated = ratingIndexes.filter(
    (i) => !roles.taken.has(i) && uniqueName(columns[i] as ExportColumn, columns) === null,
  );
  const withRepeated = (problem: Problem): Problem =>
    repeated.length === 0
      ? problem
      : {
          ...problem,
          hint: `${problem.hint ? `${problem.hint}; ` : ''}${repeated.length} rating columns were left out because another column has the same header (${short(
            [...new Set(repeated.map((i) => `"${(columns[i] as ExportColumn).label}"`))].join(', '),
            120,
          )}): if the file repeats a block of questions, read the sheet or file that has it once (a workbook: --sheet), or rename the columns`,
        };
  if (candidates.length === 0)
    return {
      inference: null,
      problems: [
        {
          code: 'no-answer-columns' as const,
          message:
            records.length === 0
              ? 'the export has no responses after its header: the answers cannot be told from other columns'
              : `no column holds ratings (whole numbers from 0 to 10, or agreement, satisfaction, quality or frequency labels) in the first ${records.length} responses`,
          hint: 'check that this is the export with the answers, or name its platform with --source',
        },
      ].map(withRepeated),
    };
  const pairing = pairColumns(candidates.map((i) => columns[i] as ExportColumn));
  const { placed, problems, left } = place(pairing.items, options.items);
  if (problems.length > 0) return { inference: null, problems: problems.map(withRepeated) };
  const dimensions = [...new Set(placed.map((p) => p.dimension))];
  const servqual =
    dimensions.every((d) => (SERVQUAL_DIMENSIONS as readonly string[]).includes(d)) &&
    SERVQUAL_DIMENSIONS.every((d) => dimensions.includes(d));
  const ordered = servqual ? [...SERVQUAL_DIMENSIONS] : dimensions;
  const kinds = answerKinds(pairing.format);
  const items: PlacedItem[] = ordered.flatMap((d) =>
    placed
      .filter((p) => p.dimension === d)
      .map((p) => {
        const names: PlacedItem['names'] = {};
        const statements: PlacedItem['statements'] = {};
        for (const kind of kinds) {
          const column = p.columns[kind];
          if (!column) continue;
          names[kind] = uniqueName(column, columns) as string;
          statements[kind] = columnText(column) || column.label;
        }
        return { ...p, names, statements };
      }),
  );
  const itemIndexes = new Set(items.flatMap((i) => Object.values(i.columns).map((c) => (c as ExportColumn).index)));
  const itemProfiles = profiles.filter((p) => itemIndexes.has(p.column.index));
  const itemReadings = itemProfiles.map((p) => readings[profiles.indexOf(p)] as Rating);
  const missing = new Map<string, string>();
  for (const p of itemProfiles) for (const [key, text] of p.missing) if (!missing.has(key)) missing.set(key, text);

  const notScored: string[] = [];
  const leftColumns = new Set(left.flatMap((i) => Object.values(i.columns).map((c) => (c as ExportColumn).index)));
  profiles.forEach((p, i) => {
    const c = p.column;
    if (itemIndexes.has(c.index) || roles.taken.has(c.index) || isMetadata(c) || c.label === '') return;
    const why = leftColumns.has(c.index)
      ? 'not named by --items'
      : readings[i]?.kind === 'rating'
        ? uniqueName(c, columns) === null
          ? 'its header is not unique'
          : 'a rating that is not part of the expectation/perception pairs'
        : whyNotScored(readings[i]);
    // The header's own name only when it says more than its text (a code such as Q5_1), not a respacing.
    const named = c.label.replace(/\s+/g, ' ').trim() === columnText(c) ? '' : `${c.label} `;
    if (why) notScored.push(`${named}"${short(columnText(c))}": ${why}`);
  });
  const scale = inferScale(itemReadings, itemProfiles);
  const valueLabels = options.labels
    ? sharedValueLabels(itemProfiles.map((p) => options.labels?.[p.column.index]))
    : null;
  const headerText = columns.map((c) => `${c.question} ${c.sub}`).join(' ');
  const cyrillic = (headerText.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const latin = (headerText.match(/\p{Script=Latin}/gu) ?? []).length;
  return {
    inference: {
      platform,
      detection,
      format: pairing.format,
      shape: pairing.shape,
      model: servqual ? 'servqual' : 'custom',
      dimensions: ordered,
      items,
      scale: valueLabels ? withValueLabels(scale, valueLabels) : scale,
      labels: proposedLabels(itemReadings, itemProfiles),
      missing: [...missing.values()],
      roles,
      language: cyrillic > latin ? 'ru' : 'en',
      notScored,
      sampled: records.length,
    },
    problems: [],
  };
}
