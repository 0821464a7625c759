// Appointments and removals (任免) in a notice's own words, with the probation periods it sets:
//   X同志任Y；  X同志任Y，免去Z职务；  免去X同志Y职务；
//   …田力、于涛 2 名同志任职试用期为一年，试用期从本通知下发之日起计算。
import { findDocNumbers } from '../../domain/doc-number.js';
import { parseNumber } from '../../domain/text.js';
import type { AuditCount, Unplaced } from '../audit.js';
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

export interface AppointmentExtraction {
  appointments: Appointment[];
  /** 任/免/试用期 clauses not read into a record, and records that do not add up. */
  unplaced: Unplaced[];
  /** Clauses that name a person (X同志), a removal or a probation, and how many were read. */
  count: AuditCount;
}

const PROBATION =
  /((?:[\u4e00-\u9fff]{2,4}、)*[\u4e00-\u9fff]{2,4})\s*(?:(\d+|[一二两三四五六七八九十]+)\s*名)?同志(任职|调任)试用期为([一二两三四五六七八九十\d]+(?:个月|年)|半年)/g;

/** Every appointment and removal a notice states, with probation periods, and what could not be read. */
export function extractAppointments(notice: NoticeTexts): AppointmentExtraction {
  const result: AppointmentExtraction = { appointments: [], unplaced: [], count: { found: 0, placed: 0 } };
  const out = result.appointments;
  const paragraphs = notice.body.paragraphs;
  const whole = paragraphs.map((p) => p.text).join('');
  // A 任免 notice says so in its title, or names appointments in its words.
  if (!/任免|任职|免职|职务|任命/.test(notice.title) && !/同志任|免去.{2,4}同志/.test(whole)) return result;
  const basis = basisOf(whole);
  const unplaced = (p: { lineFrom: number; pageFrom: number | null }, message: string) =>
    result.unplaced.push({ kind: 'appointment', lineNo: p.lineFrom, page: p.pageFrom, message: `${notice.docNumber}: ${message}` });

  // Probation is read after the records it attaches to.
  const probations: { p: (typeof paragraphs)[number]; clause: string }[] = [];
  for (const p of paragraphs) {
    // A lead-in (…市人民政府决定：) may share its paragraph with the first decision where a re-wrap joined them.
    for (const clause of p.text.split(/(?<=[；。：])/)) {
      const c = clause.replace(/[；。：]$/, '').trim();
      if (!/同志|免去|任命|试用期/.test(c)) continue;
      result.count.found++;
      if (/试用期/.test(c)) {
        probations.push({ p, clause: c });
        continue;
      }
      const base = { basis, locator: p.locator || '正文', page: p.pageFrom, quote: clause.trim(), probation: null };
      let m: RegExpExecArray | null;
      if ((m = REMOVE.exec(c))) {
        out.push({ ...base, person: m[1], action: 'remove', position: m[2] });
        result.count.placed++;
      } else if ((m = APPOINT.exec(c))) {
        const [post, ...rest] = m[2].split(/[，,]/);
        out.push({ ...base, person: m[1], action: 'appoint', position: post });
        const unread = rest.filter((r) => {
          const also = ALSO_REMOVE.exec(r.trim());
          if (also) out.push({ ...base, person: m![1], action: 'remove', position: also[1] });
          return !also;
        });
        if (unread.length) unplaced(p, `not read as an appointment or removal: ${unread.join('，')}`);
        else result.count.placed++;
      } else unplaced(p, `a clause naming a person or a removal, in no form read here: ${c.slice(0, 40)}`);
    }
  }

  // Probation: which named persons, which kind, how long; 试用期从本通知下发之日起计算.
  for (const { p, clause } of probations) {
    const fromNotice = /试用期从本通知下发之日起计算/.test(clause) || /试用期从本通知下发之日起计算/.test(p.text);
    let read = 0;
    let problems = 0;
    for (const m of clause.matchAll(PROBATION)) {
      read++;
      const names = m[1].split('、');
      const counted = m[2] ? parseNumber(m[2]) : null;
      const kind = `${m[3]}试用期`;
      if (counted !== null && counted !== names.length) {
        problems++;
        unplaced(p, `${m[0]} names ${names.length} persons but says ${counted}; probation not assigned`);
        continue;
      }
      const n = months(m[4]);
      if (!fromNotice || !notice.date || n === null) {
        problems++;
        unplaced(p, `${m[0]}: start or length of the probation not stated in a form read here`);
        continue;
      }
      const probation: Probation = { kind, length: m[4], start: notice.date, end: periodEnd(notice.date, n), quote: p.text };
      for (const name of names) {
        const target = out.find((a) => a.person === name && a.action === 'appoint');
        if (target) target.probation = probation;
        else {
          problems++;
          unplaced(p, `${name} has a probation but no appointment in this notice`);
        }
      }
    }
    // A clause that only restates when probation runs (试用期从…计算) names nobody and needs no record.
    if (!read && /同志/.test(clause)) unplaced(p, `a probation clause in no form read here: ${clause.slice(0, 40)}`);
    else if (!problems) result.count.placed++;
  }
  return result;
}
