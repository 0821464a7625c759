// The draft checker: every quotation, citation (文号 and locator), number with a unit and date of a
// draft explainer, compared with the gazette text and given a verdict. No model is involved: a
// finding is verified only where the source's own words say it, and a mismatch names them.
//
// A sentence's citations decide where its words are checked: the clauses it cites, else the
// documents it names, else the passages closest to it. A citation tag written after a sentence's
// stop (…。【文号 · 第五条】) belongs to that sentence.
import { clauseLocators, nearestLocators } from './clause-ref.js';
import { findDocNumbers, withoutDocSerials } from './doc-number.js';
import { sentencesOf } from './explainer.js';
import { findDates, findMeasures, isoOf, sameDate, type DateMention, type Measure } from './measures.js';
import { BODY_LOCATOR, citationIn, type Citation, type GazetteReader, type GazetteText, type Notice, type TaskRecord } from './reader.js';
import { closestSpan, coverage, similarity } from './similarity.js';
import { foldCharacters, keyWithOffsets, matchKey, parseNumber } from './text.js';

export const FINDING_KINDS = ['quote', 'citation', 'number', 'date', 'claim'] as const;
export const VERDICTS = ['verified', 'mismatch', 'not_found', 'unverifiable'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export type Verdict = (typeof VERDICTS)[number];

export interface Finding {
  kind: FindingKind;
  /** As written in the draft. */
  text: string;
  /** Where it starts in the draft. */
  offset: number;
  verdict: Verdict;
  /** Where the right words are (or the words that confirm it). */
  source?: Citation;
  /** The source's own words where the draft says something else. */
  expected?: string;
  /** Why, in a sentence. */
  note: string;
}

export interface DraftCheck {
  findings: Finding[];
  summary: Record<Verdict, number>;
  /** Findings past the cap, left unchecked. */
  unchecked: number;
}

/** Findings checked in one draft; the rest are counted, so a huge draft costs a bounded time. */
export const MAX_FINDINGS = 300;

// How close a draft sentence must be to a source sentence (share of its character pairs) for its
// numbers and dates to be compared with that sentence's; and how close an altered quotation must
// stay to the source (1 − edits/length) to be named a mismatch rather than not found.
const CLOSE_SENTENCE = 0.45;
const CLOSE_QUOTE = 0.5;
// A draft clause says a source sentence when this share of its character pairs is there (ALIGNED
// for finding its figure there, CLOSE_CLAIM for comparing what else it asserts); an obligation
// said by no sentence this close is invented; a sentence found this close outside the clause it
// cites is cited wrongly.
const ALIGNED = 0.5;
const CLOSE_CLAIM = 0.6;
const INVENTED = 0.5;
const MOVED = 0.7;
const RIVAL = 0.15;
/** Source sentences this close to the best are aligned as well as it. */
const TIED = 0.05;
// How much of a task's name a sentence must hold (or of the sentence the task's words), to be taken as restating it:
// less where the sentence cites the task's clause; and how close a rival task must come to count as well.
const TASK_CITED = 0.5;
const TASK_NAMED = 0.7;
const TASK_RIVAL = 0.15;
/** Words of a note of roles that are no task's name (责任单位：, 牵头). */
const ROLE_NOTE_WORDS = /(?:牵头|责任|配合)(?:单位|部门)|牵头|配合|负责|完成时限|时限/g;
/** Words a draft puts around a task that are not its name. */
const TASK_WORDS = /该项?(?:任务|工作|项目)|(?:完成)?时限[为是：:]?|(?:之|以)?前完成/g;
/** Quotations shorter than this are terms, not passages: found or not found, never "altered". */
const MIN_ALTERED_QUOTE = 6;

/** Words that make a sentence's date the date a document was issued. */
const ISSUING = /印发|发布(?!会)|下发|发文|签发|公布/;
/** A date followed by 前 (2019年5月24日前) is a deadline, whatever else its clause speaks of (公布, 印发). */
const isDeadline = (sentence: string, d: DateMention) => /^\s*(?:之|以)?前/.test(sentence.slice(d.index + d.text.length));
const QA_QUESTION = /^\s*问[：:]\s*(.*)$/s;
const QA_ANSWER = /^\s*答[：:]/;
const QUOTE_MARKS = /“([^“”]+)”|「([^「」]+)」|『([^『』]+)』|"([^"\n]+)"/g;
const BOOK_TITLE = /《([^《》]{2,150})》/g;
const TAG = /【([^【】]{2,400})】/g;
const CN = '[一二三四五六七八九十百零〇两]+';
const NUM = `(?:${CN}|\\d+)`;
/** Article, chapter and attachment-row references; written anywhere in a sentence. */
const CLAUSE_IN_TEXT = new RegExp(`第${NUM}条(?:\\s*第?[（(]${NUM}[）)]项?|\\s*第${NUM}项)?|第${NUM}章|(?:附件\\s*\\d*\\s*)?序号\\s*\\d+`, 'g');
/** A 方案's path (二、（一）1.): only right after the document it belongs to, since a draft numbers its own headings so too. */
const PATH_AFTER_DOC = new RegExp(`^[\\s）)]{0,2}的?\\s*(${CN}、(?:[（(]${CN}[）)])?(?:\\d+[.．])?(?:[（(]\\d+[）)])?)`);
/** A 方案's path a draft points to in brackets, after its sentence as clerks cite: （二、（一）5.）, （见二、（二）2.）. */
const SEE_PATH = new RegExp(`[（(](?:详见|参见|见)?\\s*(${CN}、(?:[（(]${CN}[）)])?(?:\\d+[.．])?)[）)]`, 'g');
const CLAUSE_AFTER_DOC = /^[\s）)]{0,2}的?\s*(?=第|附件)/;
/** A document as a draft calls it once named (方案, 本办法, 《通知》), with the words that point to it (见, 按). */
const DOC_CALLED = '(?:详见|参见|见|按照?|依据|根据)?(?:(?:本|该|《)?(?:实施)?(?:方案|办法|通知|意见|规定|细则)》?的?)?\\s*';
/** A 方案's path after the document's short name (按方案二、（三）, 见本方案三、): the document named last, else the one the draft explains. */
const PATH_AFTER_NAME = new RegExp(`(?<=(?:方案|办法|通知|意见|规定|细则)》?的?\\s*)(${CN}、(?:[（(]${CN}[）)])?(?:\\d+[.．])?(?:[（(]\\d+[）)])?)`, 'g');
/** A reference to a clause with the words that point to it (见办法第十五条): no claim of the sentence's. */
const REFERENCE = new RegExp(`${DOC_CALLED}(?:${CLAUSE_IN_TEXT.source}|${PATH_AFTER_NAME.source})`, 'g');

interface Span {
  from: number;
  to: number;
}

/** A document the draft names: by 文号, by a title the gazette prints, or both. */
interface DocMention extends Span {
  notice: Notice;
  /** The texts a title names; all the notice's texts when only a 文号 is given. */
  texts: GazetteText[];
}

/** A place the draft cites: a clause of one text. */
interface Place {
  notice: Notice;
  text: GazetteText;
  locator: string;
  body: string;
  page: number | null;
}

/** A source sentence, cited. */
interface SourceSentence {
  text: string;
  citation: Citation;
}

/** What one draft sentence is checked against. */
interface Pool {
  /** Sentences of the clauses it cites. */
  cited: SourceSentence[];
  /** Sentences of every text of the documents it cites or names, else of the scope. */
  doc: SourceSentence[];
  /** Their paragraphs whole: a task and the note of who leads it. */
  paragraphs: SourceSentence[];
  notices: Notice[];
  texts: GazetteText[];
}

/** A finding to be made: its verdict is worked out only within the findings cap. */
interface Check {
  kind: FindingKind;
  text: string;
  offset: number;
  verdict: () => Omit<Finding, 'kind' | 'text' | 'offset'>;
}

interface Sentence extends Span {
  text: string;
  places: Place[];
  docs: DocMention[];
}

const inside = (spans: Span[], at: number) => spans.some((s) => at >= s.from && at < s.to);

function matches(re: RegExp, text: string): (Span & { m: RegExpExecArray })[] {
  return [...text.matchAll(re)].map((m) => ({ from: m.index, to: m.index + m[0].length, m: m as RegExpExecArray }));
}

/** Sentences with their offsets; never split inside a quotation, title or tag; a tag after a stop joins the sentence before it. */
function sentencesIn(draft: string, closed: Span[]): Span[] {
  const out: Span[] = [];
  let from = 0;
  for (let i = 0; i < draft.length; i++) {
    if (!/[。！？；!?\n]/.test(draft[i]) || inside(closed, i)) continue;
    out.push({ from, to: i + 1 });
    from = i + 1;
  }
  if (from < draft.length) out.push({ from, to: draft.length });
  for (let k = 1; k < out.length; k++) {
    const lead = /^[ \t]*(?:【[^【】]*】[ \t]*)+/.exec(draft.slice(out[k].from, out[k].to));
    if (!lead || draft.slice(out[k - 1].from, out[k - 1].to).endsWith('\n')) continue;
    out[k - 1].to += lead[0].length;
    out[k].from += lead[0].length;
  }
  return out.filter((s) => draft.slice(s.from, s.to).trim().length > 0);
}

export class DraftChecker {
  private readonly prefixes: Set<string>;
  /** Each notice's tasks, read once per checker. */
  private readonly noticeTasks = new Map<number, TaskRecord[]>();
  /** Each notice's sentences, cited, read once per check. */
  private readonly noticeSentences = new Map<number, SourceSentence[]>();

  constructor(private readonly gazette: GazetteReader) {
    this.prefixes = new Set(gazette.notices().map((n) => n.docNumber.replace(/〔.*$/, '')));
  }

  check(draft: string, scope: string | null): DraftCheck {
    const findings: Finding[] = [];
    const quotes = matches(QUOTE_MARKS, draft);
    const titles = matches(BOOK_TITLE, draft).filter((t) => !inside(quotes, t.from));
    const tags = matches(TAG, draft).filter((t) => !inside(quotes, t.from));
    const closed = [...quotes, ...titles, ...tags];
    const scopeNotice = scope ? this.gazette.notice(scope) : null;
    let current: DocMention | null = scopeNotice ? { notice: scopeNotice, texts: this.gazette.texts(scopeNotice), from: 0, to: 0 } : null;

    // Sentence by sentence, in order: past MAX_FINDINGS, findings are counted, not checked.
    let unchecked = 0;
    // A draft in questions and answers (问：…？答：…) leaves the answer's subject in the question.
    let question = '';
    // A note of roles alone (牵头单位：X。) speaks of the task the sentence before it restates.
    let lastTasks: TaskRecord[] = [];
    for (const span of sentencesIn(draft, closed)) {
      const sentence: Sentence = { ...span, text: draft.slice(span.from, span.to), places: [], docs: [] };
      const asked = QA_ANSWER.test(sentence.text) ? question : '';
      question = QA_QUESTION.exec(sentence.text)?.[1] ?? '';
      const own: Finding[] = [];
      current = this.citations(draft, sentence, this.wordsOf(sentence.text, quotes, span.from, draft), { quotes, titles, tags }, current, own);
      const open = (at: number) => !inside(closed, sentence.from + at);
      const pool = this.poolOf(sentence, scope);
      // Who does a task and by when, against the task the sentence restates; the dates it judges are not judged again.
      const task = this.taskClaims(sentence, pool, closed, lastTasks);
      lastTasks = task.named;
      const checks: Check[] = [
        ...quotes
          .filter((q) => q.from >= sentence.from && q.from < sentence.to)
          .map((q) => ({
            kind: 'quote' as const,
            text: draft.slice(q.from, q.to),
            offset: q.from,
            verdict: () => this.checkQuote(q.m[1] ?? q.m[2] ?? q.m[3] ?? q.m[4], sentence, scope),
          })),
        ...findMeasures(sentence.text)
          .filter((x) => open(x.index) && !this.inCitation(sentence.text, x.index))
          .map((m) => ({
            kind: 'number' as const,
            text: m.text,
            offset: sentence.from + m.index,
            verdict: () => this.alignedFigure(sentence, pool, m.index, measureTest(m)) ?? this.checkFigure(sentence, scope, measureTest(m)),
          })),
        ...datesIn(sentence.text)
          .filter((x) => open(x.index) && !inside(task.covered, x.index))
          .map((d) => {
            const test = dateTest(d, isDeadline(sentence.text, d), sideOf(sentence.text, d));
            return {
              kind: 'date' as const,
              text: d.text,
              offset: sentence.from + d.index,
              verdict: () => this.datedBy(sentence, pool, d) ?? this.alignedFigure(sentence, pool, d.index, test) ?? this.checkFigure(sentence, scope, test),
            };
          }),
        ...task.checks,
        ...this.claims(sentence, pool, closed, task.covered, asked),
      ];
      checks.push(...this.modalActs(sentence, pool, closed, checks));
      const room = MAX_FINDINGS - findings.length;
      if (room <= 0) {
        unchecked += own.length + checks.length;
        continue;
      }
      own.push(...checks.map((c) => ({ kind: c.kind, text: c.text, offset: c.offset, ...c.verdict() })));
      // A quotation found in another clause already says where it is.
      // So does a task restated at the place cited.
      const citesTask = task.restated.some((t) => sentence.places.some((p) => locatorHolds(p.locator, t.citation.locator)));
      if (!citesTask && !own.some((f) => f.kind === 'quote' && f.verdict !== 'verified')) this.citedElsewhere(sentence, pool, own);
      own.sort((a, b) => a.offset - b.offset);
      findings.push(...own.slice(0, room));
      unchecked += Math.max(0, own.length - room);
    }
    const summary = { verified: 0, mismatch: 0, not_found: 0, unverifiable: 0 };
    for (const f of findings) summary[f.verdict]++;
    return { findings, summary, unchecked };
  }

  /** Words a sentence says, to pick among a 文号's texts: its quotations, else the sentence itself. */
  private wordsOf(sentence: string, quotes: (Span & { m: RegExpExecArray })[], from: number, draft: string): string[] {
    const own = quotes.filter((q) => q.from >= from && q.from < from + sentence.length).map((q) => draft.slice(q.from + 1, q.to - 1));
    return own.length ? own : [sentence.replace(TAG, '')];
  }

  /** A 文号's serial digits are not numbers of the draft (卫政办发〔2019〕43号). */
  private inCitation(sentence: string, at: number): boolean {
    return findDocNumbers(sentence, this.prefixes).some((d) => at >= d.index && at < d.index + d.length);
  }

