import { existsSync } from 'node:fs';
import type { Register } from '../cli.js';
import { CancelledError, UserError } from '../errors.js';
import { interview, type Prompter } from '../core/audit/interview.js';
import { auditMessages, type AuditMessages } from '../core/audit/messages.js';
import { auditHeader, auditRow, auditSteps, firstUnanswered, segmentColumns, type AnswerValue, type AuditGiven } from '../core/audit/steps.js';
import type { Questionnaire } from '../core/questionnaire/model.js';
import { scoreObjects } from '../core/scoring/score-table.js';
import { fill } from '../core/text/fill.js';
import { Journal, journalPath, readJournal, type SavedAudit } from '../io/audit-journal.js';
import { appendCsvRow, checkAppendable, readCsvTable } from '../io/csv-append.js';
import { promptYesNo, terminalPrompter } from '../io/prompts.js';
import { loadQuestionnaire } from '../io/read-questionnaire.js';
import { scoreFiles } from '../io/score-files.js';
import { checkWritableDirectory } from '../io/atomic-write.js';
import { renderTable } from '../render/table.js';
import { fixed } from '../render/format.js';
import { collect, type CommandContext } from './context.js';

interface AuditOptions {
  out: string;
  respondent?: string;
  segment: string[];
  repeat?: string;
}

function parseSegments(values: readonly string[]): Record<string, string> {
  const segments: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0) throw new UserError({ code: 'usage', message: `--segment ${value}: expected KEY=VALUE, e.g. --segment branch=North` });
    segments[value.slice(0, at).trim()] = value.slice(at + 1).trim();
  }
  return segments;
}

/** A compact listing of saved answers, one line per question, for the resume offer. */
function describeSaved(saved: SavedAudit, m: AuditMessages): string[] {
  const lines: string[] = [];
  for (const [key, value] of saved.answers) {
    const shown = value === null ? m.skipped : typeof value === 'object' ? Object.entries(value).map(([d, w]) => `${d} ${w}`).join(', ') : String(value);
    lines.push(`  ${key.replace(/^item:/, '').replace(/:/g, ' ')}: ${shown}`);
  }
  return lines;
}

interface Session {
  q: Questionnaire;
  m: AuditMessages;
  prompter: Prompter;
  confirm: (message: string, defaultValue: boolean) => Promise<boolean>;
  out: string;
  ctx: CommandContext;
  now: () => string;
}

/** Finishes a respondent whose answers are all journaled: the row goes into the CSV, then the journal goes. */
async function saveRespondent(s: Session, journal: Journal, given: AuditGiven, answers: Map<string, AnswerValue>, completedAt: string, alreadyMarked: boolean): Promise<Record<string, string>> {
  const row = auditRow(s.q, given, answers, completedAt);
  if (!alreadyMarked) journal.append({ type: 'complete', completedAt });
  const table = readCsvTable(s.out);
  const respondentColumn = s.q.columns.respondent;
  const present = table?.records.some((record) => {
    const idIndex = table.header.indexOf(respondentColumn);
    const atIndex = table.header.indexOf('completed_at');
    return record[idIndex] === row[respondentColumn] && record[atIndex] === completedAt;
  });
  if (!present) await appendCsvRow(s.out, auditHeader(s.q, segmentColumns(s.q, given.segments)), row);
  journal.remove();
  return row;
}

/** The journal left by an earlier run: finish it, resume it, or set it aside. */
async function takeOverJournal(s: Session): Promise<{ journal: Journal; saved: SavedAudit } | null> {
  const file = journalPath(s.out);
  const saved = readJournal(file);
  if (!saved) {
    if (existsSync(file)) Journal.reopen(file).setAside(`unreadable-${Date.now()}`);
    return null;
  }
  const journal = Journal.reopen(file);
  if (saved.answers.size === 0 && saved.completedAt === null) {
    // Stopped before the first answer: there is nothing to offer back.
    journal.remove();
    return null;
  }
  const given: AuditGiven = { ...(saved.start.respondent !== undefined ? { respondent: saved.start.respondent } : {}), segments: saved.start.segments };
  if (saved.completedAt !== null) {
    // The run stopped after the last answer but perhaps before the row was written: finish it.
    const row = await saveRespondent(s, journal, given, saved.answers, saved.completedAt, true);
    s.ctx.stdout.write(`${fill(s.m.saved, { respondent: row[s.q.columns.respondent] ?? '', file: s.out, rows: String(readCsvTable(s.out)?.records.length ?? 0) })}\n`);
    return null;
  }
  const respondent = saved.start.respondent ?? (typeof saved.answers.get('respondent') === 'string' ? String(saved.answers.get('respondent')) : '?');
  s.ctx.stdout.write(`${fill(s.m.resumeFound, { respondent, answered: String(saved.answers.size), at: saved.lastAt })}\n`);
  s.ctx.stdout.write(`${s.m.resumeSaved}\n${describeSaved(saved, s.m).join('\n')}\n`);
  if (await s.confirm(s.m.resumeAsk, true)) return { journal, saved };
  const aside = journal.setAside(`discarded-${s.now().replace(/[:.]/g, '-')}`);
  s.ctx.stdout.write(`${fill(s.m.discarded, { file: aside })}\n`);
  return null;
}

