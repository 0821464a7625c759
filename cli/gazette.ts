#!/usr/bin/env node
// gazette: the same tools on the command line, for clerks without an MCP client.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir, databasePath } from '../corpus/paths.js';
import {
  DEFAULT_REMIND_WORKING_DAYS,
  dueDigest,
  feedOf,
  FEED_ROLES,
  MAX_REMIND_WORKING_DAYS,
  PROBATION_CATEGORY,
  type DueItem,
  type FeedRole,
  type FeedSpec,
} from '../domain/calendar-feed.js';
import { addDays, day, WEEKDAY_CN } from '../domain/calendar.js';
import { InputError } from '../domain/errors.js';
import type { GazetteReader } from '../domain/reader.js';
import { DATE_RANGE, inDateRange, isoDate } from '../domain/text.js';
import { ensureDatabase, formatReport, ingestCorpus, ingestMode, listCorpus, verifyStore, type Progress } from '../ingest/ingest.js';
import { describeSpec, feedPath, feedsFile, FeedStore } from '../server/feeds.js';
import { openGazette } from '../server/open-gazette.js';
import { TokenStore } from '../server/tokens.js';
import { storeProblem } from '../store/health.js';
import { MAX_DRAFT_CHARS } from '../tools/check-draft.js';
import { citeTag } from '../tools/common.js';
import { renderIcs } from '../tools/ical.js';
import { findTool, runTool } from '../tools/index.js';

const USAGE = `gazette — 政府公报查询 / query the gazette

用法 Usage:
  gazette search <问题或关键词>          [--limit N] [--doc 文号]
  gazette lead <任务或问题>              [--limit N]
  gazette tasks [--unit 单位] [--role lead|support|any] [--doc 文号] [--due-from YYYY-MM-DD] [--due-to YYYY-MM-DD] [--limit N]
  gazette deadline <期限写法>            [--from YYYY-MM-DD] [--as-of YYYY-MM-DD]
  gazette cite <文号或标题词> <条款>      [--as-of YYYY-MM-DD]
  gazette appointments [--person 姓名] [--position 职务词] [--doc 文号] [--as-of YYYY-MM-DD]
  gazette docs
  gazette doc <文号或标题词>             [--text [--offset N | --all]]
  gazette verify <引文>                  [--doc 文号]
  gazette verify                         [--db 数据库文件]   核对数据库每页和每期的校验和，损坏的期号从源文件重建；发现损坏时退出码为 1 / checks every page and each issue's checksum, rebuilds a damaged issue from its file; exit 1 when damage was found
  gazette explain <文号或标题词>         [--as-of YYYY-MM-DD]   政策解读提纲 / an explainer's outline
  gazette check <稿件文件 FILE | ->      [--doc 文号]           核对解读稿；发现问题时退出码为 1 / exit 1 on any problem
  gazette ingest [目录 DIR | 文件.pdf]    [--db 数据库文件] [--full]   只读入新增或改动的期号；文件先放入语料目录；--full 全部重建 / adds what changed (a file joins the corpus folder first); --full rebuilds
  gazette tokens add <名称 NAME> | list | revoke <名称 NAME>   [--tokens 令牌文件]
  gazette calendar [--unit 单位] [--role lead|support|implement|any] [--remind N]   任务完成时限日历（iCalendar，提前 N 个工作日提醒，默认 3）/ task deadlines as iCalendar
  gazette calendar --probation [--unit 单位 | --person 姓名]   试用期满日历（提前一个月提醒）/ probation ends as iCalendar
  gazette due [--unit 单位] [--role …] [--probation] [--within 天数] [--as-of YYYY-MM-DD]   已逾期和即将到期（默认 30 天内）；有逾期时退出码为 1 / overdue and due soon; exit 1 when something is overdue
  gazette feeds add [日历选项 calendar options] | list | revoke <编号 ID>   [--feeds 订阅文件] [--public-url URL]   日历订阅地址（只保存哈希）/ secret calendar feed URLs for \`gazette-mcp --http\`

  --json   输出结构化 JSON / print the structured result as JSON
  列表在终端上全部列出；输出到管道或文件时列一页，并说明下一页的 --offset / at a terminal lists print whole; piped, one page and how to go on:
  --offset N  从第 N 项起列一页 / one page from item N     --all  全部列出 / the whole list
  语料目录和数据库：GAZETTE_CORPUS_DIR、GAZETTE_DB（默认 seeds/ 与 data/gazette.db）。
  今天的日期：GAZETTE_TODAY=YYYY-MM-DD（默认取系统时钟）/ today for every answer about dates (default: the clock).`;

