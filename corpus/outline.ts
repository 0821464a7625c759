// Layout repair, step 3: routed lines → paragraphs → an outline with stable locators.
// Prose is joined line to line without inserting anything; flattened tables become rows where
// the 序号 column shows where a row starts.
import { parseMarker, RANK, type Marker, type MarkerType } from '../domain/markers.js';
import { dropCjkSpaces, endsClause, endsSentence, joinWrapped, printedWidth, titleSubject } from '../domain/text.js';
import type { Line } from './layout.js';
import { ROW_START, typicalWidth, type RoutedText, type TextRole } from './routing.js';

export type NodeType = MarkerType | 'attachment' | 'row';

export interface OutlineNode {
  locator: string;
  type: NodeType;
  heading: string;
  /** Depth in the outline, 0 for top-level nodes. */
  depth: number;
  /** The node's own paragraphs, without its children. */
  ownText: string;
  /** The node with all its children, as printed. */
  text: string;
  pageFrom: number | null;
  pageTo: number | null;
  children: OutlineNode[];
  /** For a table row: its 序号 (several when rows are printed as one block) and printed lines. */
  row?: { numbers: number[]; lines: string[] };
  /** For an attachment that is a table: its header row as printed. */
  tableHeader?: string;
}

export interface Paragraph {
  text: string;
  pageFrom: number | null;
  pageTo: number | null;
  /** Locator of the outline node the paragraph belongs to ('' before the first marker). */
  locator: string;
}

export interface BuiltText {
  role: TextRole;
  title: string;
  label: string | null;
  kind: string;
  text: string;
  paragraphs: Paragraph[];
  outline: OutlineNode[];
  attachments: BuiltText[];
  /** Header row as printed, when the text is a flattened table. */
  tableHeader: string | null;
}

/** The built texts of one notice: what the fact extractors read. */
export interface NoticeTexts {
  docNumber: string;
  title: string;
  date: string | null;
  /** The notice's own words. */
  body: BuiltText;
  /** The texts it issues and its own attachments, in printed order. */
  parts: BuiltText[];
}

/** Every node of an outline, parents before their children. */
export function* walkOutline(nodes: OutlineNode[]): Generator<OutlineNode> {
  for (const n of nodes) {
    yield n;
    yield* walkOutline(n.children);
  }
}

/** Kind of a text from the end of its title: 实施办法, 办法, 方案, 安排, 规定 …; 附件 for attachments. */
export function textKind(role: TextRole, title: string): string {
  if (role === 'notice') return '通知';
  if (role === 'attachment') return '附件';
  const t = titleSubject(title);
  for (const k of ['实施办法', '办法', '实施方案', '方案', '安排', '规定', '细则', '规划', '意见', '计划', '制度']) {
    if (t.endsWith(k)) return k === '实施方案' ? '方案' : k;
  }
  return '其他';
}

function pageSpan(lines: Line[]): { pageFrom: number | null; pageTo: number | null } {
  const pages = lines.map((l) => l.page).filter((p): p is number => p !== null);
  return pages.length ? { pageFrom: Math.min(...pages), pageTo: Math.max(...pages) } : { pageFrom: null, pageTo: null };
}

/** A printed line without extraction spaces; the gap after 第N条 / 第N章 is printed, so it stays. */
function cleanLine(raw: string): string {
  const m = /^(第\S{1,6}[条章])\s+(.*)$/.exec(raw);
  return m ? `${m[1]} ${dropCjkSpaces(m[2])}` : dropCjkSpaces(raw.replace(/^(\d{1,3})\s+(?=[.．]\D)/, '$1'));
}

/** First sentence of a marker paragraph, as the node's heading. */
function headingOf(rest: string): string {
  const first = dropCjkSpaces(rest).split(/[。；：]/)[0];
  return first.length > 40 ? `${first.slice(0, 40)}…` : first;
}

export function buildText(routed: RoutedText): BuiltText {
  const built = routed.tableKey ? buildTable(routed) : buildProse(routed);
  built.attachments = routed.attachments.map((a) => buildText(a));
  for (const a of built.attachments) {
    const node: OutlineNode = {
      locator: a.label ?? '附件',
      type: 'attachment',
      heading: a.title,
      depth: 0,
      ownText: [a.label, a.title].filter(Boolean).join('\n'),
      text: [a.label, a.title, a.text].filter(Boolean).join('\n'),
      ...pageSpanOfNodes(a.outline),
      children: a.outline.map((n) => shiftDepth(n, 1)),
      ...(a.tableHeader ? { tableHeader: a.tableHeader } : {}),
    };
    built.outline.push(node);
    built.text += `\n\n${node.text}`;
    built.paragraphs.push(...a.paragraphs.map((p) => ({ ...p, locator: p.locator || node.locator })));
  }
  return built;
}

function shiftDepth(n: OutlineNode, by: number): OutlineNode {
  return { ...n, depth: n.depth + by, children: n.children.map((c) => shiftDepth(c, by)) };
}

function pageSpanOfNodes(nodes: OutlineNode[]): { pageFrom: number | null; pageTo: number | null } {
  const from = nodes.map((n) => n.pageFrom).filter((p): p is number => p !== null);
  const to = nodes.map((n) => n.pageTo).filter((p): p is number => p !== null);
  return { pageFrom: from.length ? Math.min(...from) : null, pageTo: to.length ? Math.max(...to) : null };
}

