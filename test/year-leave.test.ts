import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../src/calendar/calendar.js';
import type { IsoDate } from '../src/core/dates.js';
import type { EntryRecord } from '../src/core/input.js';
import type { AttendanceEvent, PersonAttendance } from '../src/derive/attendance.js';
import { leaveYears, typedAbsences } from '../src/derive/year-leave.js';
import { builtinScheme } from './builtin-scheme.js';

const at = { file: '2026-H1.xlsx', sheet: '记录', row: 2 };
/** Punches' absent half-days are 3.4 旷工半天 ("旷工每半天扣1分": days_per_count 0.5). */
const halfyear = builtinScheme('bingcha-halfyear');

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
  it('次数 × the rule’s days per count; other rules and derived rows are not absences', () => {
    const fromPunches = { ...typedRecord('2026-03-17', '3.4', 1), evidence: { code: 'full_attendance', workingDays: 1 } } as unknown as EntryRecord;
    const records = [typedRecord('2026-03-16', '3.4', 16), typedRecord('2026-03-16', '1.3', 2), fromPunches];
    // 16 × 旷工半天 = 16 × 0.5 = 8 days; 1.3 is no absence; the derived row comes in through the attendance.
    expect(typedAbsences(halfyear, records)).toEqual([{ personId: '13', date: '2026-03-16', days: 8, at }]);
    // bianmin-10pt's 2.1 旷工 (an absence day) × 3 = 3 days
    expect(typedAbsences(builtinScheme('bianmin-10pt'), [typedRecord('2026-10-12', '2.1', 3)]).map((t) => t.days)).toEqual([3]);
    // city-hall-monthly maps absent half-days to 6.2 无故缺席, but its 次数 is days (次数填缺席天数): 3 × 1 = 3
    expect(typedAbsences(builtinScheme('city-hall-monthly'), [typedRecord('2026-10-12', '6.2', 3)]).map((t) => t.days)).toEqual([3]);
    // a scheme that maps no attendance has no rule to tell a typed absence by
    expect(typedAbsences(builtinScheme('bingcha-monthly'), records)).toEqual([]);
  });

  it('adds typed days to derived ones; a date both typed and derived counts once, at the larger', () => {
    const typed = typedAbsences(halfyear, [typedRecord('2026-03-16', '3.4', 2), typedRecord('2026-03-18', '3.4', 16, 3)]);
    // Punches: 03-16 both halves absent (1 day), 03-17 one half (0.5 day).
    const year = leaveYears(['13'], [], [derived({ '2026-03-16': 2, '2026-03-17': 1 })], typed, officialCalendar(), 2026).get('13')!;
    // 03-16: typed 2 × 0.5 = 1 day, derived 1 day → 1 (the same absence, not 2);
    // 03-17: derived 0.5; 03-18: typed 16 × 0.5 = 8. Total 1 + 0.5 + 8 = 9.5 days.
    expect(year.absentDays).toBe(9.5);
    expect(year.evidence.absentDates).toEqual(['2026-03-16', '2026-03-17', '2026-03-18']);
    expect(year.evidence.absentRows.map((r) => r.row)).toEqual([2, 3]);
    // The run of whole absent days comes from punches only: 03-16 alone (03-17 was half worked).
    expect(year.longestAbsentRun).toBe(1);
  });
});
