import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeIssue, ensureDatabase, ingestCorpus, listCorpus } from '../ingest/ingest.js';
import { encodeGb18030 } from './support/gb18030.js';
import { writeDatabase } from '../store/writer.js';
import { SEED_FILE, seedIssue } from './support/seed.js';

function corpusWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gazette-corpus-'));
  copyFileSync(SEED_FILE, join(dir, 'issue-2019-04.txt'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const count = (db: string, sql: string) => (new Database(db, { readonly: true }).prepare(sql).get() as { n: number }).n;

describe('ingest into SQLite', () => {
  it('stores every notice, text, outline node and paragraph of the bundled issue', () => {
    const dir = corpusWith({});
    const db = join(dir, 'out', 'gazette.db');
    const summary = ingestCorpus(dir, db);
    expect(summary.failures).toEqual([]);
    expect(summary.written).toBe(true);
    expect(count(db, 'SELECT count(*) n FROM notices')).toBe(12);
    expect(count(db, "SELECT count(*) n FROM texts WHERE role = 'part'")).toBe(13);
    expect(count(db, "SELECT count(*) n FROM texts WHERE role = 'attachment'")).toBe(2);
    expect(count(db, "SELECT count(*) n FROM nodes WHERE locator = '第三十五条'")).toBe(1);
    const row = new Database(db, { readonly: true })
      .prepare(
        "SELECT n.text, n.page_from FROM nodes n JOIN texts t ON t.id = n.text_id WHERE t.title = '中卫市人民政府法律顾问管理办法' AND n.locator = '第三十五条'",
      )
      .get() as { text: string; page_from: number };
    expect(row).toEqual({
      text: '第三十五条 特邀法律顾问和法律助理违反法律法规受到行政刑事处罚，或者违反本办法第二十七条规定的，直接予以解聘。',
      page_from: 62,
    });
  });

  it('names and skips empty, binary, non-UTF-8 and non-gazette files, builds the rest, and the CLI exits non-zero', () => {
    const dir = corpusWith({
      'empty.txt': '',
      'binary.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff]),
      'novel.txt': '第一章 风起\n\n这是一部小说，不是政府公报。\n',
      'notes.md': 'ignored: not a .txt file',
    });
    const db = join(dir, 'gazette.db');
    const summary = ingestCorpus(dir, db);
    expect(summary.failures).toEqual([
      { file: 'binary.txt', reason: 'binary file (contains NUL bytes)' },
      { file: 'empty.txt', reason: 'empty file' },
      { file: 'latin1.txt', reason: 'not valid UTF-8, UTF-16 or GB18030 text (2 malformed UTF-8 sequence(s))' },
      { file: 'novel.txt', reason: 'not a gazette issue: no notice header (issuer, 关于…的通知, 文号) found' },
    ]);
    expect(count(db, 'SELECT count(*) n FROM notices')).toBe(12);
    expect(count(db, "SELECT count(*) n FROM report WHERE kind = 'skipped'")).toBe(4);

    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'cli/gazette.ts', 'ingest', dir, '--db', join(dir, 'cli.db')], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain('SKIPPED binary.txt: binary file (contains NUL bytes)');
    expect(cli.stdout).toContain('- 卫政规发〔2019〕1号  2019-05-08');
    expect(cli.stdout).toContain('[办法] 中卫市人民政府法律顾问管理办法: 8 章 39 条');
  });

  it('reads each file when it parses it: a file gone since the folder was listed is named and skipped', () => {
    const dir = corpusWith({ 'issue-2019-05.txt': readFileSync(SEED_FILE) });
    const files = listCorpus(dir);
    expect(files.map((f) => [f.name, f.sha256.length])).toEqual([
      ['issue-2019-04.txt', 64],
      ['issue-2019-05.txt', 64],
    ]);
    rmSync(join(dir, 'issue-2019-05.txt'));
    const summary = ingestCorpus(dir, join(dir, 'gazette.db'), files);
    expect(summary.failures).toHaveLength(1);
    expect(summary.failures[0].file).toBe('issue-2019-05.txt');
    expect(summary.failures[0].reason).toMatch(/^could not be read: ENOENT/);
    expect(summary.issues.map((i) => i.source)).toEqual(['issue-2019-04.txt']);
  });

  it('reads an issue saved as GB18030 or UTF-16 as its UTF-8 original, says so, and skips UTF-8 with a damaged byte', () => {
    const text = readFileSync(SEED_FILE, 'utf8');
    const damaged = Buffer.from(text);
    damaged[1000] = 0xff;
    const dir = mkdtempSync(join(tmpdir(), 'gazette-encodings-'));
    writeFileSync(join(dir, 'gb18030.txt'), encodeGb18030(text));
    writeFileSync(join(dir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(join(dir, 'damaged.txt'), damaged);
    expect(decodeIssue(readFileSync(join(dir, 'gb18030.txt')))).toEqual({ text, encoding: 'GB18030' });
    expect(decodeIssue(readFileSync(join(dir, 'utf16.txt')))).toEqual({ text, encoding: 'UTF-16LE' });
    const summary = ingestCorpus(dir, join(dir, 'gazette.db'));
    expect(summary.failures).toEqual([{ file: 'damaged.txt', reason: 'not valid UTF-8, UTF-16 or GB18030 text (2 malformed UTF-8 sequence(s))' }]);
    // The first copy is stored, the second reported as a reprint of the same 文号.
    expect(summary.issues.map((i) => [i.source, i.notices])).toEqual([
      ['gb18030.txt', 12],
      ['utf16.txt', 0],
    ]);
    expect(summary.issues[0].report.split('\n')[0]).toBe('# gb18030.txt — 《中卫市人民政府公报》 2019.NO.4: 12 件通知（按 GB18030 编码读入）');
  });

  it('leaves the last good database in place when nothing usable is left or writing fails', () => {
    const dir = corpusWith({});
    const db = join(dir, 'gazette.db');
    ingestCorpus(dir, db);
    const before = readFileSync(db);

    const badDir = mkdtempSync(join(tmpdir(), 'gazette-bad-'));
    writeFileSync(join(badDir, 'x.txt'), '');
    const summary = ingestCorpus(badDir, db);
    expect(summary.written).toBe(false);
    expect(readFileSync(db).equals(before)).toBe(true);

    // Two notices with one 文号 break the UNIQUE constraint half way through the write.
    const doc = seedIssue();
    const broken = { ...doc, notices: [doc.notices[0], doc.notices[0]] };
    expect(() => writeDatabase(db, [{ doc: broken, sha256: 'x' }], [], {})).toThrow(/UNIQUE/);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('rebuilds only when the corpus content changes', () => {
    const dir = corpusWith({});
    const db = join(dir, 'gazette.db');
    expect(ensureDatabase(dir, db).rebuilt).toBe(true);
    const built = statSync(db).mtimeMs;
    expect(ensureDatabase(dir, db).rebuilt).toBe(false);
    expect(statSync(db).mtimeMs).toBe(built);
    const renumbered = readFileSync(SEED_FILE, 'utf8').replace(/〔2019〕(\d+) 号/g, (_m, n: string) => `〔2020〕${n} 号`);
    writeFileSync(join(dir, 'issue-2020.txt'), renumbered);
    const again = ensureDatabase(dir, db);
    expect(again.rebuilt).toBe(true);
    expect(count(db, 'SELECT count(*) n FROM notices')).toBe(24);
  });
});
