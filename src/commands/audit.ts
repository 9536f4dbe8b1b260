import type { Register } from '../cli.js';
import { CancelledError, UserError } from '../errors.js';
import { interview, type Prompter } from '../core/audit/interview.js';
import { recoverJournal } from '../core/audit/journal.js';
import { auditMessages, type AuditMessages } from '../core/audit/messages.js';
import {
  asideSuffix,
  idsInJournals,
  offerChoices,
  onStop,
  pausedMessage,
  recoveryLines,
  singleOfferText,
  startEntry,
} from '../core/audit/recovery.js';
import { planResume, shownText, type JournalFound } from '../core/audit/resume.js';
import {
  auditHeader,
  auditRow,
  auditSteps,
  firstUnanswered,
  nextRespondentId,
  segmentColumns,
  type AnswerValue,
  type AuditGiven,
} from '../core/audit/steps.js';
import type { Questionnaire } from '../core/questionnaire/model.js';
import { scoreObjects } from '../core/scoring/score-table.js';
import { fill } from '../core/text/fill.js';
import { isClaimed, Journal, journalPath, listJournals, newInterviewId, readJournalText } from '../io/audit-journal.js';
import { appendCsvRow, checkAppendable, readColumn } from '../io/csv-append.js';
import { promptChoice, promptYesNo, terminalPrompter } from '../io/prompts.js';
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
  // No prototype: a column named __proto__ or constructor is a column like any other.
  const segments = Object.create(null) as Record<string, string>;
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0)
      throw new UserError({
        code: 'usage',
        message: `--segment ${value}: expected KEY=VALUE, e.g. --segment branch=North`,
      });
    segments[value.slice(0, at).trim()] = value.slice(at + 1).trim();
  }
  return segments;
}

interface Session {
  q: Questionnaire;
  m: AuditMessages;
  prompter: Prompter;
  confirm: (message: string, defaultValue: boolean) => Promise<boolean>;
  choose: (message: string, choices: { name: string; value: string }[]) => Promise<string>;
  out: string;
  ctx: CommandContext;
  now: () => string;
  /** The interview in progress, so that Ctrl-C can say where its answers are and let it go. */
  current: { journal: Journal; answers: Map<string, AnswerValue> } | null;
  /** The interrupted interviews on offer while the person decides, for the same reason. */
  offered: readonly Found[];
}

interface Found extends JournalFound {
  text: string;
}

/** Every journal beside the responses file, read and checked against the questionnaire. */
function gatherJournals(s: Session): Found[] {
  const found: Found[] = [];
  for (const file of listJournals(s.out)) {
    const live = isClaimed(file);
    const text = readJournalText(file);
    if (text === null) continue;
    found.push({ file, live, text, recovered: recoverJournal(text, s.q) });
  }
  return found;
}

/** The journal read again once claimed: another audit may have added to it since it was listed. */
function reread(s: Session, found: Found): Found {
  const text = readJournalText(found.file) ?? found.text;
  return text === found.text ? found : { ...found, text, recovered: recoverJournal(text, s.q) };
}

/** Says on stderr what could not be used of a journal, and whether the questionnaire changed. */
function reportRecovery(s: Session, found: Found): void {
  const lines = recoveryLines(found, s.m);
  if (lines.length > 0) s.ctx.stderr.write(`${lines.join('\n')}\n`);
}

/** The CSV header of one interview: its own segment columns (given when it began, or asked). */
function headerOf(s: Session, given: AuditGiven): string[] {
  return auditHeader(s.q, segmentColumns(s.q, given.segments));
}

/**
 * Finishes a respondent whose answers are all journaled: the completion mark, then the row (under
 * the responses file's lock; not written twice), then the journal goes.
 */
async function saveRespondent(
  s: Session,
  journal: Journal,
  given: AuditGiven,
  answers: ReadonlyMap<string, AnswerValue>,
  completedAt: string,
  alreadyMarked: boolean,
): Promise<{ row: Record<string, string>; rows: number }> {
  const row = auditRow(s.q, given, answers, completedAt);
  if (!alreadyMarked) journal.append({ type: 'complete', completedAt });
  const appended = await appendCsvRow(s.out, headerOf(s, given), row, [s.q.columns.respondent, 'completed_at']);
  if (appended.cutOff) s.ctx.stderr.write(`${fill(s.m.cutOffRow, { file: s.out, aside: appended.cutOff })}\n`);
  journal.remove();
  return { row, rows: appended.rows };
}

/** Claims one of the offered interviews: the person's choice, or null for a new respondent. */
async function chooseOffer(
  s: Session,
  offer: readonly Found[],
): Promise<{ found: Found; journal: Journal } | 'again' | null> {
  s.offered = offer;
  if (offer.length === 1) {
    const found = offer[0] as Found;
    s.ctx.stdout.write(singleOfferText(found, s.m));
    reportRecovery(s, found);
    const resume = await s.confirm(s.m.resumeAsk, true);
    const journal = Journal.claim(found.file);
    if (!journal) {
      s.ctx.stdout.write(`${s.m.takenMeanwhile}\n`);
      return 'again';
    }
    if (resume) return { found, journal };
    const aside = journal.setAside(asideSuffix('discarded', s.now()));
    s.ctx.stdout.write(`${fill(s.m.discarded, { file: aside })}\n`);
    return null;
  }
  const { message, choices } = offerChoices(offer, s.m);
  const picked = await s.choose(message, choices);
  if (picked === 'none') return null;
  const found = offer[Number(picked)] as Found;
  const journal = Journal.claim(found.file);
  if (!journal) {
    s.ctx.stdout.write(`${s.m.takenMeanwhile}\n`);
    return 'again';
  }
  reportRecovery(s, found);
  return { found, journal };
}

