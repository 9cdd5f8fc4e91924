import { officialCalendar, YearNotCovered, type WorkCalendar } from '../calendar/calendar.js';
import { addDays } from '../calendar/calendar.js';
import { clock, sessionsOn, type Session, type WorkingHours } from '../calendar/hours.js';
import { shortChineseDate, type IsoDate } from '../core/dates.js';
import type { Period } from '../core/period.js';
import { problem, type Problem, type SourceLocation } from '../core/problems.js';
import type { leaveTypes } from '../scheme/lists.js';
import type { Person } from '../score/input.js';
import type { Punch, PunchBook, SessionPunches } from './punches.js';

/** Leave types of 请假; 补签 excuses a missed clocking, 公差 is work away from the desk. */
export type LeaveType = (typeof leaveTypes)[number];

export interface Leave {
  personId: string;
  type: LeaveType;
  first: IsoDate;
  last: IsoDate;
  /** Which half of each day the leave covers. */
  part: '全天' | '上午' | '下午';
  at: SourceLocation;
}

export type AttendanceEventKind = 'late' | 'early' | 'absent_half_day' | 'absent_day' | 'missing_punch';

/** One derived fact with the punches and rule that produced it, in words for the audit. */
export interface AttendanceEvent {
  personId: string;
  date: IsoDate;
  kind: AttendanceEventKind;
  evidence: string;
  at: SourceLocation;
}

export interface PersonAttendance {
  personId: string;
  name: string;
  unit: string;
  workingDays: number;
  /** In days: each present session counts half (补签 and 公差 included). */
  presentDays: number;
  late: number;
  early: number;
  absentHalfDays: number;
  absentDays: number;
  missingPunches: number;
  /** In days, by leave type; 补签 is counted in sessions under its own name. */
  leaveDays: Partial<Record<LeaveType, number>>;
  events: AttendanceEvent[];
  /** Every session present, none late, early, absent or missing, no leave but 公差/补签. */
  fullAttendance: boolean;
}

export interface AttendanceInput {
  period: Period;
  roster: readonly Person[];
  hours: WorkingHours;
  punches: PunchBook;
  leaves: readonly Leave[];
  /** Where the punches came from, for events without a punch (absences). */
  punchSheet: SourceLocation;
  /** The place of a punch (file › sheet › row › column), made only for punches an event names. */
  locate: (punch: Punch) => SourceLocation;
  calendar?: WorkCalendar;
}

/**
 * Turns punches, leave and the working calendar into attendance facts per person
 * (schemes.md "From punches to records"). Pure: everything it needs comes in.
 */