  /** The sentence's documents and places, each a citation finding; returns the document later bare locators refer to. */
  private citations(
    draft: string,
    sentence: Sentence,
    words: string[],
    marks: { quotes: Span[]; titles: (Span & { m: RegExpExecArray })[]; tags: (Span & { m: RegExpExecArray })[] },
    current: DocMention | null,
    findings: Finding[],
  ): DocMention | null {
    const within = <T extends Span>(xs: T[]) => xs.filter((x) => x.from >= sentence.from && x.from < sentence.to);
    const tags = within(marks.tags);
    const docs: DocMention[] = [];
    /** Titles written with another document's 文号: the finding is the mismatch, and the title is what the sentence cites. */
    const conflicted: DocMention[] = [];
    // Titles the gazette prints name a document; others (superior documents) are not the gazette's to check.
    const titled = within(marks.titles).flatMap((t) => {
      const found = this.gazette.resolveDocument(t.m[1]);
      return found.kind === 'found' ? [{ from: t.from, to: t.to, notice: found.notice, texts: found.texts }] : [];
    });
    for (const d of findDocNumbers(sentence.text, this.prefixes)) {
      const from = sentence.from + d.index;
      if (inside(marks.quotes, from) || inside(marks.titles, from)) continue;
      const to = from + d.length;
      const text = draft.slice(from, to);
      const notice = this.gazette.notice(d.docNumber);
      if (!notice) {
        // A document the gazette names but does not print (a repealed 文号, a superior one) is still real.
        // A list of 文号 (卫党干字〔2019〕111、117、120号) is named as written.
        const named = this.gazette.verifyQuote(d.docNumber, null)[0] ?? this.gazette.verifyQuote(text, null)[0];
        if (named) {
          findings.push({
            kind: 'citation',
            text,
            offset: from,
            verdict: 'verified',
            source: named,
            note: `公报未收录 ${d.docNumber}，但《${named.title}》${named.locator}提到它。`,
          });
          continue;
        }
        const near = this.gazette
          .notices()
          .map((n) => ({ docNumber: n.docNumber, score: similarity(n.docNumber, d.docNumber) }))
          .filter((n) => n.score >= 0.75)
          .sort((a, b) => b.score - a.score)
          .slice(0, 3)
          .map((n) => n.docNumber);
        findings.push({
          kind: 'citation',
          text,
          offset: from,
          verdict: 'not_found',
          note: `公报中没有文号 ${d.docNumber}${near.length ? `；相近的文号：${near.join('、')}` : ''}。`,
        });
        continue;
      }
      // A title written just before the 文号 must be one of its texts.
      const title = titled.find((t) => t.to <= from && from - t.to <= 2);
      if (title && title.notice.id !== notice.id) {
        findings.push({
          kind: 'citation',
          text: draft.slice(title.from, to),
          offset: title.from,
          verdict: 'mismatch',
          expected: title.notice.docNumber,
          source: this.citeDocument(title.notice, title.texts[0]),
          note: `${draft.slice(title.from, title.to)}的文号是 ${title.notice.docNumber}，不是 ${notice.docNumber}。`,
        });
        conflicted.push(title);
        continue;
      }
      docs.push({ from: title ? title.from : from, to, notice, texts: title ? title.texts : this.gazette.texts(notice) });
    }
    for (const t of titled) if (!docs.some((d) => d.from <= t.from && d.to >= t.to)) docs.push(t);
    docs.sort((a, b) => a.from - b.from);

    const located = new Set<DocMention>(conflicted);
    const cite = (doc: DocMention, written: string, from: number, to: number) => {
      const found = this.place(doc, written, words, sentence);
      // A row number without 附件 (序号9…) is a citation only where the document's table has that row.
      if (found.verdict === 'not_found' && /^序号/.test(written.trim())) return;
      located.add(doc);
      findings.push({ kind: 'citation', text: draft.slice(from, to), offset: from, ...found });
    };
    // Tags: 【文号 · 第五条（三）· 第62页：“…”】
    for (const tag of tags) {
      const doc = docs.find((d) => d.from > tag.from && d.to < tag.to);
      const after = doc ? draft.slice(doc.to, tag.to - 1) : '';
      const loc = /^\s*[·・•]\s*([^·・•：:“]+?)\s*(?=[·・•：:“]|$)/.exec(after);
      if (doc && loc && !/^第\s*\d+\s*页$/.test(loc[1])) cite(doc, loc[1], doc.from, doc.to + loc.index + loc[0].length);
    }
    // Inline: （文号）第三条, 《办法》第五条第（三）项, 二、（一） right after a 文号.
    const outside = [...tags, ...marks.quotes, ...marks.titles];
    const clauseRefs = [
      ...matches(CLAUSE_IN_TEXT, sentence.text).map((c) => ({ from: sentence.from + c.from, to: sentence.from + c.to, written: c.m[0] })),
      ...matches(PATH_AFTER_NAME, sentence.text).map((c) => ({ from: sentence.from + c.from, to: sentence.from + c.to, written: c.m[1] })),
      ...matches(SEE_PATH, sentence.text).map((c) => ({
        from: sentence.from + c.from + c.m[0].indexOf(c.m[1]),
        to: sentence.from + c.from + c.m[0].indexOf(c.m[1]) + c.m[1].length,
        written: c.m[1],
      })),
    ].filter((c) => !inside(outside, c.from));
    for (const doc of docs) {
      if (inside(tags, doc.from)) continue;
      const rest = draft.slice(doc.to, sentence.to);
      const path = PATH_AFTER_DOC.exec(rest);
      if (path) {
        cite(doc, path[1], doc.from, doc.to + path[0].length);
        continue;
      }
      const lead = CLAUSE_AFTER_DOC.exec(rest);
      const next = lead ? clauseRefs.find((c) => c.from === doc.to + lead[0].length) : undefined;
      if (next) {
        cite(doc, next.written, doc.from, next.to);
        clauseRefs.splice(clauseRefs.indexOf(next), 1);
      }
    }
    // Bare clause references: the document named last before them, in this sentence or earlier.
    for (const c of clauseRefs) {
      const doc = [...docs].reverse().find((d) => d.to <= c.from) ?? current;
      if (doc) cite(doc, c.written, c.from, c.to);
    }
    for (const doc of docs) {
      if (located.has(doc)) continue;
      findings.push({
        kind: 'citation',
        text: draft.slice(doc.from, doc.to),
        offset: doc.from,
        verdict: 'verified',
        source: this.citeDocument(doc.notice, doc.texts[0]),
        note: `${doc.notice.docNumber} 见于公报。`,
      });
    }
    sentence.docs = docs.filter((d) => !located.has(d));
    return docs.at(-1) ?? current;
  }

  /** A cited clause of a document: verified with its places, or not found with the nearest ones. */
  private place(doc: DocMention, written: string, words: string[], sentence: Sentence): Omit<Finding, 'kind' | 'text' | 'offset'> {
    // A locator as the tools print it (附件 序号24-26, 正文) first, then as a reference is written.
    const printed = foldCharacters(written)
      .trim()
      .replace(/\s*[—–－~～至]\s*/g, '-');
    const locators = [
      printed,
      ...(attachmentLocator(written) ?? [...new Set([...(safeLocators(written, true) ?? []), ...(safeLocators(written, false) ?? [])])]),
    ];
    const places: Place[] = [];
    for (const text of doc.texts) {
      if (printed === BODY_LOCATOR) {
        const body = this.gazette.paragraphs(text).filter((p) => p.locator === '' || p.locator === BODY_LOCATOR);
        if (body.length) places.push({ notice: doc.notice, text, locator: BODY_LOCATOR, body: body.map((p) => p.text).join('\n'), page: body[0].page });
        continue;
      }
      const clause = locators.map((l) => this.gazette.clause(text, l)).find(Boolean);
      if (clause) {
        places.push({ notice: doc.notice, text, locator: clause.locator, body: clause.text, page: clause.pageFrom });
        continue;
      }
      // A locator the tools print that is no outline node: 附件 (a table's header) with the rows under it, or one row
      // of rows printed together (a task's 附件 序号25 in 附件 序号24-26).
      const paragraphs = this.gazette.paragraphs(text);
      const row = /^(.*序号)(\d+)$/.exec(printed);
      const within = (l: string) => {
        const range = row && l.startsWith(row[1]) ? /^(\d+)-(\d+)$/.exec(l.slice(row[1].length)) : null;
        return !!range && +range[1] <= +row![2] && +row![2] <= +range[2];
      };
      const held = paragraphs.filter((p) => p.locator === printed || within(p.locator));
      const under = held.length ? [...held, ...paragraphs.filter((p) => p.locator.startsWith(`${printed} `))] : [];
      if (under.length) places.push({ notice: doc.notice, text, locator: held[0].locator, body: under.map((p) => p.text).join('\n'), page: under[0].page });
    }
    if (!places.length) {
      const near = doc.texts.flatMap((t) =>
        nearestLocators(
          locators[0] ?? written,
          this.gazette.outline(t).map((o) => o.locator),
          2,
        ),
      );
      return {
        verdict: 'not_found',
        note: `${doc.notice.docNumber}${doc.texts.length === 1 && doc.texts[0].role === 'part' ? `《${doc.texts[0].title}》` : ''} 中没有${written}${near.length ? `；相近的条款：${[...new Set(near)].join('、')}` : ''}。`,
      };
    }
    // A 文号 that issues two texts with the same article: the one that holds the sentence's words.
    const score = (p: Place) =>
      Math.max(...words.map(digitDates).map((w) => (matchKey(p.body).includes(matchKey(w)) ? 2 : coverage(matchKey(w), matchKey(p.body)))));
    const best = Math.max(...places.map(score));
    const chosen = places.filter((p) => score(p) === best);
    sentence.places.push(...chosen);
    const p = chosen[0];
    return {
      verdict: 'verified',
      source: citeSpan(p, firstSentence(p.body)),
      note: `《${p.text.role === 'part' ? p.text.title : p.notice.title}》${p.locator} 见于公报第${p.page ?? '?'}页。`,
    };
  }

  private citeDocument(notice: Notice, text: GazetteText | undefined): Citation {
    const t = text ?? this.gazette.texts(notice)[0];
    const first = this.gazette.paragraphs(t)[0];
    return citationIn(notice, t, first?.locator ?? '', first?.page ?? null, first ? firstSentence(first.text) : '');
  }

  private checkQuote(quoted: string, sentence: Sentence, scope: string | null): Omit<Finding, 'kind' | 'text' | 'offset'> {
    // An ellipsis marks words left out: every part must be there.
    const parts = quoted
      .split(/…+|\.{3,}|⋯+/)
      .map((s) => s.trim())
      .filter((s) => matchKey(s).length >= 2);
    if (!parts.length) return { verdict: 'unverifiable', note: '引号中没有可核对的文字。' };
    const longest = parts.reduce((a, b) => (matchKey(b).length > matchKey(a).length ? b : a));
    if (sentence.places.length) {
      const holder = sentence.places.find((p) => parts.every((s) => matchKey(p.body).includes(matchKey(s))));
      if (holder) return { verdict: 'verified', source: citeSpan(holder, sourceWords(holder.body, longest)), note: `逐字见于${holder.locator}。` };
      const elsewhere = this.gazette.verifyQuote(longest, null);
      const where = elsewhere.find((c) =>
        parts.every((s) => this.gazette.verifyQuote(s, c.docNumber).some((x) => x.locator === c.locator && x.title === c.title)),
      );
      if (where)
        return {
          verdict: 'mismatch',
          source: where,
          expected: `${where.docNumber} ${where.locator}`,
          note: `引文不在所引的${sentence.places[0].locator}，而见于《${where.title}》${where.locator}。`,
        };
      return (
        this.closestQuote(
          quoted,
          sentence.places.map((p) => ({ text: p.body, citation: citeSpan(p, p.body) })),
          `所引的${sentence.places[0].locator}中没有这段引文`,
        ) ?? this.openQuote(quoted, sentence.places[0].notice.docNumber)
      );
    }
    const docs = sentence.docs.length ? sentence.docs.map((d) => d.notice.docNumber) : [scope];
    for (const doc of docs) {
      const found = this.gazette.verifyQuote(longest, doc);
      const where = found.find((c) => parts.every((s) => this.gazette.verifyQuote(s, c.docNumber).some((x) => x.locator === c.locator && x.title === c.title)));
      if (where) return { verdict: 'verified', source: where, note: `逐字见于《${where.title}》${where.locator}。` };
    }
    if (sentence.docs.length) {
      const elsewhere = this.gazette.verifyQuote(longest, null)[0];
      if (elsewhere)
        return {
          verdict: 'mismatch',
          source: elsewhere,
          expected: `${elsewhere.docNumber} ${elsewhere.locator}`,
          note: `引文不在所引的 ${docs.join('、')}，而见于 ${elsewhere.docNumber}《${elsewhere.title}》${elsewhere.locator}。`,
        };
    }
    return this.openQuote(quoted, docs[0]);
  }

  /** An altered quotation: the closest passage's own words, or not found. */
  private openQuote(quoted: string, docNumber: string | null): Omit<Finding, 'kind' | 'text' | 'offset'> {
    const hits = this.gazette.search(quoted, 5, docNumber).results.map((h) => ({ text: h.text, citation: h.citation }));
    return (
      this.closestQuote(quoted, hits, `公报${docNumber ? `（${docNumber}）` : ''}中没有逐字出现这段引文`) ?? {
        verdict: 'not_found',
        note: `公报${docNumber ? `（${docNumber}）` : ''}中没有这段引文，也没有相近的原文。`,
      }
    );
  }

  private closestQuote(quoted: string, sources: { text: string; citation: Citation }[], why: string): Omit<Finding, 'kind' | 'text' | 'offset'> | null {
    const needle = matchKey(quoted.replace(/…+|\.{3,}|⋯+/g, ''));
    if (needle.length < MIN_ALTERED_QUOTE) return null;
    let best: { words: string; citation: Citation; score: number } | null = null;
    for (const s of sources) {
      const { key, at } = keyWithOffsets(s.text);
      if (!key.length) continue;
      const span = closestSpan(needle, key);
      const score = 1 - span.distance / needle.length;
      if (span.end <= span.start || (best && score <= best.score)) continue;
      // A span much shorter than the quotation left words out: show them, out to the nearest stops.
      const [from, to] = [at[span.start], at[span.end - 1] + 1];
      const words = (span.end - span.start < needle.length * 0.8 ? widened(s.text, from, to) : s.text.slice(from, to)).replace(
        /^[，。；、：\s]+|[，。；、：\s]+$/g,
        '',
      );
      best = { words, citation: s.citation, score };
    }
    if (!best || best.score < CLOSE_QUOTE) return null;
    return { verdict: 'mismatch', expected: best.words, source: { ...best.citation, quote: best.words }, note: `${why}；原文是“${best.words}”。` };
  }

