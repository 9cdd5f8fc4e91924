import type { Period } from '../core/period.js';
import type { InputSheets } from '../read/input.js';
import type { Problem } from '../core/problems.js';
import type { LeaveHalfDay, PersonAttendance } from '../derive/attendance.js';
import { typedAbsences, type TypedAbsence } from '../derive/year-leave.js';
import { yearLeaveDays, type EarlierLeave } from '../derive/leave-rules.js';
import type { Person } from '../core/input.js';
import type { ScoreResult, TraceSources } from '../score/result.js';
import type { RunContext } from './context.js';
import { readPeriodInput, scoreSheets, sheetsRead } from './score.js';
import type { YearOptions } from './year-options.js';

/** One period of a year run, as the year list needs it. */
export interface MonthJob {
  file: string;
  period: Period;
  /** The period scheme's origin: a built-in id or a file path (loadable in a worker too). */
  scheme: string;
  options: YearOptions;
}

/** A period read and not yet scored: what scoring it needs besides the earlier periods' counts. */
export interface MonthRead {
  context: RunContext;
  sheets: InputSheets;
}

export interface MonthOutcome {
  files: string[];
  problems: Problem[];
  result: ScoreResult | null;
  roster: Person[];
  leaves: LeaveHalfDay[];
  attendance: PersonAttendance[];
  /** 旷工 typed in 记录, for the year's leave consequences (the trace that holds them is dropped). */
  typedAbsences: TypedAbsence[];
  /** The days read of each year-span leave rule (3.1 病事假全年累计) up to this period's end, for the next period's hints. */
  yearLeaveDays: EarlierLeave['leaveDays'];
  settings: Map<string, string>;
}

const NO_TRACE: TraceSources = { records: [], metrics: [], earlier: new Map(), sameAsDerived: 0 };

/** A period's result without its trace: totals, grades and flags are all the year list reads. */
function slim(result: ScoreResult): ScoreResult {
  return { ...result, subjects: result.subjects.map((s) => ({ ...s, traceSources: NO_TRACE, peer: null, items: s.items.map((it) => ({ ...it, component: null })) })) };
}

/**
 * Reads one period's inputs: the heavy part of a month, which needs nothing from the months
 * before it (a year run reads the next month while this one is scored).
 */
export async function readMonth(job: MonthJob, context: RunContext): Promise<MonthRead> {
  const read = { calendar: context.calendar, year: job.period.year };
  return { context, sheets: await readPeriodInput(job.file, {}, read, sheetsRead(context.scheme)) };
}

/** read → validate → score one period, keeping only what the year list needs. */
export async function scoreMonth(job: MonthJob, earlier: EarlierLeave, context: RunContext): Promise<MonthOutcome> {
  return scoreRead(await readMonth(job, context), job, earlier);
}

/** validate → score a period read by readMonth, with the earlier periods' year-span counts and leave days read. */
export function scoreRead({ context, sheets }: MonthRead, job: MonthJob, earlier: EarlierLeave): MonthOutcome {
  const empty = { files: sheets.files, result: null, roster: [], leaves: [], attendance: [], typedAbsences: [], yearLeaveDays: earlier.leaveDays, settings: new Map<string, string>() };
  // What could be read is validated too, so the month's problems are all listed at once.
  const { run, problems } = scoreSheets(context, sheets, job.period, { ...job.options, earlier });
  if (!run) return { ...empty, problems };
  return {
    files: sheets.files,
    problems,
    result: slim(run.result),
    roster: run.roster,
    leaves: run.leaves,
    attendance: run.attendance.map((a) => ({ ...a, events: a.events.filter((e) => e.kind === 'absent_day' || e.kind === 'absent_half_day') })),
    typedAbsences: typedAbsences(context.scheme, run.result.subjects.flatMap((s) => s.traceSources.records)),
    yearLeaveDays: yearLeaveDays(context.scheme, run.leaves, job.period, earlier.leaveDays),
    settings: run.settings,
  };
}