function buildProse(routed: RoutedText): BuiltText {
  const column = typicalWidth(routed.lines);

  // Paragraphs: a marker opens one; so does a line after one that ends a sentence short of the margin.
  const paragraphs: { lines: Line[]; marker: Marker | null }[] = [];
  let prev: Line | null = null;
  let prevHeading = false;
  for (const line of routed.lines) {
    const prevText = prev ? dropCjkSpaces(prev.raw) : '';
    const prevWidth = prev ? printedWidth(prev.raw) : 0;
    // After a line cut mid-sentence at the margin, the next line carries on: "中宁县第 / 一、第二、…".
    const carriesOn = !!prev && !endsClause(prevText) && prevWidth >= column * 0.9;
    const marker = carriesOn ? null : parseMarker(line.raw);
    const opens =
      !prev || !!marker || prevHeading || (endsSentence(prevText) && prevWidth < column * 0.9);
    if (opens) paragraphs.push({ lines: [line], marker });
    else paragraphs[paragraphs.length - 1].lines.push(line);
    prevHeading = !!marker && !endsSentence(dropCjkSpaces(line.raw)) && printedWidth(line.raw) < column * 0.6;
    prev = line;
  }

  // Outline: markers nest by rank; article numbers run on through chapters, so chapters stay out
  // of locators.
  const roots: OutlineNode[] = [];
  const stack: { node: OutlineNode; type: MarkerType }[] = [];
  const seen = new Map<string, number>();
  const out: Paragraph[] = [];
  for (const p of paragraphs) {
    const text = p.lines.map((l) => cleanLine(l.raw)).reduce(joinWrapped, '');
    if (p.marker) {
      while (stack.length && RANK[stack[stack.length - 1].type] >= RANK[p.marker.type]) stack.pop();
      const parent = stack.filter((d) => d.type !== 'chapter').at(-1);
      const base = p.marker.type === 'chapter' || p.marker.type === 'article' ? p.marker.label : (parent?.node.locator ?? '') + p.marker.label;
      const dup = seen.get(base) ?? 0;
      seen.set(base, dup + 1);
      const node: OutlineNode = {
        locator: dup ? `${base}#${dup + 1}` : base,
        type: p.marker.type,
        heading: headingOf(parseMarker(text)?.rest ?? p.marker.rest),
        depth: stack.length,
        ownText: '',
        text: '',
        pageFrom: null,
        pageTo: null,
        children: [],
      };
      (stack.length ? stack[stack.length - 1].node.children : roots).push(node);
      stack.push({ node, type: p.marker.type });
    }
    const owner = stack[stack.length - 1]?.node;
    if (owner) owner.ownText += (owner.ownText ? '\n' : '') + text;
    out.push({ text, ...pageSpan(p.lines), locator: owner?.locator ?? '' });
  }
  const finish = (node: OutlineNode): void => {
    node.children.forEach(finish);
    node.text = [node.ownText, ...node.children.map((c) => c.text)].filter(Boolean).join('\n');
    const spans = [...out.filter((p) => p.locator === node.locator), ...node.children]
      .flatMap((x) => [x.pageFrom, x.pageTo])
      .filter((x): x is number => x !== null);
    node.pageFrom = spans.length ? Math.min(...spans) : null;
    node.pageTo = spans.length ? Math.max(...spans) : null;
  };
  roots.forEach(finish);

  return {
    role: routed.role,
    title: routed.title,
    label: routed.label,
    kind: textKind(routed.role, routed.title),
    text: out.map((p) => p.text).join('\n'),
    paragraphs: out,
    outline: roots,
    attachments: [],
    tableHeader: null,
  };
}

function buildTable(routed: RoutedText): BuiltText {
  const label = routed.label ?? '附件';
  const rows: { nums: number[]; lines: Line[] }[] = [];
  const header: Line[] = [];
  let last = 0;
  let grouping = false;
  for (const line of routed.lines) {
    const m = ROW_START.exec(line.raw);
    if (m && Number(m[1]) === last + 1) {
      last++;
      if (grouping && m[2] === undefined && rows.length && rows[rows.length - 1].lines.length === rows[rows.length - 1].nums.length) {
        // "24 / 25 / 26" printed one under another: one block of rows whose cells follow column by column.
        rows[rows.length - 1].nums.push(last);
        rows[rows.length - 1].lines.push(line);
      } else {
        rows.push({ nums: [last], lines: [line] });
      }
      grouping = m[2] === undefined;
      continue;
    }
    grouping = false;
    (rows.length ? rows[rows.length - 1].lines : header).push(line);
  }
  const cells = (lines: Line[]) => lines.map((l) => l.raw).join(' ');
  const outline: OutlineNode[] = rows.map((r) => {
    const span = r.nums.length > 1 ? `${r.nums[0]}-${r.nums[r.nums.length - 1]}` : `${r.nums[0]}`;
    const text = cells(r.lines);
    return {
      locator: `${label} 序号${span}`,
      type: 'row' as const,
      heading: text.slice(0, 40),
      depth: 0,
      ownText: text,
      text,
      ...pageSpan(r.lines),
      children: [],
      row: { numbers: r.nums, lines: r.lines.map((l) => l.raw) },
    };
  });
  const paragraphs: Paragraph[] = [
    ...(header.length ? [{ text: cells(header), ...pageSpan(header), locator: label }] : []),
    ...outline.map((n) => ({ text: n.text, pageFrom: n.pageFrom, pageTo: n.pageTo, locator: n.locator })),
  ];
  return {
    role: routed.role,
    title: routed.title,
    label: routed.label,
    kind: textKind(routed.role, routed.title),
    text: paragraphs.map((p) => p.text).join('\n'),
    paragraphs,
    outline,
    attachments: [],
    tableHeader: cells(header),
  };
}
