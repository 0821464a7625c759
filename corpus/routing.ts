// Layout repair, step 2: separate the documents. Notice headers are lifted out of the text they
// interrupt, and every run of lines is routed to the text it continues, which matters where the
// printed layout cuts one text with another notice's header or interleaves two texts by column.
// The router walks the lines once; at each line the first rule of ROUTING_RULES that applies
// decides where the line goes. A new layout adds a rule (and a test), not a branch.
import { Numbering, parseMarker, type Marker } from '../domain/markers.js';
import { normalizeDocNumber, normalizeDocNumbersIn } from '../domain/doc-number.js';
import { bracketsAfter, continuesLine, dropCjkSpaces, endsClause, matchKey, NOTE_MAX_CHARS, parseChineseDate, printedWidth } from '../domain/text.js';
import type { Line } from './layout.js';

export type TextRole = 'notice' | 'part' | 'attachment';

/** One text as routed: a notice's own words, a text it issues, or an attachment (附件). */
export interface RoutedText {
  role: TextRole;
  title: string;
  /** 附件 or 附件2 for attachments, as printed. */
  label: string | null;
  lines: Line[];
  /** Table header key when the text is a flattened table. */
  tableKey: string | null;
  attachments: RoutedText[];
}

export interface NoticeHeader {
  docNumber: string;
  title: string;
  issuers: string[];
  lineNo: number;
  page: number | null;
}

export interface RoutedNotice {
  header: NoticeHeader;
  recipients: string | null;
  date: string | null;
  publicNote: string | null;
  body: RoutedText;
  /** Texts the notice issues, and attachments of the notice itself, in printed order. */
  parts: RoutedText[];
}

/**
 * What routing reports: text it could not give to any notice (unplaced), a 文号 it could not read
 * as a header (header), a declared text never printed (title) — all three unplaced — and, for the
 * record, a cover it read without its signature (cover) and every jump in reading order (route).
 */
export type ReportKind = 'unplaced' | 'header' | 'title' | 'cover' | 'route';

export const UNPLACED_REPORT_KINDS: ReadonlySet<ReportKind> = new Set(['unplaced', 'header', 'title']);

export interface ReportItem {
  kind: ReportKind;
  lineNo: number;
  page: number | null;
  message: string;
}

export interface RoutedIssue {
  notices: RoutedNotice[];
  report: ReportItem[];
  /** Lines that are a whole 文号, and how many of them head a notice. */
  headers: { found: number; placed: number };
}

// How far back an interrupted text can still be resumed: printed interleaving never reaches
// further than the facing page. Pages are counted where the extraction shows them; characters
// (about two pages of this gazette) bound it where it does not.
const RESUME_WINDOW_PAGES = 2;
/** About what a printed gazette page holds; a layout of smaller pages resumes across as many more. */
const GAZETTE_PAGE_CHARS = 1400;
const RESUME_WINDOW_CHARS = 3000;

const TITLE_END = /(通知|决定|通报|批复|意见|公告|通告|命令|函)$/;
const ISSUER_TOKEN = /^[\u4e00-\u9fff]{2,24}(人民政府|政府|办公室|办公厅|委员会|军分区|管委会|局|委|厅)(文件)?$/;
const ATTACHMENT_MARK = /^附\s*件\s*(\d{1,2})?$/;
const ATTACHMENT_DECL = /^附\s*件\s*[：:]\s*(.*)$/;
/** A 序号 alone or before a cell, spaced or not; "8 月 30 日前" is a date in a cell and "3.5" a number, not rows. */
export const ROW_START = /^(\d{1,3})(?:\s*(?=[^\s\d.．、,，月日年号个万天周时%])(.+))?$/;
const RECIPIENT_BODY = /(政府|部门|机构|单位|管委会|委员会|人武部|局|办公室|公司|院|团体)(（[^）]*）)?$/;

/** 附件：1.…；2.… — a line that declares a text's attachments, printed as a paragraph of its own. */
export function isAttachmentDeclaration(raw: string): boolean {
  return ATTACHMENT_DECL.test(dropCjkSpaces(raw));
}

function isIssuerLine(raw: string): string[] | null {
  if (/[，。：；、（）《》]/.test(raw)) return null;
  const tokens = raw.split(' ');
  if (tokens.length > 3 || !tokens.every((t) => ISSUER_TOKEN.test(t))) return null;
  // 中卫市人民政府办公室文件: the red header names the issuer and the word 文件.
  return tokens.map((t) => t.replace(/文件$/, ''));
}

function isDateLine(raw: string): boolean {
  return parseChineseDate(raw) !== null;
}

const widthCache = new WeakMap<Line, number>();
/** Printed width of a line, measured once: routing asks for it again and again. */
function widthOf(line: Line): number {
  let w = widthCache.get(line);
  if (w === undefined) widthCache.set(line, (w = printedWidth(line.raw)));
  return w;
}

