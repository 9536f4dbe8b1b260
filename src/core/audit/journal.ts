import { z } from 'zod';
import { itemScale, type Questionnaire } from '../questionnaire/model.js';
import { answerKinds } from '../scoring/column-plan.js';
import { auditSteps, firstUnanswered, type AnswerValue, type AuditGiven, type Step } from './steps.js';

/**
 * The audit journal's lines and what is kept of them after a crash, a kill -9, a hand edit or a
 * changed questionnaire. Every line is checked (shape with zod, then the value against the question
 * it answers) before its answer may reach the responses file; whatever is dropped is reported with
 * its line number and why.
 */

const answerValue = z.union([z.number(), z.string(), z.record(z.string(), z.number()), z.null()]);

const journalStartSchema = z.object({
  type: z.literal('start'),
  version: z.literal(1),
  /** The interview's id, also in the journal's file name (absent in journals of older versions). */
  interview: z.string().optional(),
  questionnaire: z.string(),
  /** `questionnaireFingerprint` when the interview began, to tell a changed questionnaire. */
  fingerprint: z.string().optional(),
  respondent: z.string().optional(),
  segments: z.record(z.string(), z.string()),
  startedAt: z.string(),
});

const journalEntrySchema = z.discriminatedUnion('type', [
  journalStartSchema,
  z.object({ type: z.literal('answer'), key: z.string().min(1), value: answerValue, at: z.string() }),
  z.object({ type: z.literal('complete'), completedAt: z.string().min(1) }),
]);

export type JournalStart = z.infer<typeof journalStartSchema>;
export type JournalEntry = z.infer<typeof journalEntrySchema>;

/** Why a journal line was not used. */
type SkipReason =
  | { code: 'cut-off' }
  | { code: 'not-json' }
  | { code: 'invalid'; detail: string }
  | { code: 'no-start' }
  | { code: 'second-start' }
  | { code: 'unknown-question'; key: string }
  | { code: 'bad-value'; key: string; detail: string }
  | { code: 'early-complete' };

/** A skipped line, numbered from 1 (0 for what concerns the whole journal). */
export interface Skipped {
  line: number;
  reason: SkipReason;
}

