import { DAY, type Seconds } from '../calendar/hours.js';
import type { ExportPunch, ImportData } from './model.js';
import { parseShiftSessions } from './values.js';

/**
 * Gives a punch the side its row states by the scheduled time it was matched to (DingTalk
 * 原始记录 考勤时间): the start of a session of that day's stated shift is 上班, an end 下班 (read
 * from the same file's 每日统计 班次, whichever sheet comes first). Without one stated shift, or a
 * time that is no start or end, or one that is both, the side stays unknown (the nearer boundary
 * decides), never guessed.
 */
export function rolesByScheduledTime(data: ImportData, file: string): void {
  if (!data.punches.some((p) => p.scheduled !== undefined && p.role === null && p.sheet.file === file)) return;
  // Two sheets stating different shifts for one person-day leave it unknown.
  const shifts = new Map<string, string | null>();
  for (const s of data.shifts) {
    if (s.where.file !== file) continue;
    const key = `${s.person}\u0000${s.date}`;
    const known = shifts.get(key);
    shifts.set(key, known === undefined || known === s.shift ? s.shift : null);
  }
  data.punches.forEach((punch, i) => {
    if (punch.scheduled === undefined || punch.role !== null || punch.sheet.file !== file) return;
    const shift = shifts.get(`${punch.person}\u0000${punch.date}`);
    const role = shift === undefined || shift === null ? null : roleOfScheduled(shift, punch.scheduled);
    if (role !== null) data.punches[i] = withRole(punch, role);
  });
}

function roleOfScheduled(shift: string, scheduled: Seconds): 'in' | 'out' | null {
  const sessions = parseShiftSessions(shift) ?? [];
  const clock = scheduled % DAY;
  const starts = sessions.some((s) => s.start % DAY === clock);
  const ends = sessions.some((s) => s.end % DAY === clock);
  if (starts === ends) return null;
  return starts ? 'in' : 'out';
}

function withRole(punch: ExportPunch, role: 'in' | 'out'): ExportPunch {
  return { ...punch, role };
}