/** Width of a full line: most lines of a column run to its margin. */
export function typicalWidth(lines: Line[]): number {
  const widths = lines.map(widthOf).sort((a, b) => a - b);
  return widths[Math.floor(widths.length * 0.75)] ?? 0;
}

function isTableHeaderStart(lines: Line[], i: number): boolean {
  const raw = lines[i].raw;
  return /^序\s*号/.test(raw) || (raw === '序' && lines[i + 1]?.raw === '号');
}

/** A text being routed: its lines so far, and where its numbering and its table stand. */
class OpenText {
  lines: Line[] = [];
  closed = false;
  readonly numbering = new Numbering();
  table: { key: string; lastRow: number } | null = null;
  declaredAttachments: string[] = [];
  attachments: OpenText[] = [];
  lastPageIndex = -1;
  /** Where the text's last line stands (Line.at). */
  lastAt = 0;
  label: string | null = null;

  constructor(
    readonly role: TextRole,
    readonly notice: NoticeDraft,
    public title: string,
    readonly owner: OpenText | null,
    /** Typical line width of the whole issue, for texts too short to have their own. */
    readonly issueColumn: number,
  ) {}

  /** The text was last seen at this line (its title, a table header, or a line of its own). */
  reached(line: Line): void {
    this.lastPageIndex = line.pageIndex;
    this.lastAt = line.at;
  }

  /** The last line closes something read whole (附件：… declares its attachments): it cannot run on. */
  endsWhole = false;

  /** Open brackets at the end of the text so far, and characters since the outermost opened. */
  private brackets = { depth: 0, chars: 0 };

  /** The text must go on: its last line stops mid-sentence at the margin, or a note is still open. */
  unfinished(): boolean {
    return this.midSentence() || this.noteOpen();
  }

  /** A note bracket opened on one of the last few lines and not yet closed (its ） wraps onto a line of its own). */
  noteOpen(): boolean {
    return !this.table && this.brackets.depth > 0 && this.brackets.chars <= NOTE_MAX_CHARS;
  }

  /** The last printed line stops mid-sentence at the end of a full line: the next line carries the sentence on. */
  midSentence(): boolean {
    if (this.table || this.lines.length === 0 || this.endsWhole) return false;
    const last = this.lines[this.lines.length - 1];
    if (endsClause(dropCjkSpaces(last.raw))) return false;
    const marker = parseMarker(last.raw);
    if (marker?.type === 'chapter') return false; // a centred heading
    if (marker?.type === 'article') return true; // an article's words end with their punctuation, however short the line
    const column = this.lines.length >= 8 ? typicalWidth(this.lines.slice(-30)) : this.issueColumn;
    // A line cut mid-sentence runs to the margin; a marker line is indented two cells and stops
    // short when it is a heading.
    return marker ? widthOf(last) + 2 >= column * 0.9 : widthOf(last) >= column * 0.6;
  }

  /** How well a marker continues this text: 3 exact next number, 2 numbering running on, 1 a new list, 0 no. */
  score(m: Marker): number {
    return this.closed || this.table ? 0 : this.numbering.score(m);
  }

  /** A row number continuing this table. */
  acceptsRow(raw: string): boolean {
    const m = this.table && ROW_START.exec(raw);
    return !!m && Number(m[1]) === this.table!.lastRow + 1;
  }

  append(line: Line, marker: Marker | null): void {
    this.lines.push(line);
    this.reached(line);
    this.endsWhole = false;
    if (this.table) {
      if (this.acceptsRow(line.raw)) this.table.lastRow++;
      return;
    }
    // A marker opens a new paragraph: brackets left open before it were never closed.
    this.brackets = bracketsAfter(line.raw, this.noteOpen() && !marker ? this.brackets : { depth: 0, chars: 0 });
    const text = dropCjkSpaces(line.raw);
    if (marker) this.numbering.push(marker, !endsClause(text) && text.length <= 30);
    else this.numbering.text();
  }

  describe(): string {
    const doc = this.notice.header?.docNumber ?? 'notice';
    return this.role === 'notice' ? doc : `${doc} ${this.title || '附件'}`;
  }

  toRouted(): RoutedText {
    return {
      role: this.role,
      title: this.title,
      label: this.label,
      lines: this.lines,
      tableKey: this.table?.key ?? null,
      attachments: this.attachments.map((a) => a.toRouted()),
    };
  }
}

interface NoticeDraft {
  header: NoticeHeader | null;
  recipients: string | null;
  date: string | null;
  publicNote: string | null;
  body: OpenText;
  parts: OpenText[];
  /** Where the notice's header or cover sits in the text, for pairing a detached header. */
  at: number;
}

interface HeaderBlock {
  header: NoticeHeader;
  from: number;
  to: number; // inclusive: the 文号 line, or the end of the cover when one follows
  cover: { recipients: string; body: Line[]; date: string | null; publicNote: string | null } | null;
}