export interface RecoveredJournal {
  start: JournalStart | null;
  /** The respondent and segments given when the interview began (from the start line). */
  given: AuditGiven;
  /** The latest valid answer to each question this questionnaire still asks. */
  answers: Map<string, AnswerValue>;
  /** Set only when every question has a valid answer. */
  completedAt: string | null;
  lastAt: string;
  skipped: Skipped[];
  /** The questionnaire is not the one the interview began with. */
  questionnaireChanged: boolean;
  /** How to repair the end of the file before appending: keep this many characters, or add a line end. */
  repair: { keepChars: number } | { addLineEnd: true } | null;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short, stable digest (not a security measure). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * A digest of what the audit asks: format, scale, items and their answers, dimensions, weights,
 * KPIs and segments. Wording changes do not count; a question added, removed or rescaled does.
 * @example questionnaireFingerprint(q) // 'a1b2c3d4'
 */
export function questionnaireFingerprint(q: Questionnaire): string {
  return fnv1a(
    JSON.stringify({
      format: q.format,
      kinds: answerKinds(q.format),
      scale: [q.scale.min, q.scale.max],
      // An item's own scale only where given, so journals of other questionnaires keep their fingerprint.
      dimensions: q.dimensions.map((d) => [
        d.id,
        d.items.map((item) => (item.scale ? [item.id, item.scale.min, item.scale.max] : item.id)),
      ]),
      weights: q.weights.source,
      kpis: q.kpis.map((k) => [k.id, k.type, k.scale.min, k.scale.max]),
      segments: q.segments,
    }),
  );
}

/**
 * Why `value` cannot answer `step`, or null when it can: scale answers are whole numbers on their
 * scale (or null, skipped), an allocation gives every dimension points that add up to 100.
 * @example checkAnswer(kpiStep, 11, q) // '11 is not on the 0-10 scale'
 */
function checkAnswer(step: Step, value: AnswerValue, q: Questionnaire): string | null {
  switch (step.kind) {
    case 'respondent':
      return typeof value === 'string' && value.trim() !== '' ? null : 'expected a non-empty respondent id';
    case 'segment':
    case 'comment':
      return value === null || typeof value === 'string' ? null : 'expected a text';
    case 'answer':
    case 'kpi': {
      const { min, max } = step.kind === 'kpi' ? step.kpi.scale : itemScale(q, step.item);
      if (value === null) return null;
      if (typeof value !== 'number') return `expected a number from ${min} to ${max}, found ${JSON.stringify(value)}`;
      return Number.isInteger(value) && value >= min && value <= max
        ? null
        : `${value} is not on the ${min}-${max} scale`;
    }
    case 'weights': {
      if (value === null) return null;
      if (typeof value !== 'object') return 'expected points per dimension';
      const ids = q.dimensions.map((d) => d.id);
      const keys = Object.keys(value);
      if (keys.length !== ids.length || !ids.every((id) => Object.hasOwn(value, id)))
        return `expected points for ${ids.join(', ')}`;
      const points = ids.map((id) => value[id] as number);
      if (!points.every((p) => Number.isFinite(p) && p >= 0)) return 'points must be numbers of 0 or more';
      const total = points.reduce((s, p) => s + p, 0);
      return Math.abs(total - 100) < 1e-6 ? null : `the points add up to ${total}, not 100`;
    }
  }
}

function zodDetail(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'not a journal line';
  const path = issue.path.length > 0 ? `"${issue.path.join('.')}": ` : '';
  return `${path}${issue.message}`;
}

/**
 * Reads a journal's text against the questionnaire now in use: keeps every intact answer (the
 * latest per question) and lists each line it skips and why. A start line is expected first; when
 * it is damaged, the answers are still kept and the respondent and segments are asked again.
 * @example recoverJournal('{"type":"start",...}\n{"type":"answer","key":"item:T1:perception","value":5,"at":"..."}\n', q).answers // Map { 'item:T1:perception' => 5 }
 */
export function recoverJournal(text: string, q: Questionnaire): RecoveredJournal {
  const skipped: Skipped[] = [];
  const rawLines = text.split('\n');
  const lastIndex = rawLines.length - 1;
  const entries: { line: number; entry: JournalEntry }[] = [];
  let repair: RecoveredJournal['repair'] = null;
  rawLines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    // Text after the last line end was being written when the process died.
    const unterminated = index === lastIndex;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      if (unterminated) {
        skipped.push({ line, reason: { code: 'cut-off' } });
        repair = { keepChars: text.length - raw.length };
      } else {
        skipped.push({ line, reason: { code: 'not-json' } });
      }
      return;
    }
    const parsed = journalEntrySchema.safeParse(json);
    if (!parsed.success) {
      skipped.push({ line, reason: { code: 'invalid', detail: zodDetail(parsed.error) } });
      if (unterminated) repair = { keepChars: text.length - raw.length };
      return;
    }
    if (unterminated) repair = { addLineEnd: true };
    entries.push({ line, entry: parsed.data });
  });

  let start: JournalStart | null = null;
  for (const { line, entry } of entries) {
    if (entry.type !== 'start') continue;
    if (start) skipped.push({ line, reason: { code: 'second-start' } });
    else start = entry;
  }
  if (!start) skipped.push({ line: 0, reason: { code: 'no-start' } });
  const given: AuditGiven = {
    ...(start?.respondent !== undefined ? { respondent: start.respondent } : {}),
    segments: start?.segments ?? {},
  };
  const steps = new Map(auditSteps(q, given).map((step) => [step.key, step] as const));

  const answers = new Map<string, AnswerValue>();
  let completed: { line: number; at: string } | null = null;
  let lastAt = start?.startedAt ?? '';
  for (const { line, entry } of entries) {
    if (entry.type === 'answer') {
      const step = steps.get(entry.key);
      if (!step) {
        skipped.push({ line, reason: { code: 'unknown-question', key: entry.key } });
        continue;
      }
      const problem = checkAnswer(step, entry.value, q);
      if (problem) {
        skipped.push({ line, reason: { code: 'bad-value', key: entry.key, detail: problem } });
        continue;
      }
      answers.set(entry.key, entry.value);
      lastAt = entry.at;
    } else if (entry.type === 'complete') {
      completed = { line, at: entry.completedAt };
    }
  }
  const allSteps = [...steps.values()];
  let completedAt: string | null = null;
  if (completed) {
    if (firstUnanswered(allSteps, answers) < allSteps.length)
      skipped.push({ line: completed.line, reason: { code: 'early-complete' } });
    else completedAt = completed.at;
  }
  skipped.sort((a, b) => a.line - b.line);
  const changed =
    (start?.fingerprint !== undefined && start.fingerprint !== questionnaireFingerprint(q)) ||
    skipped.some((s) => s.reason.code === 'unknown-question');
  return { start, given, answers, completedAt, lastAt, skipped, questionnaireChanged: changed, repair };
}
