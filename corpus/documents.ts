// Layout repair, step 2: separate the documents. Notice headers are lifted out of the text they
// interrupt, and every run of lines is routed to the text it continues, which matters where the
// printed layout cuts one text with another notice's header or interleaves two texts by column.
import type { Line } from './layout.js';
import { parseMarker, RANK, type Marker, type MarkerType } from './markers.js';
import { dropCjkSpaces, endsClause, matchKey, normalizeDocNumber, parseChineseDate, printedWidth } from './text.js';

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
  src: number;
  page: number | null;
}

export interface RoutedNotice {
  header: NoticeHeader | null;
  recipients: string | null;
  date: string | null;
  publicNote: string | null;
  body: RoutedText;
  /** Texts the notice issues, and attachments of the notice itself, in printed order. */
  parts: RoutedText[];
}

export type ReportKind = 'unplaced' | 'route' | 'header' | 'title' | 'numbering';

export interface ReportItem {
  kind: ReportKind;
  src: number;
  page: number | null;
  message: string;
}

export interface RoutedIssue {
  notices: RoutedNotice[];
  report: ReportItem[];
}

// How many pages back an interrupted text can still be resumed: printed interleaving never
// reaches further than the facing page.
const RESUME_WINDOW_PAGES = 2;

const TITLE_END = /(通知|决定|通报|批复|意见|公告|通告|命令|函)$/;
const ISSUER_TOKEN = /^[\u4e00-\u9fff]{2,24}(人民政府|政府|办公室|办公厅|委员会|军分区|管委会|局|委|厅)(文件)?$/;
const ATTACHMENT_MARK = /^附\s*件\s*(\d{1,2})?$/;
const ATTACHMENT_DECL = /^附\s*件\s*[：:]\s*(.*)$/;
// A 序号 alone or before a cell; "8 月 30 日前" is a date in a cell, not row 8.
const ROW_START = /^(\d{1,3})(?:\s+(?![月日年号个万天周时%])(.*))?$/;
const RECIPIENT_BODY = /(政府|部门|机构|单位|管委会|委员会|人武部|局|办公室|公司|院|团体)(（[^）]*）)?$/;

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
  return /^序\s*号(\s|$)/.test(raw) || (raw === '序' && lines[i + 1]?.raw === '号');
}

class Stream {
  lines: Line[] = [];
  closed = false;
  lastArticle = 0;
  lastChapter = 0;
  lastSeen: Partial<Record<MarkerType, number>> = {};
  path: Marker[] = [];
  lastWasHeading = false;
  table: { key: string; lastRow: number; inGroup: boolean } | null = null;
  declaredAttachments: string[] = [];
  attachments: Stream[] = [];
  lastPageIndex = -1;
  label: string | null = null;

  constructor(
    readonly role: TextRole,
    readonly notice: NoticeDraft,
    public title: string,
    readonly owner: Stream | null,
    /** Typical line width of the whole issue, for texts too short to have their own. */
    readonly issueColumn: number,
  ) {}

  /** The last printed line stops mid-sentence at the end of a full line: the text must go on. */
  unfinished(): boolean {
    if (this.table || this.lines.length === 0) return false;
    const last = this.lines[this.lines.length - 1];
    if (endsClause(dropCjkSpaces(last.raw))) return false;
    const marker = parseMarker(last.raw);
    if (marker?.type === 'chapter') return false; // a centred heading
    const column = this.lines.length >= 8 ? typicalWidth(this.lines.slice(-30)) : this.issueColumn;
    // A line cut mid-sentence runs to the margin; a marker line is indented two cells and stops
    // short when it is a heading.
    return marker ? widthOf(last) + 2 >= column * 0.9 : widthOf(last) >= column * 0.6;
  }

