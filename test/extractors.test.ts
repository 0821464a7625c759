// Real extractors' text of the fixture PDFs (poppler, MuPDF, pdfminer; committed beside each PDF):
// the table README shows is what the code gives today, so it cannot go stale, and the readers
// that keep reading order give the source's facts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { allUnplaced, parseIssue } from '../corpus/issue.js';
import { projectRoot } from '../corpus/paths.js';
import { extractorTable, fixtures, type ReadOutcome, type Reader } from '../evals/extractors.js';
import { diffSize } from '../evals/facts.js';

describe('text from real extractors of the fixture PDFs', () => {
  // Every fixture read by every reader, once: the table and each outcome the tests below look at.
  let read: ReturnType<typeof extractorTable>;
  beforeAll(() => {
    read = extractorTable();
  }, 600_000);
  const outcomeOf = (fixture: { layout: string }, reader: Reader): ReadOutcome | null =>
    read.outcomes.find((o) => o.fixture === fixture.layout && o.outcome.reader === reader)?.outcome ?? null;

  it('is the table README shows, cell for cell', () => {
    const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
    expect(readme).toContain(read.table);
  });

  it('gives the source’s facts from pdftotext -raw and mutool on every layout, but the tables two columns re-wrap, which it reports', () => {
    for (const f of fixtures()) {
      for (const reader of ['pdftotext-raw', 'mutool'] as const) {
        const o = outcomeOf(f, reader)!;
        // Two columns a page re-wrap 68号's and 85号's wrapped-cell tables at the page's column: their cells are not cut, and their notices say so.
        const declined = f.layout === 'a4-2col' ? ['卫政办发〔2019〕68号', '卫政办发〔2019〕85号'] : [];
        expect([f.layout, reader, o.refused, o.silent, o.diff!.notices]).toEqual([f.layout, reader, null, [], declined]);
        if (!declined.length) expect(diffSize(o.diff!)).toBe(0);
      }
    }
  });

  it('reports a ruled table it cannot read as rows, in its notice, however the extractor garbled it', () => {
    const table = fixtures().find((f) => f.layout === 'table-a4')!;
    for (const reader of ['pdftotext', 'pdftotext-layout', 'pdfminer'] as const) {
      const o = outcomeOf(table, reader)!;
      expect([reader, o.refused, o.silent, o.diff!.notices]).toEqual([reader, null, [], ['某府办发〔2020〕12号']]);
    }
  });

  it('never loses a fact silently: every notice whose facts differ says so', () => {
    const silent = fixtures().flatMap((f) =>
      (['pdftotext', 'pdftotext-raw', 'pdftotext-layout', 'mutool', 'pdfminer'] as const).flatMap((reader) => {
        const o = outcomeOf(f, reader);
        return o?.silent.length ? [`${f.layout} ${reader}: ${o.silent.join('、')}`] : [];
      }),
    );
    expect(silent).toEqual([]);
  });

  it('reports two printed lines pdftotext joined when it dropped the hyphen between them, at that line', () => {
    const text = gunzipSync(readFileSync(join(projectRoot(), 'test', 'fixtures', 'pdf', 'a4-1col.pdftotext.txt.gz'))).toString('utf8');
    const issue = parseIssue(text, 'a4-1col.pdftotext.txt');
    const lineNo = text.split('\n').findIndex((l) => l.startsWith('实际报销比例=实际报销金额÷（医疗费用总金额-起付标准床位费')) + 1;
    const reported = allUnplaced(issue).filter((u) => u.message.includes('twice as wide'));
    expect(reported.map((u) => [u.lineNo, u.message])).toEqual([
      [
        lineNo,
        '卫政办规发〔2019〕3号 1 line(s) twice as wide as their column: two printed lines joined, as pdftotext (without -raw) joins a line ending in a hyphen and drops it, so a minus or range dash may be missing there; ingest the PDF itself, or pdftotext -raw',
      ],
    ]);
  });

  it('refuses two columns printed side by side that cannot be split, with the cause and the fix', () => {
    const o = outcomeOf(fixtures().find((f) => f.layout === 'a4-2col')!, 'pdftotext-layout')!;
    expect(o.refused).toMatch(
      /^两栏并排排版，无法按阅读顺序读出（\d+\/\d+ 行左右两栏并在一行）：请改用 PDF 文件本身，或不加 -layout 的 pdftotext \/ two columns printed side by side \(pdftotext -layout\)/,
    );
  });
});
