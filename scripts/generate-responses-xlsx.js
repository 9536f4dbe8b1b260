#!/usr/bin/env node
// @ts-check
/**
 * The seeded responses of generate-responses.js written as an XLSX workbook (one sheet, numbers as
 * numbers, text as shared strings), with exceljs' streaming writer so that memory stays flat for
 * any number of rows. Used to measure reading a large workbook (docs/performance.md).
 *
 * Usage: node scripts/generate-responses-xlsx.js QUESTIONNAIRE.yaml --rows N --out FILE.xlsx [--seed S]
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { generateResponses } from './generate-responses.js';

/**
 * The fields of one line that generate-responses.js wrote (quoted fields may hold commas and doubled quotes).
 * @param {string} line
 * @returns {string[]}
 */
export function splitCsvLine(line) {
  /** @type {string[]} */
  const fields = [];
  let at = 0;
  for (;;) {
    if (line[at] === '"') {
      let text = '';
      at++;
      for (;;) {
        const end = line.indexOf('"', at);
        text += line.slice(at, end);
        at = end + 1;
        if (line[at] !== '"') break;
        text += '"';
        at++;
      }
      fields.push(text);
    } else {
      const end = line.indexOf(',', at);
      fields.push(line.slice(at, end === -1 ? undefined : end));
      at = end === -1 ? line.length : end;
    }
    if (line[at] !== ',') return fields;
    at++;
  }
}

/**
 * A cell as a spreadsheet holds it: a number where the text is one, else the text (blank: no cell).
 * @param {string} text
 * @returns {number | string | null}
 */
export function cellValue(text) {
  if (text === '') return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/**
 * Writes the generated rows to `file` as a workbook with one sheet named "responses".
 * @param {import('./generate-responses.js').GeneratorQuestionnaire} questionnaire
 * @param {import('./generate-responses.js').GenerateOptions} options
 * @param {string} file
 */
export async function writeResponsesXlsx(questionnaire, options, file) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet('responses');
  for (const line of generateResponses(questionnaire, options))
    sheet.addRow(splitCsvLine(line).map(cellValue)).commit();
  sheet.commit();
  await workbook.commit();
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { rows: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
  });
  const [questionnaireFile] = positionals;
  if (questionnaireFile === undefined || values.rows === undefined || values.out === undefined) {
    process.stderr.write(
      'Usage: node scripts/generate-responses-xlsx.js QUESTIONNAIRE.yaml --rows N --out FILE.xlsx [--seed S]\n',
    );
    process.exit(2);
  }
  const questionnaire = parse(readFileSync(questionnaireFile, 'utf8'));
  await writeResponsesXlsx(questionnaire, { rows: Number(values.rows), seed: values.seed ?? 1 }, values.out);
}

if (
  process.argv[1] !== undefined &&
  realpathSync(path.resolve(process.argv[1])) === realpathSync(fileURLToPath(import.meta.url))
) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
