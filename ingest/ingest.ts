// Ingest: every *.txt or *.pdf in the corpus folder is one gazette issue. Bad files are named,
// skipped and reported; the rest is written to the store in one atomic swap.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { allUnplaced, parseIssue, parseLayout, type IssueDoc } from '../corpus/issue.js';
import { readPdf } from './pdf.js';
import { checkedAtStart, checkStore, removeStaleBuilds, type StoreCheck } from '../store/health.js';
import { readMeta, STORE_VERSION, StoreWriter, type ReportRow, type WriteMode } from '../store/writer.js';
import { formatIssueReport } from './report.js';

/**
 * A file of the corpus folder, by its content hash. Its bytes are read again when it is parsed, so
 * listing a province's thousand issues holds one file at a time, not the folder.
 */
export interface CorpusFile {
  name: string;
  path: string;
  sha256: string;
}

export interface IngestFailure {
  file: string;
  reason: string;
}

export interface IssueSummary {
  source: string;
  notices: number;
  /** Fact markers no fact took: the ingest is not clean while any remain. */
  unplaced: number;
  /** This issue's part of the ingest report (see report.ts). */
  report: string;
}

export interface IngestSummary {
  dbPath: string;
  mode: IngestMode;
  /** The issues read in this ingest (all of them for a build; the new and changed for an update). */
  issues: IssueSummary[];
  /** Issues an update left as they were stored. */
  kept: number;
  /** Stored issues whose file is gone, removed by an update. */
  removed: string[];
  failures: IngestFailure[];
  fingerprint: string;
  /** False when no file could be used and the previous database was left as it was. */
  written: boolean;
  ms: number;
}

/** Called after each file: how many are done, out of how many, and which one. */
export type Progress = (done: number, total: number, file: string) => void;

export function listCorpus(dir: string): CorpusFile[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`corpus folder not found: ${dir}`);
  return readdirSync(dir)
    .filter((name) => /\.(txt|pdf)$/i.test(name))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      return { name, path, sha256: sha256(readFileSync(path)) };
    });
}

/** Identifies the corpus content and the parser that read it: a change in either means rebuild. */
export function corpusFingerprint(files: CorpusFile[]): string {
  const h = createHash('sha256').update(`store ${STORE_VERSION}\n`);
  for (const f of files) h.update(`${f.name}\0${f.sha256}\n`);
  return h.digest('hex');
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** How an issue file was written: extractors write UTF-8; Windows tools UTF-16 ("Unicode") or GB18030 (GBK's superset); or the PDF itself. */
export type Encoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030' | 'PDF';

const CJK = /[\u4e00-\u9fff]/g;

/** A decoding that fails on any malformed byte: a wrong guess is an error, never mojibake. */
function strictly(encoding: string, bytes: Buffer): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * A file's text and how it was written, or why it cannot be a gazette issue. UTF-16 is known by
 * its byte-order mark. GB18030 is tried only where UTF-8 fails throughout, not at a stray byte
 * or two (a damaged UTF-8 file read as GB18030 would be mojibake), and must read as Chinese.
 */
export function decodeIssue(bytes: Buffer): { text: string; encoding: Encoding } | { error: string } {
  if (bytes.length === 0) return { error: 'empty file' };
  const utf16 = (encoding: 'UTF-16LE' | 'UTF-16BE') => {
    const text = strictly(encoding.toLowerCase(), bytes);
    return text === null ? { error: `not valid ${encoding} text, though it starts with that byte-order mark` } : { text, encoding };
  };
  const decoded = ((): { text: string; encoding: Encoding } | { error: string } => {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16('UTF-16LE');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16('UTF-16BE');
    if (bytes.includes(0)) return { error: 'binary file (contains NUL bytes)' };
    const utf8 = strictly('utf-8', bytes);
    if (utf8 !== null) return { text: utf8, encoding: 'UTF-8' };
    const malformed = (new TextDecoder('utf-8').decode(bytes).match(/\uFFFD/g) ?? []).length;
    const gb = strictly('gb18030', bytes);
    const chinese = gb !== null && (gb.match(CJK) ?? []).length >= 0.1 * gb.replace(/\s+/g, '').length;
    if (gb !== null && chinese && malformed >= 0.01 * bytes.length) return { text: gb, encoding: 'GB18030' };
    return { error: `not valid UTF-8, UTF-16 or GB18030 text (${malformed} malformed UTF-8 sequence(s))` };
  })();
  if ('error' in decoded) return decoded;
  if (decoded.text.includes('\0')) return { error: `binary file (contains NUL characters as ${decoded.encoding})` };
  if (decoded.text.trim() === '') return { error: 'no text in the file' };
  return { text: decoded.text.replace(/^\uFEFF/, ''), encoding: decoded.encoding };
}

/**
 * One file parsed on its own: a file that cannot be read, or that the parser fails on, costs only
 * itself, never the other issues of the folder.
 */
function readIssue(file: CorpusFile): { doc: IssueDoc; sha256: string; encoding: Encoding } | { error: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.path);
  } catch (err) {
    return { error: `could not be read: ${(err as Error).message}` };
  }
  let doc: IssueDoc;
  let encoding: Encoding;
  if (/\.pdf$/i.test(file.name)) {
    const pdf = readPdf(file.path);
    if ('error' in pdf) return pdf;
    try {
      doc = parseLayout(pdf.layout, file.name);
    } catch (err) {
      return { error: `could not be parsed: ${(err as Error).message}` };
    }
    for (const page of pdf.imageOnly)
      doc.unplaced.push({ kind: 'text', lineNo: null, page, message: `PDF page ${page} prints only an image (a scan): its text needs OCR and was not read` });
    encoding = 'PDF';
  } else {
    const decoded = decodeIssue(bytes);
    if ('error' in decoded) return decoded;
    try {
      doc = parseIssue(decoded.text, file.name);
    } catch (err) {
      return { error: `could not be parsed: ${(err as Error).message}` };
    }
    encoding = decoded.encoding;
  }
  // The hash of the bytes parsed: a file rewritten since it was listed is stored as it was read.
  return doc.notices.length ? { doc, sha256: sha256(bytes), encoding } : { error: 'not a gazette issue: no notice header (issuer, 关于…的通知, 文号) found' };
}

