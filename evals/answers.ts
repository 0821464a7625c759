// What the model reads holds the answer: for every question with an answer phrase (the shortest
// verbatim words that answer it: evals/answers/*.answers.jsonl for the search and lead sets,
// evals/user/table-questions.jsonl for tables, evals/user/questions-4.jsonl to questions-7.jsonl for both), whether the phrase stands in the default TEXT
// answer, the part many clients pass on alone, and how large that answer is.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../corpus/paths.js';
import { matchKey } from '../domain/text.js';
import { splitOf } from './harness.js';

interface AnswerCase {
  question: string;
  answerPhrase: string;
  /** tune / held-out, where the set is split. */
  split: string;
}

export interface AnswerRow {
  set: string;
  split: string;
  cases: number;
  /** Questions whose answer phrase stands in the default text answer. */
  inText: number;
  medianBytes: number;
  maxBytes: number;
  missed: string[];
}

/** Each set: where its questions and phrases are, and the tool a person's question goes to. */
const SETS: { name: string; tool: string; arg: string; cases: () => AnswerCase[] }[] = [
  ...['search', 'paraphrase', 'paraphrase-2', 'paraphrase-3'].map((name) => ({ name, tool: 'search_gazette', arg: 'query', cases: () => phrases(name) })),
  ...['lead', 'lead-colloquial'].map((name) => ({ name, tool: 'find_lead_unit', arg: 'task', cases: () => phrases(name) })),
  {
    name: 'user/table-questions',
    tool: 'search_gazette',
    arg: 'query',
    cases: () => lines(join('evals', 'user', 'table-questions.jsonl')).map((c) => ({ question: c.question, answerPhrase: c.answerPhrase, split: c.half })),
  },
  // Written by someone who had not read the code: prose and table questions, counted apart.
  ...['questions-4', 'questions-5', 'questions-6', 'questions-7'].flatMap((file) =>
    ['prose', 'table'].map((kind) => ({
      name: `user/${file} ${kind}`,
      tool: 'search_gazette',
      arg: 'query',
      cases: () =>
        lines(join('evals', 'user', `${file}.jsonl`))
          .filter((c) => c.kind === kind)
          .map((c) => ({ question: c.question, answerPhrase: c.answerPhrase, split: splitOf(c) })),
    })),
  ),
];

function lines(path: string): Record<string, string>[] {
  const file = join(projectRoot(), path);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, string>);
}

/** A question set with its answer phrases, the split taken from the set itself. */
function phrases(name: string): AnswerCase[] {
  const questions = lines(join('evals', `${name}.jsonl`));
  return lines(join('evals', 'answers', `${name}.answers.jsonl`)).map((a) => {
    const q = questions[Number(a.line) - 1];
    return { question: a.question, answerPhrase: a.answerPhrase, split: q?.split ?? 'all' };
  });
}

export async function answerRows(client: Client): Promise<AnswerRow[]> {
  const rows: AnswerRow[] = [];
  for (const set of SETS) {
    const bySplit = new Map<string, { sizes: number[]; inText: number; missed: string[] }>();
    for (const c of set.cases()) {
      const r = await client.callTool({ name: set.tool, arguments: { [set.arg]: c.question } });
      const text = (r.content as { type: string; text?: string }[]).map((x) => (x.type === 'text' ? (x.text ?? '') : '')).join('\n');
      const row = bySplit.get(c.split) ?? { sizes: [], inText: 0, missed: [] };
      row.sizes.push(Buffer.byteLength(text));
      if (matchKey(text).includes(matchKey(c.answerPhrase))) row.inText++;
      // The held-out half is counted, never shown: what is tuned must not see its cases.
      else if (!/^held-?out$/.test(c.split)) row.missed.push(`${c.question} → ${c.answerPhrase}`);
      bySplit.set(c.split, row);
    }
    for (const [split, r] of bySplit) {
      const sorted = [...r.sizes].sort((a, b) => a - b);
      rows.push({
        set: set.name,
        split,
        cases: r.sizes.length,
        inText: r.inText,
        medianBytes: sorted[Math.floor(sorted.length / 2)],
        maxBytes: sorted[sorted.length - 1],
        missed: r.missed,
      });
    }
  }
  return rows;
}

export function formatAnswerRows(rows: AnswerRow[]): string {
  return [
    '| set | split | questions | answer in the text answer | median bytes | max bytes |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.set} | ${r.split} | ${r.cases} | ${r.inText} (${((100 * r.inText) / r.cases).toFixed(1)}%) | ${r.medianBytes} | ${r.maxBytes} |`),
  ].join('\n');
}