/** Finds every notice header (issuer, 关于…的通知, 文号) and the cover printed right after it. */
function findHeaders(lines: Line[], report: ReportItem[]): HeaderBlock[] {
  const blocks: HeaderBlock[] = [];
  lines.forEach((line, k) => {
    const docNumber = normalizeDocNumber(line.raw);
    if (!docNumber) return;
    let issuerAt = -1;
    for (let j = k - 1; j >= Math.max(0, k - 6); j--) {
      if (isIssuerLine(lines[j].raw)) {
        issuerAt = j;
        break;
      }
    }
    const title = issuerAt >= 0 ? joinLines(lines.slice(issuerAt + 1, k)) : '';
    if (issuerAt < 0 || !title.startsWith('关于') || !TITLE_END.test(title)) {
      report.push({
        kind: 'header',
        lineNo: line.lineNo,
        page: line.page,
        message: `文号 ${docNumber} has no issuer and 关于…的通知 title above it; left in the text`,
      });
      return;
    }
    const issuers = isIssuerLine(lines[issuerAt].raw)!;
    const header: NoticeHeader = { docNumber, title, issuers, lineNo: lines[issuerAt].lineNo, page: lines[issuerAt].page };
    const cover = readCover(lines, k + 1, issuers);
    blocks.push({ header, from: issuerAt, to: cover ? cover.end : k, cover: cover?.cover ?? null });
    if (!cover && recipientsAt(lines, k + 1)) {
      report.push({ kind: 'cover', lineNo: line.lineNo, page: line.page, message: `${docNumber}: cover has no signature and date; kept in the text` });
    }
  });
  return blocks;
}

/** Recipients (主送) line(s) starting at i, ending with a colon: returns the index of the last line. */
function recipientsAt(lines: Line[], i: number): number | null {
  let text = '';
  for (let j = i; j < Math.min(lines.length, i + 3); j++) {
    text += dropCjkSpaces(lines[j].raw);
    if (/[：:]$/.test(text)) {
      // A 主送 line is a list of bodies and nothing else: 各县（区）人民政府（管委会），市政府各部门、直属机构
      const bodies = text.replace(/[：:]$/, '').split(/[，、,]/);
      const isList = bodies.every((b) => RECIPIENT_BODY.test(b));
      return /^(各|市|县|区|自治区)/.test(text) && isList && !/[。；]/.test(text) && text.length <= 90 ? j : null;
    }
  }
  return null;
}

function readCover(lines: Line[], start: number, issuers: string[]) {
  const recipientsEnd = recipientsAt(lines, start);
  if (recipientsEnd === null) return null;
  const issuerKey = matchKey(issuers.join(''));
  for (let j = recipientsEnd + 1; j < Math.min(lines.length - 1, recipientsEnd + 120); j++) {
    if (matchKey(lines[j].raw) !== issuerKey || !isDateLine(lines[j + 1].raw)) continue;
    const { note, end } = readPublicNote(lines, j + 2);
    return {
      end: end ?? j + 1,
      cover: {
        recipients: joinLines(lines.slice(start, recipientsEnd + 1)).replace(/[：:]$/, ''),
        body: lines.slice(recipientsEnd + 1, j),
        date: parseChineseDate(lines[j + 1].raw),
        publicNote: note,
      },
    };
  }
  return null;
}

/** Printed lines joined into one run of text, extraction spaces gone. */
function joinLines(lines: Line[]): string {
  return normalizeDocNumbersIn(lines.map((l) => dropCjkSpaces(l.raw)).join(''));
}

/** （此件公开发布 联系人：… ） possibly wrapped over lines. */
function readPublicNote(lines: Line[], i: number): { note: string | null; end: number | null } {
  if (!lines[i] || !/^[（(]此件/.test(lines[i].raw)) return { note: null, end: null };
  let text = '';
  for (let j = i; j < Math.min(lines.length, i + 3); j++) {
    text += (text ? ' ' : '') + lines[j].raw;
    if (/[）)]$/.test(lines[j].raw)) return { note: text.replace(/^[（(]|[）)]$/g, '').trim(), end: j };
  }
  return { note: null, end: null };
}

/**
 * Titles a notice says it issues: the 《…》 in its sentence with 印发; failing those, what its own
 * title says it issues (关于印发X的通知).
 */
function declaredTitles(body: Line[], noticeTitle: string): { titles: string[]; quoted: boolean } {
  const quoted = quotedTitles(body);
  if (quoted.length) return { titles: quoted, quoted: true };
  const issued = /^关于印发(.+?)的通知$/.exec(noticeTitle);
  return { titles: issued && !/等\s*\d*\s*个/.test(issued[1]) ? [issued[1].replace(/^《|》$/g, '')] : [], quoted: false };
}

