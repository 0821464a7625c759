// What every tool shares: its definition shape, the input fields with their constraints in zod,
// one path that turns any validation failure into the same bilingual InputError (for the server
// and the CLI alike), the citation shape, and results carrying structured content and a short text.
import { ErrorCode, McpError, type CallToolResult, type ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { normalizeDocNumber } from '../domain/doc-number.js';
import { InputError } from '../domain/errors.js';
import type { Citation, GazetteReader, TaskRecord } from '../domain/reader.js';
import { DATE_RANGE, foldCharacters, inDateRange, isoDate } from '../domain/text.js';

/** What a tool needs: the corpus, today's date, and somewhere to report its own failures. */
export interface ToolContext {
  gazette: GazetteReader;
  logError: (tool: string, err: unknown) => void;
  /** Today, YYYY-MM-DD (injected so answers about "now" are reproducible). */
  today: () => string;
}

/**
 * A tool: its name, what it is for, its MCP config (schemas, description, annotations), one real
 * call and its handler, side by side. Everything that lists tools (the server's instructions,
 * tools/list, docs/tools.md, the tests) reads them from here and TOOLS.
 */
export interface ToolDef<Shape extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  /** The questions it answers, a short Chinese phrase: the server's instructions show it beside the name. */
  use: string;
  /** One real call on the bundled issue (dates given, so the answer does not age): docs/tools.md shows it, the tests check its answer against outputSchema. */
  example: z.input<z.ZodObject<Shape>>;
  config: {
    title: string;
    description: string;
    inputSchema: Shape;
    outputSchema: z.ZodRawShape;
    annotations: ToolAnnotations;
  };
  run: (ctx: ToolContext, args: z.output<z.ZodObject<Shape>>) => CallToolResult;
}

/** Declares a tool with its handler typed from its own input schema. */
export function defineTool<Shape extends z.ZodRawShape>(tool: ToolDef<Shape>): ToolDef {
  return tool as unknown as ToolDef;
}

// ---- Input fields: every constraint is in the schema, with a bilingual message and an example.

interface Refusal {
  zh: string;
  en: string;
}

/** A check of a field's value that zod cannot state as a constraint; it says why in both languages. */
function check<T>(schema: z.ZodType<T>, test: (v: T) => Refusal | null) {
  return schema.superRefine((v, ctx) => {
    const refusal = test(v);
    if (refusal) ctx.addIssue({ code: 'custom', message: refusal.en, params: refusal });
  });
}

const example = <S extends z.ZodType>(schema: S, description: string, ex: string | number | boolean): S =>
  schema.describe(description).meta({ examples: [ex] }) as S;

/**
 * Free text: trimmed, 1–max characters, well-formed Unicode, no control characters. `asWritten`
 * keeps the text untrimmed, for answers that point into it by offset.
 */
export function textField(description: string, max: number, ex: string, asWritten = false) {
  const base = (
    asWritten
      ? z.string().refine((v) => v.trim().length > 0, { message: 'must not be empty', params: { zh: '不能为空', en: 'must not be empty' } })
      : z.string().trim().min(1)
  ).max(max);
  return example(
    check(base, (v) => {
      if (!v.isWellFormed()) return { zh: '含有无效的 Unicode 字符（孤立代理项）', en: 'contains invalid Unicode (lone surrogates)' };
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v)) return { zh: '含有控制字符', en: 'contains control characters' };
      return null;
    }),
    description,
    ex,
  );
}