  /** How well a marker continues this text: 3 exact next number, 2 numbering running on, 1 a new list, 0 no. */
  score(m: Marker): number {
    if (this.closed || this.table) return 0;
    switch (m.type) {
      case 'chapter':
        return m.n === this.lastChapter + 1 ? 3 : 0;
      case 'article':
        return m.n === this.lastArticle + 1 ? 3 : 0;
      case 'section':
        return this.lastArticle === 0 && m.n === (this.lastSeen.section ?? 0) + 1 ? 3 : 0;
      default: {
        const open = this.path.find((p) => p.type === m.type);
        if (open && m.n === open.n + 1) return 3;
        const deepest = this.path[this.path.length - 1];
        if (m.n === 1 && !open && (!deepest || RANK[deepest.type] < RANK[m.type])) return this.lastWasHeading ? 3 : 1;
        if (m.n === (this.lastSeen[m.type] ?? 0) + 1) return 2;
        return 0;
      }
    }
  }

  /** A row number continuing this table. */
  acceptsRow(raw: string): boolean {
    const m = this.table && ROW_START.exec(raw);
    return !!m && Number(m[1]) === this.table!.lastRow + 1;
  }

  append(line: Line, marker: Marker | null): void {
    this.lines.push(line);
    this.lastPageIndex = line.pageIndex;
    if (this.table) {
      const row = ROW_START.exec(line.raw);
      if (row && Number(row[1]) === this.table.lastRow + 1) {
        this.table.lastRow++;
        this.table.inGroup = row[2] === undefined;
      }
      return;
    }
    const text = dropCjkSpaces(line.raw);
    this.lastWasHeading = !!marker && !endsClause(text) && text.length <= 30;
    if (!marker) return;
    if (marker.type === 'chapter') {
      this.lastChapter = marker.n;
      this.path = [marker];
    } else if (marker.type === 'article') {
      this.lastArticle = marker.n;
      this.path = [...this.path.filter((p) => RANK[p.type] < RANK.article), marker];
    } else {
      while (this.path.length && RANK[this.path[this.path.length - 1].type] >= RANK[marker.type]) this.path.pop();
      this.path.push(marker);
    }
    this.lastSeen[marker.type] = marker.n;
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
  body: Stream;
  parts: Stream[];
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
    const title = issuerAt >= 0 ? lines.slice(issuerAt + 1, k).map((l) => dropCjkSpaces(l.raw)).join('') : '';
    if (issuerAt < 0 || !title.startsWith('关于') || !TITLE_END.test(title)) {
      report.push({ kind: 'header', src: line.src, page: line.page, message: `文号 ${docNumber} has no issuer and 关于…的通知 title above it; left in the text` });
      return;
    }
    const issuers = isIssuerLine(lines[issuerAt].raw)!;
    const header: NoticeHeader = { docNumber, title, issuers, src: lines[issuerAt].src, page: lines[issuerAt].page };
    const cover = readCover(lines, k + 1, issuers);
    blocks.push({ header, from: issuerAt, to: cover ? cover.end : k, cover: cover?.cover ?? null });
    if (!cover && recipientsAt(lines, k + 1)) {
      report.push({ kind: 'header', src: line.src, page: line.page, message: `${docNumber}: cover has no signature and date; kept in the text` });
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
        recipients: lines.slice(start, recipientsEnd + 1).map((l) => dropCjkSpaces(l.raw)).join('').replace(/[：:]$/, ''),
        body: lines.slice(recipientsEnd + 1, j),
        date: parseChineseDate(lines[j + 1].raw),
        publicNote: note,
      },
    };
  }
  return null;
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
  const text = body.map((l) => dropCjkSpaces(l.raw)).join('').replace(/</g, '《').replace(/>/g, '》');
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

