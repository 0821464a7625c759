// A PDF of the corpus → its printed lines, read from the glyphs' positions (corpus/pdf-layout.ts).
// pdf.js runs in a child process: a damaged file that makes it hang or fail costs that file only,
// within a time limit, and the ingest itself stays synchronous.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { IssueLayout } from '../corpus/layout.js';
import { projectRoot } from '../corpus/paths.js';
import { readPdfLayout } from '../corpus/pdf-layout.js';
import type { PdfRead } from './pdf-child.js';

/** How long one PDF may take to read (a 200-page issue takes a few seconds). */
export const PDF_READ_MS = 120_000;

export interface PdfIssue {
  layout: IssueLayout;
  /** 1-based pages that print only images: scanned, needing OCR. */
  imageOnly: number[];
  pageCount: number;
}

/** A PDF's printed lines, or why it cannot be read. */
export function readPdf(path: string, timeoutMs = PDF_READ_MS): PdfIssue | { error: string } {
  const child = spawnSync(process.execPath, [join(projectRoot(), 'dist', 'ingest', 'pdf-child.js'), path], {
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.error || child.status !== 0) {
    const why =
      child.signal === 'SIGTERM'
        ? `took longer than ${timeoutMs / 1000} s`
        : (child.error?.message ?? (child.stderr.trim().split('\n').pop() || `exit ${child.status}`));
    return { error: `PDF could not be read: ${why}` };
  }
  let read: PdfRead | { error: string };
  try {
    read = JSON.parse(child.stdout) as PdfRead | { error: string };
  } catch {
    return { error: 'PDF could not be read: the reader gave no result' };
  }
  if ('error' in read) return read;
  const pageCount = read.pages.length;
  if (pageCount === 0) return { error: 'PDF has no pages' };
  if (read.imageOnly.length === pageCount) return { error: `every page (${pageCount}) is an image with no text: a scanned PDF needs OCR first` };
  if (read.pages.every((p) => p.runs.length === 0)) return { error: 'PDF holds no text' };
  return { layout: readPdfLayout(read.pages), imageOnly: read.imageOnly, pageCount };
}
