// The drafter's mutation eval (npm run eval -- --drafter-mutations): claims generated from the
// bundled corpus itself, so that check_draft is measured on every checkable sentence rather than on
// the few hand-written drafts it was tuned on. Each source sentence is cited (or left uncited, its
// document given as scope) and either kept, lightly reworded (must verify) or given one planted
// error of a kind (must be flagged). Clauses are split into two halves by a hash of their place:
// tune on one, report both; only the tune half's misses are printed.
import { DraftChecker, sameUnit, type Finding } from '../domain/draft-check.js';
import { sentencesOf } from '../domain/explainer.js';
import { findDates, findMeasures, MEASURE_UNITS } from '../domain/measures.js';
import { BODY_LOCATOR, type GazetteReader, type GazetteText, type Notice } from '../domain/reader.js';
import { matchKey, toChineseNumber } from '../domain/text.js';

export interface Mutant {
  kind: string;
  half: 'tune' | 'heldout';
  /** A planted error (must be flagged) or a correct claim (must not be). */
  error: boolean;
  draft: string;
  scope: string;
  /** Where the error is in the draft; a finding not verified that overlaps it catches it. */
  span: [number, number];
}

/** A rewrite of one sentence: the new sentence and where in it the change lies. */
interface Edit {
  kind: string;
  error: boolean;
  text: string;
  at: [number, number];
}

/** Up to this many cases per kind and half, chosen by hash: bounded time on a bigger corpus. */
const PER_KIND = 60;

function hash(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.codePointAt(0)!, 16777619);
  return h >>> 0;
}

/** Replace the first match of `re` (non-global) in `s` by `by(match)`; the edit, or null. */
function edit(kind: string, error: boolean, s: string, re: RegExp, by: (m: RegExpExecArray) => string | null): Edit | null {
  const m = re.exec(s);
  if (!m) return null;
  const to = by(m);
  if (to === null || to === m[0]) return null;
  return { kind, error, text: s.slice(0, m.index) + to + s.slice(m.index + m[0].length), at: [m.index, m.index + to.length] };
}