function quotedTitles(body: Line[]): string[] {
  const text = joinLines(body).replace(/</g, '《').replace(/>/g, '》');
  const titles: string[] = [];
  for (const sentence of text.split('。')) {
    if (!sentence.includes('印发')) continue;
    let depth = 0;
    let start = -1;
    for (let i = 0; i < sentence.length; i++) {
      if (sentence[i] === '《' && depth++ === 0) start = i + 1;
      else if (sentence[i] === '》' && depth > 0 && --depth === 0) titles.push(sentence.slice(start, i));
    }
  }
  return titles;
}

/** 附件：1.A；2.B； or 附件：A wrapped over lines. Returns the titles and the last line used. */
function attachmentDeclaration(lines: Line[], i: number, stop: (j: number) => boolean): { titles: string[]; end: number } {
  const first = ATTACHMENT_DECL.exec(dropCjkSpaces(lines[i].raw));
  let text = first ? first[1] : '';
  let end = i;
  for (let j = i + 1; j < Math.min(lines.length, i + 8); j++) {
    const t = dropCjkSpaces(lines[j].raw);
    if (stop(j) || ATTACHMENT_MARK.test(lines[j].raw) || isTableHeaderStart(lines, j) || isIssuerLine(lines[j].raw)) break;
    const listItem = /^\d{1,2}[.．、]/.test(t);
    if (!listItem && (/[；;。]$/.test(text) || parseMarker(lines[j].raw))) break;
    text += t;
    end = j;
  }
  const titles = text
    .split(/(?:^|[；;])\s*\d{1,2}[.．、]\s*/)
    .map((s) => s.replace(/[；;。\s]+$/, '').trim())
    .filter(Boolean);
  return { titles, end };
}

function tableHeaderEnd(lines: Line[], i: number): number {
  let j = i;
  while (j + 1 < lines.length && j - i < 14) {
    const next = lines[j + 1].raw;
    // A page break ends the header, unless it split the header's first word (序 / 号).
    if (ROW_START.test(next) || /^[一二三四五六七八九十]+、/.test(next) || (lines[j + 1].pageStart && !(j === i && lines[i].raw === '序'))) break;
    j++;
  }
  return j;
}

/**
 * A rule of the router: at line i, it either does not apply (null) or places the line(s) and
 * returns the index of the last line it consumed.
 */
interface RoutingRule {
  name: string;
  apply: (r: Router, i: number) => number | null;
}

/**
 * Where a line goes when another text may continue here: at a cut (a page start or a lifted
 * header) and at every article or chapter marker. Each rule names the texts it considers and how
 * well the line continues each; the best candidate that beats the current text takes the line.
 */
interface ContinuationRule {
  name: string;
  /** Whether the rule looks at this line at all. */
  when: (r: Router, line: Line, marker: Marker | null, atCut: boolean) => boolean;
  /** The text that should take the line instead of the current one, with the reason shown in the report. */
  pick: (r: Router, line: Line, marker: Marker | null, atCut: boolean) => { text: OpenText; why: string } | null;
}

export const CONTINUATION_RULES: ContinuationRule[] = [
  {
    name: 'numbering: a marker continues another recent text',
    when: (_r, _line, marker) => !!marker,
    pick: (r, line, marker, atCut) => {
      const current = r.current!;
      const here = current.score(marker!);
      if (here >= 2) return null;
      // Articles and chapters number a whole text, so they are routed wherever they stand; other
      // markers away from a cut (which a single-spaced or re-wrapped extraction may not show) only
      // when the current text cannot take them at all and another continues them exactly.
      const anywhere = atCut || marker!.type === 'article' || marker!.type === 'chapter';
      // A table's cells carry numbering of their own (四、统一监管方式): away from a cut they stay in it.
      if (!anywhere && (here > 0 || current.table)) return null;
      // Leaving a table, or a text that could take the marker as a new list, needs an exact fit.
      const needed = anywhere && here === 0 && !current.table ? 1 : 3;
      const best = r
        .recent(line)
        .filter((s) => s !== current)
        .map((s) => ({ s, score: s.score(marker!) }))
        .filter((c) => c.score >= needed)
        .sort((a, b) => b.score - a.score || b.s.lastPageIndex - a.s.lastPageIndex)[0];
      // A marker nothing continues stays here; the outline reports it if it breaks this text's numbering.
      return best ? { text: best.s, why: `${marker!.label} continues it` } : null;
    },
  },
  {
    name: 'unfinished sentence: unmarked words after a finished text complete another text left mid-sentence',
    // A text just opened by its title takes its own first words.
    when: (r, line, marker, atCut) =>
      !marker && !continuesLine(line.raw) && !r.current!.unfinished() && !r.current!.table && (atCut || r.current!.lines.length > 0),
    pick: (r, line, _marker, atCut) => {
      // Only an interruption leaves a text cut off mid-sentence at the margin. At a cut any such
      // text is a candidate; away from one (an extraction that shows no pages), only a text whose
      // last line is cut mid-sentence, not one merely inside an open note.
      const waiting = r.recent(line).filter((s) => s !== r.current && (atCut ? s.unfinished() : s.midSentence()));
      return waiting.length ? { text: waiting[waiting.length - 1], why: 'completes its unfinished sentence' } : null;
    },
  },
];

