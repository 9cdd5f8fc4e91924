import { foldKey } from '../core/text.js';
import { personName } from '../import/identity.js';
import { lstat, realpath, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { entryStats, folderNames, notAFileProblem } from '../core/files.js';
import { runContext, type RunContext } from './context.js';
import type { CalendarSource } from '../calendar/calendar.js';
import { parsePeriod, periodFromFileName, type Period } from '../core/period.js';
import { hasErrors, InputError, problem, SchemeError, UsageError, type Problem, type SchemeIssue } from '../core/problems.js';
import type { PersonAttendance } from '../derive/attendance.js';
import { leaveInsidePeriods, leaveOnAbsentDays, leavePastPeriods, leaveTypeClashes, leaveYears, notHeldOnceSaid, typedAbsences, typedRunsInUnknownYear, unplacedRunRows, type PeriodLeaves, type TypedAbsence } from '../derive/year-leave.js';
import { Worker } from 'node:worker_threads';
import { idleCores } from '../core/cores.js';
import type { EarlierLeave } from '../derive/leave-rules.js';
import { scoreMonth, type MonthJob, type MonthOutcome } from './month.js';
import { referencedScheme } from '../scheme/load.js';
import type { Scheme } from '../scheme/model.js';
import { unitKey, type Cover, type LeaveYear, type MonthlyBase, type Person } from '../core/input.js';
import type { IsoDate } from '../core/dates.js';
import type { ScoreResult } from '../score/result.js';
import { periodsInPost, scoreYear, type YearResult, type YearSubject } from '../score/year.js';
import type { YearOptions } from './year-options.js';
import { readPeriodInput, scoreSheets } from './score.js';
import { isKaoheResult, isWorkbookName } from '../read/workbook-input.js';

export interface YearRun {
  result: YearResult;
  files: string[];
  settings: Map<string, string>;
  /** The file whose 设置 the year reads (the last period's, or the --annual workbook). */
  settingsFile: string;
  /** Each period's 每分分值 as its 设置 gives it, in period order; empty for a run with --annual, whose own 设置 is the year's. */
  periodPointValues: PeriodPointValue[];
  warnings: Problem[];
  /** The run's calendar, for the notice period of what is written. */
  calendar: CalendarSource;
}

/** A scored period's 设置, which the year's money and name are checked across. */
interface PeriodSettings {
  period: string;
  file: string;
  settings: ReadonlyMap<string, string>;
}

export interface PeriodPointValue {
  period: string;
  file: string;
  text: string | undefined;
}

/** Months from this size go to the threads; a town's months are quicker scored here. */
const THREAD_FROM_BYTES = 256_000;
/**
 * Two month threads when a second core is free to run one (each holds a month read ahead, and
 * two cost ~80 MB more than one); one on a machine busy with other work, where a second thread
 * only competes for the same core. Outputs are the same either way.
 */
function threadCount(months: number): number {
  // Test hook: the number of threads, whatever the machine is doing.
  const forced = Number(process.env.KAOHE_YEAR_THREADS ?? 0);
  if (forced >= 1) return Math.min(months, forced);
  return Math.min(months, idleCores() >= 1.5 ? 2 : 1);
}

/**
 * The heap cap of a month thread: a month's live data is about eight times its workbook's size
 * (a 2,000-staff month, 5.5 MB, needs ~50 MB), with room for garbage; the collector runs before
 * the heap grows past it. A month that needs more is scored here instead.
 */
function heapCapMb(bytes: number): number {
  return Math.min(1024, Math.max(128, Math.round(64 + (16 * bytes) / 1_000_000)));
}

interface ThreadReply {
  read?: true;
  outcome?: MonthOutcome;
  crash?: string;
  name?: string;
  usage?: Pick<UsageError, 'code' | 'args'>;
  file?: string;
  issues?: SchemeIssue[];
}

/** One month thread: a period is read, then scored when the earlier periods' counts are known. */
class MonthThread {
  private readonly worker: Worker;

  constructor(heapMb: number) {
    this.worker = new Worker(new URL('./month-worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  }

  read(job: MonthJob): Promise<void> {
    return this.ask({ read: job }).then(() => undefined);
  }

  async score(earlier: EarlierLeave): Promise<MonthOutcome> {
    return (await this.ask({ score: earlier })).outcome as MonthOutcome;
  }

  private ask(message: unknown): Promise<ThreadReply> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.worker.once('error', onError);
      this.worker.once('message', (reply: ThreadReply) => {
        this.worker.off('error', onError);
        if (reply.crash === undefined) return resolve(reply);
        // kaohe's own errors keep their kind across the thread boundary.
        if (reply.name === 'SchemeError' && reply.issues) return reject(new SchemeError(reply.file ?? '', reply.issues));
        if (reply.name === 'UsageError' && reply.usage) return reject(new UsageError(reply.usage.code, reply.usage.args));
        reject(new Error(reply.crash));
      });
      this.worker.postMessage(message);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

const isOutOfMemory = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';

/**
 * Scores the periods of a year run in order: each period's 全年累计 rules continue from the
 * counts of the periods before it. Big months (a city's) go to threads with capped heaps —
 * two when a core is free, taking months in turn, so one thread reads the next month while the
 * other scores this one — and only each month's slim outcome comes back. A month that needs more than
 * its thread's heap is read and scored here instead; small runs, and runs from the TypeScript
 * sources, are scored here one month after another.
 */
async function scoreMonths(jobs: readonly MonthJob[], context: RunContext): Promise<MonthOutcome[]> {
  const sizes = await Promise.all(jobs.map(async (job) => (await stat(job.file).catch(() => null))?.size ?? 0));
  const threads = threadCount(jobs.length);
  const outcomes: MonthOutcome[] = [];
  let earlier: EarlierLeave = { counts: new Map(), leaveDays: new Map() };
  const scored = (outcome: MonthOutcome) => {
    outcomes.push(outcome);
    if (outcome.result) earlier = { counts: outcome.result.yearCounts, leaveDays: outcome.yearLeaveDays };
    return outcome;
  };
  if (Math.max(0, ...sizes) < THREAD_FROM_BYTES || import.meta.url.endsWith('.ts')) {
    for (const job of jobs) scored(await scoreMonth(job, earlier, context));
    return outcomes;
  }
  // Month i is scored once month i − 1 is: turns[i] settles then.
  const turns = jobs.map(() => {
    let resolve = () => {};
    const promise = new Promise<void>((done) => (resolve = done));
    return { promise, resolve };
  });
  const heap = heapCapMb(Math.max(...sizes));
  const lanes = Array.from({ length: threads }, () => new MonthThread(heap));
  const inLane = async (lane: number): Promise<void> => {
    for (let i = lane; i < jobs.length; i += threads) {
      const job = jobs[i] as MonthJob;
      let read = true;
      try {
        await lanes[lane]!.read(job);
      } catch (error) {
        if (!isOutOfMemory(error)) throw error;
        read = false;
      }
      if (i > 0) await turns[i - 1]!.promise;
      let outcome: MonthOutcome | null = null;
      if (read) {
        try {
          outcome = await lanes[lane]!.score(earlier);
        } catch (error) {
          if (!isOutOfMemory(error)) throw error;
        }
      }
      if (!outcome) {
        lanes[lane] = new MonthThread(heap);
        outcome = await scoreMonth(job, earlier, context);
      }
      scored(outcome);
      turns[i]!.resolve();
    }
  };
  try {
    await Promise.all(lanes.map((_, lane) => inLane(lane)));
  } finally {
    await Promise.all(lanes.map((thread) => thread.close()));
  }
  return outcomes;
}

/** Excel/WPS lock files (~$2026-03.xlsx) and macOS resource forks (._2026-03.xlsx) look like workbooks and are not. */
const notAWorkbook = (name: string) => name.startsWith('~$') || name.startsWith('._');
const holdsCsvSheets = (names: readonly string[]) => names.some((n) => /^(人员|roster)\.csv$/i.test(n));

/** The period inputs in one folder: its workbooks, and its subfolders of CSVs. */
async function folderInputs(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await folderNames(folder)) {
    if (notAWorkbook(name)) continue;
    const full = join(folder, name);
    const info = await entryStats(full);
    if (!info.isDirectory() && isWorkbookName(name)) found.push(full);
    else if (info.isDirectory() && holdsCsvSheets(await folderNames(full))) found.push(full);
  }
  return found;
}

/** The subfolders of the folders named that hold workbooks (中心B/2026/): where the months are when a folder itself has none. */
async function foldersOfWorkbooksBelow(paths: readonly string[]): Promise<string[]> {
  const below: string[] = [];
  for (const path of paths) {
    if (!(await entryStats(path).catch(() => null))?.isDirectory()) continue;
    for (const name of await folderNames(path)) {
      const full = join(path, name);
      if ((await entryStats(full).catch(() => null))?.isDirectory() && (await folderInputs(full)).length > 0) below.push(full);
    }
  }
  return below;
}

/**
 * The period inputs among the arguments: workbooks, folders of workbooks, or folders of CSVs.
 * A file named twice (given alone and inside its folder, or through a link) counts once.
 */
async function periodInputs(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    // Missing: said as such; a link pointing nowhere or a path that cannot be read: said as that.
    if (!(await lstat(path).catch(() => null))) {
      // 2026-10.xlsx/ : a month workbook named as a folder, said as score says it.
      const fileAsFolder = notAFileProblem(path);
      throw fileAsFolder ? new InputError([fileAsFolder]) : new UsageError('path_missing', { path });
    }
    const info = await entryStats(path);
    if (!info.isDirectory() || holdsCsvSheets(await folderNames(path))) found.push(path);
    else found.push(...(await folderInputs(path)));
  }
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const file of found) {
    const real = await realpath(file).catch(() => resolve(file));
    if (!seen.has(real)) unique.push(file);
    seen.add(real);
  }
  return unique;
}

/** Periods given no punches say so once for the year, at the first, with how many (a line per month told nothing more). */
function attendanceNotGivenOnce(problems: readonly Problem[]): Problem[] {
  const notGiven = problems.filter((p) => p.code === 'attendance_not_given');
  if (notGiven.length <= 1) return [...problems];
  return problems.flatMap((p) => (p === notGiven[0] ? [problem('attendance_not_given', p.at, { periods: notGiven.length }, 'warning')] : p.code === 'attendance_not_given' ? [] : [p]));
}

/**
 * The year's titles and notice carry the last period's 单位名称 (as its other settings); periods
 * that name the centre otherwise (renamed, or a copied workbook of another centre) are said.
 */
function centreNames(periods: readonly PeriodSettings[]): Problem[] {
  const named = periods.map((p) => ({ ...p, name: p.settings.get('单位名称') })).filter((p) => p.name !== undefined && p.name !== '');
  const last = named.at(-1);
  // Compared as names are elsewhere: （试点） and (试点), full- and half-width, are one name.
  if (!last || named.every((p) => foldKey(p.name!) === foldKey(last.name!))) return [];
  const names = JSON.stringify(named.map((p) => [p.period, p.name]));
  return [problem('year_centre_name_differs', { file: last.file, sheet: '设置' }, { names, used: last.name ?? '' }, 'warning')];
}

/**
 * A 工号 that is one person in some periods and another in others (a leaver's number given to
 * a newcomer) would be summed as one row, under the wrong person's lowest score, 待岗 or 不满一年:
 * an input error at the later person's roster row. The same name under another 窗口 is a move
 * between windows and stays one person.
 */
function reusedIds(rosters: readonly { label: string; roster: readonly Person[] }[]): Problem[] {
  const holders = new Map<string, { person: Person; labels: string[] }[]>();
  for (const { label, roster } of rosters) {
    for (const person of roster) {
      // 陈一（借调） in one month's roster is 陈一: notes are folded as an export's names are.
      const same = holders.get(person.id)?.find((h) => personName(h.person.name) === personName(person.name));
      if (same) same.labels.push(label);
      else holders.set(person.id, [...(holders.get(person.id) ?? []), { person, labels: [label] }]);
    }
  }
  return [...holders.entries()].flatMap(([id, [first, ...later]]) =>
    later.map((other) =>
      problem('year_id_reused', other.person.at, {
        id,
        first: first!.person.name,
        firstUnit: first!.person.unit,
        firstPeriods: first!.labels.join(','),
        second: other.person.name,
        secondUnit: other.person.unit,
        secondPeriods: other.labels.join(','),
      }),
    ),
  );
}

/**
 * A person of the annual 人员 in no month's roster. When the run lacks months (--partial) and
 * the person's dates keep them out of every month given (王六 到岗 2026-11-16, a January–October
 * run), their months in post are not in this run: they are named, and the advice is to score
 * the year once those months are given, not to add the person to months they were not in post.
 * Without dates, either may be so, and the advice says both. Still an error: 月度考核情况 would
 * be 0 of 60.
 */
function withoutMonths(person: Person, rosters: readonly { label: string }[], missing: readonly string[]): Problem {
  const dated = person.start !== null || person.end !== null;
  const inPost = periodsInPost(missing, person);
  const inGivenMonths = dated && periodsInPost(rosters.map((r) => r.label), person).length > 0;
  if (inPost.length === 0 || inGivenMonths) return problem('year_annual_person_without_months', person.at, { id: person.id, name: person.name, months: rosters.length });
  return problem('year_annual_person_months_not_given', person.at, { id: person.id, name: person.name, months: rosters.length, missing: missing.join(','), inPost: dated ? inPost.join(',') : '' });
}

/**
 * An annual scheme takes each person's 月度考核 from the month workbooks and the rest from the
 * annual one: a person of the annual 人员 in no month would get 0 of the monthly points, and a
 * person of the months missing from the annual 人员 no year result at all, and one 工号 under
 * another name in the annual 人员 would take someone else's months. All are input errors, at the
 * roster row that names them (for a person missing from the annual 人员, in their last month).
 */
function annualRosterGaps(annual: { file: string; roster: readonly Person[] }, rosters: readonly { label: string; roster: readonly Person[] }[], missing: readonly string[]): Problem[] {
  const inMonths = new Map<string, { person: Person; labels: string[] }>();
  for (const { label, roster } of rosters) {
    for (const person of roster) inMonths.set(person.id, { person, labels: [...(inMonths.get(person.id)?.labels ?? []), label] });
  }
  const inAnnual = new Set(annual.roster.map((p) => p.id));
  return [
    ...annual.roster.filter((p) => !inMonths.has(p.id)).map((p) => withoutMonths(p, rosters, missing)),
    ...annual.roster.flatMap((p) => {
      const held = inMonths.get(p.id);
      return held && personName(held.person.name) !== personName(p.name) ? [problem('year_annual_name_differs', p.at, { id: p.id, name: p.name, monthName: held.person.name, periods: held.labels.join(',') })] : [];
    }),
    ...[...inMonths.values()]
      .filter(({ person }) => !inAnnual.has(person.id))
      .map(({ person, labels }) => problem('year_month_person_not_annual', person.at, { id: person.id, name: person.name, periods: labels.join(','), annual: annual.file })),
  ];
}

/**
 * Each person's 到岗日期 and 离岗日期, each date from whichever roster gives it: the annual 人员's
 * when it has one, else the latest month's that has one. An annual 人员 without the columns (or a
 * month left blank) does not wipe out the dates the other rosters give (孙八 离岗 2026-10-20 in
 * every month stays so under an annual 人员 of 工号、姓名、窗口). Where the annual 人员 and a
 * month differ, the annual one is the year's record and is taken.
 */
function rosterDates(annualRoster: readonly Person[], rosters: readonly { roster: readonly Person[] }[]): Map<string, { start: IsoDate | null; end: IsoDate | null }> {
  const dates = new Map<string, { start: IsoDate | null; end: IsoDate | null }>();
  for (const person of [...rosters.flatMap((r) => r.roster), ...annualRoster]) {
    const known = dates.get(person.id);
    dates.set(person.id, { start: person.start ?? known?.start ?? null, end: person.end ?? known?.end ?? null });
  }
  return dates;
}

/**
 * A date of the annual 人员 that a month's 人员 gives otherwise (孙八 离岗 2026-12-20 in the annual,
 * 2026-10-20 in January–October): the annual one is taken (rosterDates), and said so, at the
 * annual row, since a --partial run counts the months it lacks by these dates (不满一年).
 */
function datesDiffer(annualRoster: readonly Person[], rosters: readonly { label: string; roster: readonly Person[] }[]): Problem[] {
  const fields = [['start', '到岗日期'], ['end', '离岗日期']] as const;
  // Each person's month rows found once: the annual 人员 against every month's by scan is persons × rows.
  const monthRows = new Map<string, { label: string; person: Person }[]>();
  for (const { label, roster } of rosters) {
    for (const p of roster) {
      const rows = monthRows.get(p.id);
      if (rows) rows.push({ label, person: p });
      else monthRows.set(p.id, [{ label, person: p }]);
    }
  }
  return annualRoster.flatMap((person) =>
    fields.flatMap(([field, column]) => {
      const annualDate = person[field];
      const others = (monthRows.get(person.id) ?? []).filter(({ person: p }) => p[field] !== null && p[field] !== annualDate).map(({ label, person: p }) => ({ label, date: p[field] as IsoDate }));
      const latest = others.at(-1);
      if (annualDate === null || !latest) return [];
      const periods = others.filter((o) => o.date === latest.date).map((o) => o.label);
      return [problem('year_annual_date_differs', { ...person.at, column }, { id: person.id, name: person.name, column, annual: annualDate, month: latest.date, periods: periods.join(',') }, 'warning')];
    }),
  );
}

/** Whether two 工号 differ only in leading zeros (002 and 2): Excel drops them from a number. */
const sameWithoutZeros = (a: string, b: string) => a.replace(/^0+(?=.)/, '') === b.replace(/^0+(?=.)/, '');

/** Whether two lists of periods share none. */
const disjoint = (a: readonly string[], b: readonly string[]) => !a.some((label) => b.includes(label));

/**
 * One name under two 工号 in periods that do not overlap is most likely one person whose 工号
 * was retyped (a number cell: 002 → 2): the year splits them into two part-year rows, each
 * ranked and marked on its own. Said as a warning at the later 工号's first roster row; two
 * people of one name in the same months are two people, and nothing is said.
 */
function renumberedPeople(rosters: readonly { label: string; roster: readonly Person[] }[]): Problem[] {
  const byName = new Map<string, Map<string, { person: Person; labels: string[] }>>();
  for (const { label, roster } of rosters) {
    for (const person of roster) {
      const ids = byName.get(personName(person.name)) ?? new Map<string, { person: Person; labels: string[] }>();
      byName.set(personName(person.name), ids);
      const held = ids.get(person.id);
      if (held) held.labels.push(label);
      else ids.set(person.id, { person, labels: [label] });
    }
  }
  return [...byName.values()].flatMap((ids) => {
    const held = [...ids.values()];
    return held.flatMap((later, i) => {
      const earlier = held.slice(0, i).find((h) => disjoint(h.labels, later.labels));
      if (!earlier) return [];
      const args = { name: later.person.name, first: earlier.person.id, firstPeriods: earlier.labels.join(','), second: later.person.id, secondPeriods: later.labels.join(','), zeros: sameWithoutZeros(earlier.person.id, later.person.id) ? 1 : 0 };
      return [problem('year_person_renumbered', later.person.at, args, 'warning')];
    });
  });
}

/**
 * A window renamed between periods (W1 → W1窗口 in July) with the same staff becomes two
 * part-year rows, each ranked and each taking an award's place: said as a warning at the new
 * name's first roster row when one name is only in periods before the other's first and the
 * staff (by 工号) of the old name's last period is that of the new name's first.
 */
function renamedUnits(rosters: readonly { label: string; roster: readonly Person[] }[]): Problem[] {
  // A unit is one however the months write it (unitKey), named as first written.
  const units = new Map<string, { unit: string; labels: string[]; staff: Map<string, Person[]> }>();
  for (const { label, roster } of rosters) {
    for (const person of roster) {
      const unit = units.get(unitKey(person.unit)) ?? { unit: person.unit, labels: [], staff: new Map<string, Person[]>() };
      units.set(unitKey(person.unit), unit);
      if (!unit.labels.includes(label)) unit.labels.push(label);
      unit.staff.set(label, [...(unit.staff.get(label) ?? []), person]);
    }
  }
  const ids = (people: readonly Person[]) => people.map((p) => p.id).sort().join(',');
  const named = [...units.values()].map(({ unit, labels, staff }) => {
    const first = staff.get(labels[0]!)!;
    return { unit, labels, first, firstIds: ids(first), lastIds: ids(staff.get(labels.at(-1)!)!) };
  });
  return named.flatMap((renamed) => {
    const old = named.find((o) => o.labels.at(-1)! < renamed.labels[0]! && o.lastIds === renamed.firstIds);
    if (!old) return [];
    const args = { first: old.unit, firstPeriods: old.labels.join(','), second: renamed.unit, secondPeriods: renamed.labels.join(','), staff: renamed.first.map((p) => p.name).join('、') };
    return [problem('year_unit_renamed', renamed.first[0]!.at, args, 'warning')];
  });
}

/** The periods of a year that have no input: "2026-11", or "2026-H2". */
function missingPeriods(present: readonly Period[], kind: Period['kind'], year: number | undefined): string[] {
  if (year === undefined || kind === 'year') return [];
  const all = kind === 'half' ? [`${year}-H1`, `${year}-H2`] : Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`);
  const have = new Set(present.map((p) => p.label));
  return all.filter((label) => !have.has(label));
}

/**
 * read every period → score each by the scheme's period scheme → year rules. All months'
 * problems are collected and reported together (each names its file); nothing is scored then.
 */
export async function runYear(paths: readonly string[], options: YearOptions): Promise<YearRun> {
  const context = await runContext(options);
  const scheme = context.scheme;
  const monthlyItem = scheme.items.find((it) => it.type === 'monthly');
  const periodScheme: Scheme = scheme.period === 'year' ? (monthlyItem?.type === 'monthly' ? referencedScheme(monthlyItem.scheme, scheme.origin) : scheme) : scheme;
  if (periodScheme.period === 'year') throw new UsageError('year_scheme_is_annual', { scheme: scheme.id });

  const inputs = await periodInputs(paths);
  if (inputs.length === 0) throw new UsageError('year_no_workbooks', { below: (await foldersOfWorkbooksBelow(paths)).join('、') });
  const problems: Problem[] = [];
  const periods: { period: Period; file: string }[] = [];
  for (const file of inputs) {
    const period = periodFromFileName(basename(file));
    const expected = periodScheme.period === 'half' ? '2026-H1' : '2026-03';
    // kaohe's own result written into the folder of months (-o 2026/全年.xlsx, 2026年度考核.xlsx) is no period: passed over, said once.
    if ((!period || period.kind !== periodScheme.period) && (await isKaoheResult(file))) {
      problems.push(problem('year_own_output_skipped', { file }, {}, 'warning'));
      continue;
    }
    if (!period) {
      problems.push(problem('year_file_period', { file }, { expected }));
      continue;
    }
    if (period.kind !== periodScheme.period) {
      problems.push(problem('year_file_period_kind', { file }, { expected, wanted: periodScheme.period, found: period.kind, period: period.label }));
      continue;
    }
    const earlier = periods.find((p) => p.period.label === period.label);
    if (earlier) problems.push(problem('year_period_duplicate', { file }, { period: period.label, other: earlier.file }));
    periods.push({ period, file });
  }
  // Not one input is named after a period: nothing else can be checked (a result passed over is then why nothing was read).
  if (periods.length === 0) throw new InputError(problems.map((p) => (p.code === 'year_own_output_skipped' ? { ...p, severity: 'error' as const } : p)));
  const years = new Set(periods.map((p) => p.period.year));
  if (years.size > 1) throw new UsageError('year_many_years', { years: [...years].join('、') });
  periods.sort((a, b) => (a.period.label < b.period.label ? -1 : 1));

  const scored: ScoreResult[] = [];
  const fileOf = new Map<string, string>();
  const people = new Map<string, Person>();
  const periodLeaves: PeriodLeaves[] = [];
  const attendance: PersonAttendance[] = [];
  const typed: TypedAbsence[] = [];
  const files: string[] = [];
  const rosters: { label: string; roster: Person[] }[] = [];
  let annualRoster: Person[] = [];
  let settings = new Map<string, string>();
  let settingsFile = '';
  const periodSettings: PeriodSettings[] = [];
  const covers: Cover[] = [];
  const outcomes = await scoreMonths(
    periods.map(({ period, file }) => ({ file, period, scheme: periodScheme.origin, options })),
    { ...context, scheme: periodScheme },
  );
  for (const [i, outcome] of outcomes.entries()) {
    const { period, file } = periods[i] as { period: Period; file: string };
    files.push(...outcome.files);
    problems.push(...outcome.problems);
    if (!outcome.result) continue;
    scored.push(outcome.result);
    covers.push(...outcome.result.covers);
    fileOf.set(period.label, file);
    rosters.push({ label: period.label, roster: outcome.roster });
    for (const p of outcome.roster) people.set(p.id, p);
    periodLeaves.push({ first: period.first, last: period.last, leaves: outcome.leaves });
    attendance.push(...outcome.attendance);
    typed.push(...outcome.typedAbsences);
    settings = outcome.settings;
    settingsFile = file;
    periodSettings.push({ period: period.label, file, settings: outcome.settings });
  }
  problems.splice(0, problems.length, ...leavePastPeriods(attendanceNotGivenOnce(problems), periodLeaves, periodScheme.period === 'month'));
  if (scheme.subject === 'person') problems.push(...reusedIds(rosters), ...renumberedPeople(rosters));
  if (scheme.subject === 'unit') problems.push(...renamedUnits(rosters));
  problems.push(...centreNames(periodSettings));
  const year = [...years][0] as number;
  const missing = missingPeriods(periods.map((p) => p.period), periodScheme.period, year);

  // The annual workbook's 请假 rows are checked against the months' 旷工 below, with theirs.
  const [monthAttendance, monthTyped] = [[...attendance], [...typed]];
  const checkedLeaves = [...periodLeaves];
  let annual: ScoreResult | null = null;
  if (scheme.period === 'year') {
    // Each month's base score (bonus excluded) feeds the annual 月度考核 item.
    const monthlyBases: MonthlyBase[] = scored.flatMap((r) => r.subjects.map((s) => ({ subjectKey: s.key, month: r.period.label, base: (s.total - s.bonus) as MonthlyBase['base'], at: { file: fileOf.get(r.period.label) ?? r.period.label } })));
    if (!options.annual) throw new UsageError('year_annual_missing', { scheme: scheme.id, year });
    // Checked even when a month has problems, so the run lists those of every file at once.
    const sheets = await readPeriodInput(options.annual, {}, { calendar: context.calendar, year });
    files.push(...sheets.files);
    // A 临时替岗 in any month marks the substitute at year end too (第六条).
    const yearPeriod = parsePeriod(String(year)) as Period;
    const { run, problems: found } = scoreSheets(context, sheets, yearPeriod, { ...options, monthlyBases, covers });
    problems.push(...found);
    // Against months that were all read: a month with errors has no roster to compare.
    if (run && scheme.subject === 'person' && outcomes.every((o) => o.result)) problems.push(...annualRosterGaps({ file: options.annual, roster: run.roster }, rosters, missing));
    // Only a run that lacks months counts any by the dates.
    if (run && scheme.subject === 'person' && missing.length > 0) problems.push(...datesDiffer(run.roster, rosters));
    if (run) {
      annual = run.result;
      annualRoster = run.roster;
      for (const p of run.roster) people.set(p.id, p);
      checkedLeaves.push({ first: yearPeriod.first, last: yearPeriod.last, leaves: run.leaves });
      attendance.push(...run.attendance);
      typed.push(...typedAbsences(scheme, run.result.subjects.flatMap((s) => s.traceSources.records)));
      settings = run.settings;
      settingsFile = options.annual;
    }
  }
  if (scheme.subject === 'person') problems.push(...leaveTypeClashes(checkedLeaves), ...leaveOnAbsentDays(checkedLeaves, monthAttendance, monthTyped));
  problems.splice(0, problems.length, ...notHeldOnceSaid(problems));
  if (scheme.subject === 'person') problems.push(...typedRunsInUnknownYear(scheme, typed, context.calendar()));
  if (hasErrors(problems)) throw new InputError(problems);

  // Checked after every input problem is known: those come first (exit 1).
  if (missing.length > 0 && !options.partial) {
    throw new UsageError('year_periods_missing', { year: [...years][0] ?? '', missing: missing.join(','), found: periods.length, kind: periodScheme.period });
  }
  // Ties are listed in roster order, as in the monthly outputs: the annual roster first, then
  // each period's roster in turn for people (or units) not yet seen. Each is named as first
  // scored; a person who moved window is the year's under the window the latest period scored
  // them in (the annual workbook's, when there is one), as their category, dates and the settings are.
  const scoredKeys = new Map<string, { key: string; name: string; unit: string; fromAnnual: boolean }>();
  for (const result of [...(annual ? [annual] : []), ...scored]) {
    for (const s of result.subjects) {
      const seen = scoredKeys.get(s.key);
      if (!seen) scoredKeys.set(s.key, { key: s.key, name: s.name, unit: s.unit, fromAnnual: result === annual });
      else if (!seen.fromAnnual) seen.unit = s.unit;
    }
  }
  const order = new Map<string, YearSubject>();
  const dates = rosterDates(annualRoster, rosters);
  const add = (s: { key: string; name: string; unit: string }) => {
    const person = people.get(s.key);
    order.set(s.key, { key: s.key, name: s.name, unit: s.unit, category: person?.category ?? '', start: dates.get(s.key)?.start ?? null, end: dates.get(s.key)?.end ?? null });
  };
  for (const person of [...annualRoster, ...rosters.flatMap((r) => r.roster)]) {
    const s = scoredKeys.get(scheme.subject === 'unit' ? unitKey(person.unit) : person.id);
    if (s && !order.has(s.key)) add(s);
  }
  for (const s of scoredKeys.values()) if (!order.has(s.key)) add(s);
  const leaves = leaveInsidePeriods(checkedLeaves);
  const leave = scheme.subject === 'person' && (leaves.length > 0 || attendance.length > 0 || typed.length > 0) ? leaveYears([...order.keys()], leaves, attendance, typed, context.calendar(), year) : new Map<string, LeaveYear>();
  problems.push(...unplacedRunRows(scheme, typed, leave));
  const labels = scored.map((r) => r.period.label);
  const result = scoreYear(scheme, year, labels, scored, [...order.values()], leave, annual, { ...(options.top === undefined ? {} : { top: options.top }), missing });
  // An annual scheme's money is the annual workbook's: its months' 每分分值 are theirs.
  return { result, files, settings, settingsFile, periodPointValues: scheme.period === 'year' ? [] : periodSettings.map(({ period, file, settings: own }) => ({ period, file, text: own.get('每分分值') })), warnings: problems, calendar: context.calendar };
}
