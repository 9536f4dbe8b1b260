// One auditor in the concurrency test: for each "go" line on stdin it runs one interview through
// the built journal and append layer (its own journal, a few answers, the completion mark, the row
// under the responses file's lock, the journal removed) and answers with one JSON line.
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { appendCsvRow } from '../../../dist/io/csv-append.js';
import { Journal, journalPath, newInterviewId } from '../../../dist/io/audit-journal.js';

const [out, worker] = process.argv.slice(2);
const header = ['respondent', 'T1_E', 'T1_P', 'comment', 'completed_at'];

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const round = Number(line);
  const id = `W${worker}-R${round}`;
  const interview = newInterviewId();
  const journal = Journal.create(journalPath(out, interview), {
    type: 'start',
    version: 1,
    interview,
    questionnaire: 'T',
    respondent: id,
    segments: {},
    startedAt: 't',
  });
  const answers = [
    ['item:T1:expectation', (Number(worker) % 7) + 1],
    ['item:T1:perception', (round % 7) + 1],
    ['comment', `from ${id},\n"quoted"`],
  ];
  for (const [key, value] of answers) journal.append({ type: 'answer', key, value, at: id });
  const completedAt = new Date().toISOString();
  journal.append({ type: 'complete', completedAt });
  // The journal holds this interview's lines only, whatever the others wrote meanwhile.
  const own = readFileSync(journal.file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const mixed =
    own.some((entry) =>
      entry.type === 'start' ? entry.respondent !== id : entry.type === 'answer' ? entry.at !== id : false,
    ) || own.length !== answers.length + 2;
  const row = {
    respondent: id,
    T1_E: String(answers[0][1]),
    T1_P: String(answers[1][1]),
    comment: answers[2][1],
    completed_at: completedAt,
  };
  const appended = await appendCsvRow(out, header, row, ['respondent', 'completed_at']);
  journal.remove();
  process.stdout.write(`${JSON.stringify({ round, id, mixed, written: appended.written })}\n`);
}