export const ROUTING_RULES: RoutingRule[] = [
  {
    name: 'notice header: lifted out of whatever it interrupts',
    apply: (r, i) => {
      const block = r.lifted.get(i);
      if (!block) return null;
      if (!block.cover) r.placeDetachedHeader(block);
      // The issue's first notice, printed whole on its cover: what follows (its own 附件) is its.
      else r.current ??= r.notices.find((n) => n.header === block.header)?.body ?? null;
      r.cut = true;
      return block.to;
    },
  },
  {
    name: 'declared title: a text a notice issues starts here',
    apply: (r, i) => {
      const title = r.matchTitle(i);
      if (!title) return null;
      const notice = r.titleOwners.get(title.key)!;
      r.started.add(title.key);
      const part = r.open(new OpenText('part', notice, title.text, null, r.column));
      notice.parts.push(part);
      part.reached(r.lines[i]);
      return title.end;
    },
  },
  {
    name: 'detached recipients: a notice whose header is printed after its first words',
    apply: (r, i) => {
      if (!r.someDetached || r.current?.unfinished()) return null;
      const end = recipientsAt(r.lines, i);
      if (end === null) return null;
      const notice = r.newNotice(null, i);
      notice.recipients = joinLines(r.lines.slice(i, end + 1)).replace(/[：:]$/, '');
      r.notices.push(notice);
      r.open(notice.body).reached(r.lines[i]);
      return end;
    },
  },
  {
    name: 'orphan: text before any notice',
    apply: (r, i) => {
      if (r.current) return null;
      r.note('unplaced', r.lines[i], `text before any notice: ${r.lines[i].raw.slice(0, 40)}`);
      return i;
    },
  },
  {
    name: 'signature: the issuer and date closing a notice routed line by line',
    apply: (r, i) => {
      const current = r.current!;
      const next = r.lines[i + 1];
      if (current.role !== 'notice' || !r.knownIssuers.has(matchKey(r.lines[i].raw)) || !next || !isDateLine(next.raw)) return null;
      current.notice.date = parseChineseDate(next.raw);
      const pub = readPublicNote(r.lines, i + 2);
      current.notice.publicNote = pub.note;
      current.closed = true;
      return pub.end ?? i + 1;
    },
  },
  {
    name: 'attachment mark: 附件 N and its title open (or resume) that attachment',
    apply: (r, i) => {
      if (!ATTACHMENT_MARK.test(r.lines[i].raw) || !r.lines[i + 1]) return null;
      const { text, end, resumed } = r.openAttachment(i);
      if (resumed) r.switchTo(text, r.lines[i], 'its title is printed again');
      else r.current = text;
      return end;
    },
  },
  {
    name: 'table header: a repeated header goes back to its table; a new one opens a table',
    apply: (r, i) => {
      if (!isTableHeaderStart(r.lines, i)) return null;
      const line = r.lines[i];
      const current = r.current!;
      const end = tableHeaderEnd(r.lines, i);
      const words = r.lines.slice(i, end + 1).map((l) => matchKey(l.raw));
      const key = words.join('');
      // A repeated header continues its table; the current table also takes a shortened repeat,
      // one missing a few of its words (an extractor moved 工作/任务 elsewhere), or a whole one
      // where a page break had cut its first printing short.
      const shortened = (tableKey: string) => tableKey.startsWith(key) || (key.length >= 0.7 * tableKey.length && words.every((w) => tableKey.includes(w)));
      const same =
        current.role === 'attachment' && !current.table
          ? null
          : [current, ...r.recent(line).reverse()].find(
              (s) => s.table && (s.table.key === key || (s === current && shortened(s.table.key)) || (s.table.key.length >= 8 && key.startsWith(s.table.key))),
            );
      if (same) {
        // A repeat missing words its first printing has: the extractor moved them, maybe into a row nearby.
        if (same.table!.key !== key && !same.table!.key.startsWith(key) && !key.startsWith(same.table!.key)) {
          r.note(
            'unplaced',
            line,
            `${same.describe()}: table header repeated without some of its words (${key}); an extractor moved them, maybe into a row nearby`,
          );
        }
        r.switchTo(same, line, 'table header repeated');
        same.reached(line);
        // A repeat cut short by a section heading printed inside it (序 / 号 / 二、统一信息数据平台 /
        // 工作 / 任务 / 具体目标及措施…): the heading stays in the table, the rest of the header is dropped.
        let last = end;
        if (key.length < same.table!.key.length && r.lines[last + 1] && /^[一二三四五六七八九十]+、/.test(r.lines[last + 1].raw)) {
          let j = last + 2;
          const words = (l: Line) => matchKey(l.raw);
          while (j < r.lines.length && !ROW_START.test(r.lines[j].raw) && words(r.lines[j]) && same.table!.key.includes(words(r.lines[j]))) j++;
          if (j > last + 2) {
            same.append(r.lines[last + 1], null);
            last = j - 1;
          }
        }
        return last;
      }
      const target = current.role === 'attachment' && !current.table ? current : r.pendingAttachment(current, line);
      target.table = { key, lastRow: 0 };
      for (let j = i; j <= end; j++) target.append(r.lines[j], null);
      return end;
    },
  },
  {
    name: 'attachment declaration: 附件：1.…；2.… names the attachments to come',
    apply: (r, i) => {
      if (!isAttachmentDeclaration(r.lines[i].raw)) return null;
      const decl = attachmentDeclaration(r.lines, i, (j) => r.lifted.has(j));
      r.current!.declaredAttachments.push(...decl.titles);
      for (let j = i; j <= decl.end; j++) r.current!.append(r.lines[j], null);
      r.current!.endsWhole = true;
      return decl.end;
    },
  },
  {
    name: 'table row: the next 序号 of the current table',
    apply: (r, i) => {
      if (!r.current!.table || !r.current!.acceptsRow(r.lines[i].raw)) return null;
      r.current!.append(r.lines[i], null);
      return i;
    },
  },
  {
    name: 'text: the line goes to the text it continues (CONTINUATION_RULES), else the current one',
    apply: (r, i) => {
      const line = r.lines[i];
      const atCut = r.afterHeader || line.pageStart || line.indented;
      // A line that carries on an unfinished sentence starts with words, not a marker ("中宁县第 / 一、第二、…"),
      // unless the marker continues the text's own numbering.
      const parsed = r.standingMarker(line);
      // A PDF's positions tell a wrapped line from one that opens a paragraph.
      const wrapped = (m: Marker) =>
        line.opens !== undefined ? !line.opens : !atCut && r.current!.midSentence() && !r.current!.numbering.continues(m) && !r.interrupts(line, m);
      const marker = parsed && wrapped(parsed) ? null : parsed;
      for (const rule of CONTINUATION_RULES) {
        if (!rule.when(r, line, marker, atCut)) continue;
        const picked = rule.pick(r, line, marker, atCut);
        if (picked) {
          r.switchTo(picked.text, line, picked.why);
          break;
        }
      }
      const current = r.current!;
      current.append(line, current.table ? null : marker);
      return i;
    },
  },
];

