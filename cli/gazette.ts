#!/usr/bin/env node
// gazette: the same tools on the command line, for clerks without an MCP client.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir, databasePath } from '../corpus/paths.js';
import { ensureDatabase, formatReport, ingestCorpus, ingestMode, listCorpus, type Progress } from '../ingest/ingest.js';
import { recoverInterruptedUpdate, storeProblem } from '../store/health.js';
import { TokenStore } from '../server/tokens.js';
import { SqliteGazette } from '../store/sqlite-gazette.js';
import { MAX_DRAFT_CHARS } from '../tools/check-draft.js';
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
  gazette doc <文号或标题词>             [--text]
  gazette verify <引文>                  [--doc 文号]
  gazette explain <文号或标题词>         [--as-of YYYY-MM-DD]   政策解读提纲 / an explainer's outline
  gazette check <稿件文件 FILE | ->      [--doc 文号]           核对解读稿；发现问题时退出码为 1 / exit 1 on any problem
  gazette ingest [目录 DIR | 文件.pdf]    [--db 数据库文件] [--full]   只读入新增或改动的期号；文件先放入语料目录；--full 全部重建 / adds what changed (a file joins the corpus folder first); --full rebuilds
  gazette tokens add <名称 NAME> | list | revoke <名称 NAME>   [--tokens 令牌文件]

  --json   输出结构化 JSON / print the structured result as JSON
  语料目录和数据库：GAZETTE_CORPUS_DIR、GAZETTE_DB（默认 seeds/ 与 data/gazette.db）。`;

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

/** A progress bar on stderr for corpora of more than a few issues. */
function progressBar(): Progress {
  return (done, total, file) => {
    if (total < 5) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    const line = `ingest [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${file}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line.slice(0, (process.stderr.columns ?? 100) - 1)}${done === total ? '\n' : ''}`);
    else if (done === total || done % Math.max(1, Math.floor(total / 10)) === 0) process.stderr.write(`${line}\n`);
  };
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
  let parsed;
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
    recoverInterruptedUpdate(db);
    const mode = values.full || !existsSync(db) ? 'build' : ingestMode(db, storeProblem(db), warnings);
    for (const w of warnings) process.stderr.write(`${w}\n`);
    const summary = ingestCorpus(dir, db, listCorpus(dir), progressBar(), mode);
    process.stdout.write(values.json ? `${JSON.stringify({ ...summary, issues: summary.issues.map(({ report: _r, ...i }) => i) }, null, 2)}\n` : `${formatReport(summary)}\n`);
    // Skipped files and unplaced facts both make a clean ingest fail: someone must read the report.
    return summary.failures.length || !summary.written || summary.issues.some((i) => i.unplaced > 0) ? 1 : 0;
  }

  const build = COMMANDS[command];
  if (!build && command !== 'check') {
    process.stderr.write(`未知命令 unknown command: ${command}\n\n${USAGE}\n`);
    return 2;
  }
  if (command === 'cite' && words.length < 2) {
    process.stderr.write(`cite 需要文号或标题词和条款，如：gazette cite 国有资产出租 第四条\ncite needs a document and a clause\n`);
    return 2;
  }
  const dbPath = databasePath();
  for (const warning of ensureDatabase(corpusDir(), dbPath, progressBar()).warnings) process.stderr.write(`${warning}\n`);
  const gazette = new SqliteGazette(dbPath);
  try {
    const ctx = {
      gazette,
      logError: (tool: string, err: unknown) => process.stderr.write(`${tool}: ${(err as Error).stack ?? String(err)}\n`),
      today: () => new Date().toISOString().slice(0, 10),
    };
    const run: ToolRun = (name, args) => runTool(ctx, findTool(name)!, Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)));
    if (command === 'check') return checkCommand(words[0], values, run);
    const [name, args] = build(words, values);
    const result = run(name, args);
    const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
    if (result.isError) {
      process.stderr.write(`${text}\n`);
      return 1;
    }
    process.stdout.write(values.json ? `${JSON.stringify(result.structuredContent, null, 2)}\n` : `${text}\n`);
    return 0;
  } finally {
    gazette.close();
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`gazette: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