/** How an ingest changed the store: a new file built whole, or the issues that changed. */
export type IngestMode = WriteMode;

/**
 * Brings the store in line with the folder. `reread` names stored issues read again though their
 * file is unchanged (their stored rows were found damaged).
 */
export function ingestCorpus(
  dir: string,
  dbPath: string,
  files: CorpusFile[] = listCorpus(dir),
  progress?: Progress,
  mode: IngestMode = 'build',
  reread: readonly string[] = [],
): IngestSummary {
  const started = performance.now();
  const failures: IngestFailure[] = [];
  const issues: IssueSummary[] = [];
  if (files.length === 0) failures.push({ file: dir, reason: 'no *.txt or *.pdf files in the corpus folder' });

  const writer = mode === 'update' ? StoreWriter.update(dbPath) : StoreWriter.create(dbPath);
  const removed: string[] = [];
  let kept = 0;
  try {
    // What changed: files whose content hash differs from the stored issue's, files new to the
    // store, and stored issues whose file is gone. Issues that held a reprint of a changed one's
    // 文号 are read again, so the copy that is stored is always the first.
    const stored = writer.stored();
    const hashes = new Map(files.map((f) => [f.name, f.sha256]));
    const changed = new Set([...stored].filter(([name, s]) => hashes.get(name) !== s.sha256 || reread.includes(name)).map(([name]) => name));
    if (changed.size) for (const name of writer.sourcesWithDuplicates()) if (hashes.has(name)) changed.add(name);
    for (const name of changed) {
      writer.removeIssue(stored.get(name)!.id);
      if (!hashes.has(name)) removed.push(name);
    }
    writer.clearCorpusReport();
    const seen = writer.docNumbers();
    files.forEach((file, k) => {
      const before = stored.get(file.name);
      if (before && !changed.has(file.name)) {
        kept++;
        progress?.(k + 1, files.length, file.name);
        return;
      }
      const read = readIssue(file);
      if ('error' in read) failures.push({ file: file.name, reason: read.error });
      else {
        const doc = read.doc;
        // A 文号 is unique in a city's numbering: a second copy (a reprint in a later issue) is reported, not stored twice.
        const duplicates: ReportRow[] = [];
        doc.notices = doc.notices.filter((n) => {
          const first = seen.get(n.docNumber);
          if (!first) {
            seen.set(n.docNumber, file.name);
            return true;
          }
          duplicates.push({
            source: file.name,
            kind: 'duplicate',
            srcLine: null,
            page: n.page,
            message: `${n.docNumber} already read from ${first}; this copy is not stored`,
          });
          return false;
        });
        writer.addIssue(doc, read.sha256, duplicates);
        issues.push({ source: file.name, notices: doc.notices.length, unplaced: allUnplaced(doc).length, report: formatIssueReport(doc, read.encoding) });
      }
      progress?.(k + 1, files.length, file.name);
    });
    for (const f of failures) writer.addReport({ source: f.file, kind: 'skipped', srcLine: null, page: null, message: f.reason });
  } catch (err) {
    writer.abandon();
    throw err;
  }
  const fingerprint = corpusFingerprint(files);
  const written = issues.length + kept > 0;
  if (written) writer.commit({ fingerprint, built_at: new Date().toISOString(), corpus_dir: dir });
  else writer.abandon();
  return { dbPath, mode, issues, kept, removed, failures, fingerprint, written, ms: performance.now() - started };
}

/**
 * How to bring a store up to date: a store of this version is updated issue by issue; one of
 * another version, a damaged one or none at all is rebuilt whole, and the warning says why.
 */
export function ingestMode(dbPath: string, problem: string | null, warnings: string[]): IngestMode {
  if (problem) return 'build';
  const version = readMeta(dbPath, 'store_version');
  if (version === STORE_VERSION) return 'update';
  warnings.push(`database ${dbPath} was written by store version ${version ?? 'unknown'}; rebuilding it whole for version ${STORE_VERSION}`);
  return 'build';
}