  /** What a sentence is checked against: the sentences of the clauses it cites, and of the documents it cites or names (else the scope's). */
  private poolOf(sentence: Sentence, scope: string | null): Pool {
    const cited = sentence.places.flatMap((p) =>
      claimsOf({ locator: p.locator, text: p.body, page: p.page }).map((s) => ({ text: s.text, citation: citeSpan(p, s.text) })),
    );
    const named = [...sentence.places.map((p) => p.notice), ...sentence.docs.map((d) => d.notice)];
    const scoped = this.gazette.notice(scope ?? '');
    const notices = [...new Map((named.length ? named : scoped ? [scoped] : []).map((n) => [n.id, n])).values()];
    const texts = [...sentence.places.map((p) => p.text), ...sentence.docs.flatMap((d) => d.texts)];
    const doc = notices.flatMap((n) => this.sentencesOfNotice(n));
    const byPlace = new Map<string, SourceSentence[]>();
    for (const x of doc) byPlace.set(`${x.citation.title} ${x.citation.locator}`, [...(byPlace.get(`${x.citation.title} ${x.citation.locator}`) ?? []), x]);
    const paragraphs = [...byPlace.values()].filter((xs) => xs.length > 1).map((xs) => ({ text: xs.map((x) => x.text).join(''), citation: xs[0].citation }));
    return { cited, doc, paragraphs, notices, texts: texts.length ? texts : notices.flatMap((n) => this.gazette.texts(n)) };
  }

  private sentencesOfNotice(notice: Notice): SourceSentence[] {
    let out = this.noticeSentences.get(notice.id);
    if (!out) {
      out = this.gazette
        .texts(notice)
        .flatMap((t) =>
          this.gazette.paragraphs(t).flatMap((p) => claimsOf(p).map((s) => ({ text: s.text, citation: citationIn(notice, t, p.locator, p.page, s.text) }))),
        );
      this.noticeSentences.set(notice.id, out);
    }
    return out;
  }

  /** A figure checked against the source sentence its own clause says: verified there, or that sentence's figure of the same kind, or the clause elsewhere that holds it. */
  private alignedFigure(sentence: Sentence, pool: Pool, at: number, test: FigureTest): Omit<Finding, 'kind' | 'text' | 'offset'> | null {
    const clause = clauseAt(sentence.text, at, 8);
    const key = maskFigures(clause.text);
    const candidates = pool.cited.length ? pool.cited : pool.doc;
    if (key.length < 4 || !candidates.length) return null;
    const ranked = byRow(rankBy(key, candidates), sentence.text);
    // A short source sentence the clause contains whole (计划实施卫生改厕1000户) says it too.
    // Else, among sentences that say it, the ones about as close as the closest: a figure found only in
    // a farther one (自2018年起 of the 自治区's subsidy, for the city's of 2019) is the closest one's to compare.
    const contained = (s: SourceSentence) => maskFigures(s.text, true).length >= 8 && coverage(maskFigures(s.text, true), key) >= CLOSE_CLAIM;
    const says = (s: SourceSentence & { score: number }) => contained(s) || (s.score >= ALIGNED && s.score >= ranked[0].score - RIVAL);
    const holding = ranked.find((s) => says(s) && (test.holds(withCellUnits(s.text)) || test.printed?.(s.text)));
    if (holding) {
      const swapped = test.ordered?.(holding.text, clause.text, at - clause.from);
      if (swapped)
        return {
          verdict: 'mismatch',
          source: holding.citation,
          expected: swapped,
          note: `${holding.citation.locator}中这几个数字的顺序不同，此处应为“${swapped}”。`,
        };
      return { verdict: 'verified', source: holding.citation, note: `见于${holding.citation.locator}。` };
    }
    // A long number a table prints without its unit is found by itself.
    const cell = /^\d{5}|^\d+\.\d{2}/.test(sentence.text.slice(at)) ? candidates.find((s) => test.printed?.(s.text)) : undefined;
    if (cell) return { verdict: 'verified', source: cell.citation, note: `见于${cell.citation.locator}（表中数字，单位见表头）。` };
    const top = ranked[0];
    const alt = top.score >= CLOSE_CLAIM ? test.alternative(withCellUnits(top.text), clause.text, at - clause.from) : null;
    if (alt)
      return {
        verdict: 'mismatch',
        source: { ...top.citation, quote: top.text },
        expected: alt,
        note: `${pool.cited.length ? '所引的' : '原文'}${top.citation.locator}写的是“${alt}”。`,
      };
    if (pool.cited.length) {
      const elsewhere = rankBy(key, pool.doc).find((s) => s.score >= CLOSE_CLAIM && test.holds(s.text));
      if (elsewhere)
        return {
          verdict: 'mismatch',
          source: elsewhere.citation,
          expected: `${elsewhere.citation.docNumber} ${elsewhere.citation.locator}`,
          note: `所引的${sentence.places[0].locator}没有这个${test.what}；它见于《${elsewhere.citation.title}》${elsewhere.citation.locator}。`,
        };
    }
    return null;
  }

  /** A date whose clause says what it is the date of: issuing (印发), taking effect (起施行), or the end of validity (有效期至). */
  private datedBy(sentence: Sentence, pool: Pool, d: DateMention): Omit<Finding, 'kind' | 'text' | 'offset'> | null {
    if (isDeadline(sentence.text, d)) return null;
    const clause = withoutTitles(clauseAt(sentence.text, d.index).text);
    const kinds: [RegExp, string, (string | null)[]][] = [
      [ISSUING, '印发日期', pool.notices.map((n) => n.date)],
      [/起\s*(?:施行|实施|执行|试行)/, '施行日期', pool.texts.map((t) => t.validFrom)],
      [/有效期(?:至|到)|(?:施行|实施|执行)至/, '有效期', pool.texts.map((t) => t.validUntil)],
    ];
    // The words right after the date say what it is the date of (自印发之日即2019年4月26日起施行 is a 施行 date), else its clause's.
    const next = sentence.text.slice(d.index + d.text.length, d.index + d.text.length + 8);
    // Or a label before it (印发时间：2019年9月27日).
    const label = sentence.text.slice(Math.max(0, d.index - 10), d.index);
    const kind =
      kinds.find(([re]) => new RegExp(`^\\s*(?:${re.source})`).test(next)) ??
      kinds.find(([re]) => re.test(clause)) ??
      kinds.find(([re]) => new RegExp(`(?:${re.source})(?:时间|日期)?\\s*[：:为是]\\s*$`).test(label));
    const known = [...new Set(kind?.[2].filter((x): x is string => !!x))];
    if (!kind || !known.length) return null;
    const [re, what] = kind;
    const spelled = known.map((iso) => iso.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日'));
    // The clause that states it (第十一条 本办法自…起施行), else the document itself.
    const stating = [...pool.cited, ...pool.doc].find(
      (s) => re.test(s.text) && findDates(s.text).some((x) => spelled.some((w) => sameDate(x, findDates(w)[0]))),
    );
    const source =
      stating?.citation ??
      this.citeDocument(
        pool.notices[0],
        pool.texts.find((t) => t.role === 'part'),
      );
    if (known.some((iso) => sameDate(d, findDates(spelled[known.indexOf(iso)])[0])))
      return { verdict: 'verified', source, note: `是${pool.notices[0].docNumber}的${what}。` };
    return { verdict: 'mismatch', source, expected: spelled.join('、'), note: `${pool.notices[0].docNumber}的${what}是${spelled.join('、')}。` };
  }

  private tasksOf(notice: Notice): TaskRecord[] {
    let out = this.noticeTasks.get(notice.id);
    if (!out) {
      const filter = { units: null, role: 'any' as const, docNumber: notice.docNumber, dueFrom: null, dueTo: null };
      out = this.gazette.listTasks(filter, { offset: 0, limit: this.gazette.listTasks(filter, { offset: 0, limit: 0 }).total }).tasks;
      this.noticeTasks.set(notice.id, out);
    }
    return out;
  }

  /**
   * The units a sentence puts in a task's roles (由X牵头, X配合, 牵头单位：X…) and the deadlines it gives, against the task it
   * restates: of the clauses it cites (else of its documents), the task whose name it holds or whose words hold it. A role
   * is said of the words before it (…，由X牵头), else of those after it (X牵头推动…), else of the task before it (X牵头，Y配合).
   */
  private taskClaims(
    sentence: Sentence,
    pool: Pool,
    closed: Span[],
    previous: TaskRecord[],
  ): { checks: Check[]; covered: Span[]; restated: TaskRecord[]; named: TaskRecord[] } {
    const open = (at: number) => !inside(closed, sentence.from + at);
    const roles = unitsInRole(sentence.text).filter((r) => r.role && open(r.at));
    const deadlines = deadlinesIn(sentence.text, pool.notices[0]?.date ?? null).filter((d) => open(d.index));
    const all = pool.notices.flatMap((n) => this.tasksOf(n));
    const placed = all.filter((t) => sentence.places.some((p) => p.notice.docNumber === t.citation.docNumber && locatorHolds(p.locator, t.citation.locator)));
    const [candidates, least] = placed.length ? [placed, TASK_CITED] : [all, TASK_NAMED];
    // A sentence that only names a task (加快淘汰老旧车。) is the context of a note of roles after it.
    if (!roles.length && !deadlines.length)
      return { checks: [], covered: [], restated: [], named: restatedTasks(sentence.text.replace(TAG, ''), candidates, least) };
    // The sentence's words with its roles, deadlines and tags blanked, read segment by segment.
    let words = sentence.text.replace(TAG, (t) => '　'.repeat(t.length));
    const blank = (x: Span) => (words = words.slice(0, x.from) + '　'.repeat(x.to - x.from) + words.slice(x.to));
    for (const r of roles) blank(r.phrase);
    for (const d of deadlines) blank({ from: d.index, to: d.index + d.text.length });
    const restated = (from: number, to: number) => restatedTasks(words.slice(from, to), candidates, least);
    const phrases = [...new Map(roles.map((r) => [r.phrase.from, r.phrase])).values()];
    const taskOf = new Map<number, TaskRecord[]>();
    // A sentence of roles and deadlines alone (牵头单位：X。完成时限：2019年底。) gives the cited clause's, else the previous
    // sentence's. Its roles, one task's, or tasks' that give the same roles (of several tasks, which one a note speaks of
    // is unknown); its deadline, any of the cited clause's tasks'.
    const bare = matchKey(words.replace(TASK_WORDS, '').replace(ROLE_NOTE_WORDS, '')).length < 4;
    const context = oneTask(placed.length ? placed : previous);
    let current: TaskRecord[] = bare ? context : [];
    phrases.forEach((x, k) => {
      // A role closing a bracket (…；配合单位：X）) is said of the words before it only.
      const closes = /^[。；\s]*[）)]/.test(sentence.text.slice(x.to));
      const before = restated(phrases[k - 1]?.to ?? 0, x.from);
      const after = before.length || closes ? [] : restated(x.to, words.length);
      current = before.length || closes ? before : after.length ? after : current;
      taskOf.set(x.from, current);
    });
    const whole = !deadlines.length ? [] : bare ? (placed.length ? placed : context) : restated(0, words.length);
    const checks: Check[] = [];
    const covered: Span[] = [];
    const listed = (xs: string[]) => [...new Set(xs)].join('、');
    for (const r of roles) {
      const tasks = taskOf.get(r.phrase.from) ?? [];
      const [leads, supports, implementers] = [
        tasks.flatMap((t) => t.leadUnits),
        tasks.flatMap((t) => t.supportUnits),
        tasks.flatMap((t) => t.implementingUnits),
      ];
      if (!leads.length) continue;
      // Being responsible for (负责) a task is also said of the units that carry it out (各县（区）人民政府负责); leading it is not.
      const right = r.role === 'lead' ? [...leads, ...(r.does === '牵头' ? [] : implementers)] : [...supports, ...implementers];
      if (r.role === 'support' && !supports.length && !leads.some((u) => sameUnit(r.unit, u))) continue;
      covered.push({ from: r.at, to: r.at + r.unit.length });
      if (right.some((u) => sameUnit(r.unit, u))) continue;
      const where = tasks[0].citation;
      const [expected, named] = r.role === 'lead' ? [listed(leads), '牵头单位'] : [listed(supports), '配合单位'];
      const other =
        r.role === 'lead' && supports.some((u) => sameUnit(r.unit, u))
          ? '配合单位'
          : r.role === 'support' && leads.some((u) => sameUnit(r.unit, u))
            ? '牵头单位'
            : null;
      checks.push({
        kind: 'claim',
        text: r.unit,
        offset: sentence.from + r.at,
        verdict: () => ({
          verdict: 'mismatch',
          source: where,
          expected,
          note: `责任单位不符：${where.locator}${other ? `中${r.unit}是${other}，` : '的'}${named}是${expected}。`,
        }),
      });
    }
    for (const d of deadlines) {
      // The task of the role said last before the deadline (由X牵头，2019年底前完成), else the one the sentence restates.
      const lastRole = phrases.filter((x) => x.to <= d.index).at(-1);
      const byRole = lastRole ? (taskOf.get(lastRole.from) ?? []) : [];
      const tasks = byRole.length ? byRole : whole;
      const due = tasks.map((t) => t.deadline).filter((x): x is NonNullable<TaskRecord['deadline']> => !!x?.date);
      // A date the task's own words hold (…：2019年12月底前与自治区…对接) is one of its steps, not its deadline.
      if (!due.length || tasks.some((t) => matchKey(t.task).includes(matchKey(d.text)))) continue;
      covered.push({ from: d.index, to: d.index + d.text.length });
      const where = tasks[0].citation;
      // A deadline is a date things are done before: 9月30日后 is not it.
      const same = sideOf(sentence.text, d) === '后' ? undefined : due.find((x) => x.date === d.iso);
      const expected = listed(due.map((x) => x.text));
      checks.push({
        kind: 'date',
        text: d.text,
        offset: sentence.from + d.index,
        verdict: () =>
          same
            ? { verdict: 'verified', source: where, note: `是${where.locator}的完成时限（${same.text}）。` }
            : { verdict: 'mismatch', source: where, expected, note: `完成时限不符：${where.locator}的完成时限是“${expected}”。` },
      });
    }
    const restatedHere = [...new Set([...[...taskOf.values()].flat(), ...whole])];
    return { checks, covered, restated: restatedHere, named: restatedHere };
  }