// Query languages a caller may try: FTS operators, quotes and wildcards, regular expressions, SQL.
const QUERY_SYNTAX: [RegExp, string][] = [
  [/\b(?:AND|OR|NOT|NEAR)\b|["*^]|\b\w+:\S/, 'FTS/boolean syntax'],
  [/\.[*+?]|\\[dwsb]|\[[^\]]*\]|\(\?|[|$]/, 'regular-expression syntax'],
  [/\b(?:select|insert|update|delete|drop|union|alter|create|pragma)\b|--|;|'\s*or\s*'?\d|=\s*'?\d/i, 'SQL'],
];

/**
 * A question in plain words. Query syntax is refused rather than half-obeyed, so the caller knows
 * to ask again in words. A 文号 with ASCII brackets is plain.
 */
export function questionField(description: string, max: number, ex: string) {
  return example(
    check(textField(description, max, ex), (v) => {
      const words = v.replace(/[\u4e00-\u9fff]{2,10}\s*[[(（【〔［]\s*\d{4}\s*[\])）】〕］]\s*\d{1,4}\s*号/g, ' ');
      const syntax = QUERY_SYNTAX.find(([re]) => re.test(words));
      return syntax
        ? { zh: `请用普通词语或问题检索，不支持检索语法（${syntax[1]}）`, en: `use plain words or a question; query syntax (${syntax[1]}) is not supported` }
        : null;
    }),
    description,
    ex,
  );
}

/** A day written YYYY-MM-DD that exists and lies in DATE_RANGE. */
export function dateField(description: string) {
  const base = z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/);
  return example(
    check(base, (v) => {
      const [y, m, d] = v.split('-').map(Number);
      if (!isoDate(y, m, d)) return { zh: `${v} 不是真实存在的日期`, en: `${v} is not a real date` };
      if (!inDateRange(v)) return { zh: `日期应在 ${DATE_RANGE.from} 至 ${DATE_RANGE.to} 之间`, en: `dates must be ${DATE_RANGE.from}–${DATE_RANGE.to}` };
      return null;
    }),
    description,
    '2019-04-26',
  );
}

/** A 文号 in any accepted spelling, normalized. */
export function docNumberField(description: string) {
  return example(
    check(z.string().trim().min(1).max(40), (v) => (normalizeDocNumber(v) ? null : { zh: '不是文号格式', en: 'is not a 文号 (document number)' })).transform(
      (v) => normalizeDocNumber(v)!,
    ),
    description,
    '卫政办发〔2019〕43号',
  );
}

export function limitField(description: string, max: number, fallback: number) {
  return example(z.number().int().min(1).max(max), description, fallback);
}

/** The most a page may skip: past any list or notice text a large corpus holds (1,000 issues), and a bound on the work. */
export const MAX_OFFSET = 10_000_000;

/** Where a page starts: the nextOffset of the page before. */
export function offsetField(description = '从第几项开始（上一页的 nextOffset），默认 0 / where the page starts: the previous page’s nextOffset, default 0') {
  return example(z.number().int().min(0).max(MAX_OFFSET), description, 0);
}

/** Paging fields of a list answer: how many in all, where this page starts, and where the next does. */
export const pageSchema = {
  total: z.number().int().describe('items in the whole list'),
  offset: z.number().int().describe('where this page starts'),
  nextOffset: z.number().int().nullable().describe('where the next page starts (pass it as offset), or null at the end'),
};

/**
 * The most text a default answer carries, in bytes of UTF-8: what a chat turn holds comfortably.
 * Lists show the items that fit and page on from there.
 */
export const TEXT_BUDGET = 4096;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** How many of the item lines fit the budget beside the fixed lines (at least one, so every page moves on). */
function fitting(fixed: string[], items: string[], budget = TEXT_BUDGET): number {
  let used = fixed.reduce((n, l) => n + bytes(l) + 1, 0);
  let k = 0;
  while (k < items.length && (k === 0 || used + bytes(items[k]) + 1 <= budget)) used += bytes(items[k++]) + 1;
  return k;
}

/**
 * A page of a list answer within the text budget: the head, the item lines that fit, where the
 * rest of the list is, then the tail; and where the next page starts (null at the end).
 */
export function pagedText(
  head: string[],
  lines: string[],
  tail: string[],
  offset: number,
  total: number,
): { shown: number; nextOffset: number | null; text: string } {
  const shown = fitting([...head, ...tail, moreLine(1, offset, total)], lines);
  const text = [...head, ...lines.slice(0, shown), moreLine(shown, offset, total), ...tail].filter(Boolean).join('\n');
  return { shown, nextOffset: offset + shown < total ? offset + shown : null, text };
}

/** The line that tells a reader how to see the rest of a list. */
function moreLine(shown: number, offset: number, total: number): string {
  const next = offset + shown;
  return next < total
    ? `（第 ${offset + 1}–${next} 项，共 ${total} 项；下一页用 offset=${next}）`
    : offset > 0
      ? `（第 ${offset + 1}–${next} 项，共 ${total} 项，已到末尾）`
      : '';
}

// ---- Validation: one path for the server and the CLI.

const TYPE_NAMES: Record<string, Refusal> = {
  string: { zh: '应为文字（字符串）', en: 'must be a string' },
  number: { zh: '应为数字', en: 'must be a number' },
  int: { zh: '应为整数', en: 'must be a whole number' },
  boolean: { zh: '应为 true 或 false', en: 'must be true or false' },
};

/** Why a value was refused, in both languages, from a zod issue. */
function refusalOf(issue: z.core.$ZodIssue, given: unknown): Refusal {
  switch (issue.code) {
    case 'invalid_type':
      if (given === undefined || given === null) return { zh: '不能为空（必填）', en: 'is required' };
      return TYPE_NAMES[issue.expected] ?? { zh: `类型应为 ${issue.expected}`, en: `must be of type ${issue.expected}` };
    case 'too_small':
      return issue.origin === 'string'
        ? { zh: '不能为空', en: 'must not be empty' }
        : { zh: `不能小于 ${issue.minimum}`, en: `must be at least ${issue.minimum}` };
    case 'too_big':
      return issue.origin === 'string'
        ? { zh: `不能超过 ${issue.maximum} 个字符`, en: `must be at most ${issue.maximum} characters` }
        : { zh: `不能大于 ${issue.maximum}`, en: `must be at most ${issue.maximum}` };
    case 'invalid_value': {
      const values = issue.values.map(String);
      return { zh: `应为 ${values.slice(0, -1).join('、')} 或 ${values.at(-1)}`, en: `must be ${values.slice(0, -1).join(', ')} or ${values.at(-1)}` };
    }
    case 'invalid_format':
      return { zh: '日期格式应为 YYYY-MM-DD', en: 'dates are written YYYY-MM-DD' };
    case 'custom':
      return (issue.params as Refusal | undefined) ?? { zh: issue.message, en: issue.message };
    default:
      return { zh: issue.message, en: issue.message };
  }
}

/**
 * Each tool's argument schema as one parser, made at its first call: zod builds and compiles an
 * object schema's parser when it first parses, which a parser made per call paid every time.
 */
const argumentParsers = new WeakMap<z.ZodRawShape, z.ZodObject>();

/** The arguments a tool takes, validated by its schema; the first problem is an InputError naming its field. */
export function parseArgs<Shape extends z.ZodRawShape>(shape: Shape, args: unknown): z.output<z.ZodObject<Shape>> {
  const given = (args ?? {}) as Record<string, unknown>;
  let parser = argumentParsers.get(shape);
  if (!parser) argumentParsers.set(shape, (parser = z.object(shape)));
  const parsed = parser.safeParse(given) as z.ZodSafeParseResult<z.output<z.ZodObject<Shape>>>;
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue.path[0] ?? 'arguments');
  const { zh, en } = refusalOf(issue, given[field]);
  throw new InputError(field, zh, en, exampleOf(shape[field] as z.ZodType | undefined));
}

/**
 * Bounds on the shape of any arguments (a tool's, a prompt's, a completion's), checked before
 * anything copies or walks them: 5,000 nested arrays in 10 KB overflowed the stack of the copy to
 * the tool thread. Every field is a scalar, so a few levels are room enough; the characters cover
 * the longest field (a draft of 20,000) with room for the others.
 */
export const ARGUMENT_LIMITS = { depth: 8, values: 1000, chars: 64 * 1024 } as const;

/**
 * Why arguments are refused by their shape alone, or null. The walk is iterative and stops at the
 * first bound passed, so its cost is bounded whatever the input.
 */
export function argumentsTooLarge(args: unknown): InputError | null {
  const { depth, values, chars } = ARGUMENT_LIMITS;
  const example = '{"query": "湿地面积"}';
  const pending: [unknown, number][] = [[args, 0]];
  let seen = 1;
  let length = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, level] = next;
    if (typeof value === 'string') length += value.length;
    else if (value && typeof value === 'object') {
      if (level >= depth) return new InputError('arguments', `嵌套超过 ${depth} 层，已拒绝`, `nest deeper than ${depth} levels; refused`, example);
      for (const key in value) {
        if (++seen > values) return new InputError('arguments', `超过 ${values} 个值，已拒绝`, `hold more than ${values} values; refused`, example);
        length += key.length;
        pending.push([(value as Record<string, unknown>)[key], level + 1]);
      }
    }
    if (length > chars) return new InputError('arguments', `总长超过 ${chars} 个字符，已拒绝`, `are longer than ${chars} characters in all; refused`, example);
  }
  return null;
}

