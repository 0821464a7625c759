// Validity a text states for itself: 自…起施行/试行/实施, 有效期至…, 有效期N年, 自印发之日起施行.
import { normalizeDocNumber } from './doc-number.js';
import { isoDate, matchKey, parseNumber } from './text.js';

export interface StatedValidity {
  validFrom: string | null;
  validUntil: string | null;
}

const DAY = '(\\d{4})年(\\d{1,2})月(\\d{1,2})日';
const FROM = new RegExp(`自${DAY}起(?:施行|试行|实施|执行|生效)`);
const UNTIL = new RegExp(`有效期至${DAY}`);
const YEARS = /有效期(?:为)?([一二两三四五六七八九十\d]+)年/;
const FROM_ISSUE = /自(?:印发|发布|公布)之日起(?:施行|试行|实施|执行|生效)/;

/** Reads the validity a text states; `issued` is its notice's date, for 自印发之日起施行. */
export function statedValidity(text: string, issued: string | null): StatedValidity {
  const t = matchKey(text);
  const day = (m: RegExpExecArray | null) => (m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null);
  const validFrom = day(FROM.exec(t)) ?? (FROM_ISSUE.test(t) ? issued : null);
  let validUntil = day(UNTIL.exec(t));
  const years = YEARS.exec(t);
  if (!validUntil && years && validFrom) {
    // N years from the first day: the period ends the day before the same date N years on.
    const d = new Date(`${validFrom}T00:00:00Z`);
    d.setUTCFullYear(d.getUTCFullYear() + parseNumber(years[1]));
    d.setUTCDate(d.getUTCDate() - 1);
    validUntil = d.toISOString().slice(0, 10);
  }
  return { validFrom, validUntil };
}

export interface Repeal {
  title: string;
  docNumber: string | null;
}

/** Texts a text says it replaces: 原《…》（卫政办发〔2017〕19号）同时废止. */
export function statedRepeals(text: string): Repeal[] {
  const t = matchKey(text);
  return [...t.matchAll(/原?《([^》]+)》(?:[（(]([^）)]*号)[）)])?(?:同时)?(?:废止|停止执行)/g)].map((m) => ({
    title: m[1],
    docNumber: m[2] ? normalizeDocNumber(m[2]) : null,
  }));
}

export interface InForce {
  inForce: boolean;
  /** How inForce was decided, in Chinese. */
  basis: string;
}

/** Whether a text is in force on a day, from its stated period, else from its notice date onwards. */
export function inForceOn(asOf: string, validFrom: string | null, validUntil: string | null, issued: string | null): InForce {
  if (validFrom || validUntil) {
    const started = !validFrom || asOf >= validFrom;
    const ended = !!validUntil && asOf > validUntil;
    const period = `有效期${validFrom ? `自${validFrom}` : ''}${validUntil ? `至${validUntil}` : '（未写终止日期）'}`;
    if (!started) return { inForce: false, basis: `${asOf}尚未施行：${period}` };
    if (ended) return { inForce: false, basis: `${asOf}已失效：${period}，有效期届满自动失效` };
    return { inForce: true, basis: `${asOf}在有效期内：${period}` };
  }
  if (issued && asOf < issued) return { inForce: false, basis: `${asOf}早于印发日期${issued}；文本未写明施行日期和有效期` };
  return { inForce: true, basis: `文本未写明施行日期和有效期，按印发日期${issued ?? '（未知）'}起执行、未写终止日期计` };
}
