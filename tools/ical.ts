// A feed as iCalendar (RFC 5545), written by ical-generator: all-day events, a reminder that
// rings at 09:00 Beijing time on a working day, recurring deadlines as RRULEs; and the resource
// gazette://calendar/{unit}, a unit's lead-task feed for clients that attach resources.
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import ical, { ICalAlarmType, ICalEventRepeatingFreq } from 'ical-generator';
import { z } from 'zod';
import { DEFAULT_REMIND_WORKING_DAYS, REMIND_HOUR, taskFeed, type Feed } from '../domain/calendar-feed.js';
import { addDays } from '../domain/calendar.js';
import { InputError } from '../domain/errors.js';
import type { Role } from '../domain/reader.js';
import { DATE_RANGE, matchKey } from '../domain/text.js';
import type { ToolContext } from './common.js';

export const CALENDAR_MIME = 'text/calendar';
/** Beijing time has no daylight saving: 09:00 there is 01:00 UTC all year. */
const BEIJING_OFFSET_HOURS = 8;

export const calendarUri = (unit: string) => `gazette://calendar/${encodeURIComponent(unit)}`;

export function renderIcs(feed: Feed): string {
  const calendar = ical({
    name: feed.name,
    description: feed.description,
    prodId: { company: 'gazette-mcp', product: 'gazette', language: 'ZH' },
  });
  for (const e of feed.events) {
    const ring = `${e.remindOn}T${String(REMIND_HOUR - BEIJING_OFFSET_HOURS).padStart(2, '0')}:00:00Z`;
    calendar.createEvent({
      id: e.uid,
      start: e.date,
      end: addDays(e.date, 1),
      allDay: true,
      stamp: new Date(`${e.stamp}T00:00:00Z`),
      summary: e.summary,
      description: e.description,
      categories: e.categories.map((name) => ({ name })),
      // A recurring deadline rings the same time before each occurrence; a one-off rings on its working day.
      alarms: [
        e.recurrence
          ? { type: ICalAlarmType.display, trigger: (e.remindDaysBefore * 24 - REMIND_HOUR) * 3600, description: e.summary }
          : { type: ICalAlarmType.display, trigger: new Date(ring), description: e.summary },
      ],
      repeating: e.recurrence
        ? e.recurrence.freq === 'MONTHLY'
          ? { freq: ICalEventRepeatingFreq.MONTHLY, byMonthDay: e.recurrence.byMonthDay }
          : { freq: ICalEventRepeatingFreq.YEARLY, byMonth: e.recurrence.byMonth, byMonthDay: e.recurrence.byMonthDay }
        : null,
    });
  }
  return calendar.toString();
}

/** The unit a resource URI names; a malformed escape is the caller's error. */
function unitOf(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new McpError(ErrorCode.InvalidParams, `malformed resource URI: "${raw}" is not URL-encoded UTF-8 / 资源地址格式错误：单位名称应按 URL 编码`);
  }
}

export function registerCalendarResource(server: McpServer, ctx: ToolContext): void {
  server.registerResource(
    'gazette-calendar',
    new ResourceTemplate('gazette://calendar/{unit}', {
      // Units are many at scale and most lead nothing dated: completion names them, a listing would not help.
      list: undefined,
      complete: {
        unit: (typed) => {
          const wanted = matchKey(typed);
          return ctx.gazette.units().filter((u) => !wanted || matchKey(u).includes(wanted));
        },
      },
    }),
    {
      title: 'Task deadlines calendar / 单位任务期限日历',
      description: "iCalendar of a unit's lead-task deadlines (short names accepted: 住建局), with reminders 3 working days before",
      mimeType: CALENDAR_MIME,
    },
    (uri, variables) => {
      const raw = Array.isArray(variables.unit) ? variables.unit[0] : variables.unit;
      try {
        const feed = taskFeed(ctx.gazette, { kind: 'tasks', unit: unitOf(raw ?? ''), role: 'lead', remindWorkingDays: DEFAULT_REMIND_WORKING_DAYS });
        return { contents: [{ uri: uri.href, mimeType: CALENDAR_MIME, text: renderIcs(feed) }] };
      } catch (err) {
        if (err instanceof InputError) throw new McpError(ErrorCode.InvalidParams, err.message);
        throw err;
      }
    },
  );
}

export const calendarSchema = z
  .object({
    events: z.number().int().describe('dated deadlines (or probation ends) the calendar holds'),
    command: z.string().describe('the gazette command that prints it as iCalendar'),
    uri: z.string().optional().describe('the MCP resource (text/calendar) of a unit’s lead tasks'),
  })
  .describe('a calendar exists for this filter: one all-day event per dated deadline, with reminders');

const arg = (v: string) => (/^[^\s"'\\]+$/.test(v) ? v : JSON.stringify(v));

/** The calendar of a list_tasks filter (its unit and role; dates and 文号 aside), when it holds any event. */
export function taskCalendar(
  ctx: ToolContext,
  unit: string | undefined,
  units: string[] | null,
  role: Role,
): { calendar: z.infer<typeof calendarSchema>; line: string } | null {
  const events = ctx.gazette.listTasks({ units, role, docNumber: null, dueFrom: DATE_RANGE.from, dueTo: null }, { offset: 0, limit: 0 }).total;
  if (!events) return null;
  const command = `gazette calendar${unit ? ` --unit ${arg(unit)}` : ''} --role ${role}`;
  const uri = unit && units?.length === 1 && role === 'lead' ? calendarUri(units[0]) : undefined;
  return {
    calendar: { events, command, ...(uri ? { uri } : {}) },
    line: `日历：${events} 项有日期的完成时限可订阅为日历（iCalendar），${uri ? `资源 gazette://calendar/${units![0]}，或` : ''}命令 ${command}。`,
  };
}

/** The calendar of the probation ends among appointment records, when any has one. */
export function probationCalendar(person: string | undefined, withProbation: number): { calendar: z.infer<typeof calendarSchema>; line: string } | null {
  if (!withProbation) return null;
  const command = `gazette calendar --probation${person ? ` --person ${arg(person)}` : ''}`;
  return { calendar: { events: withProbation, command }, line: `日历：${withProbation} 个试用期满日可订阅为日历（iCalendar），命令 ${command}。` };
}
