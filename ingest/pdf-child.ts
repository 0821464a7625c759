// One PDF read with pdf.js in a process of its own (see pdf.ts): prints each page's glyph runs as
// JSON on stdout, or {"error": …} for a file that cannot be read. Nothing is fetched: the CMaps
// and standard fonts pdf.js may ask for come from the installed package.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PdfPage, PdfRule, PdfRun } from '../corpus/pdf-layout.js';

export interface PdfRead {
  pages: PdfPage[];
  /** 1-based pages that print only images: scanned, and needing OCR before they can be read. */
  imageOnly: number[];
}

const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);
const PAINT_OPS = new Set<number>([
  OPS.fill,
  OPS.eoFill,
  OPS.stroke,
  OPS.closeStroke,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const STROKE_OPS = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
/** A rule is a painted path this thin (points) and at least RULE_MIN long: a table's borders. */
const RULE_MAX = 3;
const RULE_MIN = 4;

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

/**
 * The ruled lines a page paints (a table's cell borders), on the page with y measured down from
 * its top: thin filled rectangles and stroked lines, and the four sides of a stroked box.
 */
function rulesOf(fnArray: number[], argsArray: unknown[][], height: number): PdfRule[] {
  const rules: PdfRule[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const add = (x0: number, y0: number, x1: number, y1: number) => {
    const r = { x0: round(Math.min(x0, x1)), y0: round(height - Math.max(y0, y1)), x1: round(Math.max(x0, x1)), y1: round(height - Math.min(y0, y1)) };
    const w = r.x1 - r.x0;
    const h = r.y1 - r.y0;
    if ((w <= RULE_MAX && h >= RULE_MIN) || (h <= RULE_MAX && w >= RULE_MIN)) rules.push(r);
  };
  fnArray.forEach((fn, i) => {
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, argsArray[i] as Matrix);
    else if (fn === OPS.constructPath) {
      const [op, , box] = argsArray[i] as [number, unknown, ArrayLike<number> | null];
      if (!box || !PAINT_OPS.has(op)) return;
      // The path's box, through the current transform (upright: a table is never rotated here).
      const [a, b, c, d, e, f] = ctm;
      if (Math.abs(b) > 1e-6 || Math.abs(c) > 1e-6) return;
      const x0 = a * box[0] + e;
      const x1 = a * box[2] + e;
      const y0 = d * box[1] + f;
      const y1 = d * box[3] + f;
      const thin = Math.min(Math.abs(x1 - x0), Math.abs(y1 - y0)) <= RULE_MAX;
      if (thin) add(x0, y0, x1, y1);
      else if (STROKE_OPS.has(op)) {
        add(x0, y0, x1, y0);
        add(x0, y1, x1, y1);
        add(x0, y0, x0, y1);
        add(x1, y0, x1, y1);
      }
    }
  });
  return rules;
}

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
    const ops = await page.getOperatorList();
    if (!runs.length && ops.fnArray.some((op) => IMAGE_OPS.has(op))) imageOnly.push(n);
    pages.push({ width: round(width), height: round(height), runs, rules: rulesOf(ops.fnArray, ops.argsArray, height) });
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