/** Routes the lines of one issue into notices and their texts. */
export function routeIssue(lines: Line[]): RoutedIssue {
  const report: ReportItem[] = [];
  const column = typicalWidth(lines);
  const blocks = findHeaders(lines, report);
  const lifted = new Map<number, HeaderBlock>(blocks.map((b) => [b.from, b]));

  const notices: NoticeDraft[] = [];
  const titleOwners = new Map<string, NoticeDraft>();
  // Titles read off a notice's own title rather than quoted in its text: not missed if absent.
  const inferred = new Set<string>();
  for (const b of blocks) {
    if (!b.cover) continue;
    const notice = newNotice(b.header, b.from);
    notice.recipients = b.cover.recipients;
    notice.date = b.cover.date;
    notice.publicNote = b.cover.publicNote;
    for (const l of b.cover.body) notice.body.append(l, null);
    notice.body.closed = true;
    notice.body.declaredAttachments = collectDeclarations(b.cover.body);
    const { titles, quoted } = declaredTitles(b.cover.body, b.header.title);
    for (const t of titles) {
      titleOwners.set(matchKey(t), notice);
      if (!quoted) inferred.add(matchKey(t));
    }
    notices.push(notice);
  }
  notices.sort((a, b) => a.at - b.at);
  const someDetached = blocks.some((b) => !b.cover);

  function newNotice(header: NoticeHeader | null, at: number): NoticeDraft {
    const draft = { header, recipients: null, date: null, publicNote: null, parts: [], at } as unknown as NoticeDraft;
    draft.body = new Stream('notice', draft, header?.title ?? '', null, column);
    return draft;
  }

  const streams: Stream[] = [];
  const started = new Set<string>();
  let current = null as Stream | null;
  let cut = false;
  const knownIssuers = new Set(blocks.map((b) => matchKey(b.header.issuers.join(''))));

  const note = (kind: ReportKind, line: Line, message: string) => report.push({ kind, src: line.src, page: line.page, message });
  const recent = (line: Line) => streams.filter((s) => !s.closed && s.lastPageIndex >= line.pageIndex - RESUME_WINDOW_PAGES);
  // Route notes name their texts once every detached header has found its notice.
  const routes: { line: Line; from: Stream | null; to: Stream; why: string }[] = [];
  const switchTo = (s: Stream, line: Line, why: string) => {
    if (s !== current) routes.push({ line, from: current, to: s, why });
    current = s;
  };
  const open = (s: Stream) => {
    streams.push(s);
    current = s;
    return s;
  };

  for (let i = 0; i < lines.length; i++) {
    const block = lifted.get(i);
    if (block) {
      if (!block.cover) placeDetachedHeader(block);
      i = block.to;
      cut = true;
      continue;
    }
    const line = lines[i];
    const atCut = cut || line.pageStart;
    cut = false;

    // A text the notices declare starts here (its title may wrap over up to three lines).
    const title = matchTitle(lines, i, titleOwners, started);
    if (title) {
      const notice = titleOwners.get(title.key)!;
      started.add(title.key);
      const part = open(new Stream('part', notice, title.text, null, column));
      notice.parts.push(part);
      part.lastPageIndex = line.pageIndex;
      i = title.end;
      continue;
    }

    // A notice whose recipients and first words are printed before its own header.
    const recipientsEnd = someDetached && (!current || !current.unfinished()) ? recipientsAt(lines, i) : null;
    if (recipientsEnd !== null) {
      const notice = newNotice(null, i);
      notice.recipients = lines.slice(i, recipientsEnd + 1).map((l) => dropCjkSpaces(l.raw)).join('').replace(/[：:]$/, '');
      notices.push(notice);
      open(notice.body).lastPageIndex = line.pageIndex;
      i = recipientsEnd;
      continue;
    }

    if (!current) {
      note('unplaced', line, `text before any notice: ${line.raw.slice(0, 40)}`);
      continue;
    }

    // The signature closing a notice that was routed line by line.
    if (current.role === 'notice' && knownIssuers.has(matchKey(line.raw)) && lines[i + 1] && isDateLine(lines[i + 1].raw)) {
      const notice = current.notice;
      notice.date = parseChineseDate(lines[i + 1].raw);
      const pub = readPublicNote(lines, i + 2);
      notice.publicNote = pub.note;
      current.closed = true;
      i = pub.end ?? i + 1;
      continue;
    }

    // 附件 / 附件 2, then the attachment's title.
    if (ATTACHMENT_MARK.test(line.raw) && lines[i + 1]) {
      const { stream, end, resumed } = openAttachment(i);
      if (resumed) switchTo(stream, line, 'its title is printed again');
      else current = stream;
      i = end;
      continue;
    }

    if (isTableHeaderStart(lines, i)) {
      const end = tableHeaderEnd(lines, i);
      const key = matchKey(lines.slice(i, end + 1).map((l) => l.raw).join(''));
      // A repeated header continues its table; the current table also takes a shortened repeat.
      const same =
        current.role === 'attachment' && !current.table
          ? null
          : [current, ...recent(line).reverse()].find((s) => s.table && (s.table.key === key || (s === current && s.table.key.startsWith(key))));
      if (same) {
        switchTo(same, line, 'table header repeated');
        same.lastPageIndex = line.pageIndex;
        i = end;
        continue;
      }
      const target = current.role === 'attachment' && !current.table ? current : pendingAttachment(current, line);
      target.table = { key, lastRow: 0, inGroup: false };
      for (let j = i; j <= end; j++) target.append(lines[j], null);
      i = end;
      continue;
    }

    if (ATTACHMENT_DECL.test(dropCjkSpaces(line.raw))) {
      const decl = attachmentDeclaration(lines, i, (j) => lifted.has(j));
      current.declaredAttachments.push(...decl.titles);
      for (let j = i; j <= decl.end; j++) current.append(lines[j], null);
      i = decl.end;
      continue;
    }

    if (current.table && current.acceptsRow(line.raw)) {
      current.append(line, null);
      continue;
    }
    // A line that carries on an unfinished sentence starts with words, not a marker ("中宁县第 / 一、第二、…").
    const marker = !atCut && current.unfinished() ? null : parseMarker(line.raw);
    if (marker && (atCut || marker.type === 'article' || marker.type === 'chapter')) {
      const here = current.score(marker);
      // Leaving a table, or a text that could take the marker as a new list, needs an exact fit.
      const needed = here === 0 && !current.table ? 1 : 3;
      if (here < 2) {
        const best = recent(line)
          .filter((s) => s !== current)
          .map((s) => ({ s, score: s.score(marker) }))
          .filter((c) => c.score >= needed)
          .sort((a, b) => b.score - a.score || b.s.lastPageIndex - a.s.lastPageIndex)[0];
        if (best) switchTo(best.s, line, `${marker.label} continues it`);
        else if (here === 0 && !current.table) note('numbering', line, `${marker.label} does not follow the numbering of ${describe(current)}; kept there`);
      }
    } else if (!marker && atCut && !current.unfinished() && !current.table) {
      const waiting = recent(line).filter((s) => s !== current && s.unfinished());
      if (waiting.length) switchTo(waiting[waiting.length - 1], line, 'completes its unfinished sentence');
    }
    current.append(line, current.table ? null : marker);
  }

  for (const r of routes) note('route', r.line, `${describe(r.from)} → ${describe(r.to)}: ${r.why}`);
  report.sort((a, b) => a.src - b.src);
  for (const n of notices) {
    if (!n.header) report.push({ kind: 'header', src: n.body.lines[0]?.src ?? 0, page: n.body.lines[0]?.page ?? null, message: 'notice text without a 文号 header' });
  }
  for (const [key, n] of titleOwners) {
    if (!started.has(key) && !inferred.has(key)) report.push({ kind: 'title', src: n.header?.src ?? 0, page: n.header?.page ?? null, message: `${n.header?.docNumber}: declared text not found: ${key}` });
  }

  return {
    notices: notices
      .filter((n) => n.header)
      .map((n) => ({
        header: n.header,
        recipients: n.recipients,
        date: n.date,
        publicNote: n.publicNote,
        body: n.body.toRouted(),
        parts: n.parts.map((p) => p.toRouted()),
      })),
    report,
  };

  /**
   * A header printed apart from a cover: it belongs to the notice whose recipients and first
   * words came before it (政策解读 notice); with none waiting, the words after it are its notice's
   * (a 公告 or 决定 printed without recipients).
   */
  function placeDetachedHeader(block: HeaderBlock): void {
    const waiting = notices.filter((n) => !n.header && n.at < block.from).at(-1);
    if (waiting) {
      waiting.header = block.header;
      waiting.body.title = block.header.title;
      return;
    }
    const notice = newNotice(block.header, block.from);
    notices.push(notice);
    open(notice.body).lastPageIndex = lines[block.from].pageIndex;
  }

  function collectDeclarations(body: Line[]): string[] {
    const out: string[] = [];
    body.forEach((l, j) => {
      if (ATTACHMENT_DECL.test(dropCjkSpaces(l.raw))) out.push(...attachmentDeclaration(body, j, () => false).titles);
    });
    return out;
  }

  /** Opens (or returns to) the attachment whose "附件" mark is at line i. */
  function openAttachment(i: number): { stream: Stream; end: number; resumed: boolean } {
    const host = current!;
    let titleEnd = i + 1;
    let titleText = dropCjkSpaces(lines[i + 1].raw);
    const two = titleText + dropCjkSpaces(lines[i + 2]?.raw ?? '');
    const declarer = (t: string) =>
      [host, host.owner, ...streams, ...notices.map((n) => n.body)].find((s) => s?.declaredAttachments.some((d) => matchKey(d) === matchKey(t)));
    if (!declarer(titleText) && declarer(two) && !isTableHeaderStart(lines, i + 2)) {
      titleText = two;
      titleEnd = i + 2;
    }
    const owner = declarer(titleText) ?? (host.role === 'attachment' ? host.owner ?? host : host);
    const existing = [...owner.attachments, ...owner.notice.parts].find((a) => a.role === 'attachment' && matchKey(a.title) === matchKey(titleText));
    if (existing) return { stream: existing, end: titleEnd, resumed: true };
    const stream = new Stream('attachment', owner.notice, titleText, owner.role === 'part' ? owner : null, column);
    stream.lastPageIndex = lines[i].pageIndex;
    stream.label = lines[i].raw.replace(/\s+/g, '');
    if (owner.role === 'part') owner.attachments.push(stream);
    else owner.notice.parts.push(stream);
    streams.push(stream);
    return { stream, end: titleEnd, resumed: false };
  }

  /** A table with no "附件" mark: the host's declared attachment not yet opened, else an untitled one. */
  function pendingAttachment(host: Stream, line: Line): Stream {
    const owner = host.role === 'attachment' ? host.owner ?? host : host;
    const openTitles = new Set([...owner.attachments, ...owner.notice.parts].map((a) => matchKey(a.title)));
    const index = owner.declaredAttachments.findIndex((t) => !openTitles.has(matchKey(t)));
    const stream = new Stream('attachment', owner.notice, owner.declaredAttachments[index] ?? '', owner.role === 'part' ? owner : null, column);
    stream.lastPageIndex = line.pageIndex;
    stream.label = owner.declaredAttachments.length > 1 ? `附件${index + 1}` : '附件';
    if (owner.role === 'part') owner.attachments.push(stream);
    else owner.notice.parts.push(stream);
    streams.push(stream);
    current = stream;
    return stream;
  }
}

function tableHeaderEnd(lines: Line[], i: number): number {
  let j = i;
  while (j + 1 < lines.length && j - i < 14) {
    const next = lines[j + 1].raw;
    if (ROW_START.test(next) || /^[一二三四五六七八九十]+、/.test(next) || lines[j + 1].pageStart) break;
    j++;
  }
  return j;
}

function matchTitle(lines: Line[], i: number, owners: Map<string, NoticeDraft>, started: Set<string>) {
  let text = '';
  for (let k = 0; k < 3 && i + k < lines.length; k++) {
    text += dropCjkSpaces(lines[i + k].raw);
    const titled = text.replace(/</g, '《').replace(/>/g, '》');
    const key = matchKey(titled);
    if (owners.has(key) && !started.has(key)) return { key, text: titled, end: i + k };
  }
  return null;
}

function describe(s: Stream | null): string {
  if (!s) return '(none)';
  const doc = s.notice.header?.docNumber ?? 'notice';
  return s.role === 'notice' ? doc : `${doc} ${s.title || '附件'}`;
}
