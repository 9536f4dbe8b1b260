#!/usr/bin/env node
// Regenerates the shipped JSON Schemas in schema/ from their zod definitions (run after `npm run build`):
// the questionnaire, the saved result and the partial result. A test fails when a committed file is out of date.
import { writeFileSync } from 'node:fs';
import { questionnaireJsonSchema } from '../dist/core/questionnaire/schema.js';
import { partialJsonSchema } from '../dist/core/scoring/partial-schema.js';
import { resultJsonSchema } from '../dist/core/scoring/result-schema.js';

const schemas = {
  'questionnaire.schema.json': questionnaireJsonSchema(),
  'result.schema.json': resultJsonSchema(),
  'partial.schema.json': partialJsonSchema(),
};
for (const [name, schema] of Object.entries(schemas)) {
  const target = new URL(`../schema/${name}`, import.meta.url);
  writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${target.pathname}`);
}
