import { Document, isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import { visible } from '../../text/safe-text.js';
import { type Inference, YES_NO_REASON } from './infer.js';

/**
 * The inferred questionnaire as YAML text, built with the `yaml` library's Document API so that
 * every guess carries a `# guessed: ...` comment on its own line of the file (the reason in a few
 * words). Header text from the export goes into values, which the library quotes and escapes, and
 * into comments only as one line with control characters escaped.
 */

const DIMENSION_LABELS: Record<'en' | 'ru', Record<string, string>> = {
  en: {
    tangibles: 'Tangibles',
    reliability: 'Reliability',
    responsiveness: 'Responsiveness',
    assurance: 'Assurance',
    empathy: 'Empathy',
  },
  ru: {
    tangibles: 'Материальность',
    reliability: 'Надёжность',
    responsiveness: 'Отзывчивость',
    assurance: 'Убедительность',
    empathy: 'Эмпатия',
  },
};

/** Comment text: one line, control and bidi characters escaped, at most `n` characters. */
function commentText(text: string, n = 160): string {
  const one = visible(text.replace(/[\r\n\u2028\u2029]+/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

const guessed = (why: string) => ` guessed: ${commentText(why)}`;

function labelOf(id: string, language: 'en' | 'ru'): string {
  return DIMENSION_LABELS[language][id] ?? id.charAt(0).toUpperCase() + id.slice(1).replace(/[_-]+/g, ' ');
}

/** What `init --from` writes: the document text, without the schema modeline (the command adds it). */
export function renderInferredQuestionnaire(
  inference: Inference,
  file: string,
  command: string,
  sheet?: string,
): string {
  const { roles, scale, long } = inference;
  const itemsOf = (d: string) => inference.items.filter((i) => i.dimension === d);
  const kpis: Record<string, unknown>[] = long
    ? long.kpis.map((k) => ({ id: k.id, type: k.type, question: k.id, ...(k.scale ? { scale: k.scale } : {}) }))
    : roles.nps
      ? [{ id: 'nps', type: 'nps', question: roles.nps.column.sub || roles.nps.column.question || roles.nps.name }]
      : [];
  const kpiNotes = long ? long.kpis.map((k) => k.note) : [roles.nps?.note ?? ''];
  const segments = long ? long.segments.map((s) => s.id) : roles.segments.map((s) => s.segment);
  const columns: Record<string, unknown>[] = [];
  for (const s of roles.segments) columns.push({ column: s.name, segment: s.segment });
  if (!long)
    for (const item of inference.items)
      for (const [kind, name] of Object.entries(item.names)) columns.push({ column: name, item: item.id, kind });
  if (roles.nps) columns.push({ column: roles.nps.name, kpi: 'nps' });
  const labels: Record<string, number> = {};
  for (const l of inference.labels) if (l.value !== null) labels[l.text] = l.value;
  const source: Record<string, unknown> = { platform: inference.platform.id };
  if (roles.respondent) source.respondent = roles.respondent.name;
  if (long?.names.respondent) source.respondent = long.names.respondent;
  const longNames = long
    ? Object.fromEntries(
        (['item', 'kind', 'value'] as const).flatMap((k) => (long.names[k] ? [[k, long.names[k]]] : [])),
      )
    : {};
  if (Object.keys(longNames).length > 0) source.long = longNames;
  if (!long) source.columns = columns;
  if (Object.keys(labels).length > 0 || inference.labels.length > 0) source.labels = labels;
  if (inference.missing.length > 0) source.missing = inference.missing;
  if (roles.filters.length > 0) source.filter = roles.filters.map((f) => f.filter);
  // The sheet it was inferred from, so `score` reads that sheet without --sheet.
  if (sheet !== undefined) source.sheet = /^[1-9]\d*$/.test(sheet) ? Number(sheet) : sheet;
  if (roles.duration) source.duration = roles.duration.name;

  const body: Record<string, unknown> = {
    servqual: 1,
    title: `Service quality audit (${file.replace(/^.*[\\/]/, '')})`,
    language: inference.language,
    ...(inference.model === 'custom' ? { model: 'custom' } : {}),
    format: inference.format,
    scale: {
      min: scale.min,
      max: scale.max,
      ...(Object.keys(scale.labels).length > 0 ? { labels: scale.labels } : {}),
      ...(scale.best === 'low' ? { best: 'low' } : {}),
    },
    ...(long?.weights ? { weights: { source: 'respondents' } } : {}),
    ...(segments.length > 0 ? { segments } : {}),
    dimensions: inference.dimensions.map((d) => ({
      id: d,
      label: labelOf(d, inference.language),
      items: itemsOf(d).map((item) => ({ id: item.id, ...item.statements })),
    })),
    ...(kpis.length > 0 ? { kpis } : {}),
    // The first comment column found is declared, so `score` shows its comments (issue 15); the
    // others stay notes.
    ...(roles.comments[0] ? { columns: { comment: roles.comments[0].name } } : {}),
    source,
  };
  const doc = new Document(body);
  const at = (path: (string | number)[]) => doc.getIn(path, true) as Node | undefined;
  const note = (path: (string | number)[], text: string) => {
    const node = at(path);
    if (node) node.commentBefore = text;
  };
  const flow = (path: (string | number)[]) => {
    const node = at(path);
    if (node && (isMap(node) || isSeq(node))) node.flow = true;
  };

  const detected = inference.detection
    ? `detected: a ${inference.platform.name} export (${inference.detection.reason})`
    : `a ${inference.platform.name} export, as --source says`;
  doc.commentBefore = [
    ` written by \`${commentText(command, 200)}\` from the first ${inference.sampled} responses.`,
    ' Every line marked "guessed" is a guess: check it, then `servqual validate` and `servqual score`.',
  ].join('\n');
  note(['language'], guessed('the script of the headers'));
  if (inference.model === 'custom') note(['model'], ' the dimensions --items names are not the five of SERVQUAL');
  note(['format'], guessed(inference.shape));
  note(['scale'], guessed(scale.note));
  flow(['scale']);
  inference.dimensions.forEach((d, di) => {
    itemsOf(d).forEach((item, ii) => {
      note(['dimensions', di, 'items', ii], guessed(`${item.dimension} from ${item.placement.because}`));
    });
  });
  if (segments.length > 0) {
    const why = long
      ? long.segments.map((s) => `"${s.id}" (${s.note})`)
      : roles.segments.map((s) => `"${s.name}" (${s.note})`);
    note(['segments'], guessed(why.join('; ')));
    flow(['segments']);
  }
  if (long?.weights)
    note(['weights'], " weight rows give each respondent's importance allocation (equal weights when blank)");
  kpis.forEach((_, i) => {
    note(['kpis', i], guessed(kpiNotes[i] ?? ''));
    flow(['kpis', i]);
  });
  if (long && inference.items.length > 0)
    note(
      ['dimensions', 0, 'items', 0],
      ` FILL IN: a long-format file names its items but not their wording: each statement is the item id\n${guessed(`${inference.items[0]?.dimension} from ${inference.items[0]?.placement.because}`)}`,
    );
  note(['source', 'platform'], ` ${detected}`);
  if (roles.respondent) note(['source', 'respondent'], guessed(roles.respondent.note));
  columns.forEach((_, i) => {
    flow(['source', 'columns', i]);
  });
  if (long) note(['source', 'platform'], ` ${detected}; ${commentText(inference.shape)}`);
  else note(['source', 'columns'], guessed(`which column is which answer: ${inference.shape}`));
  if (source.labels) {
    const unknown = inference.labels.filter((l) => l.value === null);
    const known = inference.labels.filter((l) => l.value !== null);
    const lines: string[] = [];
    if (known.length > 0)
      lines.push(guessed(`the text answers seen, numbered by ${[...new Set(known.map((l) => l.note))].join(', ')}`));
    if (unknown.length > 0) {
      lines.push(
        ' FILL IN: answers no built-in label set knows; give each its number here (or list it under missing):',
      );
      for (const l of unknown) lines.push(`   ${commentText(JSON.stringify(l.text), 100)}: ?`);
    }
    note(['source', 'labels'], lines.join('\n'));
  }
  if (inference.missing.length > 0) {
    note(['source', 'missing'], ' answers that mean "no answer", as seen (these are built in too)');
    flow(['source', 'missing']);
  }
  if (roles.filters.length > 0) {
    note(
      ['source', 'filter'],
      guessed(`the ${inference.platform.name} default: ${roles.filters.map((f) => f.note).join('; ')}`),
    );
    const filters = at(['source', 'filter']);
    if (isSeq(filters))
      filters.items.forEach((_, i) => {
        flow(['source', 'filter', i]);
      });
  }
  if (roles.duration)
    note(['source', 'duration'], guessed(`${roles.duration.note}; speeders are reported, not dropped`));

  const trailing: string[] = [];
  roles.comments.forEach((c, i) => {
    const shown = i === 0 ? 'its comments are shown in the HTML report (columns.comment)' : 'read it beside the report';
    trailing.push(` comment column "${commentText(c.name, 80)}" (${c.note}): not scored; ${shown}`);
  });
  for (const o of roles.outcomes) trailing.push(` not an item: "${commentText(o.name, 80)}" (${o.note})`);
  for (const line of inference.notScored) trailing.push(` not scored: ${commentText(line, 140)}`);
  if (inference.notScored.some((line) => line.endsWith(`: ${YES_NO_REASON}`)))
    trailing.push(
      ' to score a yes/no column, add it as an item with its own scale: { min: 0, max: 1 } (No 0 and Yes 1, Нет 0 and Да 1, are built in)',
    );
  if (trailing.length > 0) {
    const src = doc.get('source', true) as YAMLMap | undefined;
    if (src) src.comment = trailing.join('\n');
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}
