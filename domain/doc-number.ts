// 文号, the number every notice carries: 卫政办发〔2019〕43号. One grammar for reading it in any
// bracket style, spacing or width, for finding it in running text, and for writing it normalized.
import { foldCharacters } from './text.js';

const OPEN = '[〔\\[［(（【]';
const CLOSE = '[〕\\]］)）】]';
/** The part after the issuer's prefix: 〔2019〕43号, 〔2019〕第43号. */
const SERIAL = `${OPEN}\\s*(\\d{4})\\s*${CLOSE}\\s*第?\\s*(\\d{1,4})\\s*号`;

const WHOLE = new RegExp(`^([\\u4e00-\\u9fff]{2,10})${SERIAL}$`);
const SERIAL_IN_TEXT = new RegExp(SERIAL, 'g');
// 卫党干字〔2019〕111、117、120号: one prefix and year for several numbers.
const SERIES = new RegExp(`([\\u4e00-\\u9fff]{2,8})\\s*${OPEN}\\s*(\\d{4})\\s*${CLOSE}\\s*((?:\\d{1,4}\\s*[、，,]\\s*)*\\d{1,4})\\s*号`, 'g');
// Words that stand before a 文号 in a sentence but are not part of its prefix.
const LEAD_IN = /^.*(?:根据|按照|依据|依照|参照|详见|见|即|和|及|与|或|以及|印发|转发|的|是|为|在|对|将|按)/;

export function formatDocNumber(prefix: string, year: number | string, n: number | string): string {
  return `${prefix}〔${year}〕${Number(n)}号`;
}

/**
 * A 文号 written with any bracket style, spaces or full-width digits, normalized to
 * `卫政办发〔2019〕43号`; null when the whole text is not a 文号.
 */
export function normalizeDocNumber(s: string): string | null {
  const m = WHOLE.exec(foldCharacters(s).replace(/\s+/g, ''));
  return m ? formatDocNumber(m[1], m[2], m[3]) : null;
}

/** The issuer-free part of a 文号, `〔2019〕43号`: one search term for every spelling. */
export function docNumberSerials(text: string): string[] {
  return [...foldCharacters(text).matchAll(SERIAL_IN_TEXT)].map((m) => `〔${m[1]}〕${Number(m[2])}号`);
}

/** Replaces every 文号 serial in a text (for stripping them before other grammars look at it). */
export function withoutDocSerials(text: string, by = ' '): string {
  return foldCharacters(text).replace(SERIAL_IN_TEXT, by);
}

export interface DocNumberMention {
  /** Normalized 文号. */
  docNumber: string;
  /** Where it is written in the text, and how long, in the text's own characters. */
  index: number;
  length: number;
}

/**
 * Every 文号 in running text, with where it stands. The prefix is the run of Chinese before the
 * brackets, less the words a sentence puts before a 文号 (根据, 和, 、…); where `known` prefixes are
 * given, the longest one that ends the run wins. A series (〔2019〕111、117、120号) gives one each.
 */
export function findDocNumbers(text: string, known: ReadonlySet<string> = new Set()): DocNumberMention[] {
  const folded = foldCharacters(text);
  const out: DocNumberMention[] = [];
  SERIES.lastIndex = 0;
  for (let m = SERIES.exec(folded); m; m = SERIES.exec(folded)) {
    const run = m[1];
    let prefix = '';
    for (let len = Math.min(run.length, 8); len >= 2 && !prefix; len--) if (known.has(run.slice(-len))) prefix = run.slice(-len);
    if (!prefix) prefix = run.replace(LEAD_IN, '').slice(-6);
    if (prefix.length < 2) continue;
    const start = m.index + (run.length - prefix.length);
    const numbers = m[3].split(/\s*[、，,]\s*/);
    for (const n of numbers) out.push({ docNumber: formatDocNumber(prefix, m[2], n), index: start, length: m.index + m[0].length - start });
  }
  return out;
}

/**
 * Running text with every 文号's year in 〔〕, however it was printed (卫政办发[2017]19号,
 * 卫政办发（2017〕19号 when a line break split two extractions' habits): one spelling to quote.
 */
export function normalizeDocNumbersIn(text: string): string {
  return text.replace(/(?<=[\u4e00-\u9fff]\s*)[［[（(【〔]\s*(\d{4})\s*[］\]）)】〕](?=\s*第?\s*\d{1,4}\s*号)/g, '〔$1〕');
}
