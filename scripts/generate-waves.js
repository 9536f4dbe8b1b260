#!/usr/bin/env node
// @ts-check
/**
 * Writes examples/waves/q1.json, q2.json and q3.json: three quarterly waves of the bank-branch
 * questionnaire, 400 respondents each, scored by the built CLI (`servqual score --format json`).
 * The 1,200 respondents are drawn at once by scripts/generate-responses.js (seed 17), so every wave
 * comes from the same model (a seed also fixes the items' true levels); q1, q2 and q3 are its
 * thirds. In q3 responsiveness really drops: each responsiveness perception is one point lower
 * (clamped to 1) with probability 0.7. Reproducible: the same bytes on every run.
 *
 * Usage: npm run build && node scripts/generate-waves.js
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { generateResponses, mulberry32 } from './generate-responses.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const questionnaireFile = path.join(root, 'examples', 'bank-branch', 'questionnaire.yaml');
const outDir = path.join(root, 'examples', 'waves');
const SHIFTED = /^RS\d+_P$/;

const WAVE = 400;
const questionnaire = parse(readFileSync(questionnaireFile, 'utf8'));
// No comment column: its quoted texts are the only cells a plain split could not handle.
const [header = '', ...rows] = [...generateResponses(questionnaire, { rows: 3 * WAVE, seed: 17, comments: false })];

/** Wave `index` (0-based) as a CSV; with `shift`, responsiveness perceptions lowered as described above. */
function waveCsv(/** @type {number} */ index, /** @type {boolean} */ shift) {
  const lines = rows.slice(index * WAVE, (index + 1) * WAVE);
  if (!shift) return `${[header, ...lines].join('\n')}\n`;
  const random = mulberry32(index + 1);
  const columns = header.split(',').flatMap((name, i) => (SHIFTED.test(name) ? [i] : []));
  const out = [header];
  for (const line of lines) {
    const cells = line.split(',');
    for (const i of columns) {
      const cell = cells[i] ?? '';
      if (cell !== '' && random() < 0.7) cells[i] = String(Math.max(1, Number(cell) - 1));
    }
    out.push(cells.join(','));
  }
  return `${out.join('\n')}\n`;
}

const work = mkdtempSync(path.join(tmpdir(), 'servqual-waves-'));
try {
  mkdirSync(outDir, { recursive: true });
  for (const [index, name] of ['q1', 'q2', 'q3'].entries()) {
    const csv = path.join(work, `${name}.csv`);
    writeFileSync(csv, waveCsv(index, name === 'q3'));
    execFileSync(
      process.execPath,
      [
        path.join(root, 'bin', 'servqual.js'),
        'score',
        questionnaireFile,
        csv,
        '--format',
        'json',
        '--output',
        path.join(outDir, `${name}.json`),
        '--quiet',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
