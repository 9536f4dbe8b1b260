import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixturesDir, makeTempDir, removeTempDir } from '../../helpers/run-cli.js';
import { closeAllSessions, startCli, tmuxAvailable, tmuxSkipReason, type TmuxSession } from '../../helpers/tmux.js';

/**
 * Shared pieces of the `servqual audit` end-to-end tests: the questionnaires under
 * test/fixtures/audit, what a respondent answers, the key presses that give those answers in the
 * terminal (always after waiting for the question they answer), and the CSV row they should produce.
 */

/** A safety net for a hung audit, never a measure of speed: a busy machine may take minutes. */
const AUDIT_TIMEOUT = 180_000;

/** `describe` that runs only when tmux is installed, and otherwise reports one skipped test saying why. */
export function describeWithTmux(name: string, body: () => void): void {
  if (!tmuxAvailable) {
    describe(name, () => {
      it.skip(tmuxSkipReason, () => {});
    });
    return;
  }
  describe(name, { timeout: AUDIT_TIMEOUT }, body);
}

/** A fresh temp dir per test; every tmux session is closed before the dir is removed, even on failure. */
export function useAuditDir(): () => string {
  let dir = '';
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(async () => {
    try {
      await closeAllSessions();
    } finally {
      removeTempDir(dir);
    }
  });
  return () => dir;
}

/** Copies test/fixtures/audit/<name> into dir as q.yaml (or `as`). */
export function copyQuestionnaire(name: string, dir: string, as = 'q.yaml'): string {
  copyFileSync(join(fixturesDir, 'audit', name), join(dir, as));
  return as;
}

export function startAudit(dir: string, args: string[]): TmuxSession {
  return startCli({ cwd: dir, args: ['audit', ...args] });
}

type Kind = 'expectation' | 'perception' | 'minimum' | 'desired';

/** What the audit says, as regular-expression sources, in each language. */
interface Words {
  respondent: string;
  item: string;
  of: string;
  kinds: Record<Kind, string>;
  kpi: string;
  kpiKinds: Record<string, string>;
  importance: string;
  remaining: string;
  comment: string;
  next: string;
  resume: string;
  saved: (id: string, file: string) => string;
}

const en: Words = {
  respondent: 'Respondent id',
  item: 'item',
  of: 'of',
  kinds: { expectation: 'Expectation', perception: 'Perception', minimum: 'Minimum acceptable', desired: 'Desired' },
  kpi: 'KPI',
  kpiKinds: { nps: 'Net Promoter Score', csat: 'Customer satisfaction \\(CSAT\\)', ces: 'Customer effort \\(CES\\)' },
  importance: 'Importance',
  remaining: 'remaining',
  comment: 'Comment \\(optional\\)',
  next: 'Audit the next respondent\\?',
  resume: 'Resume it\\?',
  saved: (id, file) => `Saved respondent ${escapeRegExp(id)} to ${escapeRegExp(file)} `,
};

