import { describe, expect, it } from 'vitest';
import { parseClock } from '../src/calendar/hours.js';
import type { IsoDate } from '../src/core/dates.js';
import { withScheduledRoles } from '../src/import/matched-roles.js';
import type { ExportPunch, ExportShift } from '../src/import/model.js';

/**
 * A 原始记录 punch's side from its 考勤时间 and the person-day's stated shift (08:00-11:30,
 * 14:00-17:30): a session's start is 上班, an end 下班; anything else stays unknown.
 */
const day = '2026-11-03' as IsoDate;
const sheet = { file: '考勤报表.xlsx', sheet: '原始记录', headers: [] };

function rolesOf(shifts: string[], punches: [at: string, scheduled: string][], shiftFile = sheet.file): ExportPunch['role'][] {
  const stated = shifts.map((shift, i): ExportShift => ({ person: 'id:0001', date: day, shift, where: { file: shiftFile, sheet: '每日统计', row: 4 + i } }));
  const read = punches.map(([at, scheduled], i): ExportPunch => ({ person: 'id:0001', date: day, at: parseClock(at)!, role: null, scheduled: parseClock(scheduled)!, sheet, row: 4 + i, column: 8 }));
  return withScheduledRoles(read, stated, sheet.file).map((p) => p.role);
}

describe('a punch’s side from the scheduled time it was matched to', () => {
  it('a start is 上班, an end 下班, whatever the punch’s own time', () => {
    expect(rolesOf(['08:00-11:30,14:00-17:30'], [['10:00', '08:00'], ['11:35', '11:30'], ['13:55', '14:00'], ['15:00', '17:30']])).toEqual(['in', 'out', 'in', 'out']);
  });

  it('a time that is no start or end of the shift (12:00) tells nothing', () => {
    expect(rolesOf(['08:00-11:30,14:00-17:30'], [['12:05', '12:00']])).toEqual([null]);
  });

  it('a time that is an end and a start (11:30 in 08:00-11:30,11:30-17:30) tells nothing', () => {
    expect(rolesOf(['08:00-11:30,11:30-17:30'], [['11:31', '11:30']])).toEqual([null]);
  });

  it('no stated shift, a rest day, or two sheets stating different shifts: unknown', () => {
    expect(rolesOf([], [['15:00', '17:30']])).toEqual([null]);
    expect(rolesOf(['休息'], [['15:00', '17:30']])).toEqual([null]);
    // 17:30 ends the second shift's afternoon but nothing of the first's (08:00-12:00, 13:00-17:00).
    expect(rolesOf(['08:00-12:00,13:00-17:00', '08:00-11:30,14:00-17:30'], [['15:00', '17:30']])).toEqual([null]);
  });

  it('the same shift stated twice (每日统计 and another sheet) still tells', () => {
    expect(rolesOf(['08:00-11:30,14:00-17:30', '08:00-11:30,14:00-17:30'], [['15:00', '17:30']])).toEqual(['out']);
  });

  it('gives the side to new punches, the punches read left as they were', () => {
    const read: ExportPunch[] = [{ person: 'id:0001', date: day, at: parseClock('15:00')!, role: null, scheduled: parseClock('17:30')!, sheet, row: 4, column: 8 }];
    const stated: ExportShift[] = [{ person: 'id:0001', date: day, shift: '08:00-11:30,14:00-17:30', where: { file: sheet.file, sheet: '每日统计', row: 4 } }];
    expect(withScheduledRoles(read, stated, sheet.file).map((p) => p.role)).toEqual(['out']);
    expect(read[0]!.role).toBeNull();
  });

  it('a shift stated in another file says nothing about this file’s punches', () => {
    expect(rolesOf(['08:00-11:30,14:00-17:30'], [['15:00', '17:30']], '别的.xlsx')).toEqual([null]);
  });
});
