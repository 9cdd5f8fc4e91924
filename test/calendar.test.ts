import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExtraYears } from '../src/calendar/extra.js';
import { UsageError } from '../src/core/problems.js';
import { formatUsageError } from '../src/messages/usage.js';
import { tempDir } from './workbook.js';
import { officialCalendar, YearNotCovered } from '../src/calendar/calendar.js';
import { noticePeriod } from '../src/calendar/notice-period.js';
import type { IsoDate } from '../src/core/dates.js';

const d = (s: string) => s as IsoDate;
const calendar = officialCalendar();

describe('official working calendar', () => {
  it('knows weekends, National Day and the 调休 Saturday of 2026', () => {
    expect(calendar.isWorkday(d('2026-10-01'))).toBe(false); // 国庆节
    expect(calendar.isWorkday(d('2026-10-10'))).toBe(true); // Saturday worked in lieu (国务院办公厅通知)
    expect(calendar.isWorkday(d('2026-10-17'))).toBe(false); // ordinary Saturday
    expect(calendar.isWorkday(d('2026-10-12'))).toBe(true); // Monday
    expect([2024, 2025, 2026].every((y) => calendar.coveredYears.has(y))).toBe(true);
  });

  it('refuses a year it has no data for instead of guessing weekdays', () => {
    expect(() => calendar.isWorkday(d('2027-01-01'))).toThrow(YearNotCovered);
  });

  it('a supplied year the bundle knows: the file wins both ways (probe pf16b: its working day on a bundled holiday was ignored)', () => {
    // 2026-10-07 is in the bundled 国庆 break, 2026-11-04 a plain Wednesday; a file for 2026 says the opposite.
    const local = officialCalendar([{ year: 2026, holidays: [d('2026-11-04')], workdays: [d('2026-10-07')] }]);
    expect([local.isWorkday(d('2026-10-07')), local.isWorkday(d('2026-11-04'))]).toEqual([true, false]);
    expect(local.isHoliday(d('2026-10-07'))).toBe(false);
  });

  it('accepts a year the user supplies', () => {
    const extended = officialCalendar([{ year: 2027, holidays: [d('2027-01-01')], workdays: [] }]);
    expect(extended.isWorkday(d('2027-01-01'))).toBe(false);
    expect(extended.isWorkday(d('2027-01-04'))).toBe(true);
  });
});

describe('a --calendar file', () => {
  const write = (text: string) => {
    const file = join(tempDir(), '2027.yaml');
    writeFileSync(file, text);
    return file;
  };
  const refusal = (text: string): UsageError => {
    try {
      loadExtraYears(write(text));
    } catch (error) {
      if (error instanceof UsageError) return error;
      throw error;
    }
    throw new Error('accepted');
  };

  it('reads holidays and working Saturdays typed as dates', () => {
    expect(loadExtraYears(write('year: 2027\nsource: 通知\nholidays: [2027-01-01, 2027/1/4]\nworkdays: [2027-02-06]\n'))).toEqual([
      { year: 2027, holidays: ['2027-01-01', '2027-01-04'], workdays: ['2027-02-06'] },
    ]);
  });

  it('names each problem by its kind, with the date not understood, the limit and the unknown key', () => {
    const error = refusal('year: 1990\nsource: x\nholidays: [2027-13-01]\nfoo: 1\n');
    expect(error.code).toBe('calendar_invalid');
    expect(JSON.parse(String(error.args.issues))).toEqual([
      { path: 'year', code: 'too_small', limit: '2000' },
      { path: 'holidays.0', code: 'custom', value: '2027-13-01' },
      { path: '', code: 'unrecognized_keys', keys: 'foo' },
    ]);
    // worded in Chinese by the catalogue, without zod's English
    expect(formatUsageError(error)).not.toMatch(/[A-Z][a-z]+ (input|small|big)/);
  });
});

describe('a --calendar file’s dates must be its own year’s (probe pf16b)', () => {
  const write = (text: string) => {
    const file = join(tempDir(), '2027.yaml');
    writeFileSync(file, text);
    return file;
  };
  const issuesOf = (text: string) => {
    try {
      loadExtraYears(write(text));
    } catch (error) {
      if (error instanceof UsageError) return { code: error.code, issues: JSON.parse(String(error.args.issues)) as unknown, text: formatUsageError(error) };
      throw error;
    }
    throw new Error('accepted');
  };

  it('refuses a date of another year (2026-11-03 in the 2027 file made a November 2026 Tuesday a holiday, silently)', () => {
    const refused = issuesOf('year: 2027\nsource: 通知\nholidays: [2027-01-01, 2026-11-03]\nworkdays: [2028-01-01]\n');
    expect(refused.code).toBe('calendar_invalid');
    expect(refused.issues).toEqual([
      { path: 'holidays.1', code: 'custom', value: '2026-11-03', reason: 'other_year', year: '2027' },
      { path: 'workdays.0', code: 'custom', value: '2028-01-01', reason: 'other_year', year: '2027' },
    ]);
    // The entry is said as a clerk counts (zod's holidays.1 is the second): holidays 第2项.
    expect(refused.text).toContain('holidays 第2项：2026-11-03 不是 2027 年的日期');
    expect(refused.text).toContain('workdays 第1项：2028-01-01');
  });

  it('refuses a day listed both as a holiday and as a working day (the holiday won, silently)', () => {
    const refused = issuesOf('year: 2027\nsource: 通知\nholidays: [2027-02-10]\nworkdays: [2027-02-10]\n');
    expect(refused.issues).toEqual([{ path: 'workdays.0', code: 'custom', value: '2027-02-10', reason: 'both_lists' }]);
    expect(refused.text).toContain('2027-02-10 既在 holidays 中又在 workdays 中');
  });
});

describe('公示期', () => {
  it('runs five working days from a Monday', () => {
    // Mon 23 Nov 2026 … Fri 27 Nov
    expect(noticePeriod(calendar, d('2026-11-23'), 5)).toEqual({ first: '2026-11-23', last: '2026-11-27', weekdaysOnly: false });
  });

  it('starts on the next working day and skips National Day, counting the 调休 Saturday', () => {
    // from Wed 30 Sep 2026: 30 Sep (1), 1–7 Oct holidays, 8 Oct (2), 9 Oct (3), Sat 10 Oct 调休 (4), 12 Oct (5)
    expect(noticePeriod(calendar, d('2026-09-30'), 5)).toEqual({ first: '2026-09-30', last: '2026-10-12', weekdaysOnly: false });
    // from Sun 22 Nov: starts Mon 23
    expect(noticePeriod(calendar, d('2026-11-22'), 5).first).toBe('2026-11-23');
  });

  it('falls back to weekdays past the last known year and says so', () => {
    // Wed 30 Dec 2026 (1), Thu 31 Dec (2), then 2027 unknown: Fri 1 Jan (3), Mon 4 (4), Tue 5 (5)
    expect(noticePeriod(calendar, d('2026-12-30'), 5)).toEqual({ first: '2026-12-30', last: '2027-01-05', weekdaysOnly: true });
  });
});