const OPTIONS = {
  limit: { type: 'string' },
  doc: { type: 'string' },
  unit: { type: 'string' },
  role: { type: 'string' },
  'due-from': { type: 'string' },
  'due-to': { type: 'string' },
  from: { type: 'string' },
  'as-of': { type: 'string' },
  person: { type: 'string' },
  position: { type: 'string' },
  text: { type: 'boolean' },
  db: { type: 'string' },
  tokens: { type: 'string' },
  json: { type: 'boolean' },
  full: { type: 'boolean' },
  offset: { type: 'string' },
  all: { type: 'boolean' },
  within: { type: 'string' },
  probation: { type: 'boolean' },
  remind: { type: 'string' },
  feeds: { type: 'string' },
  'public-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** A number option as the tools take it; anything else is passed on for the tool to refuse. */
const num = (v: string | undefined): unknown => (v === undefined ? undefined : /^\d+$/.test(v) ? Number(v) : v);

/** Each command: the tool it runs and its arguments. */
const COMMANDS: Record<string, (words: string[], o: Values) => [string, Record<string, unknown>]> = {
  search: (w, o) => ['search_gazette', { query: w.join(' '), limit: num(o.limit), docNumber: o.doc }],
  lead: (w, o) => ['find_lead_unit', { task: w.join(' '), limit: num(o.limit) }],
  tasks: (_w, o) => ['list_tasks', { unit: o.unit, role: o.role, docNumber: o.doc, dueFrom: o['due-from'], dueTo: o['due-to'], limit: num(o.limit) }],
  deadline: (w, o) => ['compute_deadline', { expression: w.join(' '), referenceDate: o.from, asOf: o['as-of'] }],
  cite: (w, o) => ['cite_clause', { document: w.slice(0, -1).join(' '), clause: w[w.length - 1], asOf: o['as-of'] }],
  appointments: (_w, o) => ['list_appointments', { person: o.person, position: o.position, docNumber: o.doc, asOf: o['as-of'] }],
  docs: () => ['list_documents', {}],
  doc: (w, o) => ['get_document', { document: w.join(' '), includeText: o.text === true }],
  verify: (w, o) => ['verify_quote', { quote: w.join(' '), docNumber: o.doc }],
  explain: (w, o) => ['draft_explainer', { document: w.join(' '), asOf: o['as-of'], full: true }],
};

/**
 * A draft in pieces the checker takes (at most MAX_DRAFT_CHARS each), cut at line ends so no
 * sentence is split, with where each piece starts in the draft.
 */
function draftPieces(draft: string): { text: string; offset: number }[] {
  const pieces: { text: string; offset: number }[] = [];
  let start = 0;
  while (start < draft.length) {
    let end = Math.min(draft.length, start + MAX_DRAFT_CHARS);
    if (end < draft.length) {
      const cut = draft.lastIndexOf('\n', end - 1);
      if (cut > start) end = cut + 1;
    }
    const text = draft.slice(start, end);
    if (text.trim()) pieces.push({ text, offset: start });
    start = end;
  }
  return pieces;
}

type ToolRun = (name: string, args: Record<string, unknown>) => CallToolResult;

/** gazette check FILE: every piece of the draft checked, verdicts printed, exit 1 when any is a problem. */
function checkCommand(file: string | undefined, o: Values, run: ToolRun): number {
  if (!file) {
    process.stderr.write('check 需要稿件文件（或 - 表示标准输入），如：gazette check 解读稿.txt\ncheck needs a draft file (or - for stdin)\n');
    return 2;
  }
  let draft: string;
  try {
    draft = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    process.stderr.write(`无法读取稿件 ${file}：${(err as NodeJS.ErrnoException).code ?? (err as Error).message} / cannot read the draft ${file}\n`);
    return 2;
  }
  const pieces = draftPieces(draft);
  if (!pieces.length) {
    process.stderr.write(`稿件 ${file} 是空的 / the draft ${file} is empty\n`);
    return 2;
  }
  const findings: Record<string, unknown>[] = [];
  const texts: string[] = [];
  for (const piece of pieces) {
    const result = run('check_draft', { text: piece.text, docNumber: o.doc });
    const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
    if (result.isError) {
      process.stderr.write(`${text}\n`);
      return 1;
    }
    texts.push(pieces.length > 1 ? `[第${piece.offset}字起]\n${text}` : text);
    const structured = result.structuredContent as { findings: { offset: number }[] };
    findings.push(...structured.findings.map((f) => ({ ...f, offset: f.offset + piece.offset })));
  }
  process.stdout.write(o.json ? `${JSON.stringify({ findings }, null, 2)}\n` : `${texts.join('\n\n')}\n`);
  return findings.some((f) => f.verdict === 'mismatch' || f.verdict === 'not_found') ? 1 : 0;
}

/** Seconds as 1 h 05 min, 3 min 20 s or 12 s. */
function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  return s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}

