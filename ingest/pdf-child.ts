// One PDF read with pdf.js in a process of its own (see pdf.ts): prints each page's glyph runs as
// JSON on stdout, or {"error": …} for a file that cannot be read. Nothing is fetched: the CMaps
// and standard fonts pdf.js may ask for come from the installed package.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PdfPage, PdfRun } from '../corpus/pdf-layout.js';

export interface PdfRead {
  pages: PdfPage[];
  /** 1-based pages that print only images: scanned, and needing OCR before they can be read. */
  imageOnly: number[];
}

const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);

async function read(path: string): Promise<PdfRead> {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const doc = await getDocument({
    data: new Uint8Array(readFileSync(path)),
    cMapUrl: `${join(root, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(root, 'standard_fonts')}/`,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  }).promise;
  const pages: PdfPage[] = [];
  const imageOnly: number[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent({ disableNormalization: true });
    const runs: PdfRun[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const [a, b, c, d, e, f] = item.transform as number[];
      // Upright text only: a stamp or a rotated margin note is not part of the text's lines.
      if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0 || d <= 0) continue;
      runs.push({ s: item.str, x: round(e), y: round(height - f), w: round(item.width), size: round(d) });
    }
    if (!runs.length) {
      const ops = await page.getOperatorList();
      if (ops.fnArray.some((op) => IMAGE_OPS.has(op))) imageOnly.push(n);
    }
    pages.push({ width: round(width), height: round(height), runs });
    page.cleanup();
  }
  await doc.destroy();
  return { pages, imageOnly };
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Why pdf.js could not open a file, in words a clerk can act on. */
function reason(err: unknown): string {
  const e = err as { name?: string; message?: string };
  if (e.name === 'PasswordException') return 'encrypted PDF (password-protected): save an unprotected copy';
  if (e.name === 'InvalidPDFException') return `damaged or truncated PDF (${e.message})`;
  return `PDF could not be read: ${e.message ?? String(err)}`;
}

read(process.argv[2]).then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (err) => process.stdout.write(JSON.stringify({ error: reason(err) })),
);