export interface EnsureResult {
  rebuilt: boolean;
  summary: IngestSummary | null;
  /** What was wrong and how it was handled: serving is still possible. */
  warnings: string[];
  /** Stored issues whose rows did not match their checksum (read again from their file when it is there). */
  damaged: string[];
}

/**
 * What became of stored issues found damaged: read again from their file, or removed with the
 * file gone from the folder. One line each, for the log and for `gazette verify`.
 */
function damageNotes(damaged: string[], files: CorpusFile[], dir: string): string[] {
  const present = new Set(files.map((f) => f.name));
  return damaged.map((name) =>
    present.has(name)
      ? `issue ${name}: its stored text or facts differ from what was ingested (checksum); rebuilt from ${join(dir, name)}`
      : `issue ${name}: its stored text or facts differ from what was ingested (checksum), and its source file is gone from ${dir}; removed from the store (put the file back to restore it)`,
  );
}

/**
 * A database to serve: built when missing, damaged, or made from other content or another parser;
 * an issue whose stored rows no longer match their checksum is read again from its file (checked
 * at every start up to 256 MB, at any size by `gazette verify`). Whatever fails, the last good
 * database is served (with a warning) when there is one; only when there is none is it an error,
 * which names the file or folder at fault.
 */
export function ensureDatabase(dir: string, dbPath: string, progress?: Progress, checked?: StoreCheck): EnsureResult {
  return bringUpToDate(dir, dbPath, checked ?? checkStore(dbPath, checkedAtStart(dbPath)), progress);
}

/** `gazette verify`: every page and every issue's checksum, whatever the size, repairing what it can. */
export function verifyStore(dir: string, dbPath: string, progress?: Progress): EnsureResult {
  return bringUpToDate(dir, dbPath, checkStore(dbPath, true), progress);
}

/** `checked`: the database's check (checkStore); the server's is made on a tool thread while its own code loads. */
function bringUpToDate(dir: string, dbPath: string, checked: StoreCheck, progress?: Progress): EnsureResult {
  const warnings: string[] = [];
  const stale = removeStaleBuilds(dbPath);
  if (stale.length) warnings.push(`removed what a stopped ingest left beside ${dbPath}: ${stale.join(', ')}`);
  const { problem, damaged } = checked;
  const serveLastGood = (why: string): EnsureResult => {
    if (problem) throw new Error(`${why}, and there is no usable database at ${dbPath} (${problem})`);
    if (damaged.length)
      warnings.push(
        `stored issue(s) ${damaged.join(', ')} differ from what was ingested (checksum) and could not be read again: answers from them may be wrong`,
      );
    warnings.push(`${why}; serving the last good database ${dbPath}`);
    return { rebuilt: false, summary: null, warnings, damaged };
  };
  let files: CorpusFile[];
  try {
    files = listCorpus(dir);
  } catch (err) {
    return serveLastGood(`cannot read the corpus folder ${dir}: ${(err as Error).message}`);
  }
  if (!damaged.length && !problem && readMeta(dbPath, 'fingerprint') === corpusFingerprint(files)) return { rebuilt: false, summary: null, warnings, damaged };
  if (problem && existsSync(dbPath)) warnings.push(`database ${dbPath} cannot be served (${problem}); rebuilding it from ${dir}`);
  const mode = ingestMode(dbPath, problem, warnings);
  let summary: IngestSummary;
  try {
    summary = ingestCorpus(dir, dbPath, files, progress, mode, damaged);
  } catch (err) {
    return serveLastGood(`cannot build the database from ${dir}: ${(err as Error).message}`);
  }
  if (!summary.written) return serveLastGood(`no usable gazette issue in ${dir} (${summary.failures.map((f) => `${f.file}: ${f.reason}`).join('; ')})`);
  warnings.push(...damageNotes(damaged, files, dir));
  return { rebuilt: true, summary, warnings, damaged };
}

/** The whole report of one ingest: each issue's part, the files skipped, what was written. */
export function formatReport(summary: IngestSummary): string {
  const out: string[] = summary.issues.map((i) => i.report);
  for (const f of summary.failures) out.push(`SKIPPED ${f.file}: ${f.reason}`);
  const unplaced = summary.issues.reduce((n, i) => n + i.unplaced, 0);
  const counts =
    summary.mode === 'update'
      ? `${summary.issues.length} issue(s) read, ${summary.kept} kept, ${summary.removed.length} removed${summary.removed.length ? ` (${summary.removed.join(', ')})` : ''}`
      : `${summary.issues.length} issue(s)`;
  out.push(
    summary.written
      ? `${summary.mode === 'update' ? 'updated' : 'wrote'} ${summary.dbPath} in ${summary.ms.toFixed(0)} ms (${counts}, ${summary.failures.length} file(s) skipped, ${unplaced} item(s) unplaced)`
      : `nothing written: ${summary.dbPath} left as it was`,
  );
  return out.join('\n');
}
