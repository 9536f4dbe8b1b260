import { terminalText, visible } from '../text/safe-text.js';
import type { ProposedColumn } from './propose.js';
import type { SourceProposal } from './proposal.js';

/** A YAML scalar: plain when YAML reads it back as the same string, else double-quoted (JSON is valid YAML). */
export function yamlString(text: string): string {
  const plain =
    /^[\p{L}_][\p{L}\p{N} _.\-/()'’]*$/u.test(text) &&
    !/^(true|false|yes|no|on|off|null|y|n)$/i.test(text) &&
    !/[\s]$/.test(text) &&
    !/ #|: /.test(text);
  // JSON escapes C0; YAML also refuses raw C1 and shows bidi controls misleadingly: `visible` escapes
  // them as \xXX or \uXXXX, which a YAML double-quoted string reads back as the same characters.
  return plain ? text : visible(JSON.stringify(text));
}

/** A YAML comment: one line, so header text with line breaks cannot break out of the comment. */
const comment = (text: string) => terminalText(text.replace(/\s+/g, ' ').trim().slice(0, 100));

function entry(p: ProposedColumn): string {
  const t = p.target;
  const what =
    t.type === 'answer'
      ? `item: ${t.item}, kind: ${t.kind}`
      : t.type === 'weight'
        ? `weight: ${t.dimension}`
        : t.type === 'kpi'
          ? `kpi: ${t.kpi}`
          : `segment: ${yamlString(t.segment)}`;
  return `{ column: ${yamlString(p.column)}, ${what} }`;
}

/**
 * The proposal as a ready-to-paste YAML `source:` section, with comments on whatever needs a
 * person's eye: guesses, matches by position, unknown answer texts, answers nothing matched.
 */
export function renderSourceYaml(p: SourceProposal, file: string): string {
  const out: string[] = [];
  const how = p.detection ? `detected from ${comment(p.detection.reason)}` : 'as --source says';
  out.push(`# proposed by \`servqual map\` from ${comment(file)}: a ${p.platform.name} export (${how});`);
  out.push('# check the lines marked "check", then paste this section into the questionnaire');
  out.push('source:');
  out.push(`  platform: ${p.platform.id}`);
  if (p.respondent !== null) out.push(`  respondent: ${yamlString(p.respondent)}`);
  const long = p.long;
  if (long && (long.item !== 'item' || long.kind !== 'kind' || long.value !== 'value')) {
    out.push(
      `  long: { item: ${yamlString(long.item)}, kind: ${yamlString(long.kind)}, value: ${yamlString(long.value)} }`,
    );
  }
  const isLong = p.platform.layout === 'long';
  if (!isLong) {
    out.push('  columns:');
    if (p.columns.length === 0) out.push('    []');
    for (const c of p.columns) {
      if (c.certain) {
        const note = c.note === 'by position' ? '  # by position' : '';
        out.push(`    - ${entry(c)}${note}`);
      } else {
        out.push(`    - ${entry(c)}  # check: a guess (${c.score.toFixed(2)}) from "${comment(c.note)}"`);
      }
    }
    for (const what of p.unmatched)
      out.push(`    # no column found for ${what}: add { column: ..., item: ..., kind: ... }`);
  }
  if (p.labels.length > 0) {
    out.push(
      `  labels:${p.sampled > 0 ? `  # the text answers in the first ${p.sampled} ${isLong ? 'rows' : 'responses'}` : ''}`,
    );
    for (const label of p.labels) {
      const value = label.value === null ? '' : ` ${label.value}`;
      const line = `${yamlString(label.text)}:${value}`;
      out.push(
        label.value === null
          ? `    # ${comment(line)}  # ${label.note}`
          : `    ${line}${label.note === '' ? '' : `  # check: ${label.note}`}`,
      );
    }
    if (p.labels.every((l) => l.value === null)) out.push('    {}');
  }
  if (p.missing.length > 0)
    out.push(`  missing: [${p.missing.map(yamlString).join(', ')}]  # answers that count as missing (also built in)`);
  if (p.duration !== null)
    out.push(
      `  duration: ${yamlString(p.duration)}  # seconds; respondents under 2 s per answer (source.speederSeconds) are reported as speeders`,
    );
  if (p.filterNote !== null)
    out.push(`  # ${p.filterNote} (the default filter; write filter: [] to keep every response)`);
  return `${out.join('\n')}\n`;
}