const UNIT_SWAPS: Record<string, string> = {
  个工作日: '日',
  工作日: '日',
  日: '个工作日',
  天: '个工作日',
  万元: '元',
  亿元: '万元',
  元: '万元',
  '%': '个百分点',
  个百分点: '%',
  万亩: '万公顷',
  亩: '公顷',
  公顷: '亩',
  米: '厘米',
  公里: '米',
  万吨: '吨',
  吨: '万吨',
  人: '户',
  户: '人',
  个月: '年',
  年: '个月',
  周: '日',
  小时: '日',
};
const PERIODS = new Set(['workdays', 'days', 'weeks', 'months', 'years', 'hours']);
const FREQUENCY_SWAPS: [RegExp, string][] = [
  [/每季度末/, '每月末'],
  [/每月末/, '每季度末'],
  [/每半年/, '每年'],
  [/每季度/, '每年度'],
  [/每年度|每年/, '每季度'],
  [/每月/, '每季度'],
  [/每周/, '每月'],
  [/按季度/, '按月'],
  [/按月/, '按季度'],
];
const MODAL_SWAPS: [RegExp, string][] = [
  [/可以/, '不得'],
  [/不得/, '可以'],
  [/严禁|禁止/, '可以'],
  [/不予/, '可以'],
  [/应当/, '可以'],
  [/必须/, '可以'],
  [/一律(?![不禁严])/, '可以'],
  [/(?<!不)予以/, '不予'],
];
/** An act the source states or negates outright, given the other polarity as a draft may: 不领取 → 可领取, 参照 → 无需参照. */
const POLARITY_SWAPS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/(?<![得可予能要许准必应并无])不(?=领取|纳入|计入|收取|享受|列入|支付|报销|受)/, () => '可'],
  [/(?<=[，；。）]|^)(?:参照|按照|依照)(?=[\u4e00-\u9fa5]{2,})/, (m) => `无需${m[0]}`],
];
/** A rule as a rule (原则上) made one without exception (一律), and the other way. */
const EXCEPTION_SWAPS: [RegExp, string][] = [
  [/原则上/, '一律'],
  [/一律/, '原则上'],
];
const QUANTITY_SWAPS: [RegExp, string][] = [
  [/不少于/, '不超过'],
  [/不超过/, '不少于'],
  [/不低于/, '不高于'],
  [/不高于/, '不低于'],
  [/(?<=[\d一二两三四五六七八九十百千万][^，。；、]{0,4})以上/, '以下'],
  [/(?<=[\d一二两三四五六七八九十百千万][^，。；、]{0,4})以下/, '以上'],
  [/至少/, '最多'],
  [/最多/, '至少'],
  [/(?<=[\d一二两三四五六七八九十百千万][^，。；、]{0,4})以内/, '以上'],
  [/不足/, '超过'],
];
/** A deadline's period moved: the other half year, the next quarter, before made after. */
const PERIOD_SWAPS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/上半年/, () => '下半年'],
  [/下半年/, () => '上半年'],
  [/第([一二三])季度/, (m) => `第${{ 一: '二', 二: '三', 三: '四' }[m[1]]}季度`],
  // The date with it: a checker flags the date it reads as after, not before.
  [/\d{1,2}月(?:底|末|\d{1,2}日)?(?=(?:之|以)?前)(?:之|以)?前/, (m) => m[0].replace(/(?:之|以)?前$/, '后')],
];
/** A unit's name as the gazette prints it. */
const UNIT_NAME = '(?:市|县|区|自治区)[\\u4e00-\\u9fa5]{1,12}?(?:局|委员会|委|办公室|中心|公司|政府)';
/** The forms a draft gives a task's lead unit in, N the task, X the unit (设在X is met in the sentences that print it); X′ is X without its level. */
const ROLE_FORMS = ['N，由X牵头', 'N，X牵头', 'N，由X负责', 'N，X负责实施', 'N，由X安排', 'X牵头N', 'N，该项任务由X牵头', 'N（牵头单位：X）', 'N，由X′牵头'];
/** The forms a draft gives a task's roles swapped: its supporting unit S said to lead it. */
const SWAPPED_FORMS = ['N，由S牵头', 'N，S为牵头单位'];
/** The forms a draft gives a supporting unit in: L the lead, Y the supporting unit. */
const SUPPORT_FORMS = ['N，由L牵头，Y配合', 'L会同YN', 'N，L牵头，Y等参与'];
/** The forms a draft gives a task's deadline in: D the date as the task's note writes it, D′ without its year. */
const DEADLINE_FORMS = ['N，完成时限为D', 'N，须于D前完成', 'D前完成N', 'N，D′前完成', 'N，今年D′前完成'];

/** A deadline as a draft writes it, with and without its year. */
function deadlineWords(iso: string, kind: string): [string, string] {
  const [y, m, d] = iso.split('-').map(Number);
  if (kind === 'end_of_year') return [`${y}年底`, '年底'];
  if (kind === 'end_of_month') return [`${y}年${m}月底`, `${m}月底`];
  return [`${y}年${m}月${d}日`, `${m}月${d}日`];
}
/** A city unit written first in its clause, followed by what it is to do (市民政局要…, 市生态环境局每日…). */
const SUBJECT_IN_SOURCE = /(?<=^|[，；。])(市[\u4e00-\u9fa5]{1,12}?(?:局|委员会|委|办公室))(?=要|应当|每|负责|牵头|将|对|按照|定期|及时)/;
/** A unit in a role: after 由, 设在, a note's label (责任单位：X) or another unit of its list, or before 牵头, 负责. */
const ROLE_IN_SOURCE_G = new RegExp(`(?:由|设在|(?:牵头|责任|配合)单位[：:]|[、，](?=${UNIT_NAME}))(${UNIT_NAME})|(${UNIT_NAME})(?=牵头|负责)`, 'g');

/** Light rewordings that keep every claim: each must verify. */
function paraphrases(s: string): Edit[] {
  const out: (Edit | null)[] = [];
  const small = findMeasures(s).find(
    (m) => /^\d{1,2}(?!\d|\.)/.test(m.text) && !/\d{3,}|\./.test(m.text) && /[个日天月年周名人项次]/.test(m.text) && !/%/.test(m.text),
  );
  if (small) {
    const digits = /^\d+/.exec(small.text)![0];
    out.push({
      kind: 'paraphrase: numerals in words',
      error: false,
      text: s.slice(0, small.index) + toChineseNumber(Number(digits)) + s.slice(small.index + digits.length),
      at: [0, 0],
    });
  }
  out.push({ kind: 'paraphrase: lead-in', error: false, text: `文件明确，${s}`, at: [0, 0] });
  out.push(edit('paraphrase: 应当→应', false, s, /应当/, () => '应'));
  out.push(edit('paraphrase: 不得→严禁', false, s, /不得/, () => '严禁'));
  // The first clauses of a long sentence, as a draft cuts a rule short.
  const clauses = s.replace(/[。；]$/, '').split('，');
  if (clauses.length >= 3)
    out.push({ kind: 'paraphrase: cut short', error: false, text: `${clauses.slice(0, Math.ceil(clauses.length / 2)).join('，')}。`, at: [0, 0] });
  return out.filter((e): e is Edit => !!e);
}