const ru: Words = {
  respondent: 'Идентификатор респондента',
  item: 'вопрос',
  of: 'из',
  kinds: { expectation: 'Ожидание', perception: 'Восприятие', minimum: 'Минимально приемлемо', desired: 'Желаемо' },
  kpi: 'Показатель',
  kpiKinds: {
    nps: 'Индекс потребительской лояльности \\(NPS\\)',
    csat: 'Удовлетворённость \\(CSAT\\)',
    ces: 'Усилия клиента \\(CES\\)',
  },
  importance: 'Важность',
  remaining: 'осталось',
  comment: 'Комментарий \\(необязательно\\)',
  next: 'Опросить следующего респондента\\?',
  resume: 'Продолжить его\\?',
  saved: (id, file) => `Респондент ${escapeRegExp(id)} записан в ${escapeRegExp(file)} `,
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The parts of a questionnaire the audit asks about, read from its YAML. */
export interface Spec {
  words: Words;
  format: 'two-column' | 'three-column' | 'perceptions-only';
  kinds: Kind[];
  scale: { min: number; max: number };
  segments: string[];
  dimensions: { id: string; label: string }[];
  items: { id: string; dimension: string; label: string }[];
  weightsFromRespondents: boolean;
  kpis: { id: string; type: string; min: number; max: number }[];
}

interface RawQuestionnaire {
  language?: 'en' | 'ru';
  format: Spec['format'];
  scale: { min: number; max: number };
  segments?: string[];
  weights?: { source?: string };
  dimensions: { id: string; label?: string; items: { id: string }[] }[];
  kpis?: { id: string; type: string; scale?: { min: number; max: number } }[];
}

export function readSpec(name: string): Spec {
  const raw = parseYaml(readFileSync(join(fixturesDir, 'audit', name), 'utf8')) as RawQuestionnaire;
  const kinds: Kind[] =
    raw.format === 'two-column'
      ? ['expectation', 'perception']
      : raw.format === 'three-column'
        ? ['minimum', 'desired', 'perception']
        : ['perception'];
  const defaultKpiScale: Record<string, { min: number; max: number }> = {
    nps: { min: 0, max: 10 },
    csat: { min: 1, max: 5 },
    ces: { min: 1, max: 7 },
  };
  return {
    words: raw.language === 'ru' ? ru : en,
    format: raw.format,
    kinds,
    scale: raw.scale,
    segments: raw.segments ?? [],
    dimensions: raw.dimensions.map((d) => ({ id: d.id, label: d.label ?? d.id })),
    items: raw.dimensions.flatMap((d) =>
      d.items.map((item) => ({ id: item.id, dimension: d.id, label: d.label ?? d.id })),
    ),
    weightsFromRespondents: raw.weights?.source === 'respondents',
    kpis: (raw.kpis ?? []).map((k) => ({
      id: k.id,
      type: k.type,
      ...(k.scale ?? defaultKpiScale[k.type] ?? { min: 1, max: 5 }),
    })),
  };
}

/** An answer on a scale: a number typed as digits, null for skipped (s), or explicit keys giving a value. */
type ScaleAnswer = number | null | { keys: string[]; value: number };

export interface Respondent {
  /** The id to type; undefined accepts the offered default (then `defaultId` is what is saved). */
  id?: string;
  defaultId?: string;
  segments: Record<string, string>;
  /** Per item id, the answers in the format's order (E, P or MIN, DES, P). */
  items: Record<string, ScaleAnswer[]>;
  /** The importance allocation: points per dimension in questionnaire order, or a menu choice. */
  weights?: number[] | 'equal' | 'skip';
  kpis: Record<string, ScaleAnswer>;
  comment: string;
}

/** One question of the audit: what to wait for, and the keys that answer it. */
export interface Step {
  name: string;
  prompt: RegExp;
  keys: (s: TmuxSession) => void;
}

/** Keys that give `value` on a scale: its digits, then Enter when a longer point starts with them (10 on 0-10). */
function scaleKeys(answer: ScaleAnswer, min: number, max: number): string[] {
  if (answer === null) return ['s'];
  if (typeof answer === 'object') return answer.keys;
  const digits = String(answer);
  const points: string[] = [];
  for (let x = min; x <= max; x++) points.push(String(x));
  const longer = points.some((p) => p !== digits && p.startsWith(digits));
  return [...digits.split(''), ...(longer ? ['Enter'] : [])];
}

function scaleValue(answer: ScaleAnswer): string {
  if (answer === null) return '';
  return String(typeof answer === 'object' ? answer.value : answer);
}

/**
 * The last line of a scale question (its keys, "1-7 answer · ..."): requiring it means the whole
 * question, "previously: N" included, has been drawn before the test looks at it.
 */
const SCALE_END = '[\\s\\S]*\\n  -?\\d+--?\\d+ \\S';

/** The prompt of one answer of an item, e.g. "? Tangibles · item 2 of 6" then the statement, then "  Perception". */
export function itemPrompt(spec: Spec, itemId: string, kind: Kind): RegExp {
  const index = spec.items.findIndex((item) => item.id === itemId);
  const item = spec.items[index];
  if (!item) throw new Error(`no item ${itemId}`);
  const w = spec.words;
  return new RegExp(
    `^\\? ${escapeRegExp(item.label)} · ${w.item} ${index + 1} ${w.of} ${spec.items.length}\\n.*\\n  ${w.kinds[kind]}(?=\\s|$)${SCALE_END}`,
  );
}

export function kpiPrompt(spec: Spec, kpiId: string): RegExp {
  const kpi = spec.kpis.find((k) => k.id === kpiId);
  if (!kpi) throw new Error(`no KPI ${kpiId}`);
  return new RegExp(
    `^\\? ${spec.words.kpi} · ${kpi.type.toUpperCase()}\\n.*\\n  ${spec.words.kpiKinds[kpi.type]}(?=\\s|$)${SCALE_END}`,
  );
}

export const respondentPrompt = (spec: Spec, defaultId?: string): RegExp =>
  new RegExp(`^\\? ${spec.words.respondent}${defaultId ? ` \\(${escapeRegExp(defaultId)}\\)` : ''}`);
export const segmentPrompt = (column: string): RegExp => new RegExp(`^\\? ${escapeRegExp(column)}(?=\\s|$)`);
export const importancePrompt = (spec: Spec): RegExp => new RegExp(`^\\? ${spec.words.importance}`);
export const allocationPrompt = (spec: Spec, label: string, remaining: number): RegExp =>
  new RegExp(`^\\? ${escapeRegExp(label)} \\(${spec.words.remaining} ${remaining}\\)`);
export const commentPrompt = (spec: Spec): RegExp => new RegExp(`^\\? ${spec.words.comment}`);
export const nextPrompt = (spec: Spec): RegExp => new RegExp(`^\\? ${spec.words.next}`);
export const resumePrompt = (spec: Spec): RegExp => new RegExp(`^\\? ${spec.words.resume}`);

/** Every question of one respondent's audit in order, with the keys that answer it. */
export function respondentSteps(
  spec: Spec,
  r: Respondent,
  given: { respondent?: boolean; segments?: string[] } = {},
): Step[] {
  const steps: Step[] = [];
  if (!given.respondent) {
    steps.push({
      name: 'respondent',
      prompt: respondentPrompt(spec, r.defaultId),
      keys: (s) => s.enter(r.id ?? ''),
    });
  }
  for (const column of spec.segments) {
    if (given.segments?.includes(column)) continue;
    steps.push({
      name: `segment ${column}`,
      prompt: segmentPrompt(column),
      keys: (s) => s.enter(r.segments[column] ?? ''),
    });
  }
  for (const item of spec.items) {
    spec.kinds.forEach((kind, k) => {
      const answer = r.items[item.id]?.[k];
      if (answer === undefined) throw new Error(`no ${kind} answer for ${item.id}`);
      steps.push({
        name: `${item.id} ${kind}`,
        prompt: itemPrompt(spec, item.id, kind),
        keys: (s) => s.send(...scaleKeys(answer, spec.scale.min, spec.scale.max)),
      });
    });
  }
  if (spec.weightsFromRespondents) {
    const weights = r.weights ?? 'skip';
    const choice = weights === 'equal' ? ['Down', 'Enter'] : weights === 'skip' ? ['Down', 'Down', 'Enter'] : ['Enter'];
    steps.push({ name: 'importance', prompt: importancePrompt(spec), keys: (s) => s.send(...choice) });
    if (Array.isArray(weights)) {
      let remaining = 100;
      spec.dimensions.forEach((d, i) => {
        const points = weights[i] as number;
        steps.push({
          name: `points ${d.id}`,
          prompt: allocationPrompt(spec, d.label, remaining),
          keys: (s) => s.enter(String(points)),
        });
        remaining -= points;
      });
    }
  }
  for (const kpi of spec.kpis) {
    const answer = r.kpis[kpi.id];
    if (answer === undefined) throw new Error(`no answer for KPI ${kpi.id}`);
    steps.push({
      name: `kpi ${kpi.id}`,
      prompt: kpiPrompt(spec, kpi.id),
      keys: (s) => s.send(...scaleKeys(answer, kpi.min, kpi.max)),
    });
  }
  steps.push({ name: 'comment', prompt: commentPrompt(spec), keys: (s) => s.enter(r.comment) });
  return steps;
}

/** Answers the steps one by one, each only once its question is on screen. */
export async function drive(s: TmuxSession, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    try {
      await s.waitForPrompt(step.prompt);
    } catch (error) {
      throw new Error(`at step "${step.name}": ${(error as Error).message}`);
    }
    step.keys(s);
  }
}

