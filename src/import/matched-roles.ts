import { DAY, type Seconds } from '../calendar/hours.js';
import type { ExportPunch, ExportShift } from './model.js';
import { parseShiftSessions, type ShiftSession } from './values.js';

/**
 * The punches with the file's punches matched to a scheduled time (DingTalk 原始记录 考勤时间)
 * given the side that time states, as new punches in one walk: the start of a session of that
 * day's stated shift is 上班, an end 下班 (read from the same file's 每日统计 班次, whichever sheet
 * comes first). Without one stated shift, or a time that is no start or end, or one that is both,
 * the side stays unknown (the nearer boundary decides), never guessed.
 */
export function withScheduledRoles(punches: ExportPunch[], shifts: readonly ExportShift[], file: string): ExportPunch[] {
  const placed = (punch: ExportPunch): punch is ExportPunch & { scheduled: NonNullable<ExportPunch['scheduled']> } => punch.scheduled !== undefined && punch.role === null && punch.sheet.file === file;
  // Punches with no scheduled time (every export but 原始记录) are handed back as they are.
  if (!punches.some(placed)) return punches;
  const stated = statedShifts(shifts, file);
  return punches.map((punch) => {
    if (!placed(punch)) return punch;
    const sessions = stated.get(`${punch.person}\u0000${punch.date}`);
    const role = sessions === undefined || sessions === null ? null : roleOfScheduled(sessions, punch.scheduled);
    return role === null ? punch : { ...punch, role };
  });
}

/**
 * The sessions of the shift the file states for each person-day, each shift's text parsed once; two
 * sheets stating different shifts for one leave it unknown (null).
 */
function statedShifts(shifts: readonly ExportShift[], file: string): Map<string, readonly ShiftSession[] | null> {
  const texts = new Map<string, string | null>();
  for (const s of shifts) {
    if (s.where.file !== file) continue;
    const key = `${s.person}\u0000${s.date}`;
    const known = texts.get(key);
    texts.set(key, known === undefined || known === s.shift ? s.shift : null);
  }
  const parsed = new Map<string, readonly ShiftSession[]>();
  const sessionsOf = (text: string) => parsed.get(text) ?? parsed.set(text, parseShiftSessions(text) ?? []).get(text)!;
  return new Map([...texts].map(([key, text]) => [key, text === null ? null : sessionsOf(text)]));
}

function roleOfScheduled(sessions: readonly ShiftSession[], scheduled: Seconds): 'in' | 'out' | null {
  const clock = scheduled % DAY;
  const starts = sessions.some((s) => s.start % DAY === clock);
  const ends = sessions.some((s) => s.end % DAY === clock);
  if (starts === ends) return null;
  return starts ? 'in' : 'out';
}