/** One planted error of each kind the sentence allows. */
function plantedErrors(s: string, units: string[], obligations: string[], deadlines: string[], seed: number): Edit[] {
  const out: (Edit | null)[] = [];
  // A figure in a title or quotation is not the draft's claim.
  const closed = [...s.matchAll(/《[^》]*》|“[^”]*”/g)].map((m) => [m.index, m.index + m[0].length]);
  const open = (x: { index: number }) => !closed.some(([a, b]) => x.index >= a && x.index < b);
  const measures = findMeasures(s).filter(open);
  const unitOf = (t: string) =>
    MEASURE_UNITS.map((u) => u.unit)
      .sort((a, b) => b.length - a.length)
      .find((u) => t.endsWith(u));
  // Any figure of the sentence, not only its first.
  const swappables = measures.filter((m) => UNIT_SWAPS[unitOf(m.text) ?? '']);
  const swappable = swappables[seed % Math.max(1, swappables.length)];
  if (swappable) {
    const u = unitOf(swappable.text)!;
    const to = swappable.text.slice(0, -u.length) + UNIT_SWAPS[u];
    out.push({
      kind: 'number-unit',
      error: true,
      text: s.slice(0, swappable.index) + to + s.slice(swappable.index + swappable.text.length),
      at: [swappable.index, swappable.index + to.length],
    });
  }
  const number = measures.find((m) => /^\d/.test(m.text) && !PERIODS.has(m.measure));
  if (number) out.push(edit('number', true, s, new RegExp(`(?<=^[\\s\\S]{${number.index}})\\d+`), (m) => String(Number(m[0]) * 2 + 1)));
  const period = measures.find((m) => PERIODS.has(m.measure));
  if (period) {
    out.push(
      edit('duration', true, s, new RegExp(`(?<=^[\\s\\S]{${period.index}})(\\d+|[一二两三四五六七八九十百]+)`), (m) =>
        /\d/.test(m[0]) ? String(Number(m[0]) + 5) : m[0] === '一' ? '两' : m[0] === '两' ? '三' : '一',
      ),
    );
  }
  const full = findDates(s)
    .filter(open)
    .find((d) => d.year !== null && d.month !== null && d.day !== null && /^\d.*日$/.test(d.text));
  if (full) {
    const cn = (n: number) => toChineseNumber(n);
    const words = `${[...String(full.year)].map((c) => '〇一二三四五六七八九'[Number(c)]).join('')}年${cn(full.month!)}月${cn(full.day!)}日`;
    out.push({ kind: 'date-chinese-numerals', error: false, text: s.slice(0, full.index) + words + s.slice(full.index + full.text.length), at: [0, 0] });
    const moved = `${full.year}年${(full.month! % 12) + 1}月${full.day}日`;
    out.push({
      kind: 'date',
      error: true,
      text: s.slice(0, full.index) + moved + s.slice(full.index + full.text.length),
      at: [full.index, full.index + moved.length],
    });
  }
  out.push(
    edit('wrong-deadline', true, s, /(\d{1,2})(?=月(?:底|末|\d{1,2}日)?前)|(\d{4})(?=年(?:底|末)前)|(\d+)(?=(?:个工作日|日|天)内)/, (m) =>
      m[1] ? String((Number(m[1]) % 12) + 1) : m[2] ? String(Number(m[2]) + 1) : String(Number(m[3]) + 5),
    ),
  );
  // A deadline swapped for another deadline of the same document, the sentence reworded around it (须于…前完成).
  const due = /(\d{4}年\d{1,2}月(?:\d{1,2}日|底))(?:之|以)?前/.exec(s);
  const swap = due ? deadlines.filter((d) => d !== due[1])[seed % Math.max(1, deadlines.length)] : undefined;
  if (due && swap) {
    const clause = s.slice(due.index + due[0].length).split(/[，；。]/)[0];
    if (clause.length >= 4) {
      const [right, wrong] = [due[1], swap].map((d) => `文件要求，须于${d}前${clause}。`);
      out.push({ kind: 'deadline reworded', error: false, text: right, at: [0, 0] });
      out.push({ kind: 'wrong-deadline: swapped', error: true, text: wrong, at: [7, 7 + swap.length] });
    }
  }
  for (const [re, to] of PERIOD_SWAPS) {
    const e = edit('wrong-deadline: period', true, s, re, to);
    if (e) {
      out.push(e);
      break;
    }
  }
  for (const [re, to] of POLARITY_SWAPS) {
    const e = edit('permission-vs-prohibition: polarity', true, s, re, to);
    if (e) {
      out.push(e);
      break;
    }
  }
  for (const [re, to] of FREQUENCY_SWAPS) {
    const e = edit('frequency', true, s, re, () => to);
    if (e) {
      out.push(e);
      break;
    }
  }
  for (const [re, to] of MODAL_SWAPS) {
    const e = edit('permission-vs-prohibition', true, s, re, () => to);
    if (e) {
      out.push(e);
      break;
    }
  }
  for (const [re, to] of EXCEPTION_SWAPS) {
    const e = edit('exception', true, s, re, () => to);
    if (e) {
      out.push(e);
      break;
    }
  }
  out.push(...rewordedModals(s));
  out.push(edit('parity', true, s, /奇数|偶数|单数|双数/, (m) => ({ 奇数: '偶数', 偶数: '奇数', 单数: '双数', 双数: '单数' })[m[0]]!));
  for (const [re, to] of QUANTITY_SWAPS) {
    const e = edit('quantity-word', true, s, re, () => to);
    if (e) {
      out.push(e);
      break;
    }
  }
  // A unit written as its clause's subject (市民政局要…), written without its level: right, and another unit so written.
  const subject = SUBJECT_IN_SOURCE.exec(s);
  if (subject) {
    const other = units.filter((u) => !s.includes(u.replace(/^市/, '')) && !sameUnit(u, subject[1]) && !sameUnit(subject[1], u))[
      seed % Math.max(1, units.length)
    ];
    const at = subject.index;
    const bare = subject[1].replace(/^市/, '');
    out.push({ kind: 'paraphrase: subject without its level', error: false, text: s.slice(0, at) + bare + s.slice(at + subject[1].length), at: [0, 0] });
    if (other) {
      const wrong = other.replace(/^市/, '');
      out.push({
        kind: 'responsible-unit: subject without its level',
        error: true,
        text: s.slice(0, at) + wrong + s.slice(at + subject[1].length),
        at: [at, at + wrong.length],
      });
    }
  }
  const roles = [...s.matchAll(ROLE_IN_SOURCE_G)];
  const role = roles[seed % Math.max(1, roles.length)];
  if (role) {
    const unit = role[1] ?? role[2];
    const other = units.filter((u) => !s.includes(u) && !u.includes(unit) && !unit.includes(u))[seed % Math.max(1, units.length)];
    if (other) {
      const at = role.index + role[0].indexOf(unit);
      out.push({ kind: 'responsible-unit', error: true, text: s.slice(0, at) + other + s.slice(at + unit.length), at: [at, at + other.length] });
    }
  }
  const obligation = obligations[seed % Math.max(1, obligations.length)];
  if (obligation) {
    const body = s.replace(/[。；]$/, '');
    out.push({ kind: 'invented-obligation', error: true, text: `${body}，${obligation}。`, at: [body.length + 1, body.length + 1 + obligation.length] });
  }
  return out.filter((e): e is Edit => !!e);
}

