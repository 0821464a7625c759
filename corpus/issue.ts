// One gazette issue: extracted text → notices with their texts, outlines and facts, and a report
// of what could not be placed.
import type { NoticeInfo } from '../domain/reader.js';
import { statedRepeals, statedValidity, type Repeal } from '../domain/validity.js';
import { extractAppointments, type Appointment, type AppointmentProblem } from './facts/appointments.js';
import { extractTasks, type Task, type TaskProblem } from './facts/tasks.js';
import { readLayout, type Furniture } from './layout.js';
import { buildText, type BuiltText, type NoticeTexts } from './outline.js';
import { routeIssue, type ReportItem } from './routing.js';

export interface PartDoc extends BuiltText {
  validFrom: string | null;
  validUntil: string | null;
  /** Texts this one says it replaces (…同时废止). */
  repeals: Repeal[];
}

export interface NoticeDoc extends NoticeInfo, NoticeTexts {
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
    const texts = {
      docNumber: n.header.docNumber,
      title: n.header.title,
      date: n.date,
      body: buildText(n.body),
      parts: n.parts.map((p): PartDoc => {
        const built = buildText(p);
        return { ...built, ...statedValidity(built.text, n.date), repeals: statedRepeals(built.text) };
      }),
    };
    const { tasks, problems } = extractTasks(texts);
    const appointed = extractAppointments(texts);
    return {
      ...texts,
      issuer: n.header.issuers.join('、'),
      recipients: n.recipients,
      publicNote: n.publicNote,
      page: n.header.page,
      tasks,
      taskProblems: problems,
      appointments: appointed.appointments,
      appointmentProblems: appointed.problems,
    };
  });
  notices.sort((a, b) => (a.page ?? 0) - (b.page ?? 0));
  return { source, issueTitle: layout.issueTitle, pagesKnown: layout.pagesKnown, notices, furniture: layout.furniture, report: routed.report };
}