/**
 * A progress bar on stderr for corpora of more than a few issues: files read and the time left at
 * the pace so far. Only on a terminal: piped or logged, stderr stays quiet.
 */
function progressBar(): Progress | undefined {
  if (!process.stderr.isTTY) return undefined;
  const started = performance.now();
  return (done, total, file) => {
    if (total < 5) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    const elapsed = (performance.now() - started) / 1000;
    const left = done === total ? `done in ${duration(elapsed)}` : done ? `about ${duration((elapsed / done) * (total - done))} left` : '';
    const line = `ingest [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files ${left} ${file}`;
    process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns ?? 100) - 1)}${done === total ? '\n' : ''}`);
  };
}

/** Tools whose answers are lists, and the field that holds the list. */
const LISTS: Record<string, string> = {
  list_tasks: 'tasks',
  list_appointments: 'appointments',
  list_documents: 'documents',
  verify_quote: 'citations',
  search_gazette: 'results',
};

/** The line a page of a list ends with (tools/common.ts pagedText). */
const MORE_LINE = /^（第 \d+–\d+ 项，共 \d+ 项(?:；下一页用 offset=(\d+)|，已到末尾)）$/;

const textOf = (result: CallToolResult) => result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

/**
 * A list printed whole (at a terminal, or with --all) or one page of it (piped, or with --offset),
 * ending with how to go on in the command's own words. A search's list is as long as its --limit.
 */
function listCommand(run: ToolRun, name: string, args: Record<string, unknown>, o: Values): number {
  const key = LISTS[name];
  const start = num(o.offset);
  const whole = o.all === true || (process.stdout.isTTY === true && o.offset === undefined);
  const want = name === 'search_gazette' ? ((num(o.limit) as number | undefined) ?? 5) : Infinity;
  const pages: { result: CallToolResult; shown: number }[] = [];
  let offset = start;
  for (;;) {
    const limit = name === 'search_gazette' && typeof offset === 'number' && Number.isFinite(want) ? Math.max(1, want - offset) : args.limit;
    const result = run(name, { ...args, limit, offset });
    if (result.isError) {
      process.stderr.write(`${textOf(result)}\n`);
      return 1;
    }
    const structured = result.structuredContent as Record<string, unknown> & { nextOffset?: number | null };
    pages.push({ result, shown: (structured[key] as unknown[] | undefined)?.length ?? 0 });
    const next = structured.nextOffset ?? null;
    if (!whole || next === null || next >= want) break;
    offset = next;
  }
  if (o.json) {
    const first = pages[0].result.structuredContent as Record<string, unknown>;
    const merged = whole ? { ...first, [key]: pages.flatMap((p) => (p.result.structuredContent as Record<string, unknown[]>)[key]), nextOffset: null } : first;
    process.stdout.write(`${JSON.stringify(merged, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`${whole ? joinPages(pages) : nextPageInCliWords(textOf(pages[0].result))}\n`);
  return 0;
}

