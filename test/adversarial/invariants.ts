/**
 * What every adversarial case must hold, whatever its input: the done-means of issue 12.
 * Each function returns the broken rules as strings (empty when all hold), so one report lists them all.
 */

/** C0 controls other than tab, LF and CR; DEL; C1 controls; bidirectional overrides and isolates. */
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/** A GitHub workflow command at the start of a line. servqual's own: `::error title=servqual check ...::`. */
const WORKFLOW_COMMAND = /^::/;
const OWN_ANNOTATION = /^::error title=servqual check [^\r\n:,]*::[^\r\n]*$/;

/** The rules for text a person or a CI log reads: stdout, stderr, and report files. */
export function textProblems(where: string, text: string, kind: 'terminal' | 'json' | 'file'): string[] {
  const problems: string[] = [];
  const control = RAW_CONTROL.exec(text);
  if (control)
    problems.push(
      `${where}: raw control character U+${(control[0].codePointAt(0) as number).toString(16).padStart(4, '0')} near ${JSON.stringify(text.slice(Math.max(0, control.index - 20), control.index + 20))}`,
    );
  for (const word of ['undefined', '[object Object]', 'NaN']) {
    // Data may say these words only inside the strings it brought; the corpus never brings them.
    if (text.includes(word))
      problems.push(
        `${where}: "${word}" in the output near ${JSON.stringify(text.slice(Math.max(0, text.indexOf(word) - 40), text.indexOf(word) + 40))}`,
      );
  }
  if (/\n\s+at .+:\d+:\d+\)?\n/.test(text)) problems.push(`${where}: a stack trace`);
  if (kind === 'terminal') {
    for (const line of text.split('\n')) {
      if (WORKFLOW_COMMAND.test(line) && !OWN_ANNOTATION.test(line))
        problems.push(`${where}: a workflow command from data: ${JSON.stringify(line.slice(0, 80))}`);
    }
  }
  if (kind === 'json' && text.trim() !== '') {
    try {
      finiteNumbers(JSON.parse(text), '$', problems, where);
    } catch {
      problems.push(`${where}: not valid JSON`);
    }
  }
  return problems;
}

function finiteNumbers(value: unknown, path: string, problems: string[], where: string): void {
  if (typeof value === 'number' && !Number.isFinite(value)) problems.push(`${where}: ${path} is ${value}`);
  else if (Array.isArray(value))
    value.forEach((v, i) => {
      finiteNumbers(v, `${path}[${i}]`, problems, where);
    });
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) finiteNumbers(v, `${path}.${k}`, problems, where);
}

/** The exit code and the shape of stderr. */
export function exitProblems(code: number, stderr: string, allowed: readonly number[]): string[] {
  const problems: string[] = [];
  if (!allowed.includes(code)) problems.push(`exit ${code}, expected one of ${allowed.join(', ')}`);
  if (stderr.includes('internal error')) problems.push(`an internal error: ${stderr.slice(0, 300)}`);
  if (code === 2 && stderr.trim() === '') problems.push('exit 2 without a message');
  return problems;
}
