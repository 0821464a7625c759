// Where the corpus and the database live: GAZETTE_CORPUS_DIR and GAZETTE_DB, else the bundled
// seeds/ and data/gazette.db in the checkout.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout this module runs from (works from the sources and from dist/). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the project root (package.json)');
    dir = up;
  }
  return dir;
}

export function corpusDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GAZETTE_CORPUS_DIR ? resolve(env.GAZETTE_CORPUS_DIR) : join(projectRoot(), 'seeds');
}

export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.GAZETTE_DB ? resolve(env.GAZETTE_DB) : join(projectRoot(), 'data', 'gazette.db');
}