/** Modals as a chat model restates them: the same rule in other words (must verify), and the opposite (must be flagged). */
const REWORDED_MODALS: { source: RegExp; right: string[]; wrong: string[] }[] = [
  { source: /不得|严禁|禁止|不予/, right: ['不允许', '禁止'], wrong: ['可以', '经批准后可以', '允许', '鼓励'] },
  { source: /应当|必须/, right: ['须', '必须'], wrong: ['可以不', '无需'] },
  { source: /(?<!不)可以/, right: ['允许'], wrong: ['不得', '禁止'] },
];

/** The clause of a sentence that holds a modal, reworded: its subject and act kept, the rest of the sentence left out. */
function rewordedModals(s: string): Edit[] {
  const out: Edit[] = [];
  for (const { source, right, wrong } of REWORDED_MODALS) {
    const m = source.exec(s);
    if (!m) continue;
    const start = Math.max(s.lastIndexOf('，', m.index), s.lastIndexOf('；', m.index), s.lastIndexOf('。', m.index)) + 1;
    const end = s.slice(m.index).search(/[，；。]|$/) + m.index;
    const [subject, act] = [s.slice(start, m.index).replace(/^(?:同时|并且|并|要|且)/, ''), s.slice(m.index + m[0].length, end)];
    if (act.length < 4 || /[“”《》【】（）]/.test(subject + act)) continue;
    const pick = (xs: string[]) => xs[hash(s) % xs.length];
    const lead = ['文件规定，', '按照规定，', ''][hash(act) % 3];
    const rightText = `${lead}${subject}${pick(right)}${act}。`;
    const wrongWord = pick(wrong);
    const wrongText = `${lead}${subject}${wrongWord}${act}。`;
    const at = lead.length + subject.length;
    out.push({ kind: 'reworded modal kept', error: false, text: rightText, at: [0, 0] });
    out.push({ kind: 'permission-vs-prohibition: reworded', error: true, text: wrongText, at: [at, at + wrongWord.length] });
    break;
  }
  return out;
}