  /** What each clause asserts beyond its figures, compared with the source sentence it says: roles, units, frequencies, modals, parity, bounds, counts; and an obligation no sentence holds. */
  private claims(sentence: Sentence, pool: Pool, closed: Span[], judged: Span[], asked = ''): Check[] {
    if (!pool.doc.length) return [];
    const out: Check[] = [];
    const clauses = clausesOf(sentence.text);
    const flagged = new Set<number>();
    const wide = [...pool.doc, ...pool.paragraphs];
    for (const [i, c] of clauses.entries()) {
      if (inside(closed, sentence.from + c.from) && inside(closed, sentence.from + c.from + c.text.length - 1)) continue;
      // A short clause (不得现场调研) says little alone: it is aligned with the clauses before it, or after it when it leads (［X牵头，Y配合).
      // But a short clause that puts a unit in a role (由X负责解释) and is said nearly whole by a source sentence is read alone.
      const alone = slotKey(c.text).length >= 4 && unitsInRole(c.text).length > 0 && rankBy(slotKey(asked + c.text), wide, maskSlots)[0].score >= SAID_WHOLE;
      let said = c;
      for (let k = i - 1; !alone && k >= 0 && slotKey(said.text).length < MIN_CLAUSE; k--)
        said = { text: sentence.text.slice(clauses[k].from, c.from + c.text.length), from: clauses[k].from };
      for (let k = i + 1; !alone && k < clauses.length && slotKey(said.text).length < MIN_CLAUSE; k++)
        said = { text: sentence.text.slice(said.from, clauses[k].from + clauses[k].text.length), from: said.from };
      if (slotKey(said.text).length < 6) continue;
      // An answer is aligned with its question's words too.
      const key = slotKey(asked + said.text);
      // Aligned with what it asserts blanked, so that a wrong unit or modal does not hide the sentence it misstates:
      // in the clauses cited, else in the document's sentences and whole paragraphs (a task and the note of who leads it).
      const citedRanked = pool.cited.length ? rankBy(key, pool.cited, maskSlots) : [];
      const inCited = citedRanked[0];
      let ranked = byRow(inCited && inCited.score >= CLOSE_CLAIM ? citedRanked : rankBy(key, wide, maskSlots), asked + sentence.text);
      let top = ranked[0];
      // A clause that leans on the one before it (…的地块，经批准后可以…; …研究，该项任务由X牵头) is read with it.
      const before = clauses[i - 1];
      if (top.score < CLOSE_CLAIM && said === c && before) {
        const joined = { text: sentence.text.slice(before.from, c.from + c.text.length), from: before.from };
        const best = rankBy(slotKey(joined.text), wide, maskSlots);
        if (best[0].score >= CLOSE_CLAIM) [ranked, top, said] = [best, best[0], joined];
      }
      // An obligation is judged on its own words: joined to a clause the source holds, it would pass as said.
      const duty = OBLIGATION.exec(c.text);
      const own = slotKey(c.text).length >= 6 ? rankBy(slotKey(c.text), wide, maskSlots)[0] : top;
      if (duty && own.score < INVENTED) {
        const nearest = own.citation;
        out.push({
          kind: 'claim',
          text: c.text.trim(),
          offset: sentence.from + c.from + c.text.length - c.text.trimStart().length,
          verdict: () => ({
            verdict: 'mismatch',
            source: nearest,
            note: `${pool.notices.map((n) => n.docNumber).join('、')}中没有这项要求（“${duty[0]}”）；最接近的是${nearest.locator}。`,
          }),
        });
        continue;
      }
      if (top.score < CLOSE_CLAIM && !(top.score >= ALIGNED && printsFigureOf(top.text, said.text))) continue;
      // A whole paragraph holds more words than any one sentence of it: the sentence that says the clause, when nearly as
      // close, is what it is compared with (its paragraph still gives the units a sentence names none of).
      const isParagraph = (x: SourceSentence) => pool.paragraphs.some((p) => p.text === x.text);
      const sentenceOf = isParagraph(top) ? ranked.find((x) => !isParagraph(x) && top.text.includes(x.text)) : undefined;
      if (sentenceOf && sentenceOf.score >= CLOSE_CLAIM && sentenceOf.score >= top.score - RIVAL) {
        ranked = [sentenceOf, ...ranked.filter((x) => x !== sentenceOf && x !== top)];
        top = sentenceOf;
      }
      // A sentence that names no unit (a table row's project) has its units in its paragraph (the row's 责任单位).
      // Units the task check judged are not judged again on the words around them.
      const differs = (s: SourceSentence) => {
        const paragraph = pool.paragraphs.find(
          (x) => x.citation.locator === s.citation.locator && x.citation.title === s.citation.title && x.text.includes(s.text),
        );
        return claimDifference(said.text, s.text, paragraph?.text ?? s.text, (at) => !inside(judged, said.from + at));
      };
      const diff = differs(top);
      // A unit a sentence just as close names is named (配合单位：X、Y aligns alike with every such list).
      // (A sentence naming no unit says nothing of the unit.)
      const names = (x: SourceSentence) => [...x.text.matchAll(UNIT_NAME_G)].length > 0 || cellUnits(x.text).length > 0;
      if (diff?.what === '责任单位' && ranked.slice(1, 8).some((s) => s.score >= top.score - TIED && names(s) && !differs(s))) continue;
      const at = diff ? sentence.from + said.from + diff.at : -1;
      if (!diff || flagged.has(at)) continue;
      // Words the cited clause itself holds (a table row's 责任单位) are not shown wrong by another clause's sentence.
      const cites = (x: SourceSentence) => sentence.places.some((p) => p.locator === x.citation.locator && p.text.title === x.citation.title);
      if (top !== inCited && !cites(top) && sentence.places.some((p) => matchKey(p.body).includes(matchKey(diff.written)))) continue;
      flagged.add(at);
      const where = top.citation;
      out.push({
        kind: 'claim',
        text: diff.written,
        offset: at,
        verdict: () => ({ verdict: 'mismatch', source: where, expected: diff.expected, note: `${diff.what}不符：${where.locator}写的是“${diff.expected}”。` }),
      });
    }
    return out;
  }

  /**
   * A modal put on an act the source governs by another modal, however the sentence around it is worded (经批准的单位可以开垦、
   * 填埋湿地 where the clause says 禁止开垦、填埋、排干湿地): the act's words after the modal, found after the source's. Not where
   * the source also puts this modal (or a bare 可) on the act, nor where another finding already marks the modal.
   */
  private modalActs(sentence: Sentence, pool: Pool, closed: Span[], made: Check[]): Check[] {
    const sources = pool.cited.length ? pool.cited : pool.doc;
    const out: Check[] = [];
    for (const c of clausesOf(sentence.text)) {
      for (const [kind, re] of LOOSE_MODALS) {
        for (const m of c.text.matchAll(re)) {
          const at = sentence.from + c.from + m.index;
          // 不允许 forbids: its 允许 is no permission.
          if ((kind === 'permit' && c.text[m.index - 1] === '不') || inside(closed, at) || made.some((x) => x.offset <= at && at < x.offset + x.text.length))
            continue;
          const act = matchKey(c.text.slice(m.index + m[0].length)).slice(0, ACT_LENGTH);
          const context = contextBefore(sentence.text, c.from + m.index, CONTEXT_LENGTH);
          const modalIn = (k: string, s: SourceSentence) => [...s.text.matchAll(LOOSE_MODALS.find(([x]) => x === k)![1])];
          if (act.length < 4) {
            // A modal after its act (对湿地区域挖砂、取土、开矿等活动，一律禁止): the source sentences that hold the act must put it on the act.
            if (kind === 'oblige' || context.length < LEAD_LENGTH) continue;
            const holding = sources.filter((s) => coverage(context, matchKey(s.text)) >= SAID_WHOLE);
            if (!holding.length || holding.some((s) => modalIn(kind, s).length)) continue;
            const where = holding[0].citation;
            const expected = widened(holding[0].text, 0, 0) || holding[0].text;
            out.push({
              kind: 'claim',
              text: m[0],
              offset: at,
              verdict: () => ({
                verdict: 'mismatch',
                source: where,
                expected,
                note: `允许、禁止与义务不符：${where.locator}没有这样规定，它写的是“${expected}”。`,
              }),
            });
            continue;
          }
          const governed = (k: string) =>
            sources.flatMap((s) =>
              [...s.text.matchAll(LOOSE_MODALS.find(([x]) => x === k)![1])]
                .map((x) => ({ s, x, score: coverage(act, matchKey(s.text.slice(x.index + x[0].length).split(/[，；。：]/)[0])) }))
                .filter((y) => y.score >= ACT_SAID),
            );
          // Else the same words before it, in its clause and the one before (上报代拟稿时可以… where the source says
          // 上报代拟稿时应将…; 挂牌交易期间，出租资产可… where it says 挂牌交易期间不得使用): the same doer at the same step, under
          // the same condition. Most of them where the act shares a word with the source's; else nearly all, the doer in the
          // modal's own clause as well (a modal on a deadline, 须于…前完成, is not placed by the clause before it).
          const own = matchKey(c.text.slice(0, m.index)).slice(-4);
          const ownIn = (s: SourceSentence, x: RegExpMatchArray) =>
            own.length === 4 &&
            matchKey(
              s.text
                .slice(0, x.index)
                .split(/[，；。：]/)
                .at(-1) ?? '',
            ).includes(own);
          const ledIn = (k: string) =>
            context.length < LEAD_LENGTH
              ? []
              : sources.flatMap((s) =>
                  modalIn(k, s)
                    .map((x) => ({ s, x, score: coverage(context, contextBefore(s.text, x.index, CONTEXT_LENGTH + ADVERBIALS)) }))
                    .filter(
                      (y) =>
                        (y.score >= SAID_WHOLE && ownIn(s, y.x)) ||
                        (y.score >= CLOSE_CLAIM && sharesWord(act, matchKey(s.text.slice(y.x.index + y.x[0].length).split(/[，；。：]/)[0]))),
                    ),
                );
          if (governed(kind).length || ledIn(kind).length) continue;
          const others = LOOSE_MODALS.filter(([k]) => k !== kind);
          const other = others.flatMap(([k]) => governed(k)).sort((a, b) => b.score - a.score)[0] ?? others.flatMap(([k]) => ledIn(k))[0];
          if (!other) continue;
          const expected = widened(other.s.text, other.x.index, other.x.index + other.x[0].length);
          const where = other.s.citation;
          out.push({
            kind: 'claim',
            text: m[0],
            offset: at,
            verdict: () => ({ verdict: 'mismatch', source: where, expected, note: `允许、禁止与义务不符：${where.locator}写的是“${expected}”。` }),
          });
        }
      }
    }
    return out;
  }

  /** A sentence whose words the cited clause does not hold, while another clause of the document does: its citation is wrong. */
  private citedElsewhere(sentence: Sentence, pool: Pool, findings: Finding[]): void {
    if (!pool.cited.length) return;
    const cited = new Set(sentence.places.map((p) => p.locator));
    // Clause by clause: said better elsewhere, or said in the clause cited; a generic clause (不得出租) says little either way.
    let moved = 0;
    let kept = 0;
    let elsewhere: (SourceSentence & { score: number }) | undefined;
    for (const c of clausesOf(sentence.text)) {
      const key = maskFigures(c.text.replace(REFERENCE, ''));
      if (key.length < 6) continue;
      const inCited = rankBy(key, pool.cited)[0].score;
      const other = rankBy(
        key,
        pool.doc.filter((s) => !cited.has(s.citation.locator)),
      )[0];
      if (other && other.score >= MOVED && other.score - inCited >= MOVED - ALIGNED) {
        moved++;
        if (!elsewhere || other.score > elsewhere.score) elsewhere = other;
      } else if (inCited >= ALIGNED) kept++;
    }
    if (!elsewhere || moved <= kept) return;
    // The clause that holds the words may itself refer to the one cited (违反本办法第二十七条规定的…).
    if ([...cited].some((l) => elsewhere!.text.includes(l.replace(/（.*$/, '')))) return;
    const where = elsewhere.citation;
    for (const f of findings) {
      if (f.kind !== 'citation' || f.verdict !== 'verified' || !f.source || !cited.has(f.source.locator)) continue;
      Object.assign(f, {
        verdict: 'mismatch',
        source: where,
        expected: `${where.docNumber} ${where.locator}`,
        note: `所引的${f.source.locator}没有此句所说的内容；它见于${where.locator}。`,
      });
    }
  }

  /** A number or date: in the clauses the sentence cites, else in the closest sentence of the documents it names or of the corpus. */
  private checkFigure(sentence: Sentence, scope: string | null, test: FigureTest): Omit<Finding, 'kind' | 'text' | 'offset'> {
    const bare = maskFigures(sentence.text);
    const rank = (xs: SourceSentence[]) => xs.map((s) => ({ ...s, score: coverage(bare, maskFigures(s.text, true)) })).sort((a, b) => b.score - a.score);
    if (sentence.places.length) {
      const cited = rank(
        sentence.places.flatMap((p) =>
          claimsOf({ locator: p.locator, text: p.body, page: p.page }).map((s) => ({ text: s.text, citation: citeSpan(p, s.text) })),
        ),
      );
      const same = cited.find((s) => test.holds(s.text));
      if (same) return { verdict: 'verified', source: same.citation, note: `见于${same.citation.locator}。` };
      // A table row cited prints its figures without the unit its header gives (投资 1300 under 万元).
      const cell = cited.find((s) => /序号/.test(s.citation.locator) && test.printed?.(s.text));
      if (cell) return { verdict: 'verified', source: cell.citation, note: `见于${cell.citation.locator}（表中数字，单位见表头）。` };
      if (test.isNoticeDate(sentence.places[0].notice))
        return { verdict: 'verified', source: this.citeDocument(sentence.places[0].notice, undefined), note: '是该文件的印发日期。' };
      const other = cited.map((s) => ({ s, alt: test.alternative(s.text, sentence.text) })).find((x) => x.alt);
      if (other)
        return { verdict: 'mismatch', source: other.s.citation, expected: other.alt!, note: `所引的${other.s.citation.locator}写的是“${other.alt}”。` };
      const elsewhere = this.closest(sentence, sentence.places[0].notice.docNumber, rank).find((s) => s.score >= CLOSE_SENTENCE && test.holds(s.text));
      if (elsewhere)
        return {
          verdict: 'mismatch',
          source: elsewhere.citation,
          expected: `${elsewhere.citation.docNumber} ${elsewhere.citation.locator}`,
          note: `所引的${sentence.places[0].locator}没有这个${test.what}；它见于《${elsewhere.citation.title}》${elsewhere.citation.locator}。`,
        };
      return {
        verdict: 'mismatch',
        source: citeSpan(sentence.places[0], firstSentence(sentence.places[0].body)),
        note: `所引的${sentence.places[0].locator}没有提到这个${test.what}。`,
      };
    }
    const dated = sentence.docs.find((d) => test.isNoticeDate(d.notice));
    if (dated) return { verdict: 'verified', source: this.citeDocument(dated.notice, undefined), note: '是该文件的印发日期。' };
    // A sentence about issuing a document (…于2019年4月26日印发…) states its date: compare with the one printed.
    const issued = test.what === '日期' && ISSUING.test(withoutTitles(sentence.text)) && !test.deadline ? sentence.docs.find((d) => d.notice.date) : undefined;
    if (issued) {
      const [y, m, d] = issued.notice.date!.split('-').map(Number);
      return {
        verdict: 'mismatch',
        source: this.citeDocument(issued.notice, undefined),
        expected: `${y}年${m}月${d}日`,
        note: `${issued.notice.docNumber} 的印发日期是 ${y}年${m}月${d}日。`,
      };
    }
    const docs = sentence.docs.length ? sentence.docs.map((d) => d.notice.docNumber) : [scope];
    const near = docs
      .flatMap((d) => this.closest(sentence, d, rank))
      .filter((s) => s.score >= CLOSE_SENTENCE)
      .sort((a, b) => b.score - a.score);
    const same = near.find((s) => test.holds(s.text));
    if (same) return { verdict: 'verified', source: same.citation, note: `见于《${same.citation.title}》${same.citation.locator}。` };
    const other = near.map((s) => ({ s, alt: test.alternative(s.text, sentence.text) })).find((x) => x.alt);
    if (other)
      return {
        verdict: 'mismatch',
        source: other.s.citation,
        expected: other.alt!,
        note: `最接近的原文（《${other.s.citation.title}》${other.s.citation.locator}）写的是“${other.alt}”。`,
      };
    return {
      verdict: 'unverifiable',
      note: sentence.docs.length ? `所引文件中没有与此句相近、含这个${test.what}的原文。` : `此句没有引注，公报中也没有与之相近的原文。`,
    };
  }

