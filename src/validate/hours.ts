import { DEFAULT_HOURS, parseSessions, type WorkingHours } from '../calendar/hours.js';
import { problem, type Problem } from '../core/problems.js';

/** Working-hours flags; they override the 设置 sheet, which overrides 003's defaults. */
export interface HoursFlags {
  hours?: string;
  summerHours?: string;
  winterHours?: string;
  summerStart?: string;
  winterStart?: string;
  grace?: string;
}

/**
 * The centre's working hours from the 设置 sheet and the command line: 作息时间 (all year), or
 * 夏季/冬季作息时间 with 夏季开始/冬季开始, and 迟到宽限分钟.
 */
export function workingHours(settings: ReadonlyMap<string, string>, flags: HoursFlags, file: string): { hours: WorkingHours; problems: Problem[] } {
  const problems: Problem[] = [];
  const value = (key: string, flag: string | undefined) => flag ?? (settings.get(key) || undefined);
  const sessions = (key: string, flag: string | undefined) => {
    const text = value(key, flag);
    if (text === undefined) return undefined;
    const parsed = parseSessions(text);
    if (!parsed) problems.push(problem('setting_invalid', { file, sheet: '设置' }, { key, value: text, expected: '08:00-11:30,14:00-17:30' }));
    return parsed ?? undefined;
  };
  const monthDay = (key: string, flag: string | undefined) => {
    const text = value(key, flag);
    if (text === undefined) return undefined;
    const m = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.normalize('NFKC').trim());
    if (!m || Number(m[1]) > 12 || Number(m[2]) > 31) {
      problems.push(problem('setting_invalid', { file, sheet: '设置' }, { key, value: text, expected: '05-01' }));
      return undefined;
    }
    return `${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  };
  const allYear = sessions('作息时间', flags.hours);
  const hours: WorkingHours = {
    summer: allYear ?? sessions('夏季作息时间', flags.summerHours) ?? DEFAULT_HOURS.summer,
    winter: allYear ?? sessions('冬季作息时间', flags.winterHours) ?? DEFAULT_HOURS.winter,
    summerStart: monthDay('夏季开始', flags.summerStart) ?? DEFAULT_HOURS.summerStart,
    winterStart: monthDay('冬季开始', flags.winterStart) ?? DEFAULT_HOURS.winterStart,
    graceMinutes: DEFAULT_HOURS.graceMinutes,
  };
  const graceText = value('迟到宽限分钟', flags.grace);
  if (graceText !== undefined) {
    const grace = Number(graceText.normalize('NFKC').replace(/分钟?$/, ''));
    if (!Number.isInteger(grace) || grace < 0 || grace > 120) problems.push(problem('setting_invalid', { file, sheet: '设置' }, { key: '迟到宽限分钟', value: graceText, expected: '0 到 120 的整数' }));
    else hours.graceMinutes = grace;
  }
  return { hours, problems };
}
