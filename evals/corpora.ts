// Larger corpora for benchmarks and tests: the bundled issue repeated. Copy k moves every 文号 and
// date `k % YEARS` years on and, past that many copies, every 文号's serial by SERIAL_STEP per
// round, so each notice keeps a distinct, well-formed 文号 (卫政办发〔2020〕43号, 卫政办发〔2019〕243号 …)
// within four digits, and every date stays within the calendar the deadline engine knows.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Years a copy may move its dates: 2019 + 80 stays within 2100. */
const YEARS = 80;
/** Serials move by this much a round: above every serial the issue prints (the largest is 176). */
const SERIAL_STEP = 200;

/** The k-th copy of an issue's text (k = 0 is the issue itself). */
export function issueCopy(seed: string, k: number): string {
  const years = k % YEARS;
  const round = Math.floor(k / YEARS);
  return seed
    .replace(/〔(\d{4})〕(?:(\s*第?\s*)(\d{1,4})(\s*号))?/g, (_m, year: string, sep?: string, n?: string, end?: string) =>
      n === undefined ? `〔${Number(year) + years}〕` : `〔${Number(year) + years}〕${sep}${Number(n) + SERIAL_STEP * round}${end}`,
    )
    .replace(/(\d{4})(\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)/g, (_m, year: string, rest: string) => `${Number(year) + years}${rest}`);
}

export function repeatedCorpus(seedFile: string, copies: number, dir = mkdtempSync(join(tmpdir(), `gazette-x${copies}-`))): string {
  const seed = readFileSync(seedFile, 'utf8');
  for (let k = 0; k < copies; k++) writeFileSync(join(dir, `issue-${String(k + 1).padStart(4, '0')}.txt`), issueCopy(seed, k));
  return dir;
}