  /** Sentences of the passages closest to a draft sentence, within a notice or the corpus. */
  private closest(
    sentence: Sentence,
    docNumber: string | null,
    rank: (xs: SourceSentence[]) => (SourceSentence & { score: number })[],
  ): (SourceSentence & { score: number })[] {
    const hits = this.gazette.search(maskFigures(sentence.text), 5, docNumber).results;
    return rank(
      hits.flatMap((h) =>
        claimsOf({ locator: h.citation.locator, text: h.text, page: h.citation.page }).map((s) => ({
          text: s.text,
          citation: { ...h.citation, quote: s.text },
        })),
      ),
    );
  }
}

const PERIOD_MEASURES = new Set(['workdays', 'days', 'weeks', 'months', 'years', 'hours']);

/** How a number or a date is looked for in a source sentence. */
interface FigureTest {
  what: string;
  holds: (source: string) => boolean;
  /** The source's figure of the same kind, nearest in wording to the draft's; null when it has none. */
  alternative: (source: string, draftSentence: string, at?: number) => string | null;
  isNoticeDate: (notice: Notice) => boolean;
  /** A date that is a deadline, never an issuing date. */
  deadline?: boolean;
  /** A table cell prints a long number without the unit its header gives (合计 60611.48 under 万元). */
  printed?: (source: string) => boolean;
  /** Where a source lists the same figures in another order (3%和5% written 5%和3%, or 70%、50% written 50%、30%): the source's figure at this place. */
  ordered?: (source: string, clause: string, at: number) => string | null;
}

function measureTest(m: Measure): FigureTest {
  const [low, high] = m.value.split('-');
  const agrees = (x: Measure) => x.measure === m.measure && (x.value === m.value || (!high && x.value.split('-').includes(low)));
  return {
    what: '数字',
    holds: (source) => findMeasures(source).some(agrees),
    // The source's figure of the same measure; else the same number in another unit (万亩 written 万公顷).
    alternative: (source, draftSentence, at = m.index) => {
      const all = findMeasures(source);
      const digits = /^[\d.]+/.exec(m.text)?.[0];
      const same = all.filter((x) => x.measure === m.measure);
      // A period in another unit (试用期六个月 where the source says 一年) is the same kind of figure.
      const period = PERIOD_MEASURES.has(m.measure) ? all.filter((x) => PERIOD_MEASURES.has(x.measure)) : [];
      return nearestInWording(same.length ? same : period.length ? period : all.filter((x) => digits && x.text.startsWith(digits)), source, draftSentence, at);
    },
    isNoticeDate: () => false,
    printed: (source) => {
      const digits = /^\d+(?:\.\d+)?/.exec(m.text)?.[0] ?? '';
      const at = new RegExp(`(?<![\\d.])${digits.replace('.', '\\.')}(?![\\d.])`).exec(source);
      return /\d{4}|\d\.\d/.test(digits) && !!at && !findMeasures(source).some((x) => at.index >= x.index && at.index < x.index + x.text.length);
    },
    ordered: (source, clause, at) => {
      const mine = findMeasures(clause).filter((x) => x.measure === m.measure);
      const theirs = findMeasures(source).filter((x) => x.measure === m.measure);
      const k = mine.findIndex((x) => x.index === at);
      if (mine.length < 2 || k < 0 || mine.length !== theirs.length) return null;
      return theirs[k].value !== mine[k].value ? theirs[k].text : null;
    },
  };
}

/**
 * A sentence's dates: those findDates reads, and deadlines it does not (年底前, 7月前, 2019年上半年) as the days they end
 * on, their year open unless said. A month's end (5月底) is its last day, never any day of the month.
 */
function datesIn(sentence: string): DateMention[] {
  const dates = daysOf(sentence);
  const taken = dates.map((d) => ({ from: d.index, to: d.index + d.text.length }));
  // A year said relative to the document's (明年底前) is known only against the document: the task check reads it.
  const more = deadlinesIn(sentence, '2019-01-01')
    .filter((x) => !inside(taken, x.index) && !Object.keys(RELATIVE_YEARS).some((w) => x.text.startsWith(w)))
    .map((x) => ({ text: x.text, index: x.index, year: x.year, month: Number(x.iso.slice(5, 7)), day: Number(x.iso.slice(8)) }));
  // The month of a yearly act (每年4月) and the year a target is set for (到2020年，): checked where the source words them alike.
  const periodic = [...sentence.matchAll(YEARLY_MONTH_OR_TARGET_YEAR)]
    .filter((m) => !inside([...taken, ...more.map((x) => ({ from: x.index, to: x.index + x.text.length }))], m.index))
    .map((m) => {
      // A year labelled as a table's column is (开工年度为2020年) is compared as the year a target is set for.
      const year = m.groups!.year ?? m.groups!.cell;
      const [text, index] = m.groups!.month
        ? [`${m.groups!.month}月`, m.index + m[0].indexOf(`${m.groups!.month}月`)]
        : [`${year}年`, m.index + m[0].indexOf(year)];
      return { text, index, year: year ? Number(year) : null, month: m.groups!.month ? Number(m.groups!.month) : null, day: null };
    });
  return [...dates, ...more, ...periodic].sort((a, b) => a.index - b.index);
}

const YEARLY_MONTH_OR_TARGET_YEAR =
  /每年(?<month>\d{1,2})月(?![\d底末]|份?\s*\d)|(?<=^|[，。；：])(?:到|至)?(?<year>\d{4})年(?=[，,])|(?<=(?:年度|年份)(?:为|是|[：:])\s*)(?<cell>\d{4})年(?!\d|[一二三四五六七八九十]|度)/g;

/** findDates, a month's end read as its last day. */
function daysOf(text: string): DateMention[] {
  return findDates(text).map((d) =>
    d.day === null && d.month !== null && /[底末]$/.test(d.text) ? { ...d, day: new Date(Date.UTC(d.year ?? 2019, d.month, 0)).getUTCDate() } : d,
  );
}

/** Which side of a date a sentence speaks of: before it (9月30日前, a deadline), after it (9月30日后), or the date itself. */
function sideOf(text: string, d: { index: number; text: string }): string | null {
  return /^\s*(?:之|以)?(前|后)/.exec(text.slice(d.index + d.text.length))?.[1] ?? null;
}

function dateTest(d: DateMention, deadline: boolean, side: string | null = null): FigureTest {
  // 9月30日后 where the source says 9月30日前 turns a deadline into a start.
  const sided = (source: string, x: DateMention) => !side || !sideOf(source, x) || sideOf(source, x) === side;
  return {
    what: '日期',
    deadline,
    // A source date says the draft's only as far as the draft's goes: 2019年以来 does not say 2019年5月31日.
    // A period the source writes in the same words (上半年, 第一季度) says it, though no day is read from them.
    holds: (source) =>
      daysOf(source).some((x) => sameDate(d, x) && (d.month === null || x.month !== null) && (d.day === null || x.day !== null) && sided(source, x)) ||
      matchKey(source).includes(matchKey(d.text + (side ?? ''))),
    alternative: (source, draftSentence, at = d.index) => {
      // Of the source's dates, those as specific as the draft's first (a day for a day, not 2019年以来).
      const all = daysOf(source);
      const specific = all.filter((x) => (d.month === null || x.month !== null) && (d.day === null || x.day !== null));
      const near = nearestInWording(specific.length ? specific : all, source, draftSentence, at);
      const x = near === null ? undefined : all.find((y) => y.text === near);
      return x && sameDate(d, x) && !sided(source, x) ? `${near}${sideOf(source, x)}` : near;
    },
    isNoticeDate: (notice) => notice.date !== null && isoOf(d) === notice.date,
  };
}

/** Of a source's figures, the one whose surrounding words are most like the draft's around its figure. */
function nearestInWording(figures: { text: string; index: number }[], source: string, draftSentence: string, at: number): string | null {
  if (!figures.length) return null;
  const around = (s: string, i: number, len: number) => [matchKey(s.slice(Math.max(0, i - 16), i)), matchKey(s.slice(i + len, i + len + 6))];
  const draftFigure = /^[\d.]+|^[零〇一二两三四五六七八九十百千]+/.exec(draftSentence.slice(at))?.[0].length ?? 0;
  const [before, after] = around(draftSentence, at, draftFigure);
  const scored = figures.map((f) => {
    const [b, a] = around(source, f.index, f.text.length);
    return { f, score: similarity(before, b) + similarity(after, a) / 2 };
  });
  scored.sort((a, b) => b.score - a.score);
  return scored[0].f.text;
}

/** Whether a task's locator is a place's: the same, under it (二、（一） holds 二、（一）2.), or a row of a range (附件 序号34-38 holds 附件 序号38). */
function locatorHolds(place: string, task: string): boolean {
  if (task === place || (task.startsWith(place) && !/^\d/.test(task.slice(place.length)))) return true;
  const range = /^(.*序号)(\d+)-(\d+)$/.exec(place);
  const row = range && task.startsWith(range[1]) ? /^(\d+)$/.exec(task.slice(range[1].length)) : null;
  return !!range && !!row && +range[2] <= +row[1] && +row[1] <= +range[3];
}

/** Tasks that give the same roles, as one; else none. */
function oneTask(tasks: TaskRecord[]): TaskRecord[] {
  const roles = (t: TaskRecord) => [t.leadUnits, t.supportUnits, t.implementingUnits].map((xs) => [...xs].sort().join('、')).join('；');
  return tasks.every((t) => roles(t) === roles(tasks[0])) ? tasks : [];
}

/**
 * The tasks words restate: those that hold the words or whose name the words hold (at least `least` of either's character
 * pairs), the closest both ways first, with those about as close.
 */
function restatedTasks(words: string, tasks: TaskRecord[], least: number): TaskRecord[] {
  const key = matchKey(words.replace(TASK_WORDS, ''));
  if (key.length < 4) return [];
  const scored = tasks
    .map((t) => {
      const name = matchKey(t.task);
      const [a, b] = name.length < 4 ? [0, 0] : [coverage(name, key), coverage(key, name)];
      return { t, gate: Math.max(a, b), score: a + b };
    })
    .filter((x) => x.gate >= least)
    .sort((a, b) => b.score - a.score);
  return scored.filter((x) => x.score >= scored[0].score - TASK_RIVAL).map((x) => x.t);
}

/**
 * The deadlines a sentence gives, as dates: a date followed by 前 or 完成, or led by 完成时限; and the periods a draft
 * ends a task by (年底前, 年内, 7月前, 9月中旬前, 上半年, 第三季度) in the year it says (2019年, 明年) or else the
 * document's (its issue date's). Recurring dates (每月25日前) are frequencies, not deadlines.
 */
function deadlinesIn(sentence: string, issued: string | null): Deadline[] {
  const year = issued ? Number(issued.slice(0, 4)) : null;
  const out: Deadline[] = [];
  const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const monthEnd = (y: number, m: number) => iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
  const due = (at: number, to: number) => {
    const [before, after] = [sentence.slice(Math.max(0, at - 8), at), sentence.slice(to)];
    if (/每(?:个)?(?:月|季度|年)$/.test(before)) return null;
    const ahead = /^\s*(?:之|以)?前/.test(after) || /前$/.test(sentence.slice(at, to));
    return ahead || /^\s*(?:内)?(?:全面|全部|基本)?完成/.test(after) || /(?:时限|期限|截止|截至)[为是：:\s]*$/.test(before) ? { ahead } : null;
  };
  for (const d of findDates(sentence)) {
    const by = due(d.index, d.index + d.text.length);
    const y = d.year ?? year;
    if (!by || y === null || d.month === null) continue;
    // 2019年7月前 is before July: the end of June.
    const day =
      d.day !== null
        ? iso(y, d.month, d.day)
        : /[底末]$/.test(d.text) || !by.ahead
          ? monthEnd(y, d.month)
          : d.month > 1
            ? monthEnd(y, d.month - 1)
            : iso(y - 1, 12, 31);
    out.push({ text: d.text, index: d.index, iso: day, year: d.year });
  }
  const taken = out.map((d) => ({ from: d.index, to: d.index + d.text.length }));
  for (const m of sentence.matchAll(PERIOD_DEADLINE)) {
    const g = m.groups!;
    const said = g.year ? Number(g.year) : g.relative ? (year ?? 0) + RELATIVE_YEARS[g.relative] : null;
    const y = said ?? year;
    if (y === null || inside(taken, m.index) || !due(m.index, m.index + m[0].length)) continue;
    const month = g.month ? Number(g.month) : null;
    if (month !== null && (month < 1 || month > 12)) continue;
    const day = g.half
      ? g.half === '上半年'
        ? iso(y, 6, 30)
        : iso(y, 12, 31)
      : g.quarter
        ? monthEnd(y, 3 * parseNumber(g.quarter))
        : month === null
          ? iso(y, 12, 31)
          : g.ten
            ? g.ten === '下'
              ? monthEnd(y, month)
              : iso(y, month, g.ten === '上' ? 10 : 20)
            : g.end
              ? monthEnd(y, month)
              : month > 1
                ? monthEnd(y, month - 1)
                : iso(y - 1, 12, 31);
    out.push({ text: m[0], index: m.index, iso: day, year: said });
  }
  return out.sort((a, b) => a.index - b.index);
}

interface Deadline {
  text: string;
  index: number;
  /** The day it ends on. */
  iso: string;
  /** The year the sentence itself says (2019年, 明年), or null where it is the document's. */
  year: number | null;
}

