import { derivedDaysByOccasion, occasionAmount, recordDays, ruleLabel, type AttendanceKind, type AttendanceMapping, type Scheme } from '../scheme/model.js';
import { occasionOf, type EntryRecord } from '../core/input.js';
import { problem, type Problem } from '../core/problems.js';
import type { AttendanceEvent, PersonAttendance } from './attendance.js';
import type { Evidence, FullAttendanceBreak } from '../core/evidence.js';
import type { WorkCalendar } from '../calendar/calendar.js';
import type { Schedule } from '../calendar/schedule.js';
import { recordSheet } from '../core/input-sheets.js';
import { absenceRulesOf } from './year-leave.js';

/**
 * Whether the audit lists an attendance fact for follow-up: 缺卡 no rule of the scheme scores,
 * and days without data. The facts a rule scores are records, each keeping its punches as evidence.
 */
export function followedUp(scheme: Scheme): (event: AttendanceEvent) => boolean {
  const mapped = new Set(Object.keys(scheme.attendance?.rules ?? {}));
  return (event) => (event.kind === 'missing_punch' && !mapped.has(event.kind)) || event.kind === 'no_data';
}

/**
 * Derived attendance facts as records of the scheme's rules, so they enter the same engine and
 * trace as typed records; each keeps the punches and rule that made it as its evidence.
 */
export function attendanceRecords(
  scheme: Scheme,
  mapping: AttendanceMapping,
  people: readonly PersonAttendance[],
  typed: readonly EntryRecord[],
  periodLast: EntryRecord['date'],
): EntryRecord[] {
  const records: EntryRecord[] = [];
  const toRecord = (person: PersonAttendance, event: Pick<AttendanceEvent, 'date' | 'evidence' | 'at'>, ruleCode: string, points: EntryRecord['points'] = null): EntryRecord => ({
    date: event.date,
    personId: person.personId,
    unit: person.unit,
    ruleCode,
    count: 1,
    points,
    matter: null,
    // The record's words are its evidence, worded where it is shown.
    note: '',
    recorder: '考勤推算',
    at: event.at,
    evidence: event.evidence,
  });
  const violators = firstDeductions(scheme, typed);
  for (const person of people) {
    for (const event of person.events) {
      const rule = event.kind === 'no_data' ? undefined : mapping.rules[event.kind satisfies AttendanceKind];
      // An absent half-day is half a day wherever a rule counts days (convention 10).
      if (rule) records.push({ ...toRecord(person, event, rule), ...(event.kind === 'absent_half_day' ? { days: 0.5 } : {}) });
    }
    const full = mapping.fullAttendance;
    if (!full) continue;
    // 全勤且无任何违纪: no deduction or veto record of the person this period. Not given, the
    // bonus rule's line says why, counting nothing (count 0).
    const violation = violators.get(person.personId);
    const broken: FullAttendanceBreak | null =
      person.fullAttendanceBroken ?? (violation ? { code: 'deduction', rule: ruleText(scheme, violation.ruleCode), date: violation.date, at: violation.at } : null);
    const evidence: Evidence = broken ? { code: 'full_attendance_missed', broken } : { code: 'full_attendance', workingDays: person.workingDays };
    records.push({ ...toRecord(person, { date: periodLast, evidence, at: { file: '考勤推算' } }, full.rule, full.points), count: broken ? 0 : 1 });
  }
  return records;
}

/**
 * Each person's first deduction or veto record this period (looked up once, not per person): who
 * is not 无任何违纪, the half of full attendance 记录 alone tells.
 */
function firstDeductions(scheme: Scheme, typed: readonly EntryRecord[]): Map<string, EntryRecord> {
  const first = new Map<string, EntryRecord>();
  for (const r of typed) if (r.personId !== null && !first.has(r.personId) && scheme.rulesByCode.get(r.ruleCode)?.sign === -1) first.set(r.personId, r);
  return first;
}

/** A rule as a message names it: its code and name. */
function ruleText(scheme: Scheme, code: string): string {
  return ruleLabel({ code, name: scheme.rulesByCode.get(code)?.name ?? '' });
}

/**
 * Typed 记录 rows of rules the punches also yield. One of a date the punches yield it too is the
 * same fact, counted once by the engine: said so. One of another date may be the same lateness
 * or absence dated apart: warned. Full attendance is one fact a month: typed for a person the
 * punches give it too, the bonus would count twice for certain, an error at the row; typed for
 * one they do not give it, the row counts as typed and is warned, since the clerk claims what the
 * punches and records do not show.
 */
