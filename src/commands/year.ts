import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { officialCalendar } from '../calendar/calendar.js';
import { loadExtraYears } from '../calendar/extra.js';
import { parsePeriod, periodFromFileName, type Period } from '../core/period.js';
import { hasErrors, InputError, problem, SchemeError, UsageError, type Problem, type SchemeIssue } from '../core/problems.js';
import type { LeaveHalfDay, PersonAttendance } from '../derive/attendance.js';
import { leaveYears } from '../derive/year-leave.js';
import { Worker } from 'node:worker_threads';
import { scoreMonth, type MonthJob, type MonthOutcome } from './month.js';
import { loadScheme, referencedScheme } from '../scheme/load.js';
import type { Scheme } from '../scheme/model.js';
import type { Cover, MonthlyBase, Person } from '../score/input.js';
import type { ScoreResult } from '../score/result.js';
import { shortLabel } from '../messages.js';
import { scoreYear, type YearResult, type YearSubject } from '../score/year.js';
import type { HoursFlags } from '../validate/hours.js';
import { readPeriodInput, scoreSheets } from './score.js';

export interface YearOptions extends HoursFlags {
  scheme: string;
  annual?: string;
  calendar?: string;
  allowMissingPeer?: boolean;
  /** --top N: how many win the year's awards (先进科室), instead of the scheme's default. */
  top?: number;
  /** Sum up a year with periods missing; every output then names them. */
  partial?: boolean;
}

export interface YearRun {
  result: YearResult;
  files: string[];
  settings: Map<string, string>;
  warnings: Problem[];
}

/** Heap cap of the month thread: a 2,000-staff month needs ~120 MB live. */
const MONTH_HEAP_MB = 224;
/** Months from this size go to the thread; a town's month is quicker scored here. */
const THREAD_FROM_BYTES = 256_000;

/**
 * Scores the periods of a year run in order. Big ones (a city's months) go to one worker thread
 * with a capped heap, so garbage is collected instead of piling up; a month that needs more than
 * the cap, small runs, and runs from the TypeScript sources are scored here.
 */
class MonthScorer {
  private thread: Worker | null = null;

  async score(job: MonthJob): Promise<MonthOutcome> {
    const size = (await stat(job.file).catch(() => null))?.size ?? 0;
    if (size < THREAD_FROM_BYTES || !import.meta.url.endsWith('.js')) return scoreMonth(job);
    try {
      return await this.inThread(job);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw error;
      this.thread = null;
      return scoreMonth(job);
    }
  }