/** Years a draft says relative to the document's: 今年 is its own, 明年 the next. */
const RELATIVE_YEARS: Record<string, number> = { 今年: 0, 本年: 0, 当年: 0, 本年度: 0, 明年: 1, 次年: 1, 来年: 1 };
/** A period a task is ended by, with the year it is in when said: 年底前, 年内, 7月前, 9月中旬前, 上半年, 第三季度末. */
const PERIOD_DEADLINE = new RegExp(
  `(?<![\\d〇零一二三四五六七八九年月])(?:(?<year>\\d{4})\\s*年(?:度)?|(?<relative>${Object.keys(RELATIVE_YEARS)
    .sort((a, b) => b.length - a.length)
    .join(
      '|',
    )}))?(?:(?:年底|年末|(?<=年)(?:底|末))(?:之|以)?前|年内|(?<half>上半年|下半年)(?:末|底)?|第?(?<quarter>[一二三四])季度(?:末|底)?|(?<month>\\d{1,2})\\s*月(?:(?<ten>[上中下])旬|(?<end>底|末))?(?:之|以)?前)`,
  'g',
);

/** Dates in Chinese numerals written in digits (二〇一九年六月一日 → 2019年6月1日), as the gazette prints them. */
function digitDates(s: string): string {
  for (const d of findDates(s).reverse())
    if (/^[〇零一二三四五六七八九]/.test(d.text) && d.year !== null)
      s = `${s.slice(0, d.index)}${d.year}年${d.month}月${d.day}日${s.slice(d.index + d.text.length)}`;
  return s;
}

/** A title's words (《…印发…的通知》) say nothing of the sentence's own dates. */
const withoutTitles = (s: string) => s.replace(/《[^《》]*》/g, '《》');

/** A sentence with its figures blanked, for comparing wording alone. */
function maskFigures(s: string, titled = false): string {
  // Figures in Chinese numerals too (二〇一九年五月一日, 十个工作日): dates in every spelling align alike.
  const spans = [...findDates(s), ...findMeasures(s)].filter((x) => /^[零〇一二两三四五六七八九十百千]/.test(x.text)).sort((a, b) => b.index - a.index);
  for (const x of spans) s = s.slice(0, x.index) + x.text.replace(/[零〇一二两三四五六七八九十百千]+/g, '0') + s.slice(x.index + x.text.length);
  // A source's titles name what its sentence (a table row) is about; a draft's are no claim of its own. A name's
  // digits (PM2.5, PM10) are words, not figures.
  const bare = titled ? s.replace(/【[^】]*】/g, '').replace(/[《》]/g, '') : s.replace(/[【《][^】》]*[】》]/g, '');
  return matchKey(withoutDocSerials(bare, '').replace(/(?<![a-z])[\d.%]+/gi, '#'));
}

function safeLocators(written: string, byArticles: boolean): string[] | null {
  try {
    return clauseLocators(written, byArticles);
  } catch {
    return null;
  }
}

/** 附件 序号3 / 附件2序号3 as the outline writes them. */
function attachmentLocator(written: string): string[] | null {
  const m = /^(?:附件\s*(\d*)\s*)?序号\s*(\d+)$/.exec(foldCharacters(written).trim());
  return m ? [`附件${m[1] ?? ''} 序号${Number(m[2])}`] : null;
}

/** A span of the source out to the nearest stops either side, when they are near: the words a drafter needs to fix a quotation. */
function widened(text: string, from: number, to: number): string {
  const REACH = 24;
  const stop = /[，。；：！？\n]/;
  let a = from;
  while (a > 0 && from - a < REACH && !stop.test(text[a - 1])) a--;
  if (a > 0 && !stop.test(text[a - 1])) a = from;
  let b = to;
  while (b < text.length && b - to < REACH && !stop.test(text[b])) b++;
  if (b < text.length && !stop.test(text[b])) b = to;
  return text.slice(a, b).trim();
}

/** A table row of named cells (序号：8；项目名称：…；计划投资（万元）：5000；责任单位：…). */
const TABLE_ROW = /^序号[：:]/;

/**
 * The units a source paragraph makes claims in: its sentences, but a table row whole, since its cells (项目名称,
 * 计划投资, 责任单位) say one thing together: a figure or unit is the row's only with the row's project.
 */
function claimsOf(p: { locator: string; text: string; page: number | null }): { text: string }[] {
  return p.text.split('\n').flatMap((line) => {
    if (!TABLE_ROW.test(line.trim())) return sentencesOf({ ...p, text: line });
    // A 备注 is notes of its own (9月30日前，建立红黑名单制度。12月30日前，实现互联互通。), often merged over several rows: its sentences, not the row's.
    const [row, note] = line.trim().split(/；备注[：:]/);
    return [{ text: row }, ...(note ? sentencesOf({ ...p, text: note.replace(/／/g, '\n') }) : [])];
  });
}

function firstSentence(text: string): string {
  return (/^[^。；\n]*[。；]?/.exec(text.trim())?.[0] ?? text).trim();
}

/** The source's own spelling of words found in it (whitespace and width aside). */
function sourceWords(body: string, words: string): string {
  const { key, at } = keyWithOffsets(body);
  const i = key.indexOf(matchKey(words));
  return i < 0 ? words : body.slice(at[i], at[i + matchKey(words).length - 1] + 1);
}

function citeSpan(p: Place, quote: string): Citation {
  return citationIn(p.notice, p.text, p.locator, p.page, quote);
}

/** A sentence's clauses (between commas, semicolons and colons), tags and bracketed citations （卫政办规发〔2019〕2号第五条第三项） blanked. */
function clausesOf(sentence: string): { text: string; from: number }[] {
  const blank = sentence
    .replace(SEE_PATH, (t) => '　'.repeat(t.length))
    .replace(/【[^【】]*】|[（(][^（）()]*(?:〔\d{4}〕|第[一二三四五六七八九十百]+条|同上)[^（）()]*[）)]/g, (t) => '　'.repeat(t.length));
  return [...blank.matchAll(/[^，；：,;:。！？｜|\n]+/g)].map((m) => ({ text: m[0], from: m.index })).filter((c) => c.text.trim().length > 0);
}

/** The clause a position is in; a short one (自2018年起，) read with the clause it leads into. */
function clauseAt(sentence: string, at: number, least = 0): { text: string; from: number } {
  const clauses = clausesOf(sentence);
  const k = clauses.findIndex((c) => at >= c.from && at < c.from + c.text.length);
  if (k < 0) return { text: sentence, from: 0 };
  const [c, next] = [clauses[k], clauses[k + 1]];
  return maskFigures(c.text).length < least && next ? { text: sentence.slice(c.from, next.from + next.text.length), from: c.from } : c;
}

function rankBy(key: string, sources: SourceSentence[], mask: (s: string) => string = (s) => s): (SourceSentence & { score: number })[] {
  // A row is read both as printed (计划投资（万元）：607) and as a draft writes it (计划投资607万元).
  const score = (s: SourceSentence) => Math.max(...[...new Set([s.text, withCellUnits(s.text)])].map((t) => coverage(key, mask(maskFigures(t, true)))));
  return sources.map((s) => ({ ...s, score: score(s) })).sort((a, b) => b.score - a.score);
}

/** The units a table row's role cells name, however they are named (责任单位：应理城乡市政产业（集团）公司；责任单位：海原县). */
const cellUnits = (row: string) =>
  TABLE_ROW.test(row)
    ? [...row.matchAll(/(?:牵头|责任|配合)(?:单位|部门)[：:]([^；]+)/g)]
        .flatMap((m) => m[1].split(/[、，,]|(?<=[局委会府室心司])和/))
        .filter((u) => u.length >= 2)
    : [];

/** A row's figures with the unit their cell's name gives (计划投资（万元）：1300 → 计划投资：1300万元), as a draft writes them. */
const withCellUnits = (row: string) => (TABLE_ROW.test(row) ? row.replace(/[（(]([^（）()：:；]{1,4})[）)][：:]\s*(\d+(?:\.\d+)?)/g, '：$2$1') : row);

/** Whether a row prints a figure few rows print (8849.32, 15000) that a draft's words hold: it names its row as surely as its project's name. */
function printsFigureOf(row: string, words: string): boolean {
  const figures = (words.match(/\d+\.\d+|\d{3,}/g) ?? []).filter((n) => !/^(?:19|20)\d\d$/.test(n));
  return TABLE_ROW.test(row) && figures.some((n) => new RegExp(`(?<![\\d.])${n.replace('.', '\\.')}(?![\\d.])`).test(row));
}

/**
 * Table rows a clause aligns with (every row of a table has 计划投资, 责任单位, 完成时限) told apart by the whole
 * sentence's words: a claim about a row is about the row of the project its sentence names. Where the clause's best match
 * is a row, the rows that fit the sentence best come first and the other rows are dropped.
 */
function byRow<T extends SourceSentence & { score: number }>(ranked: T[], sentence: string): T[] {
  if (!ranked.length || !TABLE_ROW.test(ranked[0].text)) return ranked;
  const rows = ranked.filter((s) => TABLE_ROW.test(s.text) && s.score >= ALIGNED);
  if (rows.length < 2) return ranked;
  const key = slotKey(sentence.replace(TAG, ''));
  const fit = new Map(rows.map((r) => [r, coverage(key, slotKey(r.text))]));
  const best = Math.max(...fit.values());
  const tied = rows.filter((r) => fit.get(r)! >= best - TIED).sort((a, b) => fit.get(b)! - fit.get(a)!);
  // Where the words leave rows tied (该项目计划投资…), a figure only one of them prints names it; a figure never outweighs the project's name.
  const printing = tied.filter((r) => printsFigureOf(r.text, sentence));
  const kept = printing.length ? printing : tied;
  return [...kept, ...ranked.filter((r) => !rows.includes(r))];
}

/** Units, frequencies, modals, bounds and counts blanked: the words a claim is compared on, not aligned by. */
function maskSlots(key: string): string {
  return key.replace(UNIT_NAME_G, '◇').replace(FREQUENCY, '◎').replace(MODAL, '△').replace(BOUND, '▽').replace(COUNT, '#');
}

/** A clause as it is aligned: figures and slots blanked. */
const slotKey = (clause: string) => maskSlots(maskFigures(clause));
/** A clause shorter than this (blanked) is aligned together with the one before it. */
const MIN_CLAUSE = 8;
/** A clause this much of whose character pairs a source sentence holds is said by it whole. */
const SAID_WHOLE = 0.8;

/** What a modal says of an act, one grammar for the draft and the source. */
const MODALS: [string, RegExp][] = [
  ['permit', /(?<!不)可以|(?<!不)允许|准予|鼓励|无需|无须|不需|不必|免于|免予/g],
  ['forbid', /不得|禁止|严禁|不准|不允许|不能|不予|不可以/g],
  // 一律 before an act obliges it (一律依法停产整治); before a prohibition (一律禁止) it only stresses it.
  // 予以 does the act (予以公开), the opposite of 不予.
  ['oblige', /必须|(?<![无不必])须|应当|务必|一律(?![不禁严免可无])|(?<!不)予以/g],
];
/** Whether a rule admits exceptions: as a rule (原则上) or without any (一律), each the other's mismatch. */
const EXCEPTIONS: Record<string, RegExp> = { 原则上: /一律|一概|禁止|严禁|不得|必须|应当|须/, 一律: /原则上/, 一概: /原则上/ };
const MODAL = new RegExp(MODALS.map(([, re]) => re.source).join('|'), 'g');
const OBLIGATION = /必须|(?<![无不必])须|应当|务必/;
/** Modals as either side may write them bare, for comparing what a modal governs: 可申请, 应将…报送. */
const LOOSE_MODALS: [string, RegExp][] = [
  ['permit', new RegExp(`${MODALS[0][1].source}|(?<![不许认宁])可(?=[\\u4e00-\\u9fa5])(?![以能是见靠行持])`, 'g')],
  MODALS[1],
  ['oblige', new RegExp(`${MODALS[2][1].source}|(?<![相对响供适反呼答感效回理])应(?=[将按于在予及做把向对从由])`, 'g')],
];
/** Words saying an act need not be done, and negations before an act in the source. */
const NEEDLESS = /无需|无须|不需要?|不必|不用/g;
const NEGATION_BEFORE = /(?:无需|无须|不需要?|不必|不用|不得|禁止|严禁|不予|不|未|无)$/;
/** Modals that let or make an act be done (not 无需, 免于, which already say it need not). */
const AFFIRMING = /^(?:可|允许|准予|鼓励|应|须|必须|务必|予以)/;
/** An act a source negates outright (不领取, 不纳入), the verb captured: not 不得, 不予 (modals), nor 不少于, 不超过 (bounds). */
const NEGATED_ACT = /(?<![得可予能要许准必应并])不(?![得予能准许可必少超低高足多仅断同但过宜需须要再])([\u4e00-\u9fa5]{2})/g;
/** The act a modal governs: this many characters after it, of which this share said after the source's modal. */
const ACT_LENGTH = 10;
const ACT_SAID = 0.6;
/** Or this many characters before it, the same before the source's modal. */
const LEAD_LENGTH = 6;
/** The words before a modal it is placed by (its doer and condition), and how many more the source may put there (按规定). */
const CONTEXT_LENGTH = 16;
const ADVERBIALS = 8;

/** The words of a modal's clause before it and of the clause before that: who does the act, and when. */
function contextBefore(text: string, at: number, n: number): string {
  return matchKey(
    text
      .slice(0, at)
      .split(/[，；。：]/)
      .slice(-2)
      .join(''),
  ).slice(-n);
}