function nextPageInCliWords(text: string): string {
  return text.replace(/；下一页用 offset=(\d+)）/, '；下一页加 --offset $1，全部列出加 --all）');
}

/** Pages of one list as one: the first page's head, every page's items, the last page's notes. */
function joinPages(pages: { result: CallToolResult; shown: number }[]): string {
  if (pages.length === 1) return textOf(pages[0].result);
  const split = pages.map((p) => {
    const lines = textOf(p.result).split('\n');
    const more = lines.findIndex((l) => MORE_LINE.test(l));
    return { lines, more, shown: p.shown };
  });
  // An item that took more than one line would be cut by the count below: print the pages as they are.
  if (split.some((p) => p.more < p.shown)) return pages.map((p) => textOf(p.result)).join('\n');
  const [first] = split;
  const last = split[split.length - 1];
  const total = (pages[0].result.structuredContent as { total?: number }).total;
  return [
    ...first.lines.slice(0, first.more),
    ...split.slice(1).flatMap((p) => p.lines.slice(p.more - p.shown, p.more)),
    `（共 ${total} 项，已全部列出）`,
    ...last.lines.slice(last.more + 1),
  ].join('\n');
}

type Doc = { title: string; notice: { text?: string }; parts: { title: string; text?: string }[]; nextOffset?: number | null };

/**
 * gazette doc --text: the whole text, every part, at a terminal or with --all; else one page and
 * how to go on (--offset).
 */
function documentCommand(run: ToolRun, args: Record<string, unknown>, o: Values): number {
  const whole = o.text === true && (o.all === true || (process.stdout.isTTY === true && o.offset === undefined));
  const pages: CallToolResult[] = [];
  let offset = num(o.offset);
  for (;;) {
    const result = run('get_document', { ...args, offset });
    if (result.isError) {
      process.stderr.write(`${textOf(result)}\n`);
      return 1;
    }
    pages.push(result);
    const next = (result.structuredContent as Doc).nextOffset ?? null;
    if (!whole || next === null) break;
    offset = next;
  }
  if (!whole) {
    process.stdout.write(
      o.json
        ? `${JSON.stringify(pages[0].structuredContent, null, 2)}\n`
        : `${textOf(pages[0]).replace(/（下一页用 offset=(\d+)）/, '（下一页加 --offset $1，全文加 --all）')}\n`,
    );
    return 0;
  }
  // Each part's text (0 the notice's own words), its pages joined in order.
  const docs = pages.map((p) => p.structuredContent as Doc);
  const first = docs[0];
  const texts = [first.notice, ...first.parts].map((_, k) => docs.map((d) => [d.notice, ...d.parts][k].text ?? '').join(''));
  if (o.json) {
    const merged = {
      ...first,
      notice: { ...first.notice, text: texts[0] },
      parts: first.parts.map((p, k) => ({ ...p, text: texts[k + 1] })),
      offset: 0,
      nextOffset: null,
    };
    process.stdout.write(`${JSON.stringify(merged, null, 2)}\n`);
    return 0;
  }
  const lines = textOf(pages[0]).split('\n');
  const head = lines.slice(
    0,
    lines.findIndex((l) => l.startsWith('正文（第 ')),
  );
  const titles = [first.title, ...first.parts.map((p) => p.title)];
  const body = texts.flatMap((text, k) => [`正文（第 ${k} 部分《${titles[k]}》，共 ${text.length} 字）：`, text]);
  process.stdout.write(`${[...head, ...body, '（全文已完）', lines[lines.length - 1]].join('\n')}\n`);
  return 0;
}

/** A whole number option within bounds, or an InputError in both languages. */
function wholeNumber(value: string | undefined, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max))
    throw new InputError(field, `应为 ${min} 到 ${max} 之间的整数`, `must be a whole number from ${min} to ${max}`, String(fallback));
  return n;
}

