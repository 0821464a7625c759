// The same issue read from its PDF by us and from what real extractors took out of it: for each
// fixture PDF (test/fixtures/pdf, made by evals/pdf-fixtures.ts) and each extractor's text
// (poppler's pdftotext in its modes, MuPDF, pdfminer; kept beside the PDF, gzipped), whether the
// facts are those of the source text, and where they are not, whether every notice that lost
// something says so (a notice with unplaced items) or the loss is silent.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseIssue, parseLayout, type IssueDoc } from '../corpus/issue.js';
import { projectRoot } from '../corpus/paths.js';
import { decodeIssue } from '../ingest/ingest.js';
import { readPdf } from '../ingest/pdf.js';
import { diffFacts, diffSize, issueFacts, type FactDiff, type IssueFacts } from './facts.js';

export const EXTRACTORS = ['pdftotext', 'pdftotext-raw', 'pdftotext-layout', 'mutool', 'pdfminer'] as const;
export type Reader = 'pdf' | (typeof EXTRACTORS)[number];

export interface FixtureEntry {
  /** The layout's name: the PDF is <layout>.pdf, an extractor's text <layout>.<extractor>.txt.gz. */
  layout: string;
  /** The issue's text the PDF was typeset from: a path from the project root. */
  source: string;
  /** Words the producer printed otherwise (a character it never drew): the source as the PDF holds it. */
  printedAs?: { source: string; printed: string }[];
}

/** The issue's text as the fixture PDF prints it: its source, with the producer's own losses. */
export function fixtureSource(fixture: FixtureEntry): string {
  let text = readFileSync(join(projectRoot(), fixture.source), 'utf8');
  for (const p of fixture.printedAs ?? []) {
    if (!text.includes(p.source)) throw new Error(`${fixture.layout}: printedAs source not in ${fixture.source}: ${p.source}`);
    text = text.replace(p.source, p.printed);
  }
  return text;
}

export interface ReadOutcome {
  reader: Reader;
  /** Why the file was refused, when it was. */
  refused: string | null;
  diff: FactDiff | null;
  /** Notices whose facts differ with nothing reported in them: a silent loss. */
  silent: string[];
  notices: number;
  tasks: number;
}

export const FIXTURE_DIR = join(projectRoot(), 'test', 'fixtures', 'pdf');

export function fixtures(dir = FIXTURE_DIR): FixtureEntry[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { pdfs: FixtureEntry[] };
  return manifest.pdfs;
}

/** An issue as a reader gives it, or why it refused the file. */
function readWith(fixture: FixtureEntry, reader: Reader, dir: string): IssueDoc | { error: string } | null {
  if (reader === 'pdf') {
    const pdf = readPdf(join(dir, `${fixture.layout}.pdf`));
    return 'error' in pdf ? pdf : parseLayout(pdf.layout, `${fixture.layout}.pdf`);
  }
  const path = join(dir, `${fixture.layout}.${reader}.txt.gz`);
  if (!existsSync(path)) return null;
  const decoded = decodeIssue(gunzipSync(readFileSync(path)));
  if ('error' in decoded) return decoded;
  let issue: IssueDoc;
  try {
    issue = parseIssue(decoded.text, `${fixture.layout}.${reader}.txt`);
  } catch (err) {
    return { error: (err as Error).message };
  }
  return issue.notices.length ? issue : { error: 'not a gazette issue: no notice header found' };
}

/** A fixture source's facts and warnings, by its text: most fixtures are typeset from one issue, read once for all of them. */
const sourceReadings = new Map<string, { expected: IssueFacts; sourceWarnings: Set<string> }>();

function readSource(fixture: FixtureEntry): { expected: IssueFacts; sourceWarnings: Set<string> } {
  const text = fixtureSource(fixture);
  let reading = sourceReadings.get(text);
  if (!reading) {
    const source = parseIssue(text, 'source.txt');
    reading = { expected: issueFacts(source), sourceWarnings: new Set(source.notices.flatMap((n) => n.warnings.map((w) => w.message))) };
    sourceReadings.set(text, reading);
  }
  return reading;
}

export function readOutcome(fixture: FixtureEntry, reader: Reader, dir = FIXTURE_DIR): ReadOutcome | null {
  const { expected, sourceWarnings } = readSource(fixture);
  const issue = readWith(fixture, reader, dir);
  if (issue === null) return null;
  if ('error' in issue) return { reader, refused: issue.error, diff: null, silent: [], notices: 0, tasks: 0 };
  const diff = diffFacts(expected, issueFacts(issue));
  // A notice reports a loss by an unplaced item, or by a warning the source's reading does not give (a table read as printed).
  const reported = new Set(issue.notices.filter((n) => n.unplaced.length || n.warnings.some((w) => !sourceWarnings.has(w.message))).map((n) => n.docNumber));
  const anyUnowned = issue.unplaced.length > 0;
  const silent = diff.notices.filter((d) => !reported.has(d) && !(anyUnowned && !issue.notices.some((n) => n.docNumber === d)));
  return { reader, refused: null, diff, silent, notices: issue.notices.length, tasks: issue.notices.reduce((n, x) => n + x.tasks.length, 0) };
}

/** A cell of the table: = the same facts; ≠N reported; ≠N silent; refused. */
export function cell(o: ReadOutcome | null): string {
  if (!o) return '–';
  // A bilingual reason is shown by its English half, which a table column can hold.
  if (o.refused) return `refused: ${(o.refused.split(' / ')[1] ?? o.refused).slice(0, 70)}`;
  const n = diffSize(o.diff!);
  if (n === 0) return '= same facts';
  return o.silent.length ? `≠ ${n} facts, SILENT in ${o.silent.join('、')}` : `≠ ${n} facts, reported in ${o.diff!.notices.length} notice(s)`;
}

export function extractorTable(dir = FIXTURE_DIR): { table: string; outcomes: { fixture: string; outcome: ReadOutcome }[] } {
  const readers: Reader[] = ['pdf', ...EXTRACTORS];
  const outcomes: { fixture: string; outcome: ReadOutcome }[] = [];
  const rows = fixtures(dir).map((f) => {
    const cells = readers.map((r) => {
      const o = readOutcome(f, r, dir);
      if (o) outcomes.push({ fixture: f.layout, outcome: o });
      return cell(o);
    });
    return `| ${f.layout} | ${cells.join(' | ')} |`;
  });
  const header = `| layout | ${readers.map((r) => (r === 'pdf' ? 'PDF (gazette ingest)' : r)).join(' | ')} |`;
  return { table: [header, `| --- | ${readers.map(() => '---').join(' | ')} |`, ...rows].join('\n'), outcomes };
}
