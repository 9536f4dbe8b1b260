#!/usr/bin/env node
// Regenerates schema/questionnaire.schema.json from the zod definition (run after `npm run build`).
// A test fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { questionnaireJsonSchema } from '../dist/core/questionnaire/schema.js';

const target = new URL('../schema/questionnaire.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(questionnaireJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