function dateOption(value: string | undefined, field: string, fallback: string): string {
  if (value === undefined) return fallback;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (!date || !inDateRange(date))
    throw new InputError(
      field,
      `应为 ${DATE_RANGE.from} 至 ${DATE_RANGE.to} 之间的真实日期（YYYY-MM-DD）`,
      `must be a real date ${DATE_RANGE.from}–${DATE_RANGE.to} (YYYY-MM-DD)`,
      '2019-09-01',
    );
  return date;
}

/** The feed the calendar options name: a unit's (or every) task deadlines by role, or probation ends. */
function feedSpec(o: Values): FeedSpec {
  if (o.probation) {
    if (o.role !== undefined)
      throw new InputError(
        'role',
        '--role 只用于任务日历，试用期日历不分角色',
        '--role is for task calendars; probation ends have no role',
        'gazette calendar --probation --unit 工信局',
      );
    if (o.unit !== undefined && o.person !== undefined)
      throw new InputError('person', '--unit 和 --person 只能选一个', 'give --unit or --person, not both', 'gazette calendar --probation --person 田力');
    return { kind: 'probation', unit: o.unit ?? null, person: o.person ?? null };
  }
  if (o.person !== undefined)
    throw new InputError(
      'person',
      '--person 只用于试用期日历（加 --probation）',
      '--person is for probation ends (add --probation)',
      'gazette calendar --probation --person 田力',
    );
  const role = (o.role ?? 'lead') as FeedRole;
  if (!FEED_ROLES.includes(role)) throw new InputError('role', `应为 ${FEED_ROLES.join('、')} 之一`, `must be one of ${FEED_ROLES.join(', ')}`, 'lead');
  const remindWorkingDays = wholeNumber(o.remind, 'remind', 1, MAX_REMIND_WORKING_DAYS, DEFAULT_REMIND_WORKING_DAYS);
  return { kind: 'tasks', unit: o.unit ?? null, role, remindWorkingDays };
}

/** gazette calendar: the feed as iCalendar on stdout, what it leaves out on stderr. */
function calendarCommand(gazette: GazetteReader, o: Values): number {
  const feed = feedOf(gazette, feedSpec(o));
  process.stderr.write(`${feed.description}\n`);
  process.stdout.write(o.json ? `${JSON.stringify(feed, null, 2)}\n` : renderIcs(feed));
  return 0;
}

function dueLine(i: DueItem): string {
  const left = i.overdue
    ? `逾期 ${-i.workingDaysLeft} 个工作日（${-i.daysLeft} 天）`
    : i.daysLeft === 0
      ? '今天到期'
      : `剩 ${i.workingDaysLeft} 个工作日（${i.daysLeft} 天）`;
  const recurring = i.event.recurrence ? '，周期性' : '';
  return `- ${i.date} ${left} ${i.event.summary}——${i.event.categories[0] === PROBATION_CATEGORY ? '试用期' : '时限'}：${i.event.asWritten}${recurring}${citeTag(i.event.citation)}`;
}

/** gazette due: overdue first, then due within --within days of --as-of; exit 1 when anything is overdue. */
function dueCommand(gazette: GazetteReader, o: Values, today: string): number {
  const spec = feedSpec(o);
  const within = wholeNumber(o.within, 'within', 0, 3650, 30);
  const asOf = dateOption(o['as-of'], 'as-of', today);
  const feed = feedOf(gazette, spec);
  const { overdue, dueSoon } = dueDigest(feed.events, asOf, within);
  if (o.json) {
    const item = (i: DueItem) => ({
      date: i.date,
      daysLeft: i.daysLeft,
      workingDaysLeft: i.workingDaysLeft,
      summary: i.event.summary,
      asWritten: i.event.asWritten,
      citation: i.event.citation,
    });
    process.stdout.write(`${JSON.stringify({ feed: feed.name, asOf, within, overdue: overdue.map(item), dueSoon: dueSoon.map(item) }, null, 2)}\n`);
    return overdue.length ? 1 : 0;
  }
  const lines = [
    `${feed.name}：截至 ${asOf}（${WEEKDAY_CN[day(asOf).weekday]}），已逾期 ${overdue.length} 项，${within} 天内（至 ${addDays(asOf, within)}）到期 ${dueSoon.length} 项。`,
    ...(overdue.length ? ['已逾期：', ...overdue.map(dueLine)] : []),
    ...(dueSoon.length ? [`${within} 天内到期：`, ...dueSoon.map(dueLine)] : []),
    feed.undated ? `另有 ${feed.undated} 项未写明完成时限，未列入。` : '',
  ];
  process.stdout.write(`${lines.filter(Boolean).join('\n')}\n`);
  return overdue.length ? 1 : 0;
}