export function deriveAttendance(input: AttendanceInput): { people: PersonAttendance[]; problems: Problem[] } {
  const calendar = input.calendar ?? officialCalendar();
  const problems: Problem[] = [];
  const days = workingDaysOf(input.period, calendar, input.punchSheet, problems);
  const grace = input.hours.graceMinutes * 60;
  const people = input.roster.map((person) => {
    const result: PersonAttendance = {
      personId: person.id,
      name: person.name,
      unit: person.unit,
      workingDays: 0,
      presentDays: 0,
      late: 0,
      early: 0,
      absentHalfDays: 0,
      absentDays: 0,
      missingPunches: 0,
      leaveDays: {},
      events: [],
      fullAttendance: true,
    };
    const leaves = input.leaves.filter((l) => l.personId === person.id);
    for (const date of days) {
      if ((person.start && date < person.start) || (person.end && date > person.end)) continue;
      result.workingDays += 1;
      const sessions = sessionsOn(input.hours, date);
      const punches = input.punches.day(person.id, date);
      const absent: Session[] = [];
      sessions.forEach((session, index) => {
        const leave = leaves.find((l) => l.first <= date && l.last >= date && (l.part === '全天' || l.part === session.name));
        if (leave) {
          result.leaveDays[leave.type] = (result.leaveDays[leave.type] ?? 0) + (leave.type === '补签' ? 1 : 0.5);
          if (leave.type === '补签' || leave.type === '公差') result.presentDays += 0.5;
          else result.fullAttendance = false;
          return;
        }
        const found = punches[index];
        if (!found) {
          absent.push(session);
          return;
        }
        result.presentDays += 0.5;
        for (const event of sessionEvents(person.id, date, session, found, grace, input.locate)) {
          result.events.push(event);
          if (event.kind === 'late') result.late += 1;
          if (event.kind === 'early') result.early += 1;
          if (event.kind === 'missing_punch') result.missingPunches += 1;
        }
      });
      if (absent.length > 0) {
        result.absentDays += 1;
        result.absentHalfDays += absent.length;
        const names = absent.map((s) => s.name).join('、');
        for (const s of absent) {
          result.events.push({ personId: person.id, date, kind: 'absent_half_day', evidence: `${shortChineseDate(date)} ${s.name} 无打卡、无请假 → 旷工半天`, at: input.punchSheet });
        }
        result.events.push({
          personId: person.id,
          date,
          kind: 'absent_day',
          evidence: `${shortChineseDate(date)} ${names} 无打卡、无请假 → 旷工${absent.length === 2 ? '1天' : '（当天按1次计）'}`,
          at: input.punchSheet,
        });
      }
    }
    if (result.late + result.early + result.absentHalfDays + result.missingPunches > 0 || result.workingDays === 0) result.fullAttendance = false;
    return result;
  });
  return { people, problems };
}

/** Lates, early leaves and missing clockings of one session with punches. */
function sessionEvents(personId: string, date: IsoDate, session: Session, punches: SessionPunches, grace: number, locate: (punch: Punch) => SourceLocation): AttendanceEvent[] {
  const nearStart = (at: number) => Math.abs(at - session.start) <= Math.abs(at - session.end);
  const { first, last } = punches;
  const clockIn = first.role === 'in' || (first.role === null && nearStart(first.at)) ? first : null;
  const clockOut = (last !== clockIn || punches.count > 1) && (last.role === 'out' || (last.role === null && !nearStart(last.at))) ? last : null;
  const events: AttendanceEvent[] = [];
  const day = `${shortChineseDate(date)} ${session.name}`;
  const graceText = grace > 0 ? `（宽限${grace / 60}分钟）` : '';
  if (clockIn && clockIn.at > session.start + grace) {
    events.push({ personId, date, kind: 'late', evidence: `${day} 首次打卡 ${clock(clockIn.at)} > ${clock(session.start)}${graceText} → 迟到`, at: locate(clockIn) });
  }
  if (clockOut && clockOut.at < session.end - grace) {
    events.push({ personId, date, kind: 'early', evidence: `${day} 末次打卡 ${clock(clockOut.at)} < ${clock(session.end)}${graceText} → 早退`, at: locate(clockOut) });
  }
  if (!clockIn || !clockOut) {
    const present = clockIn ?? clockOut ?? first;
    const text = clockIn ? `只有上班打卡 ${clock(clockIn.at)}，缺下班打卡` : clockOut ? `只有下班打卡 ${clock(clockOut.at)}，缺上班打卡` : `打卡 ${clock(first.at)} 无法判断上下班`;
    events.push({ personId, date, kind: 'missing_punch', evidence: `${day} ${text} → 缺卡（请核实，补签单可免）`, at: locate(present) });
  }
  return events;
}

/** The period's working days by the official calendar; a year without data is an error naming the date. */
function workingDaysOf(period: Period, calendar: WorkCalendar, at: SourceLocation, problems: Problem[]): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = period.first; d <= period.last; d = addDays(d, 1)) {
    try {
      if (calendar.isWorkday(d)) days.push(d);
    } catch (error) {
      if (!(error instanceof YearNotCovered)) throw error;
      problems.push(problem('calendar_year_unknown', at, { value: d, covered: `${Math.min(...error.covered)}–${Math.max(...error.covered)}` }));
      return [];
    }
  }
  return days;
}
