import { officialCalendar, type CalendarSource, type WorkCalendar } from '../calendar/calendar.js';
import { loadExtraYears } from '../calendar/extra.js';
import { loadScheme } from '../scheme/load.js';
import type { Scheme } from '../scheme/model.js';

/**
 * What a run builds once from its options and hands down: the compiled scheme and the work
 * calendar. Nothing below the command builds its own, so `--calendar` reaches every part that
 * counts working days (attendance, the notice period, year-end leave).
 */
export interface RunContext {
  readonly scheme: Scheme;
  readonly calendar: CalendarSource;
}

/** The calendar of a run; a --calendar file is read and checked at once, so its problems come before any input is read. */
export function calendarOf(calendarFile: string | undefined): CalendarSource {
  const extra = loadExtraYears(calendarFile);
  let calendar: WorkCalendar | undefined;
  return () => (calendar ??= officialCalendar(extra));
}

export async function runContext(options: { scheme: string; calendar?: string }): Promise<RunContext> {
  const calendar = calendarOf(options.calendar);
  return { scheme: await loadScheme(options.scheme), calendar };
}