/** gazette feeds add|list|revoke: secret feed URLs for calendar programs, kept as hashes only. */
function feedsCommand(gazette: GazetteReader, words: string[], o: Values, file: string): number {
  const store = new FeedStore(file);
  const [action, id] = words;
  if (action === 'add') {
    const spec = feedSpec(o);
    // The feed is made once it is known to hold what was asked (an unknown unit is refused here, not at the first poll).
    const feed = feedOf(gazette, spec);
    const { id: made, secret } = store.add(spec);
    const base = (o['public-url'] ?? process.env.GAZETTE_PUBLIC_URL ?? 'http://127.0.0.1:8787').replace(/\/$/, '');
    process.stderr.write(
      `订阅 ${made}：${feed.name}，${feed.events.length} 个日程。地址只显示这一次，请妥善保存（${file} 只保存其哈希）/ feed ${made}, shown once:\n`,
    );
    process.stdout.write(`${base}${feedPath(secret)}\n`);
    return 0;
  }
  if (action === 'list') {
    const entries = store.entries();
    process.stdout.write(entries.length ? `${entries.map((e) => `${e.id}\t${describeSpec(e.spec)}\t${e.created}`).join('\n')}\n` : `no feeds in ${file}\n`);
    return 0;
  }
  if (action === 'revoke' && id) {
    if (store.revoke(id)) {
      process.stdout.write(`revoked ${id}: its URL now gets 404\n`);
      return 0;
    }
    process.stderr.write(`没有编号为 ${id} 的订阅 / no feed ${id} in ${file}\n`);
    return 1;
  }
  process.stderr.write(`用法 usage: gazette feeds add [--unit U] [--role R] | add --probation [--unit U|--person P] | list | revoke ID\n`);
  return 2;
}

/**
 * gazette verify (no quotation): every page and every issue's checksum, whatever the database's
 * size; a damaged issue is read again from its file, or named when the file is gone. Exit 1 when
 * anything was found, repaired or not, so a scheduled check reports it.
 */
function verifyCommand(db: string): number {
  const dir = corpusDir();
  const result = verifyStore(dir, db, progressBar());
  for (const w of result.warnings) process.stderr.write(`${w}\n`);
  const rebuiltWhole = result.summary?.mode === 'build';
  if (!result.damaged.length && !rebuiltWhole) {
    process.stdout.write(`${db}: every page and every issue's checksum check out\n`);
    return 0;
  }
  process.stdout.write(
    rebuiltWhole
      ? `${db} could not be served as it was and was rebuilt from ${dir}\n`
      : `${db}: ${result.damaged.length} damaged issue(s): ${result.damaged.join(', ')}\n`,
  );
  return 1;
}

/** gazette tokens add|list|revoke: bearer tokens for the HTTP server, kept as hashes only. */
function tokensCommand(words: string[], file: string): number {
  const store = new TokenStore(file);
  const [action, name] = words;
  if (action === 'add' && name) {
    const token = store.add(name);
    process.stderr.write(`令牌已生成，只显示这一次，请妥善保存 / token for ${name}, shown once (kept in ${file} as a hash only):\n`);
    process.stdout.write(`${token}\n`);
    return 0;
  }
  if (action === 'list') {
    const entries = store.entries();
    process.stdout.write(entries.length ? `${entries.map((e) => `${e.name}\t${e.created}`).join('\n')}\n` : `no tokens in ${file}\n`);
    return 0;
  }
  if (action === 'revoke' && name) {
    if (store.revoke(name)) {
      process.stdout.write(`revoked ${name} (a running server keeps it until it restarts)\n`);
      return 0;
    }
    process.stderr.write(`没有名为 ${name} 的令牌 / no token named ${name} in ${file}\n`);
    return 1;
  }
  process.stderr.write(`用法 usage: gazette tokens add NAME | list | revoke NAME\n`);
  return 2;
}

