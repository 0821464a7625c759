// The read side of the gazette, in domain terms: everything a tool may ask of a corpus. The tools
// depend on this interface alone; the SQLite store implements it (store/sqlite-gazette.ts), and a
// second store or a remote one would implement it too.
import type { DeadlineKind } from './deadlines.js';
import type { Repeal } from './validity.js';

export type TextRole = 'notice' | 'part' | 'attachment';

/** Where a fact comes from, precise enough for a clerk to find it on paper. */
export interface Citation {
  docNumber: string;
  /** The text cited: the 方案/办法 a fact is in, else the notice. */
  title: string;
  issuer: string;
  date: string | null;
  /** Path inside that text: 二、（一）1., 第四条, 附件 序号3, 正文. */
  locator: string;
  page: number | null;
  /** A verbatim span of the cleaned text. */
  quote: string;
}

/** The most places verifyQuote names: a phrase found more often is answered as “at least” that many. */
export const MAX_QUOTE_PLACES = 200;

/** Locator of text outside any numbered heading. */
export const BODY_LOCATOR = '正文';

/** The citation of a span of a text: titled by the text it issues, or by the notice for its own words and attachments. */
export function citationIn(notice: NoticeInfo, text: Pick<GazetteText, 'role' | 'title'>, locator: string, page: number | null, quote: string): Citation {
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

/** What identifies a notice and how it was sent. */
export interface NoticeInfo {
  docNumber: string;
  title: string;
  issuer: string;
  date: string | null;
  recipients: string | null;
  publicNote: string | null;
  page: number | null;
}

export interface Notice extends NoticeInfo {
  id: number;
  /** Fact markers in its printed text that no fact took (see the ingest report): its answers may be incomplete. */
  unplaced: number;
}

/** One text: a notice's own words, a 方案/办法/安排 it issues, or an attachment. */
export interface GazetteText {
  id: number;
  noticeId: number;
  role: TextRole;
  title: string;
  kind: string;
  label: string | null;
  text: string;
  validFrom: string | null;
  validUntil: string | null;
  repeals: Repeal[];
}

/** What a listing of texts prints: a text without its body. */
export type TextTitle = Pick<GazetteText, 'id' | 'role' | 'title' | 'kind'>;

export interface OutlineEntry {
  locator: string;
  heading: string;
  depth: number;
}

/** An outline node with all its items, as printed and cleaned, and its citation (the whole node quoted). */
export interface Clause {
  locator: string;
  heading: string;
  text: string;
  pageFrom: number | null;
  citation: Citation;
}

export interface TaskDeadline {
  /** As written. */
  text: string;
  date: string | null;
  kind: DeadlineKind;
  /** Where it was read: the note's 完成时限, a table column, or the task sentence itself. */
  source: 'note' | 'table' | 'text';
}

/** Who leads a task, who supports and who carries it out, by when, and where that is written. */
export interface TaskRecord {
  task: string;
  leadUnits: string[];
  supportUnits: string[];
  implementingUnits: string[];
  deadline: TaskDeadline | null;
  /** 开工年度 of a project table row. */
  startYear: string | null;
  citation: Citation;
}

export type Role = 'lead' | 'support' | 'any';

export interface TaskFilter {
  /** Normalized unit names (any of them), or null for every unit. */
  units: string[] | null;
  role: Role;
  docNumber: string | null;
  dueFrom: string | null;
  dueTo: string | null;
}

export interface ProbationRecord {
  kind: string;
  length: string;
  start: string;
  end: string;
  quote: string;
}

export interface AppointmentRecord {
  person: string;
  action: 'appoint' | 'remove';
  position: string;
  /** The documents the decision rests on (根据…文件精神). */
  basis: string[];
  probation: ProbationRecord | null;
  docNumber: string;
  date: string | null;
  citation: Citation;
}

/** A page of a list: where it starts and how long it may be. */
export interface Page {
  offset: number;
  limit: number;
}

export interface AppointmentFilter {
  /** Part of a name, or null for everyone. */
  person: string | null;
  /** Words the post must all hold. */
  positionWords: string[];
  docNumber: string | null;
  /** Only appointments (任) that set a probation: the records a probation feed holds. */
  withProbation?: boolean;
}

export type DocumentResolution =
  /** `texts`: the texts the reference's title words name; all the notice's texts when they name the notice. */
  { kind: 'found'; notice: Notice; texts: GazetteText[] } | { kind: 'ambiguous'; candidates: Notice[] } | { kind: 'none'; suggestions: Notice[] };

export interface SearchHit {
  text: string;
  /** The words of the passage that answer the question, verbatim pieces joined by … (what a model should read). */
  answer: string;
  score: number;
  citation: Citation;
}

/** One issue of the gazette the corpus holds: its printed title, its file, and the span of its notices' dates. */
export interface IssueInfo {
  title: string | null;
  source: string;
  notices: number;
  from: string | null;
  to: string | null;
}

export interface GazetteReader {
  /** The issues served, in corpus order. */
  issues(): IssueInfo[];
  /** Every notice, in printed order. */
  notices(): Notice[];
  notice(docNumber: string): Notice | null;
  /** The notice's own words first, then the texts it issues and its attachments, in printed order. */
  texts(notice: Notice): GazetteText[];
  /** The same texts' titles and kinds, without their bodies (what a listing prints). */
  textTitles(notice: Notice): TextTitle[];
  outline(text: GazetteText): OutlineEntry[];
  /** A text's paragraphs in printed order, each with the outline node it belongs to. */
  paragraphs(text: GazetteText): { locator: string; text: string; page: number | null }[];
  clause(text: GazetteText, locator: string): Clause | null;
  /** A notice by 文号 (any spelling) or by words of its title or of a text it issues. */
  resolveDocument(ref: string): DocumentResolution;
  /** The cleaned full text of a notice and everything it issues. */
  documentText(docNumber: string): string | null;

  /** Passages for a question, best first. */
  /** `closeCall`: the first two passages scored within CLOSE_CALL of each other, so the first may not be the answer. */
  search(query: string, limit: number, docNumber: string | null): { results: SearchHit[]; total: number; closeCall: boolean };
  /** Words of a question the index has no term for: phrases the corpus spells, and words it never uses. */
  questionWords(question: string): { phrases: string[]; unknown: string[] };
  /** Every place a quotation occurs, whitespace and width aside, up to MAX_QUOTE_PLACES. */
  verifyQuote(quote: string, docNumber: string | null): Citation[];

  /** Tasks a question names, best first; none rather than unrelated ones. */
  findTasks(question: string, limit: number): TaskRecord[];
  /** One page of the tasks a filter selects, sorted by deadline (undated last), and how many it selects. */
  listTasks(filter: TaskFilter, page: Page): { tasks: TaskRecord[]; total: number };
  /** Every unit name the tasks mention. */
  units(): string[];
  /** One page of the appointment records a filter selects, in printed order, and how many it selects. */
  appointments(filter: AppointmentFilter, page: Page): { appointments: AppointmentRecord[]; total: number };
  /** People named in appointment records, for a did-you-mean (at most `limit`). */
  people(limit: number): string[];

  close(): void;
}
