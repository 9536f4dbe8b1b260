/**
 * Every string that comes from the result (title, labels, ids, actions, warnings, segment values)
 * reaches the HTML only escaped, in text and in attributes.
 */
import { describe, expect, it } from 'vitest';
import type { HTMLElement } from 'node-html-parser';
import { renderHtml } from '../../../src/render/html.js';
import { buildResult, dom, one } from './html-fixtures.js';

const XSS = '<script>alert(1)</script>';
const ATTR = '" onmouseover="x';
const AMP = '&amp;';
const HOSTILE_BRANCH = `${XSS}${ATTR}${AMP}`;

describe('renderHtml escaping', () => {
  const result = buildResult({
    format: 'two-column',
    title: `Audit ${XSS} ${ATTR} ${AMP}`,
    labels: { tangibles: `Tangibles ${XSS}`, reliability: `Reliability ${ATTR}`, empathy: `Empathy ${AMP}'` },
    itemRecommendations: { T1: [`Fix ${XSS}`], R1: [`Quote ${ATTR} ${AMP}`], E1: [`Amp ${AMP}`] },
    branches: ['north', HOSTILE_BRANCH, 'south'],
    n: 75,
    seed: 4,
  });
  const html = renderHtml(result, { generatedBy: `servqual ${XSS}` });
  const root = dom(html);

  it('has hostile strings in the result to escape', () => {
    const recommended = result.recommendations.map((r) => r.item);
    expect(recommended).toEqual(expect.arrayContaining(['T1', 'R1', 'E1']));
    expect(result.segments.map((s) => s.value)).toContain(HOSTILE_BRANCH);
    expect(result.warnings.some((w) => w.message.includes(HOSTILE_BRANCH))).toBe(true);
  });

  it('never lets them through raw', () => {
    expect(html).not.toContain(XSS);
    expect(html).not.toContain('onmouseover="');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot; onmouseover=&quot;x');
    // `&amp;` itself is escaped once more; no `&amp;` stands unescaped (a label clipped to fit a chart may end in `&amp;a…`).
    expect(html).toContain('&amp;amp;');
    expect(html).not.toMatch(/&amp;(?!amp;|a?m?p?…)/);
    expect(root.querySelectorAll('script')).toHaveLength(0);
    for (const el of root.querySelectorAll('*')) {
      expect(
        Object.keys(el.attributes).filter((name) => name.toLowerCase().startsWith('on')),
        el.tagName,
      ).toEqual([]);
    }
  });

  it('shows them, decoded, as plain text where they belong', () => {
    expect(one(root, 'h1').text).toBe(result.questionnaire.title);
    expect(one(root, 'head title').text).toBe(result.questionnaire.title);
    const dimensionNames = one(root, 'table[data-table="dimensions"]')
      .querySelectorAll('tbody th')
      .map((th) => th.text);
    expect(dimensionNames).toEqual(result.dimensions.map((d) => d.label));
    const actions = root.querySelectorAll('[data-col="actions"] li').map((li) => li.text);
    expect(actions).toEqual(expect.arrayContaining([`Fix ${XSS}`, `Quote ${ATTR} ${AMP}`, `Amp ${AMP}`]));
    const ipaLabels = one(root, 'svg[data-chart="ipa"]')
      .querySelectorAll('g.point title')
      .map((t) => t.text);
    for (const d of result.dimensions) expect(ipaLabels.some((t) => t.startsWith(`${d.label}:`))).toBe(true);
    const segmentRows = one(root, 'svg[data-chart="segments"]')
      .querySelectorAll('g.row-head title')
      .map((t) => t.text);
    expect(segmentRows.some((t) => t.startsWith(`branch=${HOSTILE_BRANCH} (n = `))).toBe(true);
    expect(root.querySelectorAll('#warnings li').map((li) => li.text)).toEqual(result.warnings.map((w) => w.message));
    expect(one(root, 'footer').text).toContain(`servqual ${XSS}`);
  });

  it('escapes attribute values: aria-labels and data attributes read back intact', () => {
    const points = one(root, 'svg[data-chart="ipa"]').querySelectorAll('g.point') as HTMLElement[];
    expect(points.map((p) => p.getAttribute('data-id'))).toEqual(result.dimensions.map((d) => d.id));
    const meta = root.querySelectorAll('meta').find((m) => m.getAttribute('name') === 'generator');
    expect(meta?.getAttribute('content')).toBe(`servqual ${XSS}`);
    for (const svg of root.querySelectorAll('svg'))
      expect(svg.getAttribute('aria-label')).not.toContain('<script>alert');
  });
});
