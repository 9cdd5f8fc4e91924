import { DAY, type Seconds } from '../calendar/hours.js';
import type { ExportPunch, ExportShift } from './model.js';
import { parseShiftSessions } from './values.js';

/**
 * The punches with the file's punches matched to a scheduled time (DingTalk 原始记录 考勤时间)
 * given the side that time states, as new punches in one walk: the start of a session of that
 * day's stated shift is 上班, an end 下班 (read from the same file's 每日统计 班次, whichever sheet
 * comes first). Without one stated shift, or a time that is no start or end, or one that is both,
 * the side stays unknown (the nearer boundary decides), never guessed.
 */
export function withScheduledRoles(punches: readonly ExportPunch[], shifts: readonly ExportShift[], file: string): ExportPunch[] {
  let stated: ReadonlyMap<string, string | null> | null = null;
  return punches.map((punch) => {
    if (punch.scheduled === undefined || punch.role !== null || punch.sheet.file !== file) return punch;
    stated ??= statedShifts(shifts, file);
    const shift = stated.get(`${punch.person}\u0000${punch.date}`);
    const role = shift === undefined || shift === null ? null : roleOfScheduled(shift, punch.scheduled);
    return role === null ? punch : { ...punch, role };
  });
}

/** The shift the file states for each person-day; two sheets stating different shifts for one leave it unknown (null). */
function statedShifts(shifts: readonly ExportShift[], file: string): Map<string, string | null> {
  const stated = new Map<string, string | null>();
  for (const s of shifts) {
    if (s.where.file !== file) continue;
    const key = `${s.person}\u0000${s.date}`;
    const known = stated.get(key);
    stated.set(key, known === undefined || known === s.shift ? s.shift : null);
  }
  return stated;
}

function roleOfScheduled(shift: string, scheduled: Seconds): 'in' | 'out' | null {
  const sessions = parseShiftSessions(shift) ?? [];
  const clock = scheduled % DAY;
  const starts = sessions.some((s) => s.start % DAY === clock);
  const ends = sessions.some((s) => s.end % DAY === clock);
  if (starts === ends) return null;
  return starts ? 'in' : 'out';
}