/** Routes the lines of one issue into notices and their texts. */
export function routeIssue(lines: Line[]): RoutedIssue {
  return new Router(restoreDocNumbers(lines)).route();
}

/**
 * A 文号 printed below its notice's recipients (各县（区）人民政府…：) goes back above them, under
 * its title: an extractor that orders lines by their boxes (pdfminer) moves a centred line so.
 */
function restoreDocNumbers(lines: Line[]): Line[] {
  const out = [...lines];
  for (let k = 1; k < out.length; k++) {
    if (!normalizeDocNumber(out[k].raw) || TITLE_END.test(dropCjkSpaces(out[k - 1].raw))) continue;
    for (let from = k - 1; from >= Math.max(1, k - 3); from--) {
      if (recipientsAt(out, from) !== k - 1) continue;
      if (TITLE_END.test(dropCjkSpaces(out[from - 1].raw))) out.splice(from, 0, ...out.splice(k, 1));
      break;
    }
  }
  return out;
}

class Router {
  readonly report: ReportItem[] = [];
  readonly column: number;
  readonly lifted: Map<number, HeaderBlock>;
  readonly docNumberLines: number;
  readonly notices: NoticeDraft[] = [];
  /** Declared titles and the notice declaring each. */
  readonly titleOwners = new Map<string, NoticeDraft>();
  /** Titles read off a notice's own title rather than quoted in its text: not missed if absent. */
  readonly inferred = new Set<string>();
  readonly started = new Set<string>();
  readonly knownIssuers: Set<string>;
  readonly someDetached: boolean;
  readonly texts: OpenText[] = [];
  current: OpenText | null = null;
  /** Set by a lifted header for the line after it. */
  cut = false;
  /** This line follows a lifted header: the reading order may jump here. */
  afterHeader = false;
  private readonly routes: { line: Line; from: OpenText | null; to: OpenText; why: string }[] = [];

  /** How many of this layout's pages back a text may resume: RESUME_WINDOW_PAGES of a gazette's. */
  readonly resumePages: number;

