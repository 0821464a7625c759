// PDF fixtures: a gazette issue typeset again as an office typesets one, printed to PDF by
// Chromium and by LibreOffice (HTML → .docx → PDF), and read back by the real extractors
// (pdftotext in three modes, mutool, pdfminer). The PDFs and the extractors' outputs are committed
// under test/fixtures/pdf with a manifest, so tests can see what a real extraction of a real
// layout does to the text without any of those tools installed.
//
// The typesetting follows the layout zoo (evals/layouts.ts, reprint): the original's own parse
// says which printed lines form one prose paragraph; each paragraph becomes one block that the
// browser wraps at its own width, in the source's reading order, with the page furniture dropped
// (the page margin boxes print a running header and page numbers of their own). Every page start
// of the original becomes a forced page break. A paragraph the original cut (a page break, or
// another text printed in between) is set whole where its last piece stood, the break before it:
// a block ending mid-sentence before a cut reads, unwrapped, as a finished short line, and the
// parse would not join it to its continuation (see issueBlocks). Invariant
// (test/pdf-fixtures.test.ts): the blocks as text, one a line, yield the same facts as the
// original.
//
//   npm run build && node dist/evals/pdf-fixtures.js [--out DIR] [--only NAME]
//
// Needs the Debian packages chromium, libreoffice-writer, poppler-utils, mupdf-tools,
// python3-pdfminer and python3-fonttools, and the fonts fonts-arphic-uming and fonts-wqy-zenhei.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readLayout, type Line } from '../corpus/layout.js';
import type { ProseParagraph } from '../corpus/outline.js';
import { normalizeDocNumber } from '../domain/doc-number.js';
import { parseChineseDate } from '../domain/text.js';
import { paragraphRuns } from './layouts.js';
import { COLUMNS, COVER, HEADER, ROWS, TABLE_ISSUE_TEXT, TABLE_TITLE } from './table-issue.js';

// ---------------------------------------------------------------------------------------------
// Blocks: what the typeset page holds, in reading order.

/**
 * How a block is set. para: a prose paragraph, first line indented two characters, justified;
 * center: notice headers (issuer, 关于…的通知, 文号), titles of the texts a notice issues, 附件 N
 * and attachment titles, chapter headings; right: a signature and its date; left: everything
 * else (table rows and table headers as printed, recipients, the public note), no indent.
 */
export type BlockKind = 'para' | 'center' | 'right' | 'left';

export interface Block {
  kind: BlockKind;
  text: string;
  /** The block opens a page of the original: a forced page break goes before it. */
  pageStart: boolean;
  /** Source lines it holds. */
  lineNos: number[];
}

/** A printed line of prose: extraction spaces around Chinese dropped, the gap after 第N条 kept (as reprint does). */
function proseOf(raw: string): string {
  const article = /^(第\S{1,6}[条章])\s+(.*)$/.exec(raw);
  const drop = (s: string) => s.replace(/\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+/g, '');
  return article ? `${article[1]} ${drop(article[2])}` : drop(raw);
}