export function typedAlsoDerived(scheme: Scheme, typed: readonly EntryRecord[], derived: readonly EntryRecord[]): Problem[] {
  const mapped = new Set(Object.values(scheme.attendance?.rules ?? {}));
  const fullRule = scheme.attendance?.fullAttendance?.rule;
  const fullDays = new Map(derived.flatMap((r) => (r.ruleCode === fullRule && r.evidence?.code === 'full_attendance' ? [[r.personId, r.evidence.workingDays] as const] : [])));
  // Per person, rule and date: the days the punches yield and the days and rows typed.
  const derivedDays = derivedDaysByOccasion(scheme, derived);
  const typedOccasions = new Map<string, { days: number; rows: number[] }>();
  for (const r of typed) {
    const rule = mapped.has(r.ruleCode) && derivedDays.has(occasionOf(r)) ? scheme.rulesByCode.get(r.ruleCode) : undefined;
    if (!rule) continue;
    const occasion = typedOccasions.get(occasionOf(r)) ?? { days: 0, rows: [] };
    occasion.days += recordDays(rule, r);
    if (r.at.row !== undefined) occasion.rows.push(r.at.row);
    typedOccasions.set(occasionOf(r), occasion);
  }
  // A loop, not flatMap: a month's 20,000 typed rows are nearly all of other rules, each an empty list made for nothing.
  const problems: Problem[] = [];
  for (const r of typed) {
    if (mapped.has(r.ruleCode)) {
      // Of the same date, one fact the engine counts once, the larger of the two (said: how much, as its note says it); of another, maybe the same one dated apart.
      const sameDay = typedOccasions.get(occasionOf(r));
      const rule = scheme.rulesByCode.get(r.ruleCode);
      if (sameDay && rule) {
        const typedAmount = occasionAmount(scheme, rule, sameDay.days);
        const derivedAmount = occasionAmount(scheme, rule, derivedDays.get(occasionOf(r)) ?? 0).amount;
        problems.push(problem('attendance_typed_same_day', r.at, { rule: ruleText(scheme, r.ruleCode), date: r.date, typed: typedAmount.amount, rows: sameDay.rows.join('、'), derived: derivedAmount, counted: Math.max(typedAmount.amount, derivedAmount), unit: typedAmount.unit }, 'warning'));
      } else problems.push(problem('attendance_also_typed', r.at, { rule: ruleText(scheme, r.ruleCode) }, 'warning'));
    } else if (r.ruleCode === fullRule) {
      const days = fullDays.get(r.personId);
      problems.push(days === undefined ? problem('full_attendance_typed_not_derived', r.at, { rule: ruleText(scheme, r.ruleCode) }, 'warning') : problem('full_attendance_also_typed', r.at, { rule: ruleText(scheme, r.ruleCode), days }));
    }
  }
  return problems;
}

/**
 * Full attendance typed in 记录 when no punches are given: whether the person punched in time is
 * not known, but 无任何违纪 is, from 记录 alone. Typed for a person with a deduction or veto
 * record this period, the row counts as typed and is warned, as when the punches do not give it.
 */
export function fullAttendanceTypedUnpunched(scheme: Scheme, mapping: AttendanceMapping, typed: readonly EntryRecord[]): Problem[] {
  const fullRule = mapping.fullAttendance?.rule;
  if (fullRule === undefined) return [];
  const deductions = firstDeductions(scheme, typed);
  const problems: Problem[] = [];
  for (const r of typed) {
    const deduction = r.ruleCode === fullRule && r.personId !== null ? deductions.get(r.personId) : undefined;
    if (deduction) problems.push(problem('full_attendance_typed_with_deduction', r.at, { rule: ruleText(scheme, r.ruleCode), deduction: ruleText(scheme, deduction.ruleCode), row: deduction.at.row ?? '' }, 'warning'));
  }
  return problems;
}

/**
 * A scheme that works lates and absences out from punches, given no punches and no 记录 row of
 * those rules: every such deduction would be zero without a word (a forgotten 考勤 sheet or
 * --punches). Typed rows of them mean the clerk keeps attendance by hand: nothing to say.
 */
export function attendanceNotGiven(mapping: AttendanceMapping, records: readonly EntryRecord[], file: string): Problem[] {
  const mapped = new Set(Object.values(mapping.rules));
  return records.some((r) => mapped.has(r.ruleCode)) ? [] : [problem('attendance_not_given', { file }, {}, 'warning')];
}

/**
 * Typed 记录 rows of the rules absences are counted by in days (旷工, 旷工半天: absenceRulesOf)
 * dated on the person's day off, most likely a wrong date: said at the row's 日期, the row
 * still counted as typed (a make-up working day may be so). The day is decided as the
 * attendance derivation does: the person's 班次 row (of `schedule`, when 班次 was read) first —
 * a stated shift on a Saturday is a working day, 休息 on a weekday is not — then the calendar,
 * where a 调休 working day is a working day. `calendar` is loaded only when there is such a row.
 */
export function absencesOnRestDays(scheme: Scheme, typed: readonly EntryRecord[], calendar: () => WorkCalendar, schedule: Schedule | null): Problem[] {
  const absenceRules = absenceRulesOf(scheme);
  const absences = typed.filter((r) => r.evidence === undefined && absenceRules.has(r.ruleCode));
  if (absences.length === 0) return [];
  const days = calendar();
  const problems: Problem[] = [];
  for (const r of absences) {
    const row = r.personId === null ? undefined : schedule?.rowOn(r.personId, r.date);
    if (row ? row.shift.kind === 'work' : !days.covers(r.date) || days.isWorkday(r.date)) continue;
    const holiday = days.covers(r.date) && days.isHoliday(r.date) ? (days.dayName(r.date) ?? '法定节假日') : '';
    problems.push(problem('absence_on_rest_day', { ...r.at, column: recordSheet.columns[0].headers[0] }, { date: r.date, rule: ruleText(scheme, r.ruleCode), holiday }, 'warning'));
  }
  return problems;
}
