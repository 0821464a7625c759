// Ingest: every *.txt in the corpus folder is one gazette issue. Bad files are named, skipped and
// reported; the rest is written to the store in one atomic swap.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseIssue, type IssueDoc } from './issue.js';
import { readMeta, STORE_VERSION, writeDatabase, type ReportRow, type StoredIssue } from './store.js';

export interface CorpusFile {
  name: string;
  bytes: Buffer;
}

export interface IngestFailure {
  file: string;
  reason: string;
}

export interface IngestSummary {
  dbPath: string;
  issues: IssueDoc[];
  failures: IngestFailure[];
  fingerprint: string;
  /** False when no file could be used and the previous database was left as it was. */
  written: boolean;
  ms: number;
}

export function listCorpus(dir: string): CorpusFile[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`corpus folder not found: ${dir}`);
  return readdirSync(dir)
    .filter((name) => name.toLowerCase().endsWith('.txt'))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
}

/** Identifies the corpus content and the parser that read it: a change in either means rebuild. */
export function corpusFingerprint(files: CorpusFile[]): string {
  const h = createHash('sha256').update(`store ${STORE_VERSION}\n`);
  for (const f of files) h.update(`${f.name}\0${sha256(f.bytes)}\n`);
  return h.digest('hex');
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The file's text, or why it cannot be a gazette issue. */
export function decodeIssue(file: CorpusFile): { text: string } | { error: string } {
  if (file.bytes.length === 0) return { error: 'empty file' };
  if (file.bytes.includes(0)) return { error: 'binary file (contains NUL bytes)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    return { error: 'not valid UTF-8 text' };
  }
  if (text.trim() === '') return { error: 'no text in the file' };
  return { text: text.replace(/^\uFEFF/, '') };
}

export function ingestCorpus(dir: string, dbPath: string, files: CorpusFile[] = listCorpus(dir)): IngestSummary {
  const started = performance.now();
  const failures: IngestFailure[] = [];
  const stored: StoredIssue[] = [];
  const extraReport: ReportRow[] = [];
  const seen = new Map<string, string>();
  if (files.length === 0) failures.push({ file: dir, reason: 'no *.txt files in the corpus folder' });

  for (const file of files) {
    const decoded = decodeIssue(file);
    if ('error' in decoded) {
      failures.push({ file: file.name, reason: decoded.error });
      continue;
    }
    const doc = parseIssue(decoded.text, file.name);
    if (doc.notices.length === 0) {
      failures.push({ file: file.name, reason: 'not a gazette issue: no notice header (issuer, 关于…的通知, 文号) found' });
      continue;
    }
    // A 文号 is unique in a city's numbering: a second copy (a reprint in a later issue) is reported, not stored twice.
    doc.notices = doc.notices.filter((n) => {
      const first = seen.get(n.docNumber);
      if (!first) {
        seen.set(n.docNumber, file.name);
        return true;
      }
      extraReport.push({ source: file.name, kind: 'duplicate', srcLine: null, page: n.page, message: `${n.docNumber} already read from ${first}; this copy is not stored` });
      return false;
    });
    stored.push({ doc, sha256: sha256(file.bytes) });
  }

  const fingerprint = corpusFingerprint(files);
  const written = stored.length > 0;
  if (written) {
    for (const f of failures) extraReport.push({ source: f.file, kind: 'skipped', srcLine: null, page: null, message: f.reason });
    writeDatabase(dbPath, stored, extraReport, { fingerprint, built_at: new Date().toISOString(), corpus_dir: dir });
  }
  return { dbPath, issues: stored.map((s) => s.doc), failures, fingerprint, written, ms: performance.now() - started };
}

/** Builds the database when it is missing or was built from other content or another parser. */
export function ensureDatabase(dir: string, dbPath: string): { rebuilt: boolean; summary: IngestSummary | null } {
  const files = listCorpus(dir);
  if (existsSync(dbPath) && readMeta(dbPath, 'fingerprint') === corpusFingerprint(files)) return { rebuilt: false, summary: null };
  const summary = ingestCorpus(dir, dbPath, files);
  if (!summary.written) {
    throw new Error(`no usable gazette issue in ${dir}: ${summary.failures.map((f) => `${f.file}: ${f.reason}`).join('; ')}`);
  }
  return { rebuilt: true, summary };
}