interface SourceSentence {
  notice: Notice;
  text: GazetteText;
  locator: string;
  sentence: string;
}

/** An article's or item's own number (第八条, 21., （三）, a table row's 3): a draft cites it, it does not write it. */
const HEADING = /^(?:第[一二三四五六七八九十百]+条|\d+[.．、]|（[一二三四五六七八九十]+）|\d+(?=\s))\s*/;

function sourceSentences(gazette: GazetteReader): SourceSentence[] {
  return gazette
    .notices()
    .flatMap((notice) =>
      gazette
        .texts(notice)
        .flatMap((text) =>
          gazette
            .paragraphs(text)
            .flatMap((p) => sentencesOf(p).map((s) => ({ notice, text, locator: p.locator || BODY_LOCATOR, sentence: s.text.replace(HEADING, '') }))),
        ),
    );
}

/** Obligations (…应当…, …须…) a clause of each notice states, to append to another notice's sentence. */
function obligationsByNotice(sentences: SourceSentence[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const s of sentences) {
    for (const c of s.sentence.split(/[，；。：]/)) {
      if (c.length >= 8 && c.length <= 30 && /应当|必须|须/.test(c) && !/[“”《》（）【】]/.test(c)) out.set(s.notice.id, [...(out.get(s.notice.id) ?? []), c]);
    }
  }
  return out;
}