/** Whether two acts share a word (a pair of characters): 视情况解读 and 重点解读. */
function sharesWord(a: string, b: string): boolean {
  return coverage(b, a) > 0;
}
/** A bound on a figure, before it (不少于5个) or after it (5个以上): 'min' or 'max'. */
const BOUNDS: [string, RegExp][] = [
  ['min', /不少于|不低于|至少|最少|(?<!不)(?:超过|高于|多于)|(?<=[\d一二两三四五六七八九十百千万][^，。；、]{0,5})(?:及)?以上/g],
  ['max', /不多于|不高于|不超过|不足|最多|(?<!不)(?:低于|少于)|(?<=[\d一二两三四五六七八九十百千万][^，。；、]{0,5})(?:及)?(?:以下|以内)/g],
];
const BOUND = new RegExp(BOUNDS.map(([, re]) => re.source).join('|'), 'g');
/** Parity words and the words of the other parity (双数 is 偶数, 单数 is 奇数). */
const OPPOSITES: [string[], string[], string][] = [
  [['奇数', '单数'], ['偶数', '双数'], '奇偶'],
  [['单排'], ['双排'], '单双'],
  [['单向'], ['双向'], '单双'],
  [['单侧'], ['双侧'], '单双'],
  [['单层'], ['双层'], '单双'],
  // All of several against one of them (解读渠道和解读方式均为多选一).
  [['全部', '所有'], ['多选一', '任选一', '任选其一', '选择其一', '择一'], '数量'],
];
/** A post with its rank (副主任, 常务副主任 are not 主任): compared where the source names the same post of the same body for the same person. */
const POST = /(常务)?(副)?(秘书长|局长|主任|书记|政委|支队长|大队长|场长|组长|处长|科长|院长|校长|主席|部长|队长|站长|所长|馆长)/g;
/** A post's modifiers that are not the body's name. */
const POST_MODIFIER = /(?:专职|兼职|挂职)$/;
/** Persons named before 同志, one or a list (田力、于涛、王建虎5名同志). */
const PERSONS = /((?:[\u4e00-\u9fa5]{2,3}[、和])*[\u4e00-\u9fa5]{2,3}(?:\d+|[两二三四五六七八九十]+)?名?)同志/g;
/** How many words after 同志 say what the person does (调任试用, 任市禁毒). */
const PERSON_ACT = 4;
const namesOf = (list: string) => list.replace(/(?:\d+|[两二三四五六七八九十]+)?名$/, '').split(/[、和]/);
/** A deadline that is a stage of the work (在工程设计前完成, 调整到项目开工前完成): the stage and its side. */
const STAGE_DEADLINE = /(?:在|到|于|至)([\u4e00-\u9fa5]{2,8}?)(?:之|以)?([前后])(?=完成|办结|办理|报送|提交|到位)/g;
/** Words of all of a kind, and words of some of it. */
const UNIVERSAL = /所有|全部|一切|全体|每个|每一个/g;
const SOME = /重要|部分|主要|重点|个别|少数|一般/;
/** Whoever a clause makes responsible, unit or not (由土地使用权人负责开展调查): the holder and the act. */
const BY_WHOM = /由([^，。；：、由]{2,16}?)(?:单独|独自|具体|自行)?(?:负责|牵头|组织|承担|与|向|对)([\u4e00-\u9fa5]{0,8})/g;
const FREQUENCY =
  /每(?:个)?(?:年度|半年|年|季度|季|月|旬|周|星期|日|天)(?:末|底|初)?|按(?:年度|年|季度|季|月|周|日)|(?<![\d〇一二三四五六七八九本上下当该全])(?:半年度|年度|季度|月度)(?=考核|评估|检查|报告|总结|调度|通报|评议|评价)/g;
/**
 * A unit as the gazette names it: 市生态环境局, 县级以上人民政府, 市国资委, 各县（区）人民政府, 市人民检察院; a bracket only as a
 * word of its name (应理城乡市政产业（集团）公司) or after it (各县（区）人民政府（管委会）), never one that opens a note
 * (加强城市绿化建设（市自然资源局牵头…）).
 */
const UNIT_LEVEL = '(?:市|县|区|自治区|各级|各县（区）)';
const UNIT_BODY =
  '(?:(?!由)[\\u4e00-\\u9fa5]|（[\\u4e00-\\u9fa5]{1,3}）){0,14}?(?:局|委员会|委|办公室|中心|公司|政府(?!办公室)|管委会|军分区|顾问室|部门|法院|检察院|财政(?![局厅部]))(?:（[\\u4e00-\\u9fa5]{1,4}）)?';
const UNIT_NAME = `${UNIT_LEVEL}${UNIT_BODY}`;
const UNIT_NAME_G = new RegExp(UNIT_NAME, 'g');
/** A unit without its level, as a draft may write it after 由 or in a list (由退役军人事务局; 市工业和信息化局、生态环境局). */
const UNIT_BARE = `(?:${UNIT_LEVEL}|(?![由经的及与和向对将、]))${UNIT_BODY}`;
/** The units of a list, each up to a separator or the list's end (市纪委监委 is one unit). */
const LISTED_UNIT = new RegExp(`${UNIT_BARE}(?=[、和及与]|$)`, 'g');
/**
 * A unit without its level written where a clause starts (财政局要…, 发改委负责…), never after a mere space (the
 * gazette's lines break inside names: 市公共 资源交易中心): only words that can be a unit's name —
 * none of the function words a clause's first words hold (同时由X…, 该项任务由X…), nor a generic holder (有关部门, 各级财政),
 * nor a word that only ends as a unit does (产业布局); a 部门 or 政府 is named by its level (审批部门 is no one unit).
 */
const CLAUSE_START = '(?:^|[，；。：！？（(])(?:同时|并且|并|另外|此外|其中|且)?';
const UNIT_WORD = '(?:(?![由经的对将在要应须把向给为是与及等市县])[\\u4e00-\\u9fa5]|（[\\u4e00-\\u9fa5]{1,3}）)';
/** Words that start a clause but no unit's name: holders of no one unit, connectives, and verbs that take a unit as object. */
const NOT_A_UNIT =
  '有关|相关|其他|其它|同级|本级|上级|下级|所在|主管|行业|职能|责任|牵头|配合|各|该|本|同时|并|另外|此外|其中|且|督促|指导|要求|加强|推动|组织|协调|支持|鼓励|落实|建立|完善|推进|开展|实施|明确|会同|协助|联合|通过|依托|按照|根据|结合|围绕|请';
const UNIT_AT_START = `(?<=${CLAUSE_START})(?!${NOT_A_UNIT})(?:${UNIT_WORD}){2,12}?(?:(?<![布格大全结当时开骗])局|委员会|委|办公室|中心|管委会|财政(?![局厅部]))`;
/** A table's or note's label for who does a task (牵头单位, 责任主体, 解读单位, 主管部门): the label's first word is what they do. */
const ROLE_LABEL = '(?:牵头|责任|配合|解读|实施|承办|主管|起草)(?:单位|部门|主体)';
/** Roles written before the units (由X, 设在X, 经X, 会同X, 牵头单位：X) and acts written after them (X牵头, X、Y配合). */
const ROLE_BEFORE = `由|设在|经(?![费过济营常])|会同|上缴(?:至|到)?|向|${ROLE_LABEL}(?:为|是|[：:])\\s*`;
const ROLE_AFTER = '牵头|负责|安排|组织|统筹|会同|配合|参与|协助|(?:只)?[为是](?:牵头|配合)';
/** A unit in a role, the one grammar a draft's units and the source's are read with: 由X牵头, 设在X, 经X审查, 会同X, 牵头单位：X、Y, X牵头, X负责(实施), X、Y配合. */
/**
 * What a unit written as its clause's subject is said to do (市财政局要…, X应当…, X每季度…, X对…进行…): a modal, a
 * frequency, a time or place (于, 在), an object led by 对, 将, 按, or an adverb of how.
 */
const SUBJECT_ACTS =
  '要(?![求点素件])|应当|应(?=[将按于在予及做把向对从由])|必须|须|务必|不得|可以|每(?:个)?(?:年|季|月|旬|周|日|天|半年)|对(?!口|外|象)|将|按(?:照)?|于|在|定期|依法|及时|统一|全面|积极|认真|切实|加快|进一步';
const UNIT_IN_ROLE = new RegExp(
  `(${ROLE_BEFORE})(${UNIT_BARE}(?:[、和及与]${UNIT_BARE})*?(?=等?(?:${ROLE_AFTER}|具体|落实|实施|承担))|${UNIT_BARE}(?:[、和及与]${UNIT_BARE})*)((?:(?:(?![任为由担])[\\u4e00-\\u9fa5]){0,6}?(?:局长|主任|组长))?)|((?:${UNIT_NAME}|${UNIT_AT_START})(?:[、和及与]${UNIT_BARE})*)(?=等?(?:${ROLE_AFTER}))|((?:(?<=${CLAUSE_START}|\\s)${UNIT_NAME}|${UNIT_AT_START})(?:[、和及与]${UNIT_BARE})*)(?=(?:${SUBJECT_ACTS}))`,
  'g',
);
/** Acts of the unit that leads a task (责任 as in 责任单位：X); after 由 also 安排, 组织…. */
const LEAD_ACTS = ['牵头', '负责', '责任'];
const LEADS_AFTER_BY = /^(?:单独|独自|牵头|负责|具体|安排|组织|统筹|落实|实施|承担)/;
/** The words of a role after its units, as a task's restatement puts them (…，X负责实施。). */
const ROLE_WORDS =
  /^等?(?:单独|独自)?(?:牵头|具体负责|负责实施|负责|安排|组织实施|组织|统筹|落实|实施|承担|会同|配合|参与|协助|协同|只?[为是](?:牵头|配合)单位)/;
const SUPPORT_ACTS = /^(?:配合|参与|协助|协同)/;

interface UnitInRole {
  unit: string;
  /** Where the unit starts. */
  at: number;
  /** The role word before it (由, 设在, 牵头单位：), or ''. */
  prefix: string;
  /** What it does: the act after it (牵头, 优先安排's 优先), or the label's (牵头 of 牵头单位：X). */
  does: string;
  /** In a task: leading it, supporting it, or neither said. */
  role: 'lead' | 'support' | null;
  /** Written as its clause's subject (市财政局要…), no role word said: a doer, not a task's role. */
  subject: boolean;
  /** The whole role phrase (由X牵头, 牵头单位：X、Y, X、Y配合), where the unit is the last of its list. */
  phrase: Span;
}

/** A county or district named as the one doing a task (由沙坡头区负责实施): its government, a unit though no 局 ends its name. */
const PLACE_IN_ROLE = /由(?!所在|本|该|各|其|城|辖|园|社|景|片|小|街|市)([\u4e00-\u9fa5]{2,3}[县区])(?=(?:单独|独自)?(?:负责|牵头|组织|具体|落实|实施|承担))/g;

/** Every unit a text puts in a role, each unit of a list on its own. */
function unitsInRole(text: string): UnitInRole[] {
  const places = [...text.matchAll(PLACE_IN_ROLE)].map((m) => {
    const end = m.index + m[0].length;
    const phrase = { from: m.index, to: end + (ROLE_WORDS.exec(text.slice(end))?.[0].length ?? 0) };
    return { unit: m[1], at: m.index + 1, prefix: '由', does: text.slice(end, end + 2), role: 'lead' as const, subject: false, phrase };
  });
  return [...places, ...unitsOfGrammar(text).filter((u) => !places.some((p) => u.at >= p.phrase.from && u.at < p.phrase.to))].sort((a, b) => a.at - b.at);
}

function unitsOfGrammar(text: string): UnitInRole[] {
  return [...text.matchAll(UNIT_IN_ROLE)].flatMap((m) => {
    const prefix = m[1] ?? '';
    const subject = m[5] !== undefined;
    const list = m[2] ?? m[4] ?? m[5];
    const from = m.index + prefix.length;
    // A title after the unit (市司法局分管副局长) is part of who is named.
    const title = m[3] ?? '';
    // X为配合单位 says what X does as 配合 does.
    const act = text
      .slice(m.index + m[0].length)
      .replace(/^等?(?:只)?[为是]?/, '')
      .slice(0, 2);
    const label = new RegExp(`^${ROLE_LABEL}`).exec(prefix)?.[0].slice(0, 2);
    const does = label ?? act;
    // A label other than 牵头, 责任, 配合 (解读单位) names the unit doing its act, not a task's role.
    const role = subject
      ? null
      : label === '配合' || prefix === '会同' || (!prefix && SUPPORT_ACTS.test(act))
        ? 'support'
        : label === '牵头' || label === '责任' || (prefix === '由' ? LEADS_AFTER_BY.test(act) : !prefix && !label && !SUPPORT_ACTS.test(act))
          ? 'lead'
          : null;
    const units = [...list.matchAll(LISTED_UNIT)];
    const end = m.index + m[0].length;
    const phrase = { from: m.index, to: end + (ROLE_WORDS.exec(text.slice(end))?.[0].length ?? 0) };
    return units.map((u, k) => ({ unit: u[0] + (k === units.length - 1 ? title : ''), at: from + u.index, prefix, does, role, subject, phrase }));
  });
}

/** A unit as a draft names it: the same unit with or without its level, or shortened (市科技局 for 市科学技术局). */
export function sameUnit(written: string, named: string): boolean {
  const level = new RegExp(`^${UNIT_LEVEL}`);
  // 委 is short for 委员会 (发改委); 市政府 for 市人民政府.
  const [w, n] = [written, named].map((u) =>
    u
      .replace(/\s+/g, '')
      .replace(/委员会$/, '委')
      .replace(/人民政府/, '政府')
      // A county or district is its government (沙坡头区 for 沙坡头区人民政府).
      .replace(/^([\u4e00-\u9fa5]{2,3}[县区])政府$/, '$1')
      // A bracket after the name adds the bodies of like rank (各县（区）人民政府（管委会）): the name is said without it.
      .replace(/（[\u4e00-\u9fa5]{1,4}）$/, ''),
  );
  const [lw, ln] = [level.exec(w)?.[0], level.exec(n)?.[0]];
  if (lw && ln && lw !== ln) return false;
  const [a, b] = [w.slice(lw?.length ?? 0), n.slice(ln?.length ?? 0)];
  // 市场监督管理局 is 市市场监督管理局 without its level, though it starts as a level does.
  if (a === b || w === b) return true;
  // Words a draft runs into a name (同时市民政局, 督促财政局) are not part of it; a place (沙坡头区生态环境局) is.
  const tail = [n, b].find((x) => x.length >= 3 && w.endsWith(x));
  if (tail && !/[市县区州旗镇乡]/.test(w.slice(0, -tail.length))) return true;
  // A department named by its field (住房城乡建设部门, 自然资源部门) is the unit of that field.
  if (/部门$/.test(a) && !/部门$/.test(b)) return a.length > 2 && inOrder(a.slice(0, -2), b);
  return a.length < b.length && a.at(-1) === b.at(-1) && inOrder(a, b);
}

/** Whether a short name's characters stand in a long one in order, from its first (科技局 in 科学技术局). */
function inOrder(short: string, long: string): boolean {
  if (!short.length || short[0] !== long[0]) return false;
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}

/** Words either side of a unit that place it in a sentence. */
const SLOT_WORDS = 2;

const RATE = /(?<=元|%)(?:每|\/)(?:件次|人次|小时|次|件|天|日|月|年|人|户|亩)/g;
const COUNT = /(?<![第\d一二两三四五六七八九十])(\d+|[一二两三四五六七八九十]+)(个|名|类|条|批|阶段)(?!工作日|月|百分点)/g;

/** 每年度 and 每年, 按月 and 每月 are one frequency. */
const frequencyKey = (f: string) =>
  f
    .replace(/^(?:按|每个|每)/, '')
    .replace(/^(年|月)度/, '$1')
    .replace(/^季(?!度)/, '季度')
    .replace(/[末底初]$/, '');

/** The source's words around a modal, for telling whether two modals govern the same act. */
const after = (text: string, at: number, n: number) => matchKey(text.slice(at, at + n));

const numberValue = (n: string) => (/\d/.test(n) ? Number(n) : parseNumber(n));

