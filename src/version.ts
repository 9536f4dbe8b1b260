import { createRequire } from 'node:module';

/** The package's version, read from package.json (one directory above src/ and dist/). */
export const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
