// Read-only view of the store, in the terms the tools speak: notices, texts, outline nodes,
// passages and citations. Plain functions over plain rows; no MCP here.
import Database from 'better-sqlite3';
import type { DeadlineKind } from './facts/deadlines.js';
import type { StoredTask } from './facts/task-lookup.js';
import type { TaskDeadline } from './facts/tasks.js';
import type { NoticeMeta } from './issue.js';
import { SearchIndex } from './search/index.js';
import { expandUnitNames } from './units.js';
import { foldWidth, matchKey, normalizeDocNumber } from './text.js';

export interface Citation {
  docNumber: string;
  title: string;
  issuer: string;
  date: string | null;
  locator: string;
  page: number | null;
  quote: string;
}

export interface NoticeRow extends NoticeMeta {
  id: number;
}

export interface TextRow {
  id: number;
  noticeId: number;
  role: 'notice' | 'part' | 'attachment';
  title: string;
  kind: string;
  label: string | null;
  text: string;
  validFrom: string | null;
  validUntil: string | null;
  /** JSON list of {title, docNumber} this text replaces. */
  repeals: string;
}

export interface StoredAppointment {
  person: string;
  action: 'appoint' | 'remove';
  position: string;
  basis: string[];
  probation: { kind: string; length: string; start: string; end: string; quote: string } | null;
  docNumber: string;
  locator: string;
  page: number | null;
  quote: string;
}

export interface NodeRow {
  locator: string;
  heading: string;
  text: string;
  pageFrom: number | null;
}

export interface OutlineEntry {
  locator: string;
  heading: string;
  depth: number;
}

export type Resolution =
  | { kind: 'found'; notice: NoticeRow }
  | { kind: 'ambiguous'; candidates: NoticeRow[] }
  | { kind: 'none'; suggestions: NoticeRow[] };

// Words that make a question a question, not part of what it asks about.
const QUESTION_FILLER = /请问|是多少|多少|什么|哪些|哪个|哪里|怎么|怎样|如何|是否|有没有|几个|谁|吗|呢|吧/g;

/** Locator shown for text outside any numbered heading. */
export const BODY_LOCATOR = '正文';

const NOTICE_COLUMNS = 'id, doc_number AS docNumber, title, issuer, date, recipients, public_note AS publicNote, page';
const TEXT_COLUMNS = 'id, notice_id AS noticeId, role, title, kind, label, text, valid_from AS validFrom, valid_until AS validUntil, repeals';

