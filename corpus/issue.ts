// One gazette issue: extracted text → notices with their texts, outlines and a report of what
// could not be placed.
import { routeIssue, type ReportItem } from './documents.js';
import { extractAppointments, type Appointment, type AppointmentProblem } from './facts/appointments.js';
import { extractTasks, type Task, type TaskProblem } from './facts/tasks.js';
import { statedRepeals, statedValidity, type Repeal } from './facts/validity.js';
import { readLayout, type Furniture } from './layout.js';
import { buildText, type BuiltText } from './outline.js';

export interface PartDoc extends BuiltText {
  validFrom: string | null;
  validUntil: string | null;
  /** Texts this one says it replaces (…同时废止). */
  repeals: Repeal[];
}

/** What identifies a notice and how it was sent: the same whether parsed or read back from the store. */
export interface NoticeMeta {
  docNumber: string;
  title: string;
  issuer: string;
  date: string | null;
  recipients: string | null;
  publicNote: string | null;
  page: number | null;
}

export interface NoticeDoc extends NoticeMeta {
  /** The notice's own words. */
  body: BuiltText;
  /** The texts it issues and its own attachments, in printed order. */
  parts: PartDoc[];
  /** Who leads what, from its responsibility notes and task tables. */
  tasks: Task[];
  /** Notes or table rows that name units but could not be read into a task. */
  taskProblems: TaskProblem[];
  /** 任免: who was appointed to or removed from what, with probation periods. */
  appointments: Appointment[];
  appointmentProblems: AppointmentProblem[];
}

export interface IssueDoc {
  source: string;
  issueTitle: string | null;
  pagesKnown: boolean;
  notices: NoticeDoc[];
  furniture: Furniture[];
  report: ReportItem[];
}

export function parseIssue(text: string, source: string): IssueDoc {
  const layout = readLayout(text);
  const routed = routeIssue(layout.lines);
  const notices = routed.notices.map((n): NoticeDoc => {
    const header = n.header!;
    const doc: NoticeDoc = {
      docNumber: header.docNumber,
      title: header.title,
      issuer: header.issuers.join('、'),
      date: n.date,
      recipients: n.recipients,
      publicNote: n.publicNote,
      page: header.page,
      body: buildText(n.body),
      parts: n.parts.map((p) => {
        const built = buildText(p);
        return { ...built, ...statedValidity(built.text, n.date), repeals: statedRepeals(built.text) };
      }),
      tasks: [],
      taskProblems: [],
      appointments: [],
      appointmentProblems: [],
    };
    const { tasks, problems } = extractTasks(doc);
    const appointed = extractAppointments(doc);
    return { ...doc, tasks, taskProblems: problems, appointments: appointed.appointments, appointmentProblems: appointed.problems };
  });
  notices.sort((a, b) => (a.page ?? 0) - (b.page ?? 0));
  return { source, issueTitle: layout.issueTitle, pagesKnown: layout.pagesKnown, notices, furniture: layout.furniture, report: routed.report };
}