  constructor(readonly lines: Line[]) {
    this.column = typicalWidth(lines);
    const last = lines[lines.length - 1];
    const perPage = last ? last.at / (last.pageIndex + 1) : GAZETTE_PAGE_CHARS;
    this.resumePages = Math.max(RESUME_WINDOW_PAGES, Math.floor((RESUME_WINDOW_PAGES * GAZETTE_PAGE_CHARS) / Math.max(perPage, 1)));
    const blocks = findHeaders(lines, this.report);
    this.docNumberLines = lines.filter((l) => normalizeDocNumber(l.raw)).length;
    this.lifted = new Map(blocks.map((b) => [b.from, b]));
    this.knownIssuers = new Set(blocks.map((b) => matchKey(b.header.issuers.join(''))));
    this.someDetached = blocks.some((b) => !b.cover);
    for (const b of blocks) {
      if (!b.cover) continue;
      const notice = this.newNotice(b.header, b.from);
      notice.recipients = b.cover.recipients;
      notice.date = b.cover.date;
      notice.publicNote = b.cover.publicNote;
      for (const l of b.cover.body) notice.body.append(l, null);
      notice.body.closed = true;
      notice.body.declaredAttachments = this.collectDeclarations(b.cover.body);
      const { titles, quoted } = declaredTitles(b.cover.body, b.header.title);
      for (const t of titles) {
        this.titleOwners.set(matchKey(t), notice);
        if (!quoted) this.inferred.add(matchKey(t));
      }
      this.notices.push(notice);
    }
    this.notices.sort((a, b) => a.at - b.at);
  }

  route(): RoutedIssue {
    for (let i = 0; i < this.lines.length; i++) {
      // A lifted header cuts the reading order before the one line that follows it.
      this.afterHeader = this.cut;
      this.cut = false;
      for (const rule of ROUTING_RULES) {
        const end = rule.apply(this, i);
        if (end === null) continue;
        i = end;
        break;
      }
    }
    for (const r of this.routes) this.note('route', r.line, `${r.from?.describe() ?? '(none)'} → ${r.to.describe()}: ${r.why}`);
    this.report.sort((a, b) => a.lineNo - b.lineNo);
    for (const n of this.notices) {
      if (!n.header)
        this.report.push({
          kind: 'unplaced',
          lineNo: n.body.lines[0]?.lineNo ?? 0,
          page: n.body.lines[0]?.page ?? null,
          message: `notice text without a 文号 header (${n.body.lines.length} lines): ${n.body.lines[0]?.raw.slice(0, 30) ?? ''}`,
        });
    }
    for (const [key, n] of this.titleOwners) {
      if (!this.started.has(key) && !this.inferred.has(key)) {
        this.report.push({
          kind: 'title',
          lineNo: n.header?.lineNo ?? 0,
          page: n.header?.page ?? null,
          message: `${n.header?.docNumber}: declared text not found: ${key}`,
        });
      }
    }
    // An attachment a text declares (附件：…) that was never printed under it: filed elsewhere, or lost.
    for (const n of this.notices) {
      for (const t of [n.body, ...n.parts.filter((p) => p.role === 'part')]) {
        const opened = new Set([...t.attachments, ...(t === n.body ? n.parts : [])].filter((a) => a.role === 'attachment').map((a) => matchKey(a.title)));
        for (const title of t.declaredAttachments) {
          if (!opened.has(matchKey(title)))
            this.report.push({
              kind: 'title',
              lineNo: n.header?.lineNo ?? 0,
              page: n.header?.page ?? null,
              message: `${n.header?.docNumber}: declared attachment not found under it: ${title}`,
            });
        }
      }
    }
    return {
      notices: this.notices
        .filter((n): n is NoticeDraft & { header: NoticeHeader } => !!n.header)
        .map((n) => ({
          header: n.header,
          recipients: n.recipients,
          date: n.date,
          publicNote: n.publicNote,
          body: n.body.toRouted(),
          parts: n.parts.map((p) => p.toRouted()),
        })),
      report: this.report,
      headers: { found: this.docNumberLines, placed: this.lifted.size },
    };
  }

  note(kind: ReportKind, line: Line, message: string): void {
    this.report.push({ kind, lineNo: line.lineNo, page: line.page, message });
  }

  /** The marker a line opens with, if it stands as one: a tight 第N条 only as some recent text's next article. */
  standingMarker(line: Line): Marker | null {
    const m = parseMarker(line.raw);
    if (!m?.tight) return m;
    return [this.current, ...this.recent(line)].some((t) => t && t.score(m) === 3) ? m : null;
  }

  /**
   * A marker after a line cut mid-sentence that another recent text continues exactly, and that
   * is not a reference wrapped onto the line (第五条 / （二）项): the other text resumes here, as in
   * an extraction that shows no page break between two interleaved columns.
   */
  interrupts(line: Line, m: Marker): boolean {
    if (/^(?:[项款目条章节]|规定|的|之|中|所|和|及|或)/.test(dropCjkSpaces(m.rest))) return false;
    return this.recent(line).some((t) => t !== this.current && t.score(m) === 3);
  }

