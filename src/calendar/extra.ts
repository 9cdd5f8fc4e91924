import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as z from 'zod';
import { parseDateText, type IsoDate } from '../core/dates.js';
import { assertRegularFile } from '../core/files.js';
import { UsageError } from '../core/problems.js';
import type { ExtraYear } from './calendar.js';

const day = z.string().transform((text, ctx) => {
  const parsed = parseDateText(text);
  // The catalogue words it: a date not understood carries its text.
  if (!parsed) ctx.addIssue({ code: 'custom', message: 'calendar_date_invalid', params: { value: text } });
  return parsed as IsoDate;
});
/** A date as YAML gives it: text, or a date value (YAML 1.1 timestamps), read as its calendar day. */
const dayValue = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), day);

/**
 * A year's official arrangement typed from the State Council notice, for years the bundled
 * calendar does not know yet:
 *   year: 2027
 *   source: 国务院办公厅关于2027年部分节假日安排的通知
 *   holidays: [2027-01-01, …]     # 放假日（含周末调成的假日）
 *   workdays: [2027-02-07, …]     # 调休上班的周末
 */
const extraYearSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    source: z.string().min(1),
    holidays: z.array(dayValue),
    workdays: z.array(dayValue).default([]),
  })
  // A date of another year would change that year (a November 2026 Tuesday made a holiday by a
  // 2027 file), and a day in both lists would be a holiday whatever the workday says: refused.
  .superRefine((entry, ctx) => {
    const lists = [['holidays', entry.holidays], ['workdays', entry.workdays]] as const;
    for (const [key, days] of lists) {
      days.forEach((day, i) => {
        if (day && !day.startsWith(`${entry.year}-`)) ctx.addIssue({ code: 'custom', path: [key, i], message: 'other_year', params: { value: day, year: String(entry.year) } });
      });
    }
    const holidays = new Set(entry.holidays);
    entry.workdays.forEach((day, i) => {
      if (day && holidays.has(day)) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: 'both_lists', params: { value: day } });
    });
  });

export function loadExtraYears(path: string | undefined): ExtraYear[] {
  if (path === undefined) return [];
  assertRegularFile(path);
  let data: unknown;
  try {
    // The YAML library is loaded only when a calendar file is given (most runs have none).
    const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
    data = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError('calendar_unreadable', { file: path, detail: String((error as Error).message).split('\n')[0] ?? '' });
  }
  const list = Array.isArray(data) ? data : [data];
  return list.map((entry, i) => {
    const parsed = extraYearSchema.safeParse(entry);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(calendarIssue);
      throw new UsageError('calendar_invalid', { file: path, part: i + 1, issues: JSON.stringify(issues) });
    }
    return { year: parsed.data.year, holidays: parsed.data.holidays, workdays: parsed.data.workdays };
  });
}

/** A zod issue as the catalogue words it: its kind and the figures it names, not zod's English. */
function calendarIssue(e: z.core.$ZodIssue): { path: string; code: string; value?: string; reason?: string; year?: string; limit?: string; keys?: string } {
  const path = e.path.join('.');
  switch (e.code) {
    case 'custom':
      if (e.message === 'other_year') return { path, code: e.code, value: String(e.params?.value), reason: e.message, year: String(e.params?.year) };
      if (e.message === 'both_lists') return { path, code: e.code, value: String(e.params?.value), reason: e.message };
      return { path, code: e.code, value: String(e.params?.value) };
    case 'too_small':
      return { path, code: e.code, limit: String(e.minimum) };
    case 'too_big':
      return { path, code: e.code, limit: String(e.maximum) };
    case 'unrecognized_keys':
      return { path, code: e.code, keys: e.keys.join('、') };
    default:
      return { path, code: e.code };
  }
}
