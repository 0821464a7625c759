// Larger corpora for benchmarks: the bundled issue repeated, copy k with every 文号 and date moved
// k years on, so each notice keeps a distinct, well-formed 文号 (卫政办发〔2020〕43号 …).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function repeatedCorpus(seedFile: string, copies: number): string {
  const seed = readFileSync(seedFile, 'utf8');
  const dir = mkdtempSync(join(tmpdir(), `gazette-x${copies}-`));
  for (let k = 0; k < copies; k++) {
    const text = seed
      .replace(/〔(\d{4})〕/g, (_m, year: string) => `〔${Number(year) + k}〕`)
      .replace(/(\d{4})(\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)/g, (_m, year: string, rest: string) => `${Number(year) + k}${rest}`);
    writeFileSync(join(dir, `issue-${String(k + 1).padStart(3, '0')}.txt`), text);
  }
  return dir;
}
