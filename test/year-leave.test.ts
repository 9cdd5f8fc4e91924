import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../src/calendar/calendar.js';
import type { IsoDate } from '../src/core/dates.js';
import type { EntryRecord } from '../src/core/input.js';
import type { AttendanceEvent, PersonAttendance } from '../src/derive/attendance.js';
import { leaveYears, typedAbsences } from '../src/derive/year-leave.js';
import type { AttendanceMapping } from '../src/scheme/model.js';

const at = { file: '2026-H1.xlsx', sheet: '记录', row: 2 };
/** bingcha-halfyear's mapping: an absent half-day from punches is 3.4 旷工半天. */
const halfDayMapping = { rules: { absent_half_day: '3.4' } } as unknown as AttendanceMapping;
/** bianmin-10pt's: an absence day is 2.1 旷工. */
const dayMapping = { rules: { absent_day: '2.1' } } as unknown as AttendanceMapping;

function typedRecord(date: string, ruleCode: string, count: number, row = 2): EntryRecord {
  return { date: date as IsoDate, personId: '13', unit: '民政', ruleCode, count, points: null, matter: null, note: '', recorder: '', at: { ...at, row } };
}

/** 人3's absences derived from punches: each date's halves, as absent_half_day events (and the day's absent_day). */
function derived(halvesByDate: Record<string, number>): PersonAttendance {
  const events: AttendanceEvent[] = Object.entries(halvesByDate).flatMap(([date, halves]) => [
    ...Array.from({ length: halves }, () => ({ personId: '13', date: date as IsoDate, kind: 'absent_half_day' as const, evidence: null as never, at })),
    { personId: '13', date: date as IsoDate, kind: 'absent_day' as const, evidence: null as never, at },
  ]);
  return { personId: '13', events } as unknown as PersonAttendance;
}

describe('旷工 typed in 记录 counts toward the year’s leave consequences', () => {
  it('a row of the half-day rule is 0.5 day per 次数, of the day rule 1 day; other rules and derived rows are not absences', () => {
    const fromPunches = { ...typedRecord('2026-03-17', '3.4', 1), evidence: { code: 'full_attendance', workingDays: 1 } } as unknown as EntryRecord;
    const records = [typedRecord('2026-03-16', '3.4', 16), typedRecord('2026-03-16', '1.3', 2), fromPunches];
    // 16 × 旷工半天 = 16 × 0.5 = 8 days; 1.3 is no absence; the derived row comes in through the attendance.
    expect(typedAbsences(halfDayMapping, records)).toEqual([{ personId: '13', date: '2026-03-16', days: 8, at }]);
    // bianmin's 2.1 旷工 × 3 = 3 days
    expect(typedAbsences(dayMapping, [typedRecord('2026-10-12', '2.1', 3)]).map((t) => t.days)).toEqual([3]);
    expect(typedAbsences(null, records)).toEqual([]);
  });

  it('adds typed days to derived ones; a date both typed and derived counts once, at the larger', () => {
    const typed = typedAbsences(halfDayMapping, [typedRecord('2026-03-16', '3.4', 2), typedRecord('2026-03-18', '3.4', 16, 3)]);
    // Punches: 03-16 both halves absent (1 day), 03-17 one half (0.5 day).
    const year = leaveYears(['13'], [], [derived({ '2026-03-16': 2, '2026-03-17': 1 })], typed, officialCalendar()).get('13')!;
    // 03-16: typed 2 × 0.5 = 1 day, derived 1 day → 1 (the same absence, not 2);
    // 03-17: derived 0.5; 03-18: typed 16 × 0.5 = 8. Total 1 + 0.5 + 8 = 9.5 days.
    expect(year.absentDays).toBe(9.5);
    expect(year.evidence.absentDates).toEqual(['2026-03-16', '2026-03-17', '2026-03-18']);
    expect(year.evidence.absentRows.map((r) => r.row)).toEqual([2, 3]);
    // The run of whole absent days comes from punches only: 03-16 alone (03-17 was half worked).
    expect(year.longestAbsentRun).toBe(1);
  });
});
