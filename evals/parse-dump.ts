// Everything the parser and the store make of the test inputs, dumped to one file each, so a change
// meant to leave output alone (a speed-up) can be proven to: dump before and after, then `diff -r`.
// Inputs: the bundled issue, every fixture PDF (read as ingest reads it) and every extractor's text
// of it; and a store built from the bundled issue and one fixture PDF, every table's rows in order
// (meta's build time and the like aside).
//
//   npm run build && node dist/evals/parse-dump.js OUT_DIR [--no-store]
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { parseIssue, parseLayout } from '../corpus/issue.js';
import { projectRoot } from '../corpus/paths.js';
import { decodeIssue, ingestCorpus } from '../ingest/ingest.js';
import { readPdf } from '../ingest/pdf.js';
import { FIXTURE_DIR } from './extractors.js';

/** A parse's result, or the error it threw (a refusal is output too). */
function parsed(parse: () => unknown): unknown {
  try {
    return parse();
  } catch (err) {
    return { threw: (err as Error).message };
  }
}

/** JSON with Sets and Maps kept (as arrays), one key order: the object's own. */
function dump(value: unknown): string {
  return JSON.stringify(value, (_, v) => (v instanceof Set ? { set: [...v] } : v instanceof Map ? { map: [...v] } : v), 1);
}

const out = process.argv[2];
if (!out) throw new Error('usage: node dist/evals/parse-dump.js OUT_DIR [--no-store]');
mkdirSync(out, { recursive: true });
const write = (name: string, text: string) => writeFileSync(join(out, name), text);

const seed = join(projectRoot(), 'seeds', 'zhongwei-gazette-2019-no04.txt');
write('seed.json', dump(parseIssue(readFileSync(seed, 'utf8'), 'zhongwei-gazette-2019-no04.txt')));
for (const name of readdirSync(FIXTURE_DIR).sort()) {
  const path = join(FIXTURE_DIR, name);
  if (name.endsWith('.pdf')) {
    const pdf = readPdf(path);
    write(`${name}.json`, dump('error' in pdf ? pdf : parsed(() => parseLayout(pdf.layout, name))));
  } else if (/\.txt(\.gz)?$/.test(name)) {
    const bytes = readFileSync(path);
    const decoded = decodeIssue(name.endsWith('.gz') ? gunzipSync(bytes) : bytes);
    write(`${name}.json`, dump('error' in decoded ? decoded : parsed(() => parseIssue(decoded.text, name.replace(/\.gz$/, '')))));
  }
}

if (!process.argv.includes('--no-store')) {
  const dir = mkdtempSync(join(tmpdir(), 'parse-dump-'));
  try {
    mkdirSync(join(dir, 'corpus'));
    copyFileSync(seed, join(dir, 'corpus', 'zhongwei-gazette-2019-no04.txt'));
    copyFileSync(join(FIXTURE_DIR, 'table-a4.pdf'), join(dir, 'corpus', 'table-a4.pdf'));
    const db = join(dir, 'gazette.db');
    ingestCorpus(join(dir, 'corpus'), db);
    if (!existsSync(db)) throw new Error('ingest wrote no store');
    const sqlite = new Database(db, { readonly: true });
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    const lines: string[] = [];
    for (const { name } of tables) {
      // Rows in their stored order; WITHOUT ROWID tables by their key, the order SELECT * gives.
      for (const row of sqlite.prepare(`SELECT * FROM "${name}"`).raw().iterate() as Iterable<unknown[]>) {
        if (name === 'meta' && /time|ms|at$|_dir$/i.test(String(row[0]))) continue;
        lines.push(`${name}\t${JSON.stringify(row, (_, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v))}`);
      }
    }
    sqlite.close();
    write('store.tsv', `${lines.join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