  /** Open texts seen on this page or the ones just before it. */
  recent(line: Line): OpenText[] {
    return this.texts.filter((s) => !s.closed && s.lastPageIndex >= line.pageIndex - this.resumePages && line.at - s.lastAt <= RESUME_WINDOW_CHARS);
  }

  switchTo(text: OpenText, line: Line, why: string): void {
    if (text !== this.current) this.routes.push({ line, from: this.current, to: text, why });
    this.current = text;
  }

  open(text: OpenText): OpenText {
    this.texts.push(text);
    this.current = text;
    return text;
  }

  newNotice(header: NoticeHeader | null, at: number): NoticeDraft {
    const draft = { header, recipients: null, date: null, publicNote: null, parts: [], at } as unknown as NoticeDraft;
    draft.body = new OpenText('notice', draft, header?.title ?? '', null, this.column);
    return draft;
  }

  /** A declared title starting at line i (it may wrap over up to three lines). */
  matchTitle(i: number): { key: string; text: string; end: number } | null {
    let text = '';
    for (let k = 0; k < 3 && i + k < this.lines.length; k++) {
      text += dropCjkSpaces(this.lines[i + k].raw);
      const titled = text.replace(/</g, '《').replace(/>/g, '》');
      const key = matchKey(titled);
      if (this.titleOwners.has(key) && !this.started.has(key)) return { key, text: titled, end: i + k };
    }
    return null;
  }

  /**
   * A header printed apart from a cover: it belongs to the notice whose recipients and first
   * words came before it (政策解读 notice); with none waiting, the words after it are its notice's
   * (a 公告 or 决定 printed without recipients).
   */
  placeDetachedHeader(block: HeaderBlock): void {
    const waiting = this.notices.filter((n) => !n.header && n.at < block.from).at(-1);
    if (waiting) {
      waiting.header = block.header;
      waiting.body.title = block.header.title;
      return;
    }
    const notice = this.newNotice(block.header, block.from);
    this.notices.push(notice);
    this.open(notice.body).reached(this.lines[block.from]);
  }

  private collectDeclarations(body: Line[]): string[] {
    const out: string[] = [];
    body.forEach((l, j) => {
      if (isAttachmentDeclaration(l.raw)) out.push(...attachmentDeclaration(body, j, () => false).titles);
    });
    return out;
  }

  /** Opens (or returns to) the attachment whose "附件" mark is at line i. */
  openAttachment(i: number): { text: OpenText; end: number; resumed: boolean } {
    const host = this.current!;
    let titleEnd = i + 1;
    let titleText = dropCjkSpaces(this.lines[i + 1].raw);
    const two = titleText + dropCjkSpaces(this.lines[i + 2]?.raw ?? '');
    const declarer = (t: string) =>
      [host, host.owner, ...this.texts, ...this.notices.map((n) => n.body)].find((s) => s?.declaredAttachments.some((d) => matchKey(d) === matchKey(t)));
    if (!declarer(titleText) && declarer(two) && !isTableHeaderStart(this.lines, i + 2)) {
      titleText = two;
      titleEnd = i + 2;
    }
    const owner = declarer(titleText) ?? (host.role === 'attachment' ? (host.owner ?? host) : host);
    const existing = [...owner.attachments, ...owner.notice.parts].find((a) => a.role === 'attachment' && matchKey(a.title) === matchKey(titleText));
    if (existing) return { text: existing, end: titleEnd, resumed: true };
    const text = new OpenText('attachment', owner.notice, titleText, owner.role === 'part' ? owner : null, this.column);
    text.reached(this.lines[i]);
    text.label = this.lines[i].raw.replace(/\s+/g, '');
    if (owner.role === 'part') owner.attachments.push(text);
    else owner.notice.parts.push(text);
    this.texts.push(text);
    return { text, end: titleEnd, resumed: false };
  }

  /** A table with no "附件" mark: the host's declared attachment not yet opened, else an untitled one. */
  pendingAttachment(host: OpenText, line: Line): OpenText {
    const owner = host.role === 'attachment' ? (host.owner ?? host) : host;
    const openTitles = new Set([...owner.attachments, ...owner.notice.parts].map((a) => matchKey(a.title)));
    const index = owner.declaredAttachments.findIndex((t) => !openTitles.has(matchKey(t)));
    const text = new OpenText('attachment', owner.notice, owner.declaredAttachments[index] ?? '', owner.role === 'part' ? owner : null, this.column);
    text.reached(line);
    text.label = owner.declaredAttachments.length > 1 ? `附件${index + 1}` : '附件';
    if (owner.role === 'part') owner.attachments.push(text);
    else owner.notice.parts.push(text);
    this.texts.push(text);
    this.current = text;
    return text;
  }
}
