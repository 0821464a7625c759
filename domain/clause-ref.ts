// Clause references as people write them → the locators the outline uses. One grammar for
// cite_clause, the draft checker and the CLI.
//   第四条 / 第4条 / 4 / 四 → 第四条;  第五条（三） / 第5条第3项 → 第五条（三）;  第七章
//   二、（一）1. / 二(一)1 / 二（一） / 二 → the same locators of a 方案 or 安排
import { InputError } from './errors.js';
import { markerLabel } from './markers.js';
import { foldCharacters, parseNumber } from './text.js';

const CN = '[一二三四五六七八九十百零〇两]+';
const NUM = `(?:${CN}|\\d+)`;

/** The largest article or section number a clause reference may name. */
export const MAX_CLAUSE_NUMBER = 999;

/** A clause number as printed or typed, within 1–999. */
function clauseNumber(text: string): number {
  const n = parseNumber(text);
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_CLAUSE_NUMBER) {
    throw new InputError('clause', `条款号应在 1 到 ${MAX_CLAUSE_NUMBER} 之间`, `clause numbers run from 1 to ${MAX_CLAUSE_NUMBER}`, '第四条');
  }
  return n;
}

/**
 * The locators a clause reference may mean, most likely first: for a text numbered by 条,
 * a bare number is an article; otherwise it is a section (一、) or a point (1.). Null when the
 * reference is not a clause number at all.
 */
export function clauseLocators(ref: string, byArticles: boolean): string[] | null {
  const t = foldCharacters(ref).replace(/\s+/g, '').replace(/[(]/g, '（').replace(/[)]/g, '）');
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^第(${NUM})章$`).exec(t))) return [markerLabel('chapter', clauseNumber(m[1]))];
  if ((m = new RegExp(`^第?(${NUM})条(?:第?（?(${NUM})）?项)?$`).exec(t)) || (byArticles && (m = new RegExp(`^(${NUM})(?:（(${NUM})）)?$`).exec(t)))) {
    const article = markerLabel('article', clauseNumber(m[1]));
    return [m[2] ? `${article}${markerLabel('item', clauseNumber(m[2]))}` : article];
  }
  if ((m = new RegExp(`^第(${NUM})条（(${NUM})）$`).exec(t)))
    return [`${markerLabel('article', clauseNumber(m[1]))}${markerLabel('item', clauseNumber(m[2]))}`];
  // A 方案 path: 二、（一）1.（2） with 、 and . optional.
  const path = new RegExp(`^(?:(${CN})、?)?(?:（(${CN})）)?(?:(\\d+)[.．、]?)?(?:（(\\d+)）)?$`).exec(t);
  if (path?.[0]) {
    const [, section, item, point, sub] = path;
    const parts = [
      section ? markerLabel('section', clauseNumber(section)) : '',
      item ? markerLabel('item', clauseNumber(item)) : '',
      point ? markerLabel('point', clauseNumber(point)) : '',
      sub ? markerLabel('subpoint', clauseNumber(sub)) : '',
    ];
    if (parts.every((p) => !p)) return null;
    const locator = parts.join('');
    // A bare 4 in a 方案 may be section 四、 or point 4.; both are tried, section first.
    if (!section && !item && !sub && point) return [locator, markerLabel('section', clauseNumber(point))];
    return [locator];
  }
  return null;
}

/** Locators of a text closest to one that was not found: same kind of marker, nearest number. */
export function nearestLocators(wanted: string, available: string[], max = 3): string[] {
  const num = (l: string) => {
    const m = /([一二三四五六七八九十百零〇两]+|\d+)[条章、.）]?[^一二三四五六七八九十百零〇两\d]*$/.exec(l);
    return m ? parseNumber(m[1]) : Number.NaN;
  };
  const shape = (l: string) => l.replace(/[一二三四五六七八九十百零〇两\d]+/g, 'N');
  const w = num(wanted);
  return available
    .filter((l) => shape(l) === shape(wanted))
    .sort((a, b) => Math.abs(num(a) - w) - Math.abs(num(b) - w))
    .slice(0, max);
}
