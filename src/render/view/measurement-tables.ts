import { fixed, pValue } from '../format.js';
import type { Judged, MeasurementView } from './measurement.js';

/**
 * The measurement-quality tables defined once, as text cells, for every renderer that lays out
 * tables (Markdown, HTML, XLSX): each cell's text and whether it fails its threshold, so the HTML
 * marks it and the workbook can keep the number. A new figure is one column here.
 */
interface QualityCell {
  text: string;
  /** The number behind the text, for a workbook; null for text cells and missing figures. */
  value: number | null;
  /** True when the figure fails its usual threshold. */
  fails: boolean;
}

export interface QualityTable {
  /** Names the table (HTML's data-table, the workbook's sheet section). */
  key: 'reliability' | 'fit' | 'htmt' | 'drivers';
  title: string;
  header: string[];
  /** Which columns hold numbers (right-aligned). */
  numeric: boolean[];
  rows: QualityCell[][];
}

const text = (t: string): QualityCell => ({ text: t, value: null, fails: false });
const number = (value: number | null, digits = 2): QualityCell => ({ text: fixed(value, digits), value, fails: false });
const judged = (j: Judged, digits = 2): QualityCell => ({
  text: fixed(j.value, digits),
  value: j.value,
  fails: j.ok === false,
});
const range = (ci: readonly [number, number] | null, digits = 2): QualityCell =>
  text(ci ? `${fixed(ci[0], digits)}–${fixed(ci[1], digits)}` : '–');

export function qualityTables(view: MeasurementView): QualityTable[] {
  const l = view.labels;
  const tables: QualityTable[] = [];
  if (view.reliability.some((r) => r.omega.value !== null || r.alphaStd !== null || r.alpha !== null)) {
    // The gap's reliability beside α of P alone, when the result has them (not perceptions-only, not older results).
    const gap = view.reliability.some((r) => r.gap !== null);
    tables.push({
      key: 'reliability',
      title: l.reliability,
      header: ['', l.alpha, l.alphaStd, l.alphaCi, l.omega, l.ave, ...(gap ? [l.gapReliability, l.alphaP] : [])],
      numeric: [false, true, true, true, true, true, ...(gap ? [true, true] : [])],
      rows: view.reliability.map((r) => [
        text(r.label),
        number(r.alpha),
        number(r.alphaStd),
        range(r.alphaCi),
        judged(r.omega),
        judged(r.ave),
        ...(gap ? [number(r.gap?.reliability ?? null), number(r.gap?.alphaP ?? null)] : []),
      ]),
    });
  }
  if (view.fits.length > 0) {
    tables.push({
      key: 'fit',
      title: l.structure,
      header: [l.model, l.chisq, l.df, 'p', l.cfi, l.tli, l.rmsea, l.rmseaCi, l.srmr],
      numeric: [false, true, true, true, true, true, true, true, true],
      rows: view.fits.map((f) => [
        text(f.label),
        number(f.chisq, 1),
        number(f.df, 0),
        { text: pValue(f.p), value: f.p, fails: false },
        judged(f.cfi, 3),
        number(f.tli, 3),
        judged(f.rmsea, 3),
        range(f.rmseaCi, 3),
        judged(f.srmr, 3),
      ]),
    });
  }
  if (view.htmt.length > 0) {
    // Fornell-Larcker columns only when the result has them (older results: HTMT alone).
    const fl = view.htmt.some((h) => h.correlation !== null);
    tables.push({
      key: 'htmt',
      title: l.discriminant,
      header: [l.pair, l.htmt, ...(fl ? [l.factorR, l.fornellLarcker] : [])],
      numeric: [false, true, ...(fl ? [true, false] : [])],
      rows: view.htmt.map((h) => [
        text(h.pair),
        judged(h.value),
        ...(fl
          ? [
              number(h.correlation),
              {
                text: h.fornellLarcker === null ? '–' : h.fornellLarcker ? l.holds : l.failsFl,
                value: null,
                fails: h.fornellLarcker === false,
              },
            ]
          : []),
      ]),
    });
  }
  if (view.drivers) {
    tables.push({
      key: 'drivers',
      title: l.drivers,
      header: ['', l.stated, l.derived, l.r, l.beta, l.weight],
      numeric: [false, true, true, true, true, true],
      rows: view.drivers.rows.map((d) => [
        text(d.label),
        number(d.stated),
        { ...number(d.derived), fails: d.disagree },
        number(d.r),
        number(d.beta),
        number(d.weight, 3),
      ]),
    });
  }
  return tables;
}
