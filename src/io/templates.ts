import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readTextFile } from './read-text.js';

/** The folders the package ships, found from this file (src/io or dist/io) so it works installed or from a checkout. */
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const templatesDir = join(packageRoot, 'templates');
export const schemaFile = join(packageRoot, 'schema', 'questionnaire.schema.json');

export interface TemplateInfo {
  name: string;
  language: string;
  format: string;
  items: number;
  title: string;
  description: string;
  file: string;
}

const TEMPLATE_FILE = /^(?<name>[a-z0-9-]+)\.(?<language>[a-z]{2})\.yaml$/;

/** Every bundled template, sorted by name then language. */
export async function listTemplates(): Promise<TemplateInfo[]> {
  const files = readdirSync(templatesDir)
    .filter((f) => TEMPLATE_FILE.test(f))
    .sort();
  const templates: TemplateInfo[] = [];
  for (const fileName of files) {
    const match = TEMPLATE_FILE.exec(fileName)?.groups;
    const file = join(templatesDir, fileName);
    const doc = parse(await readTextFile(file)) as {
      title?: string;
      description?: string;
      format?: string;
      dimensions?: { items?: unknown[] }[];
    };
    templates.push({
      name: match?.name ?? fileName,
      language: match?.language ?? 'en',
      format: doc.format ?? '',
      items: (doc.dimensions ?? []).reduce((sum, d) => sum + (d.items?.length ?? 0), 0),
      title: doc.title ?? '',
      description: doc.description ?? '',
      file,
    });
  }
  return templates;
}