/** Each bound of a text with the number it bounds (the one after a bound word before it, else the one before a bound word after it), or null where it bounds words (不高于现状). */
function boundsOf(text: string): { at: number; word: string; dir: string; value: number | null }[] {
  return BOUNDS.flatMap(([dir, re]) =>
    [...text.matchAll(re)].map((m) => {
      const n = /[上下内]$/.test(m[0])
        ? /(\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)[^，。；、\d]{0,5}$/.exec(text.slice(0, m.index))?.[1]
        : /^\s*(\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)/.exec(text.slice(m.index + m[0].length))?.[1];
      return { at: m.index, word: m[0], dir, value: n ? numberValue(n) : null };
    }),
  );
}

/** The first thing a draft clause asserts that the source sentence it says does not: where, as written, and the source's words. */
function claimDifference(
  clause: string,
  source: string,
  paragraph: string,
  open: (at: number) => boolean = () => true,
): { at: number; written: string; expected: string; what: string } | null {
  for (const [a, b, what] of OPPOSITES) {
    for (const [mine, theirs] of [
      [a, b],
      [b, a],
    ]) {
      const word = mine.find((x) => clause.includes(x));
      const other = theirs.find((x) => source.includes(x));
      if (word && other && !mine.some((x) => source.includes(x))) return { at: clause.indexOf(word), written: word, expected: other, what };
    }
  }
  for (const p of clause.matchAll(POST)) {
    // The same post of the same body (the words before it), for the same person where the clause names one (田力同志任…).
    // A modifier of the post (专职副主任) is no part of the body's name.
    const body = matchKey(clause.slice(Math.max(0, p.index - 8), p.index).replace(POST_MODIFIER, '')).slice(-4);
    const person = /([\u4e00-\u9fa5]{2,3})同志(?!.*同志)/.exec(clause.slice(0, p.index))?.[1];
    const theirs = [...source.matchAll(POST)].filter((x) => {
      const before = source.slice(0, x.index);
      const named = person ? before.lastIndexOf(`${person}同志`) : -1;
      return (
        x[3] === p[3] &&
        matchKey(before.slice(-8).replace(POST_MODIFIER, '')).endsWith(body) &&
        (!person || (named >= 0 && !before.slice(named + person.length + 2).includes('同志')))
      );
    });
    if (body.length >= 2 && theirs.length && !theirs.some((x) => x[1] === p[1] && x[2] === p[2]))
      return { at: p.index, written: p[0], expected: widened(source, theirs[0].index, theirs[0].index + theirs[0][0].length), what: '职务' };
  }
  // A person said to do what the source says another did (张建华同志调任… where it says 董兴华同志调任…): the names its
  // paragraph writes before 同志 and the same words after it, to the clause's end (a name read with a word before it,
  // 决定张龙, is that name).
  const actAfter = (text: string, x: RegExpMatchArray) => matchKey(text.slice(x.index! + x[0].length).split(/[，；。：]/)[0]);
  for (const p of clause.matchAll(PERSONS)) {
    const act = actAfter(clause, p);
    if (act.length < PERSON_ACT) continue;
    const doers = [...paragraph.matchAll(PERSONS)]
      .filter((x) => {
        const theirs = actAfter(paragraph, x);
        return theirs.length >= PERSON_ACT && (theirs.startsWith(act) || act.startsWith(theirs));
      })
      .flatMap((x) => namesOf(x[1]));
    const missing = namesOf(p[1]).find((n) => !doers.some((d) => n.endsWith(d) || d.endsWith(n)));
    if (doers.length && missing) return { at: p.index + p[1].indexOf(missing), written: missing, expected: [...new Set(doers)].join('、'), what: '人员' };
  }
  // A deadline set by a stage of the work (在项目开工前完成) moved to another stage.
  const stages = [...source.matchAll(STAGE_DEADLINE)];
  for (const st of clause.matchAll(STAGE_DEADLINE)) {
    const same = (x: RegExpMatchArray) => x[2] === st[2] && (x[1].includes(st[1]) || st[1].includes(x[1]));
    if (stages.length && !stages.some(same))
      return { at: st.index + st[0].indexOf(st[1]), written: `${st[1]}${st[2]}`, expected: stages.map((x) => `${x[1]}${x[2]}`).join('、'), what: '完成时限' };
  }
  // All of a kind (所有湿地) said of some of it (重要湿地).
  for (const u of source.matchAll(UNIVERSAL)) {
    const noun = source.slice(u.index + u[0].length, u.index + u[0].length + 2);
    const some = new RegExp(`(${SOME.source})${noun}`).exec(clause);
    if (noun.length === 2 && some && !clause.includes(u[0] + noun)) return { at: some.index, written: some[1], expected: u[0], what: '数量' };
  }
  for (const [word, other] of Object.entries(EXCEPTIONS)) {
    const at = clause.indexOf(word);
    const theirs = other.exec(source);
    if (at >= 0 && theirs && !source.includes(word))
      return { at, written: word, expected: widened(source, theirs.index, theirs.index + theirs[0].length), what: '例外' };
  }
  // A modal the source puts otherwise on the same act: 可以 where it says 不得 or 应当, 不得 where it says 可以…
  for (const [kind, mine] of MODALS) {
    const m = [...clause.matchAll(mine)][0];
    if (!m || [...source.matchAll(mine)].length) continue;
    const act = after(clause, m.index + m[0].length, 8);
    const theirs = MODALS.filter(([k]) => k !== kind).flatMap(([, re]) => [...source.matchAll(re)]);
    const t = theirs.find((x) => coverage(act, after(source, x.index + x[0].length, 16)) >= 0.3);
    if (t) return { at: m.index, written: m[0], expected: widened(source, t.index, t.index + t[0].length), what: '允许、禁止与义务' };
  }
  // A permission or duty on an act the source negates outright (可按件领取劳务报酬 where it says 不领取任何劳动报酬).
  for (const [, re] of LOOSE_MODALS) {
    for (const m of clause.matchAll(re)) {
      if (!AFFIRMING.test(m[0])) continue;
      const act = clause.slice(m.index + m[0].length, m.index + m[0].length + ACT_LENGTH);
      const t = [...source.matchAll(NEGATED_ACT)].find((n) => act.includes(n[1]) && !clause.includes(`不${n[1]}`));
      if (t) return { at: m.index, written: m[0], expected: widened(source, t.index, t.index + t[0].length), what: '允许、禁止与义务' };
    }
  }
  // An act said to be needless (无需参照自治区做法) that the source states outright (参照自治区做法确定解读范围).
  for (const m of clause.matchAll(NEEDLESS)) {
    const act = matchKey(clause.slice(m.index + m[0].length)).slice(0, 8);
    const at = act.length >= 4 ? matchKey(source).indexOf(act.slice(0, 2)) : -1;
    const said = at >= 0 ? keyWithOffsets(source).at[at] : -1;
    if (said >= 0 && !NEGATION_BEFORE.test(source.slice(Math.max(0, said - 4), said)) && coverage(act, matchKey(source.slice(said)).slice(0, 12)) >= ACT_SAID)
      return { at: m.index, written: m[0], expected: widened(source, said, said + 2), what: '允许、禁止与义务' };
  }
  // A bound on the same number turned the other way: 不少于 for 不超过, 以上 for 以下.
  // Where the source bounds the number more than once (5000元以上…，5000元以下…), the bound whose words follow as the draft's do.
  const sourceBounds = boundsOf(source);
  for (const b of boundsOf(clause)) {
    const next = after(clause, b.at + b.word.length, 8);
    // A bound on words (不高于现状) is the source's bound on the same words.
    const same = sourceBounds
      .filter((x) => (b.value === null ? x.value === null && similarity(next, after(source, x.at + x.word.length, 8)) >= 0.5 : x.value === b.value))
      .sort((x, y) => similarity(next, after(source, y.at + y.word.length, 8)) - similarity(next, after(source, x.at + x.word.length, 8)));
    if (same.length && same[0].dir !== b.dir)
      return { at: b.at, written: b.word, expected: widened(source, same[0].at, same[0].at + same[0].word.length), what: '数量界限' };
  }
  const theirs = [...source.matchAll(FREQUENCY)].map((x) => x[0]);
  for (const f of clause.matchAll(FREQUENCY)) {
    if (theirs.length && !theirs.some((x) => frequencyKey(x) === frequencyKey(f[0])))
      return { at: f.index, written: f[0], expected: theirs.join('、'), what: '频次' };
  }
  // A unit named inside another's name (市政产业（集团）公司 of 应理城乡市政产业（集团）公司) is that one.
  const whole = (xs: string[]) => [...new Set(xs)].filter((u) => !xs.some((v) => v.length > u.length && v.includes(u)));
  // The units of the sentence, else of its paragraph; the paragraph's where only it puts units in roles (the sentence
  // mentions 县（区）政府 as an issuer, the paragraph's note says 市农业农村局牵头).
  const holders = !unitsInRole(source).length && unitsInRole(paragraph).length ? [paragraph] : [source, paragraph];
  const [units, holder] = holders
    .map((x) => [whole([...[...x.matchAll(UNIT_NAME_G)].map((y) => y[0]), ...cellUnits(x)]), x] as const)
    .find(([xs]) => xs.length) ?? [[], source];
  for (const u of unitsInRole(clause)) {
    const { unit, at } = u;
    if (!units.length || !open(at)) continue;
    // A subject is checked against the units the source puts to work (its sentence's, else its paragraph's: a table
    // row's 责任单位), never against a unit it only mentions (报市财政局) nor where it puts none to work.
    if (u.subject) {
      if (matchKey(source).includes(matchKey(unit))) continue;
      const doers = [source, paragraph].map((x) => unitsInRole(x).map((y) => y.unit)).find((xs) => xs.length) ?? [];
      if (doers.length && !doers.some((d) => sameUnit(unit, d))) return { at, written: unit, expected: [...new Set(doers)].join('、'), what: '责任单位' };
      continue;
    }
    if (!matchKey(holder).includes(matchKey(unit)) && !units.some((x) => sameUnit(unit, x))) {
      // The source's unit in the same role (设在X), else every unit it names that the clause does not.
      const said = (prefix: string) => prefix.replace(/(?:为|是|[：:])\s*$/, '');
      const same = u.prefix
        ? unitsInRole(holder)
            .filter((x) => said(x.prefix) === said(u.prefix))
            .map((x) => x.unit)
        : [];
      return { at, written: unit, expected: (same.length ? same : units.filter((x) => !clause.includes(x))).join('、') || units.join('、'), what: '责任单位' };
    }
    // The act the unit is said to do (牵头, 优先安排, 签批), done in the source by another unit.
    const act = u.does;
    if (!/^[\u4e00-\u9fa5]{2}$/.test(act) || /^[的和及与、]/.test(act) || matchKey(holder).includes(matchKey(unit + act))) continue;
    // The doer is written before the act (X牵头) or labelled before it (牵头单位：X); leading a task and being
    // responsible for it are one role (由X负责 is checked against 牵头单位, not against 配合单位).
    const acts = LEAD_ACTS.includes(act) ? LEAD_ACTS : [act];
    const doers = [
      ...unitsInRole(holder)
        .filter((x) => acts.includes(x.does))
        .map((x) => x.unit),
      // An act outside the role grammar (优先安排) is done by the unit written right before it.
      ...[...holder.matchAll(new RegExp(`(${UNIT_NAME})(?=${act})`, 'g'))].map((x) => x[1]),
    ];
    if (doers.length && !doers.some((d) => sameUnit(unit, d)))
      return { at, written: unit, expected: `${[...new Set(doers)].join('、')}${act}`, what: '责任单位' };
  }
  // A unit in the place of another: the words right before it or right after it (报X审定, X研究确定, X财务科室) are the
  // source's around a unit the clause does not name.
  for (const m of clause.matchAll(UNIT_NAME_G)) {
    const unit = m[0];
    if (!units.length || !open(m.index) || matchKey(holder).includes(matchKey(unit)) || units.some((x) => sameUnit(unit, x))) continue;
    const [before, after] = [
      matchKey(clause.slice(Math.max(0, m.index - SLOT_WORDS), m.index)),
      matchKey(clause.slice(m.index + unit.length)).slice(0, SLOT_WORDS),
    ];
    const other = [...source.matchAll(UNIT_NAME_G)].find((x) => {
      const [b, a] = [matchKey(source.slice(Math.max(0, x.index - SLOT_WORDS), x.index)), matchKey(source.slice(x.index + x[0].length)).slice(0, SLOT_WORDS)];
      return (after.length === SLOT_WORDS && a === after) || (before.length === SLOT_WORDS && b === before && after.slice(0, 1) === a.slice(0, 1));
    });
    if (other) return { at: m.index, written: unit, expected: other[0], what: '责任单位' };
  }
  // Whoever the clause makes responsible for an act, unit or not, where the source makes someone else responsible for it;
  // of the source's holders of a like act, the one whose words before it are the clause's (已经收回的，由…).
  for (const m of clause.matchAll(BY_WHOM)) {
    // A holder the task check judged (its units, at the holder's start) is not judged again.
    if (!open(m.index) || !open(m.index + 1)) continue;
    const lead = matchKey(clause.slice(0, m.index)).slice(-10);
    const act = matchKey(m[2]);
    // A like act, or one that shares a word where the words before it are the clause's (对成交结果公示无异议的，由…签订合同).
    const holders = [...source.matchAll(BY_WHOM)]
      .map((x) => ({ x, near: coverage(lead, matchKey(source.slice(0, x.index)).slice(-12)) }))
      .filter(({ x, near }) => act.length >= 2 && (coverage(act, matchKey(x[2])) >= 0.5 || (near >= CLOSE_CLAIM && sharesWord(act, matchKey(x[2])))))
      .sort((x, y) => y.near - x.near);
    const same = (x: string) => matchKey(x).includes(matchKey(m[1])) || matchKey(m[1]).includes(matchKey(x)) || sameUnit(m[1], x);
    const best = holders[0];
    if (!best || same(best.x[1]) || holders.some((h) => h !== best && h.near >= best.near - TIED && same(h.x[1]))) continue;
    return { at: m.index + 1, written: m[1], expected: best.x[1], what: '责任单位' };
  }
  // A rate's base: 元每件次 is not 元每小时.
  const rates = [...source.matchAll(RATE)].map((x) => x[0]);
  for (const r of clause.matchAll(RATE)) {
    if (rates.length && !rates.includes(r[0])) return { at: r.index, written: r[0], expected: rates.join('、'), what: '计费单位' };
  }
  const counts = [...source.matchAll(COUNT)];
  // A count of the same things (7个镇 is not compared with 27个项目): the same measure word and the same word after it.
  const counted = (text: string, x: RegExpMatchArray) => matchKey(text.slice(x.index! + x[0].length)).slice(0, 1);
  for (const c of clause.matchAll(COUNT)) {
    const same = counts.filter((x) => x[2] === c[2] && counted(source, x) === counted(clause, c));
    if (same.length && !same.some((x) => numberValue(x[1]) === numberValue(c[1])))
      return { at: c.index, written: c[0], expected: same.map((x) => x[0]).join('、'), what: '数量' };
  }
  return null;
}
