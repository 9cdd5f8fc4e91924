import type { AttendanceKind, AttendanceMapping, Scheme } from '../scheme/model.js';
import type { EntryRecord } from '../core/input.js';
import type { AttendanceEvent, PersonAttendance } from './attendance.js';

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
  // People with a deduction or veto record this period (looked up once, not per person).
  const violators = new Set(typed.filter((r) => scheme.rulesByCode.get(r.ruleCode)?.sign === -1).map((r) => r.personId));
  for (const person of people) {
    for (const event of person.events) {
      const rule = event.kind === 'no_data' ? undefined : mapping.rules[event.kind satisfies AttendanceKind];
      // An absent half-day is half a day wherever a rule counts days (convention 10).
      if (rule) records.push({ ...toRecord(person, event, rule), ...(event.kind === 'absent_half_day' ? { days: 0.5 } : {}) });
    }
    const full = mapping.fullAttendance;
    // 全勤且无任何违纪: no deduction or veto record of the person this period.
    if (full && person.fullAttendance && !violators.has(person.personId)) {
      records.push(
        toRecord(
          person,
          { date: periodLast, evidence: { code: 'full_attendance', workingDays: person.workingDays }, at: { file: '考勤推算' } },
          full.rule,
          full.points,
        ),
      );
    }
  }
  return records;
}