/** A reference as typed, without the quotation marks and book-title marks around titles. */
function unquoted(ref: string): string {
  return foldWidth(ref).replace(/[《》<>“”"'‘’「」]/g, ' ');
}

/** Character pairs of a text, for did-you-mean similarity. */
function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.size || !y.size) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

interface QuoteText {
  text: Pick<TextRow, 'role' | 'title'>;
  notice: NoticeRow;
  /** The cleaned text, paragraphs joined by newlines. */
  original: string;
  /** The same with whitespace removed and widths folded (one character for one: positions map by counting). */
  key: string;
  paragraphs: { start: number; locator: string; page: number | null }[];
}

/** Where the `k`-th non-whitespace character of a text sits in it. */
function offsetOfKey(original: string, k: number): number {
  let seen = 0;
  for (let i = 0; i < original.length; i++) {
    if (/\s/.test(original[i])) continue;
    if (seen++ === k) return i;
  }
  return original.length;
}

export class Gazette {
  private readonly db: Database.Database;
  private searchIndex: SearchIndex | null = null;
  private quoteTexts: QuoteText[] | null = null;

  constructor(dbPath: string) {
    this.db = new Database(dbPath, { readonly: true, fileMustExist: true });
  }

  close(): void {
    this.db.close();
  }

  noticeCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM notices').get() as { n: number }).n;
  }

  notices(): NoticeRow[] {
    return this.db.prepare(`SELECT ${NOTICE_COLUMNS} FROM notices ORDER BY ord`).all() as NoticeRow[];
  }

  notice(docNumber: string): NoticeRow | null {
    return (this.db.prepare(`SELECT ${NOTICE_COLUMNS} FROM notices WHERE doc_number = ?`).get(docNumber) as NoticeRow | undefined) ?? null;
  }

  /** The notice's own text first, then the texts it issues and its attachments, in printed order. */
  texts(noticeId: number): TextRow[] {
    return this.db.prepare(`SELECT ${TEXT_COLUMNS} FROM texts WHERE notice_id = ? ORDER BY ord`).all(noticeId) as TextRow[];
  }

  /** An outline node of a text by locator. */
  node(textId: number, locator: string): NodeRow | null {
    return (
      (this.db.prepare('SELECT locator, heading, text, page_from AS pageFrom FROM nodes WHERE text_id = ? AND locator = ?').get(textId, locator) as NodeRow | undefined) ?? null
    );
  }

  /** Texts a notice issues whose titles contain every word (all of them when there are no words). */
  textsTitled(words: string[]): { notice: NoticeRow; text: TextRow }[] {
    const keys = words.map((w) => matchKey(unquoted(w))).filter(Boolean);
    return this.notices().flatMap((notice) =>
      this.texts(notice.id)
        .filter((t) => t.role !== 'notice' && keys.every((k) => matchKey(t.title).includes(k)))
        .map((text) => ({ notice, text })),
    );
  }

  outline(textId: number): OutlineEntry[] {
    return this.db.prepare('SELECT locator, heading, depth FROM nodes WHERE text_id = ? ORDER BY ord').all(textId) as OutlineEntry[];
  }

  /**
   * A notice by 文号 (any spelling) or by words of its title or of a text it issues. Several equally
   * good matches are returned as candidates; none gives the closest titles to suggest.
   */
  resolveDocument(ref: string): Resolution {
    const docNumber = normalizeDocNumber(ref);
    if (docNumber) {
      const n = this.notice(docNumber);
      if (n) return { kind: 'found', notice: n };
      const near = this.notices().filter((x) => similarity(x.docNumber, docNumber) >= 0.6);
      return { kind: 'none', suggestions: near.slice(0, 5) };
    }
    const words = unquoted(ref).split(/\s+/).map(matchKey).filter(Boolean);
    const partTitles = this.db.prepare("SELECT notice_id AS noticeId, title FROM texts WHERE role != 'notice'").all() as { noticeId: number; title: string }[];
    const scored = this.notices().map((n) => {
      const titles = [n.title, ...partTitles.filter((t) => t.noticeId === n.id).map((t) => t.title)].map(matchKey);
      const full = titles.find((t) => words.every((w) => t.includes(w)));
      // Among full matches, the shortest title is the most specific one.
      const score = full ? 10 + words.join('').length / full.length : Math.max(...titles.map((t) => similarity(t, words.join(''))));
      return { n, score };
    });
    scored.sort((a, b) => b.score - a.score);
    // Words found in more than one notice's titles are ambiguous unless they are one title exactly.
    const full = scored.filter((s) => s.score >= 10);
    const exact = full.filter((s) => s.score === 11);
    if (full.length === 1 || exact.length === 1) return { kind: 'found', notice: (exact[0] ?? full[0]).n };
    if (full.length > 1) return { kind: 'ambiguous', candidates: full.map((s) => s.n) };
    return { kind: 'none', suggestions: scored.filter((s) => s.score >= 0.2).slice(0, 5).map((s) => s.n) };
  }

  /** The cleaned full text of a notice and everything it issues, as one plain-text document. */
  documentText(docNumber: string): string | null {
    const n = this.notice(docNumber);
    if (!n) return null;
    const texts = this.texts(n.id);
    const own = texts.find((t) => t.role === 'notice')?.text ?? '';
    const cover = [n.issuer, n.title, n.docNumber, '', n.recipients ? `${n.recipients}：` : '', own, '', n.issuer, n.date ?? '', n.publicNote ? `（${n.publicNote}）` : ''];
    const issued = texts.filter((t) => t.role !== 'notice').map((t) => `\n${t.role === 'attachment' && t.label ? `${t.label}\n` : ''}${t.title}\n\n${t.text}`);
    return [...cover, ...issued].join('\n');
  }

  /** A citation for a span of a text: the text's title, or the notice's when the text is the notice or its attachment. */
  citation(text: Pick<TextRow, 'role' | 'title'>, notice: NoticeRow, locator: string, page: number | null, quote: string): Citation {
    return {
      docNumber: notice.docNumber,
      title: text.role === 'part' ? text.title : notice.title,
      issuer: notice.issuer,
      date: notice.date,
      locator: locator || BODY_LOCATOR,
      page,
      quote,
    };
  }

  private index(): SearchIndex {
    this.searchIndex ??= new SearchIndex(this.db);
    return this.searchIndex;
  }

  /**
   * A question's words beyond the index terms: stretches of two or more Chinese characters no
   * term covers. Those the corpus contains (煤改电, which jieba splits) are phrases worth matching
   * as they are; those it never uses (噪声) are unknown, so an answer can say it matched the rest.
   */
  questionWords(question: string): { phrases: string[]; unknown: string[] } {
    const text = foldWidth(question).toLowerCase().replace(QUESTION_FILLER, ' ');
    const terms = this.terms(text).filter((t) => t.length > 1);
    const covered = new Array<boolean>(text.length).fill(false);
    for (const t of terms) for (let at = text.indexOf(t); at >= 0; at = text.indexOf(t, at + 1)) covered.fill(true, at, at + t.length);
    const runs: string[] = [];
    let run = '';
    [...text].forEach((ch, i) => {
      if (/[\u4e00-\u9fff]/.test(ch) && !covered[i]) run += ch;
      else {
        if (run.length >= 2) runs.push(run);
        run = '';
      }
    });
    if (run.length >= 2) runs.push(run);
    const inCorpus = (r: string) => this.quoteIndex().some((q) => q.key.includes(r));
    return { phrases: runs.filter(inCorpus), unknown: runs.filter((r) => !inCorpus(r)) };
  }

  /** Terms of a question as the search index segments it. */
  terms(question: string): string[] {
    return this.index().terms(expandUnitNames(question));
  }

  private taskCache: StoredTask[] | null = null;

  /** Every task in the corpus, in printed order. */
  tasks(): StoredTask[] {
    if (this.taskCache) return this.taskCache;
    const rows = this.db
      .prepare(
        `SELECT t.id, n.doc_number AS docNumber, t.task, t.lead_units AS lead, t.support_units AS support, t.implementing_units AS implementing,
           t.deadline_text AS deadlineText, t.deadline_date AS deadlineDate, t.deadline_kind AS deadlineKind, t.deadline_source AS deadlineSource, t.start_year AS startYear,
           t.text_title AS textTitle, t.text_role AS textRole, t.locator, t.page, t.quote, t.context
         FROM tasks t JOIN notices n ON n.id = t.notice_id ORDER BY n.ord, t.ord`,
      )
      .all() as Record<string, unknown>[];
    this.taskCache = rows.map((r, order) => ({
      id: r.id as number,
      docNumber: r.docNumber as string,
      order,
      task: r.task as string,
      leadUnits: JSON.parse(r.lead as string) as string[],
      supportUnits: JSON.parse(r.support as string) as string[],
      implementingUnits: JSON.parse(r.implementing as string) as string[],
      deadline: r.deadlineText
        ? { text: r.deadlineText as string, date: (r.deadlineDate as string | null) ?? null, kind: r.deadlineKind as DeadlineKind, source: r.deadlineSource as TaskDeadline['source'] }
        : null,
      startYear: (r.startYear as string | null) ?? null,
      textTitle: r.textTitle as string,
      textRole: r.textRole as StoredTask['textRole'],
      locator: r.locator as string,
      page: (r.page as number | null) ?? null,
      quote: r.quote as string,
      context: r.context as string,
    }));
    return this.taskCache;
  }

  /** Every unit name the tasks mention. */
  units(): string[] {
    return (this.db.prepare('SELECT DISTINCT unit FROM task_units ORDER BY unit').all() as { unit: string }[]).map((r) => r.unit);
  }

  /** A task's citation: its text, locator, page and the note or cell it was read from. */
  taskCitation(t: StoredTask): Citation {
    const n = this.notice(t.docNumber)!;
    return this.citation({ role: t.textRole, title: t.textTitle }, n, t.locator, t.page, t.quote);
  }

  /** Every appointment and removal, in printed order. */
  appointments(): StoredAppointment[] {
    const rows = this.db
      .prepare(
        `SELECT a.person, a.action, a.position, a.basis, a.probation_kind AS kind, a.probation_length AS length, a.probation_start AS start,
           a.probation_end AS end, a.probation_quote AS probationQuote, a.locator, a.page, a.quote, n.doc_number AS docNumber
         FROM appointments a JOIN notices n ON n.id = a.notice_id ORDER BY n.ord, a.ord`,
      )
      .all() as Record<string, string | number | null>[];
    return rows.map((r) => ({
      person: r.person as string,
      action: r.action as 'appoint' | 'remove',
      position: r.position as string,
      basis: JSON.parse(r.basis as string) as string[],
      probation: r.kind ? { kind: r.kind as string, length: r.length as string, start: r.start as string, end: r.end as string, quote: r.probationQuote as string } : null,
      docNumber: r.docNumber as string,
      locator: r.locator as string,
      page: (r.page as number | null) ?? null,
      quote: r.quote as string,
    }));
  }

  /** Loads the search index now rather than on the first question. */
  warmUp(): void {
    this.index();
  }

  search(question: string, limit: number, docNumber: string | null): { results: { text: string; score: number; citation: Citation }[]; total: number } {
    const { hits, total, terms } = this.index().query(expandUnitNames(question), docNumber, limit);
    const passage = this.db.prepare(
      'SELECT p.locator, p.text, p.page, t.role, t.title AS textTitle, t.notice_id AS noticeId FROM passages p JOIN texts t ON t.id = p.text_id WHERE p.id = ?',
    );
    const notice = this.db.prepare(`SELECT ${NOTICE_COLUMNS} FROM notices WHERE id = ?`);
    const results = hits.map((h) => {
      const p = passage.get(h.id) as { locator: string; text: string; page: number | null; role: TextRow['role']; textTitle: string; noticeId: number };
      const cite = this.citation({ role: p.role, title: p.textTitle }, notice.get(p.noticeId) as NoticeRow, p.locator, p.page, bestSentence(p.text, terms));
      return { text: p.text, score: Math.round(h.score * 1000) / 1000, citation: cite };
    });
    return { results, total };
  }

  /** Every place the quote occurs in the cleaned corpus, ignoring whitespace and character width. */
  verifyQuote(quote: string, docNumber: string | null): Citation[] {
    const wanted = matchKey(quote);
    if (!wanted) return [];
    const out: Citation[] = [];
    for (const q of this.quoteIndex()) {
      if (docNumber && q.notice.docNumber !== docNumber) continue;
      for (let at = q.key.indexOf(wanted); at >= 0; at = q.key.indexOf(wanted, at + 1)) {
        const from = offsetOfKey(q.original, at);
        const to = offsetOfKey(q.original, at + wanted.length - 1) + 1;
        const para = [...q.paragraphs].reverse().find((p) => p.start <= from) ?? q.paragraphs[0];
        out.push(this.citation(q.text, q.notice, para.locator, para.page, q.original.slice(from, to)));
      }
    }
    return out;
  }

  private quoteIndex(): QuoteText[] {
    if (this.quoteTexts) return this.quoteTexts;
    const paragraphs = this.db.prepare('SELECT locator, text, page_from AS page FROM paragraphs WHERE text_id = ? ORDER BY ord');
    const texts = this.db.prepare('SELECT id, role, title FROM texts WHERE notice_id = ? ORDER BY ord');
    this.quoteTexts = this.notices().flatMap((notice) =>
      (texts.all(notice.id) as { id: number; role: TextRow['role']; title: string }[]).map(({ id, role, title }) => {
        const rows = paragraphs.all(id) as { locator: string; text: string; page: number | null }[];
        let original = '';
        const starts: QuoteText['paragraphs'] = [];
        for (const r of rows) {
          if (original) original += '\n';
          starts.push({ start: original.length, locator: r.locator, page: r.page });
          original += r.text;
        }
        return { text: { role, title }, notice, original, key: matchKey(original), paragraphs: starts };
      }),
    );
    return this.quoteTexts;
  }
}

/** The sentence of a passage that holds most of the question's terms: a short quote to cite. */
function bestSentence(text: string, terms: string[]): string {
  const sentences = text.match(/[^。；！？\n]+[。；！？]?/g) ?? [text];
  let best = sentences[0];
  let bestScore = -1;
  for (const s of sentences) {
    const lower = foldWidth(s).toLowerCase();
    const score = terms.reduce((n, t) => n + (lower.includes(t) ? t.length : 0), 0);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best.trim();
}