/**
 * A prompt's or a completion's argument held to a tool field's own limits and refused in its
 * words, as an invalid-params error (prompts and completions have no isError answer). Nothing
 * of a refused value is echoed back.
 */
export function fieldArgument(tool: ToolDef, field: string, value: string): string {
  try {
    return parseArgs({ [field]: tool.config.inputSchema[field] }, { [field]: value })[field] as string;
  } catch (err) {
    if (err instanceof InputError) throw new McpError(ErrorCode.InvalidParams, err.message);
    throw err;
  }
}

/** The example a field's schema declares, looking through optional(). */
function exampleOf(schema: z.ZodType | undefined): string {
  for (let s = schema; s; s = s instanceof z.ZodOptional ? (s.unwrap() as z.ZodType) : undefined) {
    const examples = s.meta()?.examples as unknown[] | undefined;
    if (examples?.length) return String(examples[0]);
  }
  return '';
}

/** A 文号 that must name a notice of the corpus; an unknown one is refused with the closest. */
export function requireKnownNotice(ctx: ToolContext, field: string, docNumber: string | undefined): string | null {
  if (!docNumber || ctx.gazette.notice(docNumber)) return docNumber ?? null;
  const r = ctx.gazette.resolveDocument(docNumber);
  const near = r.kind === 'none' ? r.suggestions.map((n) => n.docNumber) : [];
  const known = near.length
    ? near
    : ctx.gazette
        .notices()
        .slice(0, 8)
        .map((n) => n.docNumber);
  throw new InputError(field, `语料中没有文号 ${docNumber}`, `no notice ${docNumber} in the corpus`, known.join('、'));
}