export function mutants(gazette: GazetteReader): Mutant[] {
  const sentences = sourceSentences(gazette);
  const units = gazette.units().filter((u) => new RegExp(`^${UNIT_NAME}$`).test(u));
  const obligations = obligationsByNotice(sentences);
  // Each notice's deadlines as its sentences write them (2019年5月24日前, 2019年6月底前).
  const deadlinesOf = new Map<number, string[]>();
  for (const x of sentences)
    for (const m of x.sentence.matchAll(/(\d{4}年\d{1,2}月(?:\d{1,2}日|底))(?:之|以)?前/g))
      deadlinesOf.set(x.notice.id, [...new Set([...(deadlinesOf.get(x.notice.id) ?? []), m[1]])]);
  const all: Mutant[] = [];
  const seen = new Set<string>();
  for (const src of sentences) {
    const { notice, text, locator, sentence } = src;
    if (seen.has(`${notice.id} ${sentence}`) || matchKey(sentence).length < 10) continue;
    seen.add(`${notice.id} ${sentence}`);
    const place = `${notice.docNumber} ${text.title} ${locator}`;
    const half = hash(place) % 2 === 0 ? 'tune' : 'heldout';
    const seed = hash(sentence);
    const foreign = [...obligations]
      .filter(([id]) => id !== notice.id)
      .flatMap(([, xs]) => xs)
      .filter((c) => !matchKey(gazette.documentText(notice.docNumber) ?? '').includes(matchKey(c)));
    // Cited as draft_explainer prints it, or (one sentence in three) uncited, with the document as scope.
    const cited = seed % 3 !== 0;
    const tag = `【${notice.docNumber} · ${locator}】`;
    const draftOf = (e: Edit, t = cited ? tag : ''): Mutant => ({
      kind: e.kind,
      half,
      error: e.error,
      draft: e.text + t,
      scope: notice.docNumber,
      span: e.error ? e.at : [0, e.text.length + t.length],
    });
    const edits = [
      { kind: 'unchanged', error: false, text: sentence, at: [0, 0] } as Edit,
      ...paraphrases(sentence),
      ...plantedErrors(sentence, units, foreign, deadlinesOf.get(notice.id) ?? [], seed),
    ];
    all.push(...edits.map((e) => draftOf(e)));
    // The same sentence cited to the neighbouring clause, where that clause does not say it.
    const outline = gazette.outline(text).map((o) => o.locator);
    const k = outline.indexOf(locator);
    const neighbour = k >= 0 ? (outline[k + 1] ?? outline[k - 1]) : undefined;
    const there = neighbour ? gazette.clause(text, neighbour) : null;
    if (there && !locator.startsWith(neighbour!) && !neighbour!.startsWith(locator) && !matchKey(there.text).includes(matchKey(sentence).slice(0, 12))) {
      const wrong = `【${notice.docNumber} · ${neighbour}】`;
      // Flagged anywhere: a checker may call the citation wrong, or a claim of the sentence absent from the clause cited.
      all.push({ kind: 'wrong-citation', half, error: true, draft: sentence + wrong, scope: notice.docNumber, span: [0, sentence.length + wrong.length] });
    }
  }
  // Each task restated with its lead unit, its supporting units and its deadline in each form, right and with another
  // unit of the corpus or another task's deadline.
  for (const notice of gazette.notices()) {
    const tasks = gazette.listTasks({ units: null, role: 'any', docNumber: notice.docNumber, dueFrom: null, dueTo: null }, { offset: 0, limit: 1000 }).tasks;
    for (const task of tasks) {
      const name = task.task.replace(/[。；，\s]+$/, '');
      if (matchKey(name).length < 6) continue;
      const half = hash(`${notice.docNumber} ${task.citation.title} ${task.citation.locator}`) % 2 === 0 ? 'tune' : 'heldout';
      const tag = `【${notice.docNumber} · ${task.citation.locator}】`;
      const named = [...task.leadUnits, ...task.supportUnits, ...task.implementingUnits];
      const others = units.filter((u) => !named.some((x) => x === u || x.includes(u) || u.includes(x) || sameUnit(u, x) || sameUnit(x, u)));
      const other = others[hash(name) % Math.max(1, others.length)];
      const pair = (kind: string, form: string, fill: (right: boolean) => [string, string]) => {
        const [right, wrong] = [fill(true), fill(false)];
        all.push({ kind: `${kind} as ${form}`, half, error: false, draft: right[0] + tag, scope: notice.docNumber, span: [0, right[0].length + tag.length] });
        const at = wrong[0].indexOf(wrong[1]);
        all.push({ kind: `${kind}: ${form}`, half, error: true, draft: wrong[0] + tag, scope: notice.docNumber, span: [at, at + wrong[1].length] });
      };
      const lead = task.leadUnits[0];
      if (task.leadUnits.length === 1 && new RegExp(`^${UNIT_NAME}$`).test(lead) && other) {
        for (const form of ROLE_FORMS)
          pair('task lead', form, (right) => {
            const u = right ? lead : other;
            const x = form.includes('X′') ? u.replace(/^市/, '') : u;
            return [`${form.replace(/X′|X/, x).replace('N', name)}。`, x];
          });
      }
      const support = task.supportUnits[hash(name) % Math.max(1, task.supportUnits.length)];
      if (lead && support && other && new RegExp(`^${UNIT_NAME}$`).test(support)) {
        for (const form of SUPPORT_FORMS)
          pair('task support', form, (right) => {
            const y = right ? support : other;
            return [`${form.replace('L', lead).replace('Y', y).replace('N', name)}。`, y];
          });
      }
      // Roles swapped: a supporting unit said to lead (right: the lead itself).
      if (lead && support && !task.leadUnits.some((u) => sameUnit(support, u) || sameUnit(u, support))) {
        for (const form of SWAPPED_FORMS)
          pair('task roles', form, (right) => {
            const u = right ? lead : support;
            return [`${form.replace('S', u).replace('N', name)}。`, u];
          });
      }
      const due = task.deadline?.date ? task.deadline : null;
      const swapped =
        tasks.find((t) => t.deadline?.date && t.deadline.date !== due?.date && hash(t.task) % 3 === hash(name) % 3) ??
        tasks.find((t) => t.deadline?.date && t.deadline.date !== due?.date);
      if (due?.date && swapped?.deadline?.date) {
        const [rightDate, wrongDate] = [deadlineWords(due.date, due.kind), deadlineWords(swapped.deadline.date, swapped.deadline.kind)];
        // 今年 is the document's year: said only of deadlines in it.
        const thisYear = [due.date, swapped.deadline.date].every((d) => d.slice(0, 4) === notice.date?.slice(0, 4));
        for (const form of DEADLINE_FORMS.filter((f) => thisYear || !f.includes('今年')))
          pair('task deadline', form, (right) => {
            const [full, short] = right ? rightDate : wrongDate;
            const d = form.includes('D′') ? short : full;
            return [`${form.replace(/D′|D/, d).replace('N', name)}。`, d];
          });
      }
    }
  }
  // Each text's dates of issue, effect and validity, restated, right and swapped for one another.
  for (const notice of gazette.notices()) {
    for (const text of gazette.texts(notice)) {
      const half = hash(`${notice.docNumber} ${text.title} dates`) % 2 === 0 ? 'tune' : 'heldout';
      const spell = (iso: string) => {
        const [y, m, d] = iso.split('-').map(Number);
        return `${y}年${m}月${d}日`;
      };
      const forms: [string, string | null, string | null][] = [
        ['本办法自D起施行', text.validFrom, notice.date],
        ['该文件有效期至D', text.validUntil, text.validFrom],
        ['本通知于D印发', notice.date, text.validFrom],
      ];
      for (const [form, right, wrong] of forms) {
        if (!right || !wrong || right === wrong || (form.includes('办法') && text.role !== 'part')) continue;
        const [r, w] = [spell(right), spell(wrong)];
        const draft = (d: string) => `${form.replace('D', d)}。`;
        all.push({ kind: `dated as ${form}`, half, error: false, draft: draft(r), scope: notice.docNumber, span: [0, draft(r).length] });
        const at = draft(w).indexOf(w);
        all.push({ kind: `wrong-date: ${form}`, half, error: true, draft: draft(w), scope: notice.docNumber, span: [at, at + w.length] });
      }
    }
  }
  // A bounded, deterministic sample of each kind and half.
  const byKind = new Map<string, Mutant[]>();
  for (const m of all) byKind.set(`${m.kind} ${m.half}`, [...(byKind.get(`${m.kind} ${m.half}`) ?? []), m]);
  return [...byKind.values()].flatMap((xs) => xs.sort((a, b) => hash(a.draft) - hash(b.draft)).slice(0, PER_KIND));
}