/** Lines of one paragraph joined into one run of text, a space kept between two Latin words or numbers. */
function joinProse(lines: Line[]): string {
  return lines.map((l) => proseOf(l.raw)).reduce((a, b) => (/[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b), '');
}

/** A 文号 line: 卫政办发〔2019〕43 号, with or without the extraction's spaces. */
const DOC_NUMBER = /〔\s*\d{4}\s*〕\s*(?:第\s*)?\d+\s*号$/;
/** An issuer as a signature or a header prints it: a body's name and nothing else. */
const ISSUER = /^[\u4e00-\u9fff]{2,24}(人民政府|政府|办公室|办公厅|委员会|军分区|管委会|局|委|厅)(文件)?$/;
/** A date line alone: 2019 年 4 月 30 日, 二〇二二年五月十日. */
const isDateLine = (raw: string) => raw.replace(/\s/g, '').length <= 14 && parseChineseDate(raw) !== null;
const isIssuerLine = (raw: string) => raw.split(' ').every((t) => ISSUER.test(t)) && raw.split(' ').length <= 3;

/**
 * The issue as blocks. Lines in a text that is not a table are grouped into the paragraphs the
 * original's parse reads (proseParagraphs); lines of a flattened table stay one block each, as
 * printed. Lines no text holds (notice headers, signatures, titles, 附件 labels) are set by what
 * they are: a 文号 or a title centred, an issuer followed by a date right-aligned with its date.
 */
export function issueBlocks(original: string): Block[] {
  const { layout, paragraphOf, inText, runs } = paragraphRuns(original);
  // A paragraph the original cut (by a page break, or by another text printed in between) is set
  // whole where its last run stood: as reprint carries what does not fill a line past a cut, and
  // unwrapped, no run before a cut fills its line. A page break a moved run opened goes before
  // the next block set.
  const lastRun = new Map<ProseParagraph, Line[]>();
  for (const run of runs) {
    const para = paragraphOf.get(run[0].lineNo);
    if (para) lastRun.set(para, run);
  }

  const lines = layout.lines;
  const indexOf = new Map(lines.map((l, k) => [l.lineNo, k]));
  const blocks: Block[] = [];
  let breakPending = false;
  for (const run of runs) {
    const first = run[0];
    const para = paragraphOf.get(first.lineNo);
    breakPending ||= first.pageStart;
    if (para && lastRun.get(para) !== run) continue;
    const pageStart = breakPending && blocks.length > 0;
    breakPending = false;
    if (para) {
      const base = { pageStart, lineNos: para.lines.map((l) => l.lineNo) };
      const text = joinProse(para.lines);
      const single = para.lines.length === 1;
      // A chapter heading (第一章 总则), a signature or a date closing a text the notice issues: set as printed.
      if (single && para.marker?.type === 'chapter') blocks.push({ ...base, kind: 'center', text });
      else if (single && (isDateLine(first.raw) || (isIssuerLine(first.raw) && isDateLine(lines[indexOf.get(first.lineNo)! + 1]?.raw ?? ''))))
        blocks.push({ ...base, kind: 'right', text });
      else blocks.push({ ...base, kind: 'para', text });
      continue;
    }
    const base = { pageStart, lineNos: [first.lineNo] };
    const raw = first.raw;
    const next = lines[indexOf.get(first.lineNo)! + 1];
    const kind: BlockKind = inText.has(first.lineNo)
      ? 'left' // a table row or header as printed
      : DOC_NUMBER.test(raw) || normalizeDocNumber(raw)
        ? 'center'
        : isDateLine(raw) || (isIssuerLine(raw) && next && isDateLine(next.raw))
          ? 'right' // a signature and its date
          : /[：:]$/.test(raw) || /^[（(]此件/.test(raw)
            ? 'left' // recipients, the public note
            : 'center'; // issuer, 关于…的通知, part title, 附件 N and its title
    // Table rows keep the spaces between their cells, joint issuers (中卫市人民政府 中卫军分区) theirs; a
    // title, a 文号 or a date is set without the extraction's spaces.
    blocks.push({ ...base, kind, text: inText.has(first.lineNo) || isIssuerLine(raw) ? raw : proseOf(raw) });
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// HTML: the blocks typeset.

export interface Typesetting {
  paper: 'A4' | 'A5';
  columns: 1 | 2;
  /** Body type size in points. */
  fontSize: number;
  /** Page margins, CSS lengths: top, right, bottom, left. */
  margin: string;
  /** Body font, a fontconfig family name. */
  font: string;
  /** Font of headers and titles. */
  titleFont: string;
  /** The running header; by default the issue's own (《中卫市人民政府公报》2019.NO.4). */
  header?: string;
  /**
   * For LibreOffice's HTML import, which knows no @page margin boxes: the header and the page
   * number as LibreOffice's own HTML writes them (div title="header", an sdfield PAGE), and
   * every style inline.
   */
  forLibreOffice?: boolean;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cssString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const BLOCK_STYLE: Record<BlockKind, string> = {
  para: 'text-indent:2em;text-align:justify',
  center: 'text-indent:0;text-align:center',
  right: 'text-indent:0;text-align:right',
  left: 'text-indent:0;text-align:left',
};

/** The running header an issue prints: its own (readLayout's issueTitle) without the banner, closed up after 》. */
export function runningHeader(original: string): string {
  return (readLayout(original).issueTitle ?? '政府公报').replace(/》\s+/, '》');
}

/** The style of a typeset issue: the page, its running header and "- N -" (@page margin boxes), columns, blocks. */
export function pageCss(t: Typesetting, header: string): string {
  return `
@page {
  size: ${t.paper};
  margin: ${t.margin};
  @top-center { content: ${cssString(header)}; font-family: "${t.titleFont}"; font-size: 9pt; border-bottom: 0.5pt solid #c00; vertical-align: bottom; padding-bottom: 2mm; }
  @bottom-center { content: "- " counter(page) " -"; font-family: "${t.font}"; font-size: 10pt; }
}
html { font-family: "${t.font}", serif; font-size: ${t.fontSize}pt; line-height: 1.55; }
body { margin: 0; }
section.page { ${t.columns === 2 ? 'column-count: 2; column-gap: 2em; column-fill: auto;' : ''} }
section.page + section.page { break-before: page; }
p { margin: 0; orphans: 1; widows: 1; }
p.center { font-family: "${t.titleFont}"; }
${Object.entries(BLOCK_STYLE)
  .map(([k, v]) => `p.${k} { ${v.replace(/;/g, '; ')}; }`)
  .join('\n')}
`;
}

/**
 * The issue as an HTML document. Each page of the original is a <section> that opens a new page
 * (break-before: page); blocks are <p>, each prose paragraph one <p>. The running header and
 * "- N -" are @page margin boxes (Chromium), or LibreOffice's header and footer.
 */
export function issueHtml(original: string, t: Typesetting): string {
  const blocks = issueBlocks(original);
  const header = t.header ?? runningHeader(original);
  const pages: Block[][] = [];
  for (const b of blocks) {
    if (b.pageStart || pages.length === 0) pages.push([]);
    pages[pages.length - 1].push(b);
  }
  const size = t.paper === 'A4' ? '210mm 297mm' : '148mm 210mm';
  const css = pageCss(t, header);
  const lo = !!t.forLibreOffice;
  const para = (b: Block, pageBreak: boolean) => {
    // LibreOffice's CSS reader takes no em and no unitless 0: lengths in points.
    const css = BLOCK_STYLE[b.kind].replace('2em', `${2 * t.fontSize}pt`).replace('text-indent:0', 'text-indent:0pt');
    const style = lo
      ? ` style="${css};margin-top:0pt;margin-bottom:0pt;font-size:${t.fontSize}pt;font-family:'${b.kind === 'center' ? t.titleFont : t.font}'${pageBreak ? ';page-break-before:always' : ''}"`
      : '';
    return `<p class="${b.kind}"${style}>${escapeHtml(b.text)}</p>`;
  };
  const body = lo
    ? [
        `<div title="header"><p style="text-align:center;font-size:9pt;border-bottom:0.5pt solid #c00">${escapeHtml(header)}</p></div>`,
        ...pages.map((page, k) => `<section class="page">\n${page.map((b, j) => para(b, k > 0 && j === 0)).join('\n')}\n</section>`),
        `<div title="footer"><p style="text-align:center;font-size:10pt">- <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield> -</p></div>`,
      ]
    : pages.map((page) => `<section class="page">\n${page.map((b) => para(b, false)).join('\n')}\n</section>`);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(header)}</title>
<style>${lo ? `@page { size: ${size}; margin: ${t.margin}; }\nbody { font-family: "${t.font}"; font-size: ${t.fontSize}pt; }` : css}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

/** The made-up table issue (evals/table-issue.ts) typeset: the cover as blocks, the attachment as a ruled table whose header row repeats on each page. */
export function tableIssueHtml(t: Typesetting): string {
  const p = (kind: BlockKind, text: string) => `<p class="${kind}">${escapeHtml(text)}</p>`;
  const cells = (tag: string, row: string[]) => `<tr>${row.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
  const cover = [
    p('center', COVER.issuer),
    p('center', COVER.title),
    p('center', COVER.docNumber),
    p('left', COVER.recipients),
    ...COVER.body.map((b) => p('para', b)),
  ];
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(HEADER)}</title>
<style>${pageCss(t, HEADER)}
table { border-collapse: collapse; width: 100%; font-size: ${t.fontSize - 3}pt; line-height: 1.4; }
th, td { border: 0.75pt solid #000; padding: 2pt 3pt; vertical-align: middle; }
th { font-weight: normal; text-align: center; font-family: "${t.titleFont}"; }
col.n { width: 2.2em; }
</style>
</head>
<body>
${[...cover, p('right', COVER.issuer), p('right', COVER.date), p('left', '附件'), p('center', TABLE_TITLE)].join('\n')}
<table><colgroup><col class="n"></colgroup>
<thead>${cells('th', COLUMNS)}</thead>
<tbody>
${ROWS.map((r) => cells('td', r)).join('\n')}
</tbody></table>
</body>
</html>
`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/**
 * The text a perfect extractor gives of issueHtml's document, paragraphs unwrapped: each block
 * one line, a form feed where a section opens a new page, the header and page numbers (margin
 * boxes, or LibreOffice's header and footer) left out as they are no block of the body.
 */
export function htmlPlainText(html: string): string {
  const body = html.slice(html.indexOf('<body>')).replace(/<div title="(?:header|footer)">[\s\S]*?<\/div>/g, '');
  const out: string[] = [];
  let sections = 0;
  for (const m of body.matchAll(/<section\b[^>]*>|<p\b[^>]*>([\s\S]*?)<\/p>/g)) {
    if (m[0].startsWith('<section')) {
      if (sections++ > 0) out.push('\f');
      continue;
    }
    const text = m[1].replace(/<[^>]+>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (_e, n: string) => ENTITIES[n]);
    out.push(`${text}\n`);
  }
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// The layouts printed, the tools that print and read them.

interface LayoutSpec {
  name: string;
  description: string;
  /** Which issue: the bundled one, a made-up one from test/support/made-up.ts, or the made-up ruled-table one (evals/table-issue.ts). */
  source: 'seed' | 'madeup' | 'table';
  engine: 'chromium' | 'libreoffice';
  typesetting: Typesetting;
  /** The CJK font is a copy whose OS/2 fsType forbids embedding: Skia draws it as Type 3. */
  type3?: boolean;
  /** Words the producer prints otherwise than the source holds them (seen in the PDF itself): what any reader of the PDF must find. */
  printedAs?: PrintedAs[];
}

/** A producer's own loss: the source's words, and the words the PDF prints. */
export interface PrintedAs {
  source: string;
  printed: string;
  why: string;
}

// The fonts: TrueType (glyf) ones, which Skia embeds as CID TrueType. (A CFF-flavoured OpenType
// font such as Noto Serif CJK SC, installed or copied out of its collection, Skia 156 prints as
// Type 3 fonts of 256 glyphs each, so Noto CJK would make every layout Type 3.) Each is used as a
// copy cut down to the characters the issues print (gazetteFonts): Skia subsets a TrueType font
// only while a document uses fewer than about 900 of its glyphs, and beyond that embeds the whole
// file (10–11 MB compressed for either font here), which the issue, 1,400 distinct characters,
// always is.
interface FontSpec {
  /** The installed family copied (fontconfig finds its file). */
  from: string;
  pkg: string;
  /** The copy's family, served from a private fontconfig directory. */
  family: string;
  /** OS/2 fsType to set: 2 forbids embedding, and Skia draws the font as Type 3. */
  fsType?: number;
}

const FONTS = {
  serif: { from: 'AR PL UMing CN', pkg: 'fonts-arphic-uming', family: 'Gazette UMing CN' },
  sans: { from: 'WenQuanYi Zen Hei', pkg: 'fonts-wqy-zenhei', family: 'Gazette Zen Hei' },
  restricted: { from: 'AR PL UMing CN', pkg: 'fonts-arphic-uming', family: 'Gazette UMing CN Restricted', fsType: 2 },
} satisfies Record<string, FontSpec>;
const SERIF = FONTS.serif.family;
const SANS = FONTS.sans.family;
const RESTRICTED_FAMILY = FONTS.restricted.family;

export const LAYOUTS: LayoutSpec[] = [
  {
    name: 'a4-1col',
    description: 'A4, one column, 16 pt body (about 28 characters a line, as GB/T 9704 sets 三号 type)',
    source: 'seed',
    engine: 'chromium',
    typesetting: { paper: 'A4', columns: 1, fontSize: 16, margin: '28mm 24mm 26mm 24mm', font: SERIF, titleFont: SANS },
  },
  {
    name: 'a4-2col',
    description: 'A4, two CSS columns (column-count: 2), 12 pt body, about 19 characters a line',
    source: 'seed',
    engine: 'chromium',
    typesetting: { paper: 'A4', columns: 2, fontSize: 12, margin: '24mm 20mm 22mm 20mm', font: SERIF, titleFont: SANS },
  },
  {
    name: 'a5',
    description: 'A5, one column, 12 pt body, about 26 characters a line',
    source: 'seed',
    engine: 'chromium',
    typesetting: { paper: 'A5', columns: 1, fontSize: 12, margin: '20mm 18mm 18mm 18mm', font: SERIF, titleFont: SANS },
  },
  {
    name: 'a5-type3',
    description: 'as a5, set in a font Skia embeds as Type 3: a copy of AR PL UMing CN whose OS/2 fsType is 2 (restricted-licence embedding)',
    source: 'seed',
    engine: 'chromium',
    typesetting: { paper: 'A5', columns: 1, fontSize: 12, margin: '20mm 18mm 18mm 18mm', font: RESTRICTED_FAMILY, titleFont: RESTRICTED_FAMILY },
    type3: true,
  },
  {
    name: 'lo-docx-a4',
    description: 'A4, one column, 16 pt: HTML → .docx (LibreOffice, MS Word 2007 XML) → PDF (LibreOffice), as an office prints a Word file',
    source: 'seed',
    engine: 'libreoffice',
    typesetting: { paper: 'A4', columns: 1, fontSize: 16, margin: '28mm 24mm 26mm 24mm', font: SERIF, titleFont: SANS, forLibreOffice: true },
    printedAs: [
      {
        source: '管控水平。2019 年，对工地',
        printed: '管控水平2019 年，对工地',
        why: 'LibreOffice 7.4 draws no 。 after 施工扬尘管控水平 (page 12): no reader of the PDF can find it',
      },
    ],
  },
  {
    name: 'madeup-a4-1col',
    description: 'the made-up PARKING_ISSUE (two texts interleaved page by page, a notice header between them), A4, one column, 16 pt',
    source: 'madeup',
    engine: 'chromium',
    typesetting: { paper: 'A4', columns: 1, fontSize: 16, margin: '28mm 24mm 26mm 24mm', font: SERIF, titleFont: SANS },
  },
  {
    name: 'table-a4',
    description:
      'a made-up notice whose attachment is a ruled table (borders drawn, cells wrapping over three or four lines, vertically centred), A4, one column, 14 pt',
    source: 'table',
    engine: 'chromium',
    typesetting: { paper: 'A4', columns: 1, fontSize: 14, margin: '28mm 24mm 26mm 24mm', font: SERIF, titleFont: SANS },
  },
];

export const EXTRACTORS = ['pdftotext', 'pdftotext-raw', 'pdftotext-layout', 'mutool', 'pdfminer'] as const;
export type Extractor = (typeof EXTRACTORS)[number];

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Tools {
  chromium: string;
  soffice: string;
  pdf2txt: string;
  python: string;
}

function which(names: string[]): string | null {
  for (const name of names) {
    const found = spawnSync('sh', ['-c', `command -v "${name}"`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

/** Every tool the chosen layouts need, or an error naming the Debian packages that are missing. */
function findTools(layouts: LayoutSpec[]): Tools {
  const missing: string[] = [];
  const need = (names: string[], pkg: string, wanted = true) => {
    if (!wanted) return '';
    const path = which(names);
    if (!path) missing.push(`${names[0]} (Debian package ${pkg})`);
    return path ?? '';
  };
  const tools: Tools = {
    chromium: need(
      ['chromium', 'chromium-browser'],
      'chromium',
      layouts.some((l) => l.engine === 'chromium'),
    ),
    soffice: need(
      ['soffice', 'libreoffice'],
      'libreoffice-writer',
      layouts.some((l) => l.engine === 'libreoffice'),
    ),
    pdf2txt: need(['pdf2txt', 'pdf2txt.py'], 'python3-pdfminer'),
    python: '',
  };
  for (const [bin, pkg] of [
    ['pdftotext', 'poppler-utils'],
    ['pdfinfo', 'poppler-utils'],
    ['pdffonts', 'poppler-utils'],
    ['mutool', 'mupdf-tools'],
    ['fc-match', 'fontconfig'],
  ])
    need([bin], pkg);
  // Debian's python3-fonttools is for the system python, which may not be the first python3 on PATH.
  tools.python =
    ['/usr/bin/python3', which(['python3']) ?? ''].find((p) => p && spawnSync(p, ['-c', 'import fontTools.subset'], { stdio: 'ignore' }).status === 0) ?? '';
  if (!tools.python) missing.push('python3 with fontTools (Debian package python3-fonttools)');
  for (const font of Object.values(FONTS)) {
    const served = spawnSync('fc-match', ['-f', '%{family}', font.from], { encoding: 'utf8' }).stdout ?? '';
    if (!served.includes(font.from)) missing.push(`the font ${font.from} (Debian package ${font.pkg})`);
  }
  if (missing.length) {
    throw new Error(
      `pdf-fixtures needs what is not installed:\n  ${[...new Set(missing)].join('\n  ')}\ninstall with: apt-get install -y chromium libreoffice-writer poppler-utils mupdf-tools python3-pdfminer python3-fonttools fonts-arphic-uming fonts-wqy-zenhei`,
    );
  }
  return tools;
}

function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Buffer {
  const r = spawnSync(cmd, args, { env: opts.env ?? process.env, timeout: opts.timeoutMs ?? 300_000, maxBuffer: 512 * 1024 * 1024 });
  if (r.error || r.status !== 0) {
    throw new Error(
      `${basename(cmd)} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr?.toString().trim().split('\n').slice(-5).join('\n')}`,
    );
  }
  return r.stdout;
}

const version = (cmd: string, args: string[], pick: RegExp): string => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return (`${r.stdout ?? ''}\n${r.stderr ?? ''}`.match(pick)?.[0] ?? 'unknown').trim();
};
// biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format, not a template
const debVersion = (pkg: string) => spawnSync('dpkg-query', ['-W', '-f', '${Version}', pkg], { encoding: 'utf8' }).stdout?.trim() || 'unknown';

function toolVersions(tools: Tools): Record<string, string> {
  return {
    chromium: tools.chromium ? version(tools.chromium, ['--version'], /Chromium\s+[\d.]+/) : 'unused',
    libreoffice: tools.soffice ? version(tools.soffice, ['--version'], /LibreOffice\s+[\d.]+/) : 'unused',
    poppler: `pdftotext ${version('pdftotext', ['-v'], /(?<=pdftotext version )[\d.]+/)}`,
    mupdf: `mutool ${version('mutool', ['-v'], /(?<=mutool version )[\d.]+/)}`,
    pdfminer: `pdfminer.six ${debVersion('python3-pdfminer')} (python3-pdfminer)`,
  };
}

/**
 * The fonts the layouts name (FONTS), made in `dir` and served by a private fontconfig file that
 * includes the system's: each a copy of an installed font cut down to `text`'s characters with
 * fontTools (layout features kept), renamed, its OS/2 fsType set where the spec says. fsType 2
 * (restricted-licence embedding) makes Skia mark the face not embeddable and draw its glyphs as
 * Type 3 fonts. Nothing outside `dir` changes. Returns the environment the printers run in.
 */
function gazetteFonts(tools: Tools, dir: string, text: string): NodeJS.ProcessEnv {
  const fontDir = join(dir, 'fonts');
  mkdirSync(fontDir, { recursive: true });
  const textFile = join(dir, 'characters.txt');
  writeFileSync(textFile, text);
  const jobs = Object.values(FONTS).map((f: FontSpec) => {
    const [file, index] = spawnSync('fc-match', ['-f', '%{file}\n%{index}', `${f.from}:style=Regular`], { encoding: 'utf8' }).stdout.split('\n');
    return {
      src: file,
      index: Number(index || 0),
      out: join(fontDir, `${f.family.replace(/ /g, '')}-Regular.ttf`),
      family: f.family,
      fsType: f.fsType ?? null,
    };
  });
  const script = `
import json, sys
from fontTools import subset
from fontTools.ttLib import TTFont
text = open(sys.argv[1], encoding='utf-8').read()
for job in json.loads(sys.argv[2]):
    font = TTFont(job['src'], fontNumber=job['index'])
    cmap = font.getBestCmap()
    missing = sorted(set(c for c in text if ord(c) not in cmap and not c.isspace()))
    opts = subset.Options()
    opts.layout_features = ['*']
    opts.name_IDs = ['*']
    opts.name_languages = ['*']
    opts.notdef_outline = True
    sub = subset.Subsetter(opts)
    sub.populate(text=text)
    sub.subset(font)
    if job['fsType'] is not None:
        font['OS/2'].fsType = job['fsType']
    ps = job['family'].replace(' ', '') + '-Regular'
    for rec in font['name'].names:
        if rec.nameID in (1, 16): rec.string = job['family']
        elif rec.nameID == 4: rec.string = job['family'] + ' Regular'
        elif rec.nameID in (3, 6): rec.string = ps
    font.save(job['out'])
    print(json.dumps({'family': job['family'], 'glyphs': font['maxp'].numGlyphs, 'missing': ''.join(missing)}))
`;
  const report = run(tools.python, ['-c', script, textFile, JSON.stringify(jobs)])
    .toString('utf8')
    .trim()
    .split('\n');
  for (const line of report) {
    const r = JSON.parse(line) as { family: string; glyphs: number; missing: string };
    console.log(`font ${r.family}: ${r.glyphs} glyphs${r.missing ? `; not in the font, left to fallback: ${r.missing}` : ''}`);
  }
  const conf = join(dir, 'fonts.conf');
  writeFileSync(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${fontDir}</dir>\n  <cachedir>${join(dir, 'fc-cache')}</cachedir>\n</fontconfig>\n`,
  );
  const env = { ...process.env, FONTCONFIG_FILE: conf };
  for (const f of Object.values(FONTS)) {
    const served = spawnSync('fc-match', ['-f', '%{family}', f.family], { env, encoding: 'utf8' }).stdout;
    if (!served.includes(f.family)) throw new Error(`fontconfig does not serve ${f.family} from ${conf}`);
  }
  return env;
}

function printChromium(tools: Tools, html: string, pdf: string, work: string, env: NodeJS.ProcessEnv): void {
  const profile = mkdtempSync(join(work, 'chromium-profile-'));
  run(tools.chromium, [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, `--print-to-pdf=${pdf}`, '--no-pdf-header-footer', `file://${html}`], { env });
  rmSync(profile, { recursive: true, force: true });
}

/** HTML → .docx → PDF, both with LibreOffice, as an office converts a document it was sent. */
function printLibreOffice(tools: Tools, html: string, pdf: string, work: string, env: NodeJS.ProcessEnv): void {
  const profile = `file://${mkdtempSync(join(work, 'lo-profile-'))}`;
  const outDir = join(work, 'lo');
  mkdirSync(outDir, { recursive: true });
  const lo = (args: string[]) => run(tools.soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', ...args, '--outdir', outDir], { env });
  // Writer's HTML import (not Writer/Web, which has no .docx export).
  lo(['--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', html]);
  const docx = join(outDir, basename(html).replace(/\.html$/, '.docx'));
  lo(['--convert-to', 'pdf', docx]);
  writeFileSync(pdf, readFileSync(docx.replace(/\.docx$/, '.pdf')));
}

function extract(tools: Tools, extractor: Extractor, pdf: string): Buffer {
  switch (extractor) {
    case 'pdftotext':
      return run('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
    case 'pdftotext-raw':
      return run('pdftotext', ['-enc', 'UTF-8', '-raw', pdf, '-']);
    case 'pdftotext-layout':
      return run('pdftotext', ['-enc', 'UTF-8', '-layout', pdf, '-']);
    case 'mutool':
      return run('mutool', ['draw', '-q', '-F', 'txt', '-o', '-', pdf]);
    case 'pdfminer':
      return run(tools.pdf2txt, ['-t', 'text', '-c', 'utf-8', pdf]);
  }
}

interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  count?: number;
}

/** pdffonts' table: the name, the type (which may hold spaces), and the emb column. */
function pdfFonts(pdf: string): PdfFont[] {
  const out = run('pdffonts', [pdf]).toString('utf8').split('\n');
  const rule = out[1] ?? '';
  const cols = [...rule.matchAll(/-+/g)].map((m) => [m.index!, m.index! + m[0].length] as const);
  return out
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cell = (k: number) => l.slice(cols[k][0], k + 1 < cols.length ? cols[k + 1][0] : undefined).trim();
      return { name: cell(0), type: cell(1), embedded: cell(3) === 'yes' };
    });
}

function pdfInfo(pdf: string): { pages: number; pageSize: string; producer: string; creator: string } {
  const info = run('pdfinfo', [pdf]).toString('utf8');
  const field = (k: string) => new RegExp(`^${k}:\\s*(.*)$`, 'm').exec(info)?.[1].trim() ?? '';
  return { pages: Number(field('Pages')), pageSize: field('Page size'), producer: field('Producer'), creator: field('Creator') };
}

interface ManifestEntry {
  layout: string;
  description: string;
  pdf: string;
  source: string;
  engine: string;
  producer: string;
  creator: string;
  paper: string;
  pageSize: string;
  columns: number;
  fontSize: string;
  fontTypes: string[];
  fonts: PdfFont[];
  pages: number;
  bytes: number;
  sha256: string;
  /** Pages whose default pdftotext text holds the running header, and a "- N -" page number. */
  furniture: { header: number; pageNumber: number };
  extractions: Record<Extractor, { file: string; bytes: number; chars: number }>;
  printedAs?: PrintedAs[];
}

interface Manifest {
  generator: string;
  tools: Record<string, string>;
  pdfs: ManifestEntry[];
}

/**
 * A made-up issue from the tests' support file. Evals do not import tests (test/architecture.test.ts),
 * so the file, which imports nothing, is transpiled here with TypeScript and loaded as a module.
 */
async function madeUpIssue(file: string, name: string): Promise<string> {
  const ts = await import('typescript');
  const js = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as Record<string, unknown>;
  if (typeof mod[name] !== 'string') throw new Error(`${file} exports no issue ${name}`);
  return mod[name] as string;
}

function parseArgs(argv: string[]): { out: string; only: string | null } {
  let out = 'test/fixtures/pdf';
  let only: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = argv[++i];
    else if (argv[i] === '--only') only = argv[++i];
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log(`usage: node dist/evals/pdf-fixtures.js [--out DIR] [--only LAYOUT]\nlayouts: ${LAYOUTS.map((l) => l.name).join(', ')}`);
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (only && !LAYOUTS.some((l) => l.name === only)) throw new Error(`no layout ${only}; known: ${LAYOUTS.map((l) => l.name).join(', ')}`);
  return { out: resolve(out), only };
}

async function main(): Promise<void> {
  const { out, only } = parseArgs(process.argv.slice(2));
  const layouts = LAYOUTS.filter((l) => !only || l.name === only);
  console.log(
    'pdf-fixtures: needs chromium (Debian chromium), soffice (libreoffice-writer), pdftotext/pdfinfo/pdffonts (poppler-utils), mutool (mupdf-tools), pdf2txt (python3-pdfminer), fontTools (python3-fonttools), fonts AR PL UMing CN (fonts-arphic-uming) and WenQuanYi Zen Hei (fonts-wqy-zenhei)',
  );
  const tools = findTools(layouts);
  const root = resolve(import.meta.dirname, '..', '..');
  const seedFile = join(root, 'seeds', 'zhongwei-gazette-2019-no04.txt');
  const PARKING_ISSUE = await madeUpIssue(join(root, 'test', 'support', 'made-up.ts'), 'PARKING_ISSUE');
  // The made-up issue's text is kept beside its PDF, so the tests and evals read every source as a file.
  const madeUpFile = join(out, 'madeup-parking.txt');
  const tableFile = join(out, 'madeup-table.txt');
  const sources = {
    seed: { name: 'seeds/zhongwei-gazette-2019-no04.txt', text: readFileSync(seedFile, 'utf8') },
    madeup: { name: relative(root, madeUpFile), text: PARKING_ISSUE },
    table: { name: relative(root, tableFile), text: TABLE_ISSUE_TEXT },
  };
  mkdirSync(out, { recursive: true });
  writeFileSync(madeUpFile, PARKING_ISSUE);
  writeFileSync(tableFile, TABLE_ISSUE_TEXT);
  const work = mkdtempSync(join(tmpdir(), 'pdf-fixtures-'));
  const manifestFile = join(out, 'manifest.json');
  const previous: Manifest | null = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : null;
  const entries = new Map<string, ManifestEntry>((previous?.pdfs ?? []).map((e) => [e.layout, e]));
  try {
    // The fonts hold every character either issue prints, whichever layouts this run prints.
    const characters = new Set<string>(Array.from({ length: 95 }, (_, k) => String.fromCharCode(0x20 + k)));
    for (const source of Object.values(sources)) {
      for (const ch of htmlPlainText(issueHtml(source.text, LAYOUTS[0].typesetting)) + runningHeader(source.text)) characters.add(ch);
    }
    const env = gazetteFonts(
      tools,
      join(work, 'fonts'),
      [...characters]
        .filter((c) => c !== '\f')
        .sort()
        .join(''),
    );
    for (const layout of layouts) {
      const started = Date.now();
      const source = sources[layout.source];
      const html = join(work, `${layout.name}.html`);
      writeFileSync(html, layout.source === 'table' ? tableIssueHtml(layout.typesetting) : issueHtml(source.text, layout.typesetting));
      const pdf = join(out, `${layout.name}.pdf`);
      if (layout.engine === 'libreoffice') printLibreOffice(tools, html, pdf, work, env);
      else printChromium(tools, html, pdf, work, env);
      const info = pdfInfo(pdf);
      const fonts = pdfFonts(pdf);
      const header = runningHeader(source.text);
      const extractions = {} as ManifestEntry['extractions'];
      let furniture = { header: 0, pageNumber: 0 };
      for (const extractor of EXTRACTORS) {
        const text = extract(tools, extractor, pdf);
        const file = `${layout.name}.${extractor}.txt.gz`;
        writeFileSync(join(out, file), gzipSync(text, { level: 9 }));
        const decoded = text.toString('utf8');
        extractions[extractor] = { file, bytes: statSync(join(out, file)).size, chars: [...decoded].length };
        if (extractor === 'pdftotext') {
          const pages = decoded.split('\f').filter((p) => p.trim());
          furniture = {
            header: pages.filter((p) => p.replace(/\s/g, '').includes(header.replace(/\s/g, ''))).length,
            pageNumber: pages.filter((p) => /^\s*-\s*\d+\s*-\s*$/m.test(p)).length,
          };
        }
      }
      const bytes = statSync(pdf).size;
      entries.set(layout.name, {
        layout: layout.name,
        description: layout.description,
        pdf: `${layout.name}.pdf`,
        source: source.name,
        engine: layout.engine,
        producer: info.producer,
        creator: info.creator,
        paper: layout.typesetting.paper,
        pageSize: info.pageSize,
        columns: layout.typesetting.columns,
        fontSize: `${layout.typesetting.fontSize}pt`,
        fontTypes: [...new Set(fonts.map((f) => f.type))],
        // One entry per name and type, with how many font objects share them (Type 3 and simple fonts come in many).
        fonts: fonts
          .filter((f, k) => fonts.findIndex((g) => g.name === f.name && g.type === f.type) === k)
          .map((f) => ({ ...f, count: fonts.filter((g) => g.name === f.name && g.type === f.type).length })),
        pages: info.pages,
        bytes,
        sha256: createHash('sha256').update(readFileSync(pdf)).digest('hex'),
        furniture,
        extractions,
        ...(layout.printedAs ? { printedAs: layout.printedAs } : {}),
      });
      const warn =
        furniture.header < info.pages || furniture.pageNumber < info.pages
          ? `  WARNING: header on ${furniture.header}, page number on ${furniture.pageNumber} of ${info.pages} pages`
          : '';
      console.log(
        `${layout.name}: ${info.pages} pages, ${(bytes / 1024).toFixed(0)} KiB, ${info.pageSize}, fonts ${[...new Set(fonts.map((f) => f.type))].join(' + ')}, ${((Date.now() - started) / 1000).toFixed(1)} s${warn}`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const manifest: Manifest = {
    generator: 'npm run build && node dist/evals/pdf-fixtures.js (evals/pdf-fixtures.ts)',
    tools: { ...(previous?.tools ?? {}), ...Object.fromEntries(Object.entries(toolVersions(tools)).filter(([, v]) => v !== 'unused')) },
    pdfs: LAYOUTS.map((l) => entries.get(l.name)).filter((e): e is ManifestEntry => !!e),
  };
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  const total = readdirSync(out).reduce((n, f) => n + statSync(join(out, f)).size, 0);
  console.log(`wrote ${manifestFile}; ${out} holds ${(total / 1024 / 1024).toFixed(1)} MiB`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((err: Error) => {
    console.error(`pdf-fixtures: ${err.message}`);
    process.exit(1);
  });
}
