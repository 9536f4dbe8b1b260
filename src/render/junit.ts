import type { Result } from '../core/scoring/result.js';
import { explainCheck, isCeiling, whyNotComputed } from '../core/check/thresholds.js';
import { terminalText } from '../core/text/safe-text.js';
import { targetAbout } from './view/checks.js';

/** Text made safe inside XML attributes and content: control and bidi characters escaped visibly, no workflow command (CI systems print these files), then markup. */
function xmlText(text: string): string {
  return (
    terminalText(text)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // Characters XML 1.0 cannot hold at all (none are left after `visible`; kept as the last guard).
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
  );
}

/**
 * The checks as JUnit XML: one test case per check, a failure for each one that did not pass with
 * a message naming value and threshold. Most CI systems show these as test results.
 * A test case's name is the bare target and threshold, so CI history keeps tracking it when a
 * statement is reworded; the target in words (item statement, dimension label) is a `description`
 * property of the test case and is in the failure message.
 */
export function renderJunit(result: Result): string {
  const checks = result.checks;
  const failures = checks.filter((c) => !c.passed).length;
  const suite = xmlText(`servqual check: ${result.questionnaire.title}`);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="servqual" tests="${checks.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="${suite}" tests="${checks.length}" failures="${failures}" errors="0" skipped="0">`,
  ];
  const aboutOf = targetAbout(result);
  const missing = whyNotComputed(result);
  for (const c of checks) {
    const name = xmlText(`${c.target} ${isCeiling(c.target) ? '<=' : '>='} ${c.threshold}`);
    const about = aboutOf(c.target);
    if (c.passed && about === undefined) {
      lines.push(`    <testcase classname="servqual.check" name="${name}"/>`);
      continue;
    }
    lines.push(`    <testcase classname="servqual.check" name="${name}">`);
    if (about !== undefined) {
      lines.push(`      <properties><property name="description" value="${xmlText(about)}"/></properties>`);
    }
    if (!c.passed) {
      const message = xmlText(explainCheck(c, about, c.value === null ? missing(c.target) : undefined));
      lines.push(`      <failure type="threshold" message="${message}">${message}</failure>`);
    }
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}