/**
 * The interviews left by earlier runs: rows whose answers were complete are written, empty journals
 * removed, unusable ones moved aside, and the interrupted ones offered for resuming (each claimed
 * atomically, so two audits never resume the same one). Interviews other running audits hold are
 * left alone.
 */
async function takeOverJournal(s: Session): Promise<{ journal: Journal; found: Found } | null> {
  for (;;) {
    const plan = planResume(gatherJournals(s));
    for (const listed of plan.finish as Found[]) {
      const journal = Journal.claim(listed.file);
      if (!journal) continue;
      const found = reread(s, listed);
      const { completedAt } = found.recovered;
      if (completedAt === null) {
        journal.release();
        continue;
      }
      reportRecovery(s, found);
      const { row, rows } = await saveRespondent(
        s,
        journal,
        found.recovered.given,
        found.recovered.answers,
        completedAt,
        true,
      );
      s.ctx.stdout.write(
        `${fill(s.m.saved, { respondent: shownText(row[s.q.columns.respondent] ?? ''), file: s.out, rows: String(rows) })}\n`,
      );
    }
    for (const found of plan.empty) Journal.claim(found.file)?.remove();
    for (const found of plan.unusable as Found[]) {
      const journal = Journal.claim(found.file);
      if (!journal) continue;
      reportRecovery(s, found);
      s.ctx.stderr.write(
        `${fill(s.m.unusable, { file: found.file, aside: journal.setAside(asideSuffix('damaged', s.now())) })}\n`,
      );
    }
    if (plan.offer.length === 0) return null;
    const chosen = await chooseOffer(s, plan.offer as Found[]);
    s.offered = [];
    if (chosen !== 'again') return chosen;
  }
}

async function auditOneRespondent(s: Session, requested: AuditGiven): Promise<void> {
  const resumed = await takeOverJournal(s);
  let given = requested;
  let answers = new Map<string, AnswerValue>();
  let journal: Journal;
  if (resumed) {
    const found = reread(s, resumed.found);
    given = found.recovered.given;
    answers = new Map(found.recovered.answers);
    journal = resumed.journal;
    // A line cut off by a crash is mended before the next answer is appended after it.
    journal.repair(found.text, found.recovered.repair);
  } else {
    const interviewId = newInterviewId();
    journal = Journal.create(journalPath(s.out, interviewId), startEntry(s.q, interviewId, given, s.now()));
  }
  s.current = { journal, answers };
  const steps = auditSteps(s.q, given);
  // Ids other auditors' interviews have (running or interrupted) are not offered as the default.
  const { rows: existing, values: used } = readColumn(s.out, s.q.columns.respondent);
  for (const id of idsInJournals(gatherJournals(s))) used.add(id);
  await interview({
    steps,
    answers,
    start: firstUnanswered(steps, answers),
    questionnaire: s.q,
    messages: s.m,
    prompter: s.prompter,
    defaults: { respondent: nextRespondentId(existing, used) },
    save: (key, value) => journal.append({ type: 'answer', key, value, at: s.now() }),
  });
  const { row, rows } = await saveRespondent(s, journal, given, answers, s.now(), false);
  s.current = null;
  s.ctx.stdout.write(
    `\n${fill(s.m.saved, { respondent: shownText(row[s.q.columns.respondent] ?? ''), file: s.out, rows: String(rows) })}\n\n`,
  );
  const single = scoreObjects(s.q, [row]).result;
  // One respondent is always a small sample: the report says so in its n, not in a warning per dimension.
  if (single) s.ctx.stdout.write(renderTable({ ...single, warnings: [] }, { color: s.ctx.color }));
  try {
    // Totals are a courtesy: a bad cell in an older row must not stop the audit.
    const all = await scoreFiles(s.q, [s.out], { skipInvalid: true });
    s.ctx.stdout.write(
      `\n${fill(s.m.totals, { file: s.out, rows: String(all.respondents.total), overall: fixed(all.overall.weighted.mean), n: String(all.overall.weighted.n) })}\n`,
    );
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    s.ctx.stderr.write(
      `${fill(s.m.totalsFailed, { file: s.out, reason: error.diagnostics[0]?.message ?? error.message })}\n`,
    );
  }
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
      '\nExample:\n  $ servqual audit questionnaire.yaml --out responses.csv --segment branch=North\n\nEvery answer is saved at once in a journal beside RESPONSES.csv, one per interview; after Ctrl-C or\na crash, run the same command again to resume. Several auditors may write to one RESPONSES.csv. Keys: the digits answer, s skips, b goes back, ←→ and Enter choose.',
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
        choose: (message, choices) => promptChoice(message, choices, ctx.color),
        now: () => new Date().toISOString(),
        current: null,
        offered: [],
      };
      try {
        for (let count = 1; ; count++) {
          await auditOneRespondent(session, {
            ...(count === 1 && options.respondent !== undefined ? { respondent: options.respondent } : {}),
            segments,
          });
          if (repeat !== undefined ? count >= repeat : !(await session.confirm(m.nextRespondent, true))) break;
        }
      } catch (error) {
        if (error instanceof CancelledError) {
          const { current, offered, out } = session;
          const at = current ? { journal: current.journal.file, answered: current.answers.size } : null;
          throw new CancelledError(pausedMessage({ current: at, offered, out }, m));
        }
        throw error;
      } finally {
        // Whatever stopped the audit, its interview can be resumed at once, here or elsewhere;
        // one stopped before its first answer holds nothing to resume.
        const current = session.current;
        if (current) {
          if (onStop(current.answers.size) === 'remove') current.journal.remove();
          else current.journal.release();
        }
      }
    });
};
