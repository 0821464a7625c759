// A byte changed inside a stored row passes SQLite's page checks; each issue's checksum finds it,
// at start and by `gazette verify`, and the issue is read again from its file, or named when the
// file is gone.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueCopy } from '../evals/corpora.js';
import { ensureDatabase, ingestCorpus } from '../ingest/ingest.js';
import { openGazette } from '../server/open-gazette.js';
import { damagedIssues, storeProblem } from '../store/health.js';
import { SEED_DIR, SEED_FILE } from './support/seed.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'gazette.js');
const fresh = () => mkdtempSync(join(tmpdir(), 'gazette-sum-'));
const FIGURE = '全市湿地面积不低于53.29万亩';

/** Changes the first stored 53.29 to 93.29, one byte in the file, as a bad disk or a stray write would. */
function damage(db: string): void {
  const bytes = readFileSync(db);
  const at = bytes.indexOf(Buffer.from('不低于53.29万亩')) + Buffer.byteLength('不低于');
  expect(at).toBeGreaterThan(0);
  bytes[at] = '9'.charCodeAt(0);
  writeFileSync(db, bytes);
}

const verified = (db: string) => {
  const { gazette, close } = openGazette({ dbPath: db }, { logError: () => undefined });
  try {
    return gazette.verifyQuote(FIGURE, null).length;
  } finally {
    close();
  }
};

describe('content checksums', () => {
  it('find a byte changed inside a row that both SQLite checks pass; gazette verify rebuilds that issue from its file', () => {
    const db = join(fresh(), 'gazette.db');
    ingestCorpus(SEED_DIR, db);
    damage(db);
    expect(storeProblem(db, true)).toBeNull();
    expect(damagedIssues(db)).toEqual(['zhongwei-gazette-2019-no04.txt']);
    const env = { ...process.env, GAZETTE_DB: db, GAZETTE_CORPUS_DIR: SEED_DIR };
    const run = spawnSync(process.execPath, [CLI, 'verify'], { env, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('1 damaged issue(s): zhongwei-gazette-2019-no04.txt');
    expect(run.stderr).toContain(
      `issue zhongwei-gazette-2019-no04.txt: its stored text or facts differ from what was ingested (checksum); rebuilt from ${join(SEED_DIR, 'zhongwei-gazette-2019-no04.txt')}`,
    );
    expect(readFileSync(db).includes(Buffer.from('93.29'))).toBe(false);
    expect(verified(db)).toBe(1);
    const again = spawnSync(process.execPath, [CLI, 'verify'], { env, encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('check out');
  });

  it('are checked at start: the damaged issue is read again, the others kept; one whose file is gone is named and removed', () => {
    const seed = readFileSync(SEED_FILE, 'utf8');
    const dir = fresh();
    for (const k of [0, 1]) writeFileSync(join(dir, `issue-${k}.txt`), issueCopy(seed, k));
    const db = join(fresh(), 'gazette.db');
    ingestCorpus(dir, db);
    const pristine = `${db}.pristine`;
    copyFileSync(db, pristine);

    damage(db);
    const repaired = ensureDatabase(dir, db);
    expect(repaired.damaged).toEqual(['issue-0.txt']);
    expect(repaired.summary!.issues.map((i) => i.source)).toEqual(['issue-0.txt']);
    expect(repaired.summary!.kept).toBe(1);
    expect(damagedIssues(db)).toEqual([]);
    expect(verified(db)).toBe(2);

    copyFileSync(pristine, db);
    damage(db);
    rmSync(join(dir, 'issue-0.txt'));
    const gone = ensureDatabase(dir, db);
    expect(gone.warnings.join('\n')).toContain(
      `issue issue-0.txt: its stored text or facts differ from what was ingested (checksum), and its source file is gone from ${dir}; removed from the store`,
    );
    expect(gone.summary!.removed).toEqual(['issue-0.txt']);
    expect(verified(db)).toBe(1);
  });
});