/** Per half, per kind: [flagged, cases]. */
export type MutationReport = Record<string, Record<string, [number, number]>>;

export function mutationEval(gazette: GazetteReader): { report: MutationReport; misses: string[] } {
  const checker = new DraftChecker(gazette);
  const report: MutationReport = {};
  const misses: string[] = [];
  for (const m of mutants(gazette)) {
    const findings = checker.check(m.draft, m.scope).findings.filter((f: Finding) => f.verdict !== 'verified');
    const flagged = findings.some((f) => f.offset < m.span[1] && f.offset + Math.max(1, f.text.length) > m.span[0]);
    const row = (report[m.half] ??= {});
    const measure = m.error ? `caught: ${m.kind}` : `false alarms: ${m.kind}`;
    const [a, b] = row[measure] ?? [0, 0];
    row[measure] = [a + (flagged ? 1 : 0), b + 1];
    for (const total of [m.error ? 'caught: all' : 'false alarms: all']) {
      const [x, y] = row[total] ?? [0, 0];
      row[total] = [x + (flagged ? 1 : 0), y + 1];
    }
    // The held-out half is counted, never shown.
    if (m.half === 'tune' && flagged !== m.error)
      misses.push(
        `${m.error ? 'missed' : 'false alarm'} ${m.kind}: ${m.draft}${m.error ? ` [${m.draft.slice(...m.span)}]` : ` → ${findings.map((f) => `${f.kind} “${f.text}” ${f.verdict}: ${f.note}`).join(' | ')}`}`,
      );
  }
  return { report, misses };
}
