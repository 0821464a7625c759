// What every tool shares: input checks that answer in Chinese and English, the citation shape,
// and results that carry both structured content and a short text a chat model can quote.
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { StoredTask } from '../corpus/facts/task-lookup.js';
import type { Citation, Gazette } from '../corpus/gazette.js';
import { foldWidth, isoDate, normalizeDocNumber } from '../corpus/text.js';

/** A tool: its name, its MCP config (schemas, description, annotations) and its handler, side by side. */
export interface ToolDef {
  name: string;
  config: {
    title: string;
    description: string;
    inputSchema: z.ZodRawShape;
    outputSchema: z.ZodRawShape;
    annotations: ToolAnnotations;
  };
  run: (ctx: ToolContext, args: Record<string, unknown>) => CallToolResult;
}

/** What a tool needs: the corpus, and somewhere to report its own failures (stderr). */
export interface ToolContext {
  gazette: Gazette;
  logError: (tool: string, err: unknown) => void;
}

/** Input a tool cannot understand: the message names the field and shows an accepted form. */
export class InputError extends Error {
  constructor(field: string, zh: string, en: string, example: string) {
    super(`参数 ${field} 无效：${zh}。示例：${example}\nInvalid ${field}: ${en}. Example: ${example}`);
  }
}

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

/** A required piece of text: not empty, not over `max` characters, well-formed Unicode, no control characters. */
export function requireText(field: string, value: unknown, max: number, example: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InputError(field, '不能为空', 'must be a non-empty string', example);
  if (!value.isWellFormed()) throw new InputError(field, '含有无效的 Unicode 字符（孤立代理项）', 'contains invalid Unicode (lone surrogates)', example);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value)) throw new InputError(field, '含有控制字符', 'contains control characters', example);
  const text = value.trim();
  if ([...text].length > max) throw new InputError(field, `不能超过 ${max} 个字符`, `must be at most ${max} characters`, example);
  return text;
}

export function optionalText(field: string, value: unknown, max: number, example: string): string | null {
  return value === undefined || value === null || value === '' ? null : requireText(field, value, max, example);
}

export function integerIn(field: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InputError(field, `应为 ${min} 到 ${max} 之间的整数`, `must be a whole number from ${min} to ${max}`, String(fallback));
  }
  return value;
}

