// Appointments and removals (任免) in a notice's own words, with the probation periods it sets:
//   X同志任Y；  X同志任Y，免去Z职务；  免去X同志Y职务；
//   …田力、于涛 2 名同志任职试用期为一年，试用期从本通知下发之日起计算。
import { findDocNumbers } from '../../domain/doc-number.js';
import { parseNumber } from '../../domain/text.js';
import type { NoticeTexts } from '../outline.js';

export interface Probation {
  /** As written: 任职试用期, 调任试用期. */
  kind: string;
  /** As written: 一年, 六个月. */
  length: string;
  start: string;
  /** The day before the same date one period later. */
  end: string;
  /** The sentence that sets it. */
  quote: string;
}

export interface Appointment {
  person: string;
  action: 'appoint' | 'remove';
  position: string;
  probation: Probation | null;
  /** The Party committee documents the decision rests on (根据卫党干字〔2019〕107号文件精神). */
  basis: string[];
  locator: string;
  page: number | null;
  quote: string;
}

export interface AppointmentProblem {
  page: number | null;
  message: string;
}

const NAME = '[\\u4e00-\\u9fff]{2,4}';
const APPOINT = new RegExp(`^(?:免去)?(${NAME})同志任(.+)$`);
const REMOVE = new RegExp(`^免去(${NAME})同志(.+?)职务$`);
const ALSO_REMOVE = /^免去(.+?)职务$/;

/** 一年 → 12 months, 六个月 → 6, 半年 → 6, 两年 → 24; null when it is no period. */
function months(length: string): number | null {
  const m = /^([一二两三四五六七八九十\d]+)(个月|年)$/.exec(length);
  if (length === '半年') return 6;
  if (!m) return null;
  const n = parseNumber(m[1]);
  return m[2] === '年' ? n * 12 : n;
}

/** The day before the same date `n` months after `start` (2019-09-05 + 一年 → 2020-09-04). */
export function periodEnd(start: string, n: number): string {
  const [y, m, d] = start.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + n, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  target.setUTCDate(target.getUTCDate() - 1);
  return target.toISOString().slice(0, 10);
}

/** The documents a decision rests on: 根据卫党干字〔2019〕111、117、120号文件精神 → three 文号. */
function basisOf(text: string): string[] {
  const m = /根据(.+?)文件精神/.exec(text);
  if (!m) return [];
  const cited = findDocNumbers(m[1]).map((d) => d.docNumber);
  return cited.length ? cited : [m[1]];
}

/** Every appointment and removal a notice states, and what could not be read. */
export function extractAppointments(notice: NoticeTexts): { appointments: Appointment[]; problems: AppointmentProblem[] } {
  const out: Appointment[] = [];
  const problems: AppointmentProblem[] = [];
  const paragraphs = notice.body.paragraphs;
  const whole = paragraphs.map((p) => p.text).join('');
  if (!/同志任|免去.{2,4}同志/.test(whole)) return { appointments: out, problems };
  const basis = basisOf(whole);

  for (const p of paragraphs) {
    for (const clause of p.text.split(/(?<=[；。])/)) {
      const c = clause.replace(/[；。]$/, '').trim();
      if (/试用期/.test(c) || /决定[：:]?$/.test(c)) continue;
      const base = { basis, locator: p.locator || '正文', page: p.pageFrom, quote: clause.trim(), probation: null };
      let m: RegExpExecArray | null;
      if ((m = REMOVE.exec(c))) {
        out.push({ ...base, person: m[1], action: 'remove', position: m[2] });
      } else if ((m = APPOINT.exec(c))) {
        const [post, ...rest] = m[2].split(/[，,]/);
        out.push({ ...base, person: m[1], action: 'appoint', position: post });
        for (const r of rest) {
          const also = ALSO_REMOVE.exec(r.trim());
          if (also) out.push({ ...base, person: m[1], action: 'remove', position: also[1] });
          else problems.push({ page: p.pageFrom, message: `${notice.docNumber}: not read as an appointment or removal: ${r}` });
        }
      }
    }
  }

  // Probation: which named persons, which kind, how long; 试用期从本通知下发之日起计算.
  for (const p of paragraphs) {
    if (!/试用期/.test(p.text)) continue;
    const fromNotice = /试用期从本通知下发之日起计算/.test(p.text);
    for (const m of p.text.matchAll(/((?:[\u4e00-\u9fff]{2,4}、)*[\u4e00-\u9fff]{2,4})\s*(?:(\d+|[一二两三四五六七八九十]+)\s*名)?同志(任职|调任)试用期为([一二两三四五六七八九十\d]+(?:个月|年)|半年)/g)) {
      const names = m[1].split('、');
      const counted = m[2] ? parseNumber(m[2]) : null;
      const kind = `${m[3]}试用期`;
      if (counted !== null && counted !== names.length) {
        problems.push({ page: p.pageFrom, message: `${notice.docNumber}: ${m[0]} names ${names.length} persons but says ${counted}; probation not assigned` });
        continue;
      }
      const n = months(m[4]);
      if (!fromNotice || !notice.date || n === null) {
        problems.push({ page: p.pageFrom, message: `${notice.docNumber}: ${m[0]}: start or length of the probation not stated in a form read here` });
        continue;
      }
      const probation: Probation = { kind, length: m[4], start: notice.date, end: periodEnd(notice.date, n), quote: p.text };
      for (const name of names) {
        const target = out.find((a) => a.person === name && a.action === 'appoint');
        if (target) target.probation = probation;
        else problems.push({ page: p.pageFrom, message: `${notice.docNumber}: ${name} has a probation but no appointment in this notice` });
      }
    }
  }
  return { appointments: out, problems };
}