/** The CSV row (without completed_at) that a respondent's answers should produce. */
export function expectedRow(
  spec: Spec,
  r: Respondent,
  given: { respondent?: string; segments?: Record<string, string> } = {},
): Record<string, string> {
  const row: Record<string, string> = { respondent: given.respondent ?? r.id ?? r.defaultId ?? '' };
  for (const column of spec.segments) row[column] = given.segments?.[column] ?? r.segments[column] ?? '';
  for (const [column, value] of Object.entries(given.segments ?? {})) row[column] = value;
  const columnOf: Record<Kind, string> = { expectation: 'E', perception: 'P', minimum: 'MIN', desired: 'DES' };
  for (const item of spec.items) {
    spec.kinds.forEach((kind, k) => {
      row[`${item.id}_${columnOf[kind]}`] = scaleValue(r.items[item.id]?.[k] ?? null);
    });
  }
  if (spec.weightsFromRespondents) {
    const weights = r.weights ?? 'skip';
    spec.dimensions.forEach((d, i) => {
      row[`W_${d.id}`] =
        weights === 'skip' ? '' : weights === 'equal' ? String(100 / spec.dimensions.length) : String(weights[i]);
    });
  }
  for (const kpi of spec.kpis) row[kpi.id] = scaleValue(r.kpis[kpi.id] ?? null);
  row.comment = r.comment;
  return row;
}