  private inThread(job: MonthJob): Promise<MonthOutcome> {
    this.thread ??= new Worker(new URL('./month-worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: MONTH_HEAP_MB } });
    const thread = this.thread;
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      thread.once('error', onError);
      thread.once('message', (message: { outcome?: MonthOutcome; crash?: string; name?: string; message?: string; file?: string; issues?: SchemeIssue[] }) => {
        thread.off('error', onError);
        if (message.outcome) return resolve(message.outcome);
        // kaohe's own errors keep their kind across the thread boundary.
        if (message.name === 'SchemeError' && message.issues) return reject(new SchemeError(message.file ?? '', message.issues));
        if (message.name === 'UsageError') return reject(new UsageError(message.message ?? ''));
        reject(new Error(message.crash));
      });
      thread.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.thread?.terminate();
  }
}

/** The period inputs among the arguments: workbooks, folders of workbooks, or folders of CSVs. */
export async function periodInputs(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new UsageError(`找不到：${path}`);
    if (!info.isDirectory()) {
      found.push(path);
      continue;
    }
    const names = (await readdir(path)).sort();
    if (names.some((n) => /^(人员|roster)\.csv$/i.test(n))) {
      found.push(path);
      continue;
    }
    for (const name of names) {
      const full = join(path, name);
      if (extname(name).toLowerCase() === '.xlsx' && !name.startsWith('~$')) found.push(full);
      else if ((await stat(full)).isDirectory() && (await readdir(full)).some((n) => /^(人员|roster)\.csv$/i.test(n))) found.push(full);
    }
  }
  return found;
}

/** The periods of a year that have no input: "2026-11", or "2026-H2". */
export function missingPeriods(present: readonly Period[], kind: Period['kind'], year: number | undefined): string[] {
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
  const scheme = await loadScheme(options.scheme);
  const monthlyItem = scheme.items.find((it) => it.type === 'monthly');
  const periodScheme: Scheme = scheme.period === 'year' ? (monthlyItem?.type === 'monthly' ? referencedScheme(monthlyItem.scheme, scheme.origin) : scheme) : scheme;
  if (periodScheme.period === 'year') throw new UsageError(`方案 ${scheme.id} 按年计分，请用 kaohe score 并在“月度”表中给出各月得分`);

  const inputs = await periodInputs(paths);
  if (inputs.length === 0) throw new UsageError('没有找到考核期工作簿（.xlsx）');
  const problems: Problem[] = [];
  const periods: { period: Period; file: string }[] = [];
  for (const file of inputs) {
    const period = periodFromFileName(basename(file));
    if (!period || period.kind !== periodScheme.period) {
      problems.push(problem('year_file_period', { file }, { expected: periodScheme.period === 'half' ? '2026-H1' : '2026-03' }));
      continue;
    }
    if (periods.some((p) => p.period.label === period.label)) problems.push(problem('year_period_duplicate', { file }, { period: period.label }));
    periods.push({ period, file });
  }
  // Not one input is named after a period: nothing else can be checked.
  if (periods.length === 0) throw new InputError(problems);
  const years = new Set(periods.map((p) => p.period.year));
  if (years.size > 1) throw new UsageError(`输入跨越多个年度（${[...years].join('、')}），请每年分别运行`);
  periods.sort((a, b) => (a.period.label < b.period.label ? -1 : 1));

  const calendar = officialCalendar(loadExtraYears(options.calendar));
  const scored: ScoreResult[] = [];
  const fileOf = new Map<string, string>();
  const people = new Map<string, Person>();
  const leaves: LeaveHalfDay[] = [];
  const attendance: PersonAttendance[] = [];
  const files: string[] = [];
  const rosters: Person[][] = [];
  let annualRoster: Person[] = [];
  let settings = new Map<string, string>();
  const scorer = new MonthScorer();
  // 全年累计 rules continue from the year's earlier periods, which are scored first.
  let earlierCounts: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map();
  const covers: Cover[] = [];
  for (const { period, file } of periods) {
    const outcome = await scorer.score({ file, period, scheme: periodScheme.origin, options, earlierCounts }).catch(async (error: unknown) => {
      await scorer.close();
      throw error;
    });
    files.push(...outcome.files);
    problems.push(...outcome.problems);
    if (!outcome.result) continue;
    scored.push(outcome.result);
    earlierCounts = outcome.result.yearCounts;
    covers.push(...outcome.result.covers);
    fileOf.set(period.label, file);
    rosters.push(outcome.roster);
    for (const p of outcome.roster) people.set(p.id, p);
    leaves.push(...outcome.leaves);
    attendance.push(...outcome.attendance);
    settings = outcome.settings;
  }
  await scorer.close();
  const year = [...years][0] as number;

  let annual: ScoreResult | null = null;
  if (scheme.period === 'year') {
    // Each month's base score (bonus excluded) feeds the annual 月度考核 item.
    const monthlyBases: MonthlyBase[] = scored.flatMap((r) => r.subjects.map((s) => ({ subjectKey: s.key, month: r.period.label, base: (s.total - s.bonus) as MonthlyBase['base'], at: { file: fileOf.get(r.period.label) ?? r.period.label } })));
    if (!options.annual) throw new UsageError(`方案 ${scheme.id} 还需要年度工作簿（人员、评分、年度记录）：请加 --annual ${year}年度.xlsx`);
    // Checked even when a month has problems, so the run lists those of every file at once.
    const sheets = await readPeriodInput(options.annual, {}, { calendar, year });
    files.push(...sheets.files);
    // A 临时替岗 in any month marks the substitute at year end too (第六条).
    const { run, problems: found } = scoreSheets(scheme, sheets, parsePeriod(String(year)) as Period, { ...options, monthlyBases, covers });
    problems.push(...found);
    if (run) {
      annual = run.result;
      annualRoster = run.roster;
      for (const p of run.roster) people.set(p.id, p);
      leaves.push(...run.leaves);
      attendance.push(...run.attendance);
      settings = run.settings;
    }
  }
  if (hasErrors(problems)) throw new InputError(problems);

  // Checked after every input problem is known: those come first (exit 1).
  const missing = missingPeriods(periods.map((p) => p.period), periodScheme.period, [...years][0]);
  if (missing.length > 0 && !options.partial) {
    const what = periodScheme.period === 'half' ? '半年' : '月份';
    throw new UsageError(
      `${[...years][0]}年缺少 ${missing.map(shortLabel).join('、')} 的工作簿（共找到 ${periods.length} 个）。全年规则（累计、最低分、名额）要用完整的一年：请补齐；如确要按现有${what}汇总，请加 --partial，各输出都会注明缺少哪些${what}`,
    );
  }
  // Ties are listed in roster order, as in the monthly outputs: the annual roster first, then
  // each period's roster in turn for people (or units) not yet seen.
  const scoredKeys = new Map<string, { key: string; name: string; unit: string }>();
  for (const result of [...(annual ? [annual] : []), ...scored]) for (const s of result.subjects) if (!scoredKeys.has(s.key)) scoredKeys.set(s.key, s);
  const order = new Map<string, YearSubject>();
  const add = (s: { key: string; name: string; unit: string }) => order.set(s.key, { key: s.key, name: s.name, unit: s.unit, category: people.get(s.key)?.category ?? '' });
  for (const person of [...annualRoster, ...rosters.flat()]) {
    const s = scoredKeys.get(scheme.subject === 'unit' ? person.unit : person.id);
    if (s && !order.has(s.key)) add(s);
  }
  for (const s of scoredKeys.values()) if (!order.has(s.key)) add(s);
  const leave = scheme.subject === 'person' && (leaves.length > 0 || attendance.length > 0) ? leaveYears([...order.keys()], leaves, attendance, calendar) : new Map();
  const labels = scored.map((r) => r.period.label);
  const result = scoreYear(scheme, year, labels, scored, [...order.values()], leave, annual, { ...(options.top === undefined ? {} : { top: options.top }), missing });
  return { result, files, settings, warnings: problems };
}