// ---- Output shapes and results.

export const citationSchema = z.object({
  docNumber: z.string().describe('文号, e.g. 卫政办发〔2019〕43号'),
  title: z.string().describe('title of the text cited'),
  issuer: z.string(),
  date: z.string().nullable().describe('the notice date, YYYY-MM-DD'),
  locator: z.string().describe('path inside the text: 二、（一）1. / 第四条 / 附件 序号3'),
  page: z.number().nullable().describe('gazette page'),
  quote: z.string().describe('verbatim span of the cleaned text'),
});

export const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

/** A quote cut to `max` characters with an ellipsis: the part shown is still a verbatim span. */
export function clip(quote: string, max: number): string {
  const chars = [...quote.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`;
}

/**
 * One fact's own citation, set right after it: 【卫政办发〔2019〕43号 · 二、（二十一） · 第8页：“（牵头单位：…”】.
 * The quote is clipped to stay readable; the part shown verifies as it is.
 */
export function citeTag(c: Citation, maxQuote = 24): string {
  const where = [c.docNumber, c.locator, c.page !== null ? `第${c.page}页` : ''].filter(Boolean).join(' · ');
  return c.quote ? `【${where}：“${clip(c.quote, maxQuote)}”】` : `【${where}】`;
}

/** 【卫政办发〔2019〕43号 · 二、（一）1.】 for each distinct citation, in order. */
export function citationTags(citations: Pick<Citation, 'docNumber' | 'locator'>[]): string {
  const tags = citations.map((c) => (c.locator ? `【${c.docNumber} · ${c.locator}】` : `【${c.docNumber}】`));
  return [...new Set(tags)].join('');
}

export function ok(structured: Record<string, unknown>, text: string): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

export function fail(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

export const taskSchema = z.object({
  task: z.string().describe("the task's own heading or sentence"),
  leadUnits: z.array(z.string()).describe('牵头单位, normalized; units 按职责分别负责 are lead units'),
  supportUnits: z.array(z.string()).describe('配合/参与单位, normalized'),
  implementingUnits: z.array(z.string()).describe('落实单位: units that carry the task out (…负责落实, 以下均需…落实)'),
  deadline: z
    .object({
      text: z.string(),
      date: z.string().nullable(),
      kind: z.string(),
      source: z.enum(['note', 'table', 'text']).describe('read from the note, a table column, or the task sentence'),
    })
    .nullable()
    .describe('完成时限 as written, and its date'),
  startYear: z.string().nullable().describe('开工年度 of a project table row'),
  citation: citationSchema,
});

/** A task as tools return it. */
export function taskOut(t: TaskRecord): TaskRecord {
  return {
    task: t.task,
    leadUnits: t.leadUnits,
    supportUnits: t.supportUnits,
    implementingUnits: t.implementingUnits,
    deadline: t.deadline,
    startYear: t.startYear,
    citation: t.citation,
  };
}

/** One line of Chinese for a task: 牵头, 配合, 时限. */
export function taskLine(t: TaskRecord): string {
  const parts = [
    `牵头：${t.leadUnits.join('、') || '未写明'}`,
    t.supportUnits.length ? `配合：${t.supportUnits.join('、')}` : '',
    t.implementingUnits.length ? `落实：${t.implementingUnits.join('、')}` : '',
    t.deadline ? `时限：${t.deadline.text}${t.deadline.date ? `（${t.deadline.date}）` : ''}` : t.startYear ? `开工年度：${t.startYear}` : '时限：未写明',
  ];
  return `${t.task}——${parts.filter(Boolean).join('；')}`;
}

/**
 * A caution for answers drawn from notices whose ingest left fact markers unplaced: those answers
 * may be incomplete, and the reader should know before relying on them. Empty when all is read.
 */
export function incompleteNote(ctx: ToolContext, docNumbers: Iterable<string>): string {
  const partial = [...new Set(docNumbers)].map((d) => ctx.gazette.notice(d)).filter((n) => n && n.unplaced > 0);
  if (!partial.length) return '';
  return `注意：${partial.map((n) => `${n!.docNumber} 有 ${n!.unplaced} 处内容未能读出`).join('；')}，相关事实可能不完整（详见 get_document 与入库报告）。`;
}

/**
 * What the corpus holds, in a phrase: the issue (《中卫市人民政府公报》2019.NO.4, 12 件通知，
 * 2019-04-26 至 2019-10-29), or for many issues their count and span. Built from the corpus, so
 * next month's issue changes it.
 */
export function corpusScope(ctx: ToolContext): string {
  const issues = ctx.gazette.issues();
  const notices = issues.reduce((n, i) => n + i.notices, 0);
  const dates = issues
    .flatMap((i) => [i.from, i.to])
    .filter((d): d is string => !!d)
    .sort();
  const span = dates.length ? `，${dates[0]} 至 ${dates[dates.length - 1]}` : '';
  const name = (i: (typeof issues)[number]) => (i.title ?? i.source).replace(/\s+/g, '');
  if (issues.length <= 3) return `${issues.map(name).join('、') || '（空）'}（${notices} 件通知${span}）`;
  return `${issues.length} 期公报（${name(issues[0])} 至 ${name(issues[issues.length - 1])}，${notices} 件通知${span}）`;
}

/** Text a user typed, folded to half-width letters and digits, spaces dropped. */
export function folded(text: string): string {
  return foldCharacters(text).replace(/\s+/g, '');
}