/** The rows of a responses CSV as objects keyed by header. */
export function readRows(file: string): Record<string, string>[] {
  return parseCsv(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** Checks the CSV holds exactly these rows (in order), each with an ISO completed_at. */
export function expectRows(file: string, expected: Record<string, string>[]): void {
  const rows = readRows(file);
  expect(rows).toHaveLength(expected.length);
  rows.forEach((row, i) => {
    const { completed_at: completedAt, ...rest } = row;
    expect(rest).toEqual(expected[i]);
    expect(completedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });
}

/** The journals of `out` in dir: one per interview (`r.csv.<id>.journal`), or the older single `r.csv.journal`. */
export function journalFiles(dir: string, out = 'r.csv'): string[] {
  const own = new RegExp(`^${escapeRegExp(out)}\\.(?:[^.]+\\.)?journal$`);
  return readdirSync(dir)
    .filter((name) => own.test(name))
    .sort();
}

export function journalExists(dir: string, out = 'r.csv'): boolean {
  return journalFiles(dir, out).length > 0;
}

/** The answer lines of a journal file, as [key, value] in the order they were written. */
export function journalLines(file: string): [string, unknown][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { type: string; key?: string; value?: unknown })
    .filter((entry) => entry.type === 'answer')
    .map((entry) => [entry.key as string, entry.value]);
}

/** The answers in the one journal of `out` in dir. */
export function journalAnswers(dir: string, out = 'r.csv'): [string, unknown][] {
  const files = journalFiles(dir, out);
  if (files.length !== 1) throw new Error(`expected one journal of ${out}, found ${files.length}: ${files.join(', ')}`);
  return journalLines(join(dir, files[0] as string));
}