async function auditOneRespondent(s: Session, requested: AuditGiven): Promise<void> {
  const resumed = await takeOverJournal(s);
  let given = requested;
  let answers = new Map<string, AnswerValue>();
  let journal: Journal;
  if (resumed) {
    given = { ...(resumed.saved.start.respondent !== undefined ? { respondent: resumed.saved.start.respondent } : {}), segments: resumed.saved.start.segments };
    answers = resumed.saved.answers;
    journal = resumed.journal;
  } else {
    journal = Journal.create(journalPath(s.out), {
      type: 'start',
      version: 1,
      questionnaire: s.q.title,
      ...(given.respondent !== undefined ? { respondent: given.respondent } : {}),
      segments: given.segments,
      startedAt: s.now(),
    });
  }
  const steps = auditSteps(s.q, given);
  const rows = readCsvTable(s.out)?.records.length ?? 0;
  await interview({
      steps,
      answers,
      start: firstUnanswered(steps, answers),
      questionnaire: s.q,
      messages: s.m,
      prompter: s.prompter,
      defaults: { respondent: `R${String(rows + 1).padStart(4, '0')}` },
      save: (key, value) => journal.append({ type: 'answer', key, value, at: s.now() }),
  });
  const row = await saveRespondent(s, journal, given, answers, s.now(), false);
  const total = readCsvTable(s.out)?.records.length ?? 0;
  s.ctx.stdout.write(`\n${fill(s.m.saved, { respondent: row[s.q.columns.respondent] ?? '', file: s.out, rows: String(total) })}\n\n`);
  const single = scoreObjects(s.q, [row]).result;
  // One respondent is always a small sample: the report says so in its n, not in a warning per dimension.
  if (single) s.ctx.stdout.write(renderTable({ ...single, warnings: [] }, { color: s.ctx.color }));
  try {
    // Totals are a courtesy: a bad cell in an older row must not stop the audit.
    const all = await scoreFiles(s.q, [s.out], { skipInvalid: true });
    s.ctx.stdout.write(`\n${fill(s.m.totals, { file: s.out, rows: String(all.respondents.total), overall: fixed(all.overall.weighted.mean), n: String(all.overall.weighted.n) })}\n`);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    s.ctx.stderr.write(`${fill(s.m.totalsFailed, { file: s.out, reason: error.diagnostics[0]?.message ?? error.message })}\n`);
  }
}

/** What Ctrl-C leaves behind: the answers kept in the journal, or only finished respondents. */
function pausedMessage(m: AuditMessages, out: string): string {
  const saved = readJournal(journalPath(out));
  if (saved && saved.answers.size > 0) return fill(m.cancelled, { answered: String(saved.answers.size), journal: journalPath(out) });
  return fill(m.stopped, { file: out });
}

/** Fails before the first question when the answers could not be saved at the end. */
async function checkOutput(q: Questionnaire, out: string, segments: Record<string, string>): Promise<void> {
  await checkWritableDirectory(out);
  checkAppendable(out, auditHeader(q, segmentColumns(q, segments)));
}

export const registerAudit: Register = (program, ctx) => {
  program
    .command('audit')
    .description('run an interactive audit in the terminal, saving every answer as it is given')
    .argument('<questionnaire>', 'questionnaire YAML')
    .requiredOption('-o, --out <responses.csv>', 'the responses file to append to (created when missing)')
    .option('-r, --respondent <id>', 'the respondent id (asked when not given)')
    .option('-s, --segment <key=value>', 'a segment value, e.g. branch=North (repeatable)', collect, [])
    .option('--repeat <n>', 'audit this many respondents, one after another')
    .addHelpText(
      'after',
      '\nExample:\n  $ servqual audit questionnaire.yaml --out responses.csv --segment branch=North\n\nEvery answer is saved at once in RESPONSES.csv.journal; after Ctrl-C or a crash, run the same\ncommand again to resume. Keys: the digits answer, s skips, b goes back, ←→ and Enter choose.',
    )
    .action(async (questionnaireFile: string, options: AuditOptions) => {
      if (!ctx.stdin.isTTY) {
        throw new UserError({
          code: 'no-terminal',
          message: 'servqual audit asks questions in an interactive terminal, and stdin is not one',
          hint: 'to score answers already in a file, use `servqual score QUESTIONNAIRE RESPONSES.csv`',
        });
      }
      const repeat = options.repeat === undefined ? undefined : Number(options.repeat);
      if (repeat !== undefined && !(Number.isInteger(repeat) && repeat > 0)) {
        throw new UserError({ code: 'usage', message: `--repeat ${options.repeat}: expected a whole number above 0` });
      }
      const q = await loadQuestionnaire(questionnaireFile);
      const segments = parseSegments(options.segment);
      await checkOutput(q, options.out, segments);
      const m = auditMessages(q.language);
      const session: Session = {
        q,
        m,
        prompter: terminalPrompter(m, ctx.color),
        confirm: (message, defaultValue) => promptYesNo(message, defaultValue, m.yesNo, ctx.color),
        out: options.out,
        ctx,
        now: () => new Date().toISOString(),
      };
      try {
        for (let count = 1; ; count++) {
          await auditOneRespondent(session, { ...(count === 1 && options.respondent !== undefined ? { respondent: options.respondent } : {}), segments });
          if (repeat !== undefined ? count >= repeat : !(await session.confirm(m.nextRespondent, true))) break;
        }
      } catch (error) {
        if (error instanceof CancelledError) throw new CancelledError(pausedMessage(m, options.out));
        throw error;
      }
    });
};
