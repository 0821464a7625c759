// The gazette read from its PDF: for every fixture PDF (the bundled issue and a made-up one,
// typeset by Chromium and LibreOffice in one and two columns, A4 and A5, TrueType and Type 3
// fonts: evals/pdf-fixtures.ts), PDF ingest gives exactly the facts text ingest of the same issue
// gives, and cites the PDF's own pages. Faults in a PDF cost that file only, with a clear reason.
import { readFileSync, writeFileSync, mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { allUnplaced, parseIssue, parseLayout } from '../corpus/issue.js';
import type { BuiltText } from '../corpus/outline.js';
import { readPdfLayout, type PdfPage } from '../corpus/pdf-layout.js';
import { matchKey } from '../domain/text.js';
import { fixtureSource } from '../evals/extractors.js';
import { issueFacts } from '../evals/facts.js';
import { ingestCorpus, listCorpus } from '../ingest/ingest.js';
import { readPdf } from '../ingest/pdf.js';
import { SqliteGazette } from '../store/sqlite-gazette.js';
import { SEED_FILE } from './support/seed.js';
import { PDF_FIXTURES } from './support/pdf-fixtures.js';

const FAULTS = join(import.meta.dirname, 'fixtures', 'pdf-faults');

describe.each(PDF_FIXTURES.map((f) => [f.name, f] as const))('PDF %s', (_name, fixture) => {
  const read = readPdf(fixture.pdf);
  if ('error' in read) throw new Error(read.error);
  const issue = parseLayout(read.layout, `${fixture.name}.pdf`);

  it('gives the facts text ingest of the same issue gives, fact for fact, with nothing unplaced', () => {
    expect(issueFacts(issue)).toEqual(issueFacts(parseIssue(fixtureSource(fixture), 'source.txt')));
    expect(allUnplaced(issue)).toEqual([]);
  });

  it('cites the PDF’s own pages: each task names the page its item starts on, each notice the page its header starts on', () => {
    // The pages as poppler prints them (form feeds between pages): a reading no code of ours made.
    const pages = gunzipSync(readFileSync(fixture.pdf.replace(/\.pdf$/, '.pdftotext.txt.gz')))
      .toString('utf8')
      .split('\f')
      .map(matchKey);
    expect(read.pageCount).toBe(pages.filter((p, k) => k < pages.length - 1 || p).length);
    const texts = (t: BuiltText): BuiltText[] => [t, ...t.attachments.flatMap(texts)];
    const paragraphs = issue.notices.flatMap((n) =>
      [n.body, ...n.parts].flatMap(texts).flatMap((t) => t.paragraphs.map((p) => ({ ...p, key: `${n.docNumber} ${p.locator}` }))),
    );
    const tasks = issue.notices.flatMap((n) => n.tasks.map((t) => ({ ...t, key: `${n.docNumber} ${t.locator}` })));
    expect(tasks.length).toBeGreaterThan(0);
    // A table row's 序号 may stand apart from its cells (a table printed column by column): its words are what is looked for.
    // A row read into cells opens with its 序号 and its first column's name (序号：2；文件名称、文号：…): its first cell's words are looked for.
    const start = (text: string) =>
      matchKey(text.replace(/^序号[：:][^；]*；(?:[^：；]{1,20}：)?/, '').replace(/^(?:\s*\d+(?:\s*[-－]\s*\d+)?\s+)+/, '')).slice(0, 6);
    // An item that starts at a page's foot runs on over the break, with the footer and the next header between: its first words are on its page.
    const startsOn = (text: string, page: number) => [start(text), matchKey(text)].some((s) => (pages[page - 1] ?? '').includes(s.slice(0, 2)));
    // Rows printed together (序号24-26, a table flattened column by column) are one item.
    const holds = (item: string, task: string) => {
      const range = /^(.*序号)(\d+)-(\d+)$/.exec(item);
      const row = /^(.*序号)(\d+)$/.exec(task);
      return item === task || (!!range && !!row && range[1] === row[1] && +range[2] <= +row[2] && +row[2] <= +range[3]);
    };
    // A merged first cell (工作任务) is repeated in each row it spans: a row whose first cell is the row before's
    // opens, on its page, with its second cell.
    const cells = (text: string) => text.split('；').map((c) => c.replace(/^[^：；]{1,20}：/, ''));
    const opening = (k: number) => {
      const p = paragraphs[k];
      const before = paragraphs[k - 1];
      const own = cells(p.text);
      return before && /^序号[：:]/.test(p.text) && own.length > 2 && own[1] === cells(before.text)[1] ? own.slice(2).join('；') : p.text;
    };
    const misplaced = tasks.filter((t) => !paragraphs.some((p, k) => holds(p.key, t.key) && p.pageFrom === t.page && startsOn(opening(k), t.page!)));
    expect(misplaced.map((t) => `${t.key} p.${t.page}`)).toEqual([]);
    // A notice's page is where its header starts: its issuer there, its 文号 there or, past a page break, on the next.
    for (const n of issue.notices) {
      expect(pages[n.page! - 1]).toContain(matchKey(n.issuer).slice(0, 4));
      expect(`${pages[n.page! - 1]}${pages[n.page] ?? ''}`).toContain(matchKey(n.docNumber));
    }
  });
});

describe('faults in a PDF', () => {
  const reason = (path: string) => {
    const r = readPdf(path);
    return 'error' in r ? r.error : null;
  };

  it('reads a clean one-notice PDF: its task, lead unit and deadline', () => {
    const read = readPdf(join(FAULTS, 'small.pdf'));
    if ('error' in read) throw new Error(read.error);
    const issue = parseLayout(read.layout, 'small.pdf');
    expect(issue.notices.map((n) => [n.docNumber, n.page, n.tasks.map((t) => [t.leadUnits, t.supportUnits, t.deadline?.date, t.page])])).toEqual([
      ['卫政办发〔2019〕99号', 1, [[['市水务局'], ['市应急管理局'], '2019-06-01', 1]]],
    ]);
  });

  it('names an encrypted, a truncated, a damaged and a scanned PDF with what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazette-pdf-faults-'));
    const small = readFileSync(join(FAULTS, 'small.pdf'));
    writeFileSync(join(dir, 'truncated.pdf'), small.subarray(0, small.length / 2));
    writeFileSync(join(dir, 'damaged.pdf'), Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4000, 0x37)]));
    expect(reason(join(FAULTS, 'encrypted.pdf'))).toBe('encrypted PDF (password-protected): save an unprotected copy');
    expect(reason(join(FAULTS, 'scanned.pdf'))).toMatch(/^every page \(\d+\) is an image with no text: a scanned PDF needs OCR first$/);
    expect(reason(join(dir, 'truncated.pdf'))).toMatch(/^damaged or truncated PDF/);
    expect(reason(join(dir, 'damaged.pdf'))).toMatch(/^damaged or truncated PDF/);
  });

  it('costs only its own file: the folder’s other issues are ingested, and the report names each bad PDF', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazette-pdf-corpus-'));
    copyFileSync(join(FAULTS, 'small.pdf'), join(dir, '2019-99.pdf'));
    copyFileSync(join(FAULTS, 'encrypted.pdf'), join(dir, 'locked.pdf'));
    copyFileSync(join(FAULTS, 'scanned.pdf'), join(dir, 'scan.pdf'));
    copyFileSync(SEED_FILE, join(dir, '2019-04.txt'));
    const db = join(dir, 'gazette.db');
    const summary = ingestCorpus(dir, db, listCorpus(dir));
    expect(summary.issues.map((i) => [i.source, i.notices])).toEqual([
      ['2019-04.txt', 12],
      ['2019-99.pdf', 1],
    ]);
    expect(summary.failures.map((f) => f.file)).toEqual(['locked.pdf', 'scan.pdf']);
    const gazette = new SqliteGazette(db);
    try {
      expect(gazette.notices().map((n) => n.docNumber)).toContain('卫政办发〔2019〕99号');
    } finally {
      gazette.close();
    }
  });

  it('reports the pages of glyphs the font maps to no character, in their notice', () => {
    const read = readPdf(join(FAULTS, 'small.pdf'));
    if ('error' in read) throw new Error(read.error);
    // The same page with one run's characters as a font without a Unicode map gives them: private-use code points.
    const pages: PdfPage[] = JSON.parse(readFileSync(join(FAULTS, 'small.runs.json'), 'utf8'));
    const run = pages[0].runs.find((r) => r.s.includes('水务局'))!;
    run.s = run.s.replace('水务局', '\ue001\ue002\ue003');
    const issue = parseLayout(readPdfLayout(pages), 'unmapped.pdf');
    const reported = allUnplaced(issue).map((u) => [u.page, u.message]);
    expect(reported).toEqual([[1, expect.stringMatching(/^卫政办发〔2019〕99号 3 unreadable character\(s\) \(U\+E001 U\+E002 U\+E003\)/)]]);
  });
});
