// Larger corpora for benchmarks: the bundled issue repeated, each copy with its own 文号 (and, for
// copies after the first, dates shifted by whole years) so every notice stays distinct.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function repeatedCorpus(seedFile: string, copies: number): string {
  const seed = readFileSync(seedFile, 'utf8');
  const dir = mkdtempSync(join(tmpdir(), `gazette-x${copies}-`));
  for (let k = 0; k < copies; k++) {
    const text = seed
      .replace(/〔(\d{4})〕(\s*)(\d+)(\s*)号/g, (_m, year: string, s1: string, n: string, s2: string) => `〔${year}〕${s1}${Number(n) + 1000 * k}${s2}号`)
      .replace(/(\d{4})(\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)/g, (_m, year: string, rest: string) => `${Number(year) + k}${rest}`);
    writeFileSync(join(dir, `issue-${String(k + 1).padStart(3, '0')}.txt`), text);
  }
  return dir;
}