function main(argv: string[]): number {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...words] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }

  if (command === 'tokens') return tokensCommand(words, values.tokens ?? process.env.GAZETTE_TOKENS ?? join(dirname(databasePath()), 'tokens.json'));

  if (command === 'ingest') {
    // A file (an issue's PDF or text) joins the corpus folder, so the server and every later ingest see it too.
    const given = words[0];
    const file = given && existsSync(given) && statSync(given).isFile() ? given : null;
    const dir = file ? corpusDir() : (given ?? corpusDir());
    if (file) {
      if (!/\.(pdf|txt)$/i.test(file)) {
        process.stderr.write(`只能读入 .pdf 或 .txt 文件 / only .pdf or .txt files can be ingested: ${file}\n`);
        return 2;
      }
      const target = join(dir, basename(file));
      if (resolve(file) !== resolve(target)) copyFileSync(file, target);
      process.stderr.write(`${basename(file)} → ${dir}\n`);
    }
    const db = values.db ?? databasePath();
    // Next month's issue is added to the store as it is; --full (or another store version) rebuilds it whole.
    const warnings: string[] = [];
    const mode = values.full || !existsSync(db) ? 'build' : ingestMode(db, storeProblem(db), warnings);
    for (const w of warnings) process.stderr.write(`${w}\n`);
    const summary = ingestCorpus(dir, db, listCorpus(dir), progressBar(), mode);
    process.stdout.write(
      values.json ? `${JSON.stringify({ ...summary, issues: summary.issues.map(({ report: _r, ...i }) => i) }, null, 2)}\n` : `${formatReport(summary)}\n`,
    );
    // Skipped files and unplaced facts both make a clean ingest fail: someone must read the report.
    return summary.failures.length || !summary.written || summary.issues.some((i) => i.unplaced > 0) ? 1 : 0;
  }

  if (command === 'verify' && words.length === 0) return verifyCommand(values.db ?? databasePath());

  const build = COMMANDS[command];
  if (!build && !['check', 'calendar', 'due', 'feeds'].includes(command)) {
    process.stderr.write(`未知命令 unknown command: ${command}\n\n${USAGE}\n`);
    return 2;
  }
  if (command === 'cite' && words.length < 2) {
    process.stderr.write(`cite 需要文号或标题词和条款，如：gazette cite 国有资产出租 第四条\ncite needs a document and a clause\n`);
    return 2;
  }
  const dbPath = databasePath();
  for (const warning of ensureDatabase(corpusDir(), dbPath, progressBar()).warnings) process.stderr.write(`${warning}\n`);
  const { gazette, ctx, close } = openGazette(
    { dbPath, today: process.env.GAZETTE_TODAY || undefined },
    { logError: (tool, err) => process.stderr.write(`${tool}: ${(err as Error).stack ?? String(err)}\n`) },
  );
  try {
    const run: ToolRun = (name, args) => runTool(ctx, findTool(name)!, Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)));
    if (command === 'check') return checkCommand(words[0], values, run);
    if (command === 'calendar' || command === 'due' || command === 'feeds') {
      try {
        if (command === 'calendar') return calendarCommand(gazette, values);
        if (command === 'due') return dueCommand(gazette, values, ctx.today());
        return feedsCommand(gazette, words, values, values.feeds ?? feedsFile(dbPath));
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        process.stderr.write(`${err.message}\n`);
        return 1;
      }
    }
    const [name, args] = build(words, values);
    if (LISTS[name]) return listCommand(run, name, args, values);
    if (name === 'get_document' && values.text) return documentCommand(run, args, values);
    const result = run(name, args);
    const text = textOf(result);
    if (result.isError) {
      process.stderr.write(`${text}\n`);
      return 1;
    }
    process.stdout.write(values.json ? `${JSON.stringify(result.structuredContent, null, 2)}\n` : `${text}\n`);
    return 0;
  } finally {
    close();
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`gazette: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