// Query languages a caller may try: FTS operators, quotes and wildcards, regular expressions, SQL.
const QUERY_SYNTAX: [RegExp, string][] = [
  [/\b(?:AND|OR|NOT|NEAR)\b|["*^]|\b\w+:\S/, 'FTS/boolean syntax'],
  [/\.[*+?]|\\[dwsb]|\[[^\]]*\]|\(\?|[|$]/, 'regular-expression syntax'],
  [/\b(?:select|insert|update|delete|drop|union|alter|create|pragma)\b|--|;|'\s*or\s*'?\d|=\s*'?\d/i, 'SQL'],
];

/**
 * Search takes plain words or a question. Query syntax is refused with a message rather than
 * half-obeyed, so the caller knows to ask again in words. A 文号 with ASCII brackets is plain.
 */
export function plainQuery(field: string, text: string): string {
  const words = text.replace(/[\u4e00-\u9fff]{2,10}\s*[\[(（【〔［]\s*\d{4}\s*[\])）】〕］]\s*\d{1,4}\s*号/g, ' ');
  for (const [re, what] of QUERY_SYNTAX) {
    if (re.test(words)) {
      throw new InputError(field, `请用普通词语或问题检索，不支持检索语法（${what}）`, `use plain words or a question; query syntax (${what}) is not supported`, '湿地面积 或 谁牵头柴油货车污染治理');
    }
  }
  return text;
}

/** A YYYY-MM-DD date that exists; null when absent. */
export function optionalDate(field: string, value: unknown): string | null {
  const text = optionalText(field, value, 20, '2019-04-26');
  if (text === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(foldWidth(text));
  const date = m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (!m) throw new InputError(field, '日期格式应为 YYYY-MM-DD', 'dates are written YYYY-MM-DD', '2019-04-26');
  if (!date) throw new InputError(field, `${text} 不是真实存在的日期`, `${text} is not a real date`, '2019-04-26');
  return date;
}

/** A 文号 in any accepted spelling, normalized; null when absent. */
export function optionalDocNumber(field: string, value: unknown): string | null {
  const text = optionalText(field, value, 40, '卫政办发〔2019〕43号');
  if (text === null) return null;
  const docNumber = normalizeDocNumber(text);
  if (!docNumber) throw new InputError(field, '不是文号格式', 'is not a 文号 (document number)', '卫政办发〔2019〕43号 或 卫政办发[2019]43号');
  return docNumber;
}

/** A 文号 filter that must name a notice of the corpus; an unknown one is refused with the closest. */
export function knownDocNumber(ctx: ToolContext, field: string, value: unknown): string | null {
  const docNumber = optionalDocNumber(field, value);
  if (!docNumber || ctx.gazette.notice(docNumber)) return docNumber;
  const r = ctx.gazette.resolveDocument(docNumber);
  const near = r.kind === 'none' ? r.suggestions.map((n) => n.docNumber) : [];
  const known = near.length ? near : ctx.gazette.notices().slice(0, 8).map((n) => n.docNumber);
  throw new InputError(field, `语料中没有文号 ${docNumber}`, `no notice ${docNumber} in the corpus`, known.join('、'));
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

/** Runs a handler; bad input becomes a readable error result, anything else is logged and reported without a stack trace. */
export function guarded<A>(ctx: ToolContext, tool: string, fn: (args: A) => CallToolResult): (args: A) => CallToolResult {
  return (args) => {
    try {
      return fn(args);
    } catch (err) {
      if (err instanceof InputError) return fail(err.message);
      ctx.logError(tool, err);
      return fail(`内部错误，请稍后重试或换个问法。\nInternal error in ${tool}: ${(err as Error).message}`);
    }
  };
}

export const taskSchema = z.object({
  task: z.string().describe("the task's own heading or sentence"),
  leadUnits: z.array(z.string()).describe('牵头单位, normalized; units 按职责分别负责 are lead units'),
  supportUnits: z.array(z.string()).describe('配合/参与单位, normalized'),
  implementingUnits: z.array(z.string()).describe('落实单位: units that carry the task out (…负责落实, 以下均需…落实)'),
  deadline: z
    .object({ text: z.string(), date: z.string().nullable(), kind: z.string(), source: z.enum(['note', 'table', 'text']).describe('read from the note, a table column, or the task sentence') })
    .nullable()
    .describe('完成时限 as written, and its date'),
  startYear: z.string().nullable().describe('开工年度 of a project table row'),
  citation: citationSchema,
});

/** A task as tools return it. */
export function taskOut(ctx: ToolContext, t: StoredTask) {
  return {
    task: t.task,
    leadUnits: t.leadUnits,
    supportUnits: t.supportUnits,
    implementingUnits: t.implementingUnits,
    deadline: t.deadline,
    startYear: t.startYear,
    citation: ctx.gazette.taskCitation(t),
  };
}

/** One line of Chinese for a task: 牵头, 配合, 时限. */
export function taskLine(t: ReturnType<typeof taskOut>): string {
  const parts = [
    `牵头：${t.leadUnits.join('、') || '未写明'}`,
    t.supportUnits.length ? `配合：${t.supportUnits.join('、')}` : '',
    t.implementingUnits.length ? `落实：${t.implementingUnits.join('、')}` : '',
    t.deadline ? `时限：${t.deadline.text}${t.deadline.date ? `（${t.deadline.date}）` : ''}` : t.startYear ? `开工年度：${t.startYear}` : '时限：未写明',
  ];
  return `${t.task}——${parts.filter(Boolean).join('；')}`;
}
