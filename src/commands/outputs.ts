import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { settingsSheet } from '../core/input-sheets.js';
import { sha256Hex } from '../core/hash.js';
import type { CalendarSource } from '../calendar/calendar.js';
import { noticePeriod } from '../calendar/notice-period.js';
import { daysInclusive, parseDateText, type IsoDate } from '../core/dates.js';
import { parsePeriod, periodChinese, type Period } from '../core/period.js';
import { format, type Hundredths } from '../core/decimal.js';
import { noticeDaysOf, pointValueText } from '../core/settings.js';
import { InputError, problem, UsageError, type Problem } from '../core/problems.js';
import { assumptionLines } from '../messages/scheme.js';
import { kaoheVersion } from '../core/version.js';
import { inputNamer, withInputNames } from '../write/input-names.js';
import type { RunInfo } from '../write/run-info.js';
import { checkOutput, outputFormat, writeOutput } from '../write/safe-write.js';
import type { ScoreRun } from './score.js';
import type { PeriodPointValue, YearRun } from './year.js';
import { tracedRules } from '../score/engine.js';
import { aboutText, outputFormatText } from '../messages/outputs.js';
import { HOURS_SETTINGS, hoursApplied, type HoursFlags } from '../validate/hours.js';
import { FLAG_SETTINGS, flagName } from '../validate/workbook.js';
import { clock } from '../calendar/hours.js';
import type { Scheme } from '../scheme/model.js';

interface OutputOptions extends HoursFlags {
  noticeDate?: string;
  noticeDays?: string;
  allowMissingPeer?: boolean;
  calendar?: string;
  pointValue?: string;
}

type RunFlag = readonly [keyof OutputOptions, string, string];

/** The flags that set the hours, each with the 设置 key it overrides (summerHours is --summer-hours). */
const HOURS_FLAGS: readonly RunFlag[] = Object.entries(HOURS_SETTINGS).map(([key, setting]) => [key as keyof HoursFlags, flagName(key), setting]);

/** Every flag that changes a number or the notice, each with the 设置 key it stands for (or what it is). */
const RUN_FLAGS: readonly RunFlag[] = [
  ...HOURS_FLAGS,
  ['calendar', '--calendar', aboutText.calendar],
  ...Object.entries(FLAG_SETTINGS).map(([key, setting]): RunFlag => [key as keyof typeof FLAG_SETTINGS, flagName(key), setting]),
];

/** The 说明 rows of the flags given: name, value (a file by its name only) and what it stands for. */
function flagRows(options: OutputOptions): [string, string][] {
  return RUN_FLAGS.flatMap(([key, flag, meaning]): [string, string][] => {
    const value = options[key];
    if (typeof value !== 'string') return [];
    return [[aboutText.flagLabel(flag), key === 'calendar' ? aboutText.flagFile(basename(value), meaning) : aboutText.flagValue(value, meaning)]];
  });
}

/**
 * The hours the run applied and where they came from, on one 说明 row, when the command line or
 * 设置 changed the scheme's (the scheme's own are its marked assumptions); none when the scheme
 * derives no attendance.
 */
function hoursRow(scheme: Scheme, settings: ReadonlyMap<string, string>, options: OutputOptions): [string, string][] {
  const sources = HOURS_FLAGS.map(([key, flag, setting]) => (options[key] !== undefined ? aboutText.hoursFromFlag(flag) : settings.get(setting) ? aboutText.hoursFromSetting(setting) : null)).filter((x) => x !== null);
  if (!scheme.attendance || sources.length === 0) return [];
  const hours = hoursApplied(scheme.attendance.hours, settings, options);
  const seasons = hours.seasons.map((s) => ({ name: s.name, from: hours.seasons.length > 1 ? s.from : null, sessions: s.shift.sessions.map((x) => `${clock(x.start)}-${clock(x.end)}`) }));
  const grace = [...new Set(hours.seasons.flatMap((s) => s.shift.sessions.map((x) => x.lateGrace / 60)))];
  return [[aboutText.hoursLabel, aboutText.hours(seasons, grace, sources)]];
}

/**
 * The scheme's seasons whose marked values the run did not rely on: their hours replaced by the
 * command line or 设置, or their default start and end (a season ends where the next begins), so
 * every season's once any season's start is given (--summer-start 05-15: 夏季 is no longer
 * 5月1日至9月30日, nor 冬季 10月1日至次年4月30日). The hours applied are on their own 说明 row.
 */
function replacedSeasons(scheme: Scheme, settings: ReadonlyMap<string, string>, options: OutputOptions): Set<string> {
  const given = (key: keyof HoursFlags) => options[key] !== undefined || Boolean(settings.get(HOURS_SETTINGS[key]));
  const seasons = scheme.attendance?.hours.seasons.map((s) => s.name) ?? [];
  if (given('hours') || given('summerStart') || given('winterStart')) return new Set(seasons);
  return new Set([...(given('summerHours') ? ['夏季'] : []), ...(given('winterHours') ? ['冬季'] : [])]);
}

/** A command that writes an output; what it can write is in outputFormatText, by extension. */
type OutputCommand = keyof typeof outputFormatText;

/** An output decided before any work: its format, and the inputs named on the command line. */
export interface OutputPlan {
  target: string;
  format: string;
  force: boolean;
  given: string[];
}

/** The files a command line names as inputs: positional inputs, CSV flags, --annual, --calendar, a scheme file. */
export function givenInputs(positional: readonly (string | undefined)[], options: object): string[] {
  const o = options as Record<string, unknown>;
  const named = ['roster', 'records', 'peer', 'marks', 'metrics', 'monthly', 'punches', 'leave', 'settings', 'annual', 'calendar', 'scheme', 'profile'].map((k) => o[k]);
  return [...positional, ...named].filter((p): p is string => typeof p === 'string' && existsSync(p));
}

/** Refuses a wrong extension, an input, or an existing file before the run reads anything. */
export async function planOutput(command: OutputCommand, target: string, force: boolean, given: string[]): Promise<OutputPlan> {
  const format = outputFormat(target, `kaohe ${command}`, outputFormatText[command]);
  await checkOutput(target, { force, inputs: given });
  return { target, format, force, given };
}

/** "结果.xlsx（得分表、公示、扣分明细、说明工作簿）": the file written and what it holds. */
export function writtenText(command: OutputCommand, plan: OutputPlan): string {
  const formats: Readonly<Record<string, string>> = outputFormatText[command];
  return `${plan.target}（${formats[plan.format] ?? plan.format}）`;
}

export async function writePlanned(plan: OutputPlan, content: Buffer | string, filesRead: readonly string[]): Promise<void> {
  await writeOutput(plan.target, content, { force: plan.force, inputs: [...plan.given, ...filesRead] });
}

/** Folders among the positional inputs: files inside them are named by their path inside. */
export function namerFor(positional: readonly (string | undefined)[]): (file: string) => string {
  return inputNamer(positional.filter((p): p is string => typeof p === 'string' && existsSync(p) && statSync(p).isDirectory()));
}

/** China's clocks are UTC+8 all year (no summer time since 1991). */
const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * Today in China, the default notice date. Worked from the offset, not with Intl and the zone's
 * name: loading the time-zone data for that one date cost ~10 ms of every `score -o` (issue 17).
 */
export function todayInChina(): IsoDate {
  return new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 10) as IsoDate;
}

async function sha256(path: string): Promise<string> {
  return sha256Hex(await readFile(path));
}

/** What a run read: enough for the 说明 sheet and the notice. */
interface RunSource {
  scheme: ScoreRun['scheme'];
  files: readonly string[];
  settings: ReadonlyMap<string, string>;
  calendar: CalendarSource;
}

/** What a year run read, for runInfo: the year is its 考核期. */
function yearRunSource(run: YearRun): RunSource {
  return { scheme: run.result.scheme, files: run.files, settings: run.settings, calendar: run.calendar };
}

/** 每分分值 from --point-value or 设置, in hundredths of a yuan; null when neither is given. */
export function pointValueOf(flag: string | undefined, settings: ReadonlyMap<string, string>): Hundredths | null {
  const text = flag ?? settings.get('每分分值');
  if (text === undefined || text === '') return null;
  const value = pointValueText(text);
  if (value === null) throw new UsageError('point_value_invalid', { value: text });
  return value;
}

/** The year's --json text, as printed and as written to x.json: the result and its warnings (the money's too) with inputs named alike. */
export async function yearJsonOf(run: YearRun, pointValue: Hundredths | null, moneyWarnings: readonly Problem[], name: (file: string) => string): Promise<string> {
  const { yearJsonText } = await import('../write/year.js');
  return yearJsonText(withInputNames(run.result, name), pointValue, withInputNames([...run.warnings, ...moneyWarnings], name));
}

/**
 * The year's 每分分值: --point-value, else the value the periods' 设置 give. The spec has no rule
 * for year money, so none is made up: when every period that gives a value gives the same one, it
 * is used (and the periods without one are named); when they differ, no money is worked out (one
 * year total cannot be paid at several rates) and the warning names each period's value. A run
 * with --annual reads its own workbook's 设置, as before.
 */
export function yearPointValue(flag: string | undefined, run: Pick<YearRun, 'settings' | 'settingsFile' | 'periodPointValues'>): { value: Hundredths | null; warnings: Problem[] } {
  if (flag !== undefined || run.periodPointValues.length === 0) return { value: pointValueOf(flag, run.settings), warnings: [] };
  // A value no month may hold is an error at that month's 设置, with every other such month.
  const invalid: Problem[] = [];
  const given = run.periodPointValues.flatMap((p) => {
    if (p.text === undefined || p.text === '') return [];
    const value = pointValueText(p.text);
    if (value === null) invalid.push(problem('setting_invalid', { file: p.file, sheet: '设置' }, { key: '每分分值', value: p.text, expected: 'point_value' }));
    return value === null ? [] : [{ ...p, value }];
  });
  if (invalid.length > 0) throw new InputError(invalid);
  if (given.length === 0) return { value: null, warnings: [] };
  const missing = run.periodPointValues.filter((p) => !given.some((g) => g.period === p.period)).map((p) => p.period).join(',');
  const values = given.map((g) => `${g.period}=${format(g.value)}`).join(',');
  const last = given.at(-1) as PeriodPointValue & { value: Hundredths };
  // The file as read, as every input problem names it: outputs name it by where it lies (北街/2026-12.xlsx in a batch).
  const at = { file: last.file, sheet: '设置' };
  if (given.some((g) => g.value !== last.value)) return { value: null, warnings: [problem('year_point_value_differs', at, { values, missing }, 'warning')] };
  return { value: last.value, warnings: missing ? [problem('year_point_value_partly', at, { value: format(last.value), values, missing }, 'warning')] : [] };
}

/** A built-in scheme by its id; a user's scheme file by its name only (never a path). */
function schemeName(origin: string): string {
  return /[\\/]/.test(origin) ? basename(origin) : origin;
}

/** Rules some record (typed, derived or from 指标) used in the run. */
function usedRules(result: ScoreRun['result']): Set<string> {
  return new Set(result.subjects.flatMap(tracedRules));
}

/**
 * Collects what the 说明 sheet and the notice need to know about this run; inputs by name and hash.
 * @public also used by test/bench/phases.mjs, which imports it from dist/ where knip does not look.
 */
export async function runInfo(run: RunSource | ScoreRun, options: OutputOptions, name: (file: string) => string = basename): Promise<RunInfo> {
  const source: RunSource = 'result' in run ? { scheme: run.scheme, files: run.files, settings: run.settings, calendar: run.calendar } : run;
  const noticeDate = options.noticeDate === undefined ? todayInChina() : parseDateText(options.noticeDate);
  if (noticeDate === null) throw new UsageError('notice_date_invalid', { value: options.noticeDate ?? '' });
  const daysText = options.noticeDays ?? source.settings.get('公示天数') ?? '5';
  const noticeDays = noticeDaysOf(daysText);
  // A 设置 value was checked with the other settings: only --notice-days can be wrong here.
  if (noticeDays === null) throw new UsageError('notice_days_invalid', { value: daysText });
  return {
    kaoheVersion: kaoheVersion(),
    scheme: { id: source.scheme.id, origin: schemeName(source.scheme.origin), sha256: source.scheme.sha256 },
    inputs: await Promise.all(source.files.map(async (file) => ({ file: name(file), sha256: await sha256(file) }))),
    settings: source.settings,
    noticeDate,
    noticeDays,
    noticePeriod: noticePeriod(source.calendar(), noticeDate, noticeDays),
    options: {
      ...(options.allowMissingPeer ? { 允许缺互评: '是' } : {}),
      ...Object.fromEntries([...hoursRow(source.scheme, source.settings, options), ...flagRows(options)]),
    },
    assumptions: assumptionLines(source.scheme, 'result' in run ? usedRules(run.result) : null, !('result' in run), replacedSeasons(source.scheme, source.settings, options)),
  };
}

/** The settings file of a folder of CSV files, named as the clerk would make it. */
const SETTINGS_CSV = `${settingsSheet.names[0]}.csv`;

/** The 设置 keys a notice reads: without them it has no centre name, phone or issuer. */
function noticeSettingWarnings(settings: ReadonlyMap<string, string>, file: string): Problem[] {
  const missing = (key: string) => (settings.get(key) ?? '').trim() === '';
  const keys = [
    ...(missing('单位名称') ? ['单位名称'] : []),
    ...(missing('公示联系电话') ? ['公示联系电话'] : []),
    // The issuer falls back to the centre's name.
    ...(missing('公示发布单位') && missing('单位名称') ? ['公示发布单位'] : []),
  ];
  if (keys.length === 0) return [];
  // CSV input has no 设置 sheet: its settings are a file of their own (设置.csv, or --settings).
  const csv = extname(file).toLowerCase() === '.csv';
  return [problem('notice_settings_missing', csv ? { file: SETTINGS_CSV } : { file: basename(file), sheet: '设置' }, { keys: keys.join('、'), csv: csv ? 1 : 0 }, 'warning')];
}

/**
 * What a notice will lack or cannot tell apart, said when it is written: a date it cannot bear
 * (noticeDateWarnings), missing 设置 keys, and namesakes it prints alike (lookAlikeOnNotice), one
 * warning per name — the clerk decides whether to tell them apart.
 */
async function noticeWarnings(
  options: OutputOptions,
  period: Period | null,
  settings: ReadonlyMap<string, string>,
  subjects: readonly { key: string; name: string; unit: string }[],
  scheme: { subject: string },
  file: string,
): Promise<Problem[]> {
  const personal = scheme.subject === 'person';
  const { lookAlikeOnNotice, noticeNames } = await import('../write/public.js');
  const namesakes = lookAlikeOnNotice(subjects).map((g) => problem('notice_namesakes', { file: basename(file) }, { value: g.name, unit: g.unit, count: g.keys.length, ids: g.keys.join('、') }, 'warning'));
  const { remarks } = noticeNames(subjects, personal);
  const leftOff = remarks.length > 0 ? [problem('notice_name_remarks', { file: basename(file) }, { names: remarks.join('、') }, 'warning')] : [];
  return [...noticeDateWarnings(options, period), ...noticeSettingWarnings(settings, file), ...namesakes, ...leftOff];
}

/**
 * A --notice-date that cannot be the notice's: before the last day of the period it posts (results
 * dated before they exist: 2025-11-02 for 2026年10月, a year slip) or more than a year after it.
 * Today's date, taken when none is given, is not checked: a period is often posted in its last days.
 */
function noticeDateWarnings(options: OutputOptions, period: Period | null): Problem[] {
  const date = options.noticeDate === undefined ? null : parseDateText(options.noticeDate);
  if (date === null || period === null) return [];
  const args = { date, period: periodChinese(period), last: period.last };
  // More than a year: past the same day a year on (366 days counted from the last one, both counted).
  const code = date < period.last ? 'notice_date_before_period_end' : daysInclusive(period.last, date) > 366 ? 'notice_date_long_after' : null;
  return code ? [problem(code, { file: '--notice-date' }, args, 'warning')] : [];
}

/** A run's result and problems with input files named as outputs name them. */
export function namedRun(run: ScoreRun, name: (file: string) => string): ScoreRun {
  return { ...run, result: withInputNames(run.result, name), warnings: withInputNames(run.warnings, name), followUps: withInputNames(run.followUps, name) };
}

/**
 * `score -o`: .xlsx the result workbook (得分表, 公示, 扣分明细, 说明), .csv the 得分表 alone
 * (formula-like text neutralised, for other systems), .json the --json document.
 * Returns the warnings about the notice (missing 设置 keys).
 */
export async function writeScoreOutput(run: ScoreRun, plan: OutputPlan, pointValue: Hundredths | null, options: OutputOptions, name: (file: string) => string): Promise<Problem[]> {
  if (plan.format === '.csv') {
    const [{ scoreTable }, { toCsv }] = await Promise.all([import('../write/sheets/score.js'), import('../write/csv.js')]);
    const { header, rows } = scoreTable(run.result, pointValue);
    await writePlanned(plan, toCsv([header, ...rows]), run.files);
    return [];
  }
  if (plan.format === '.json') {
    const { scoreJsonText } = await import('../write/json.js');
    await writePlanned(plan, scoreJsonText(namedRun(run, name), pointValue), run.files);
    return [];
  }
  const { resultWorkbook } = await import('../write/output.js');
  // The workbook names files as it writes them: a city month's result is not copied to rename them.
  const workbook = await resultWorkbook(run.result, await runInfo(run, options, name), run.followUps, pointValue, name);
  await writePlanned(plan, workbook, run.files);
  return noticeWarnings(options, run.result.period, run.settings, run.result.subjects, run.result.scheme, run.files[0] ?? '');
}

/** `notice -o`: the 公示 alone, for reprints after corrections. */
export async function writeNoticeOutput(run: ScoreRun, plan: OutputPlan, options: OutputOptions, name: (file: string) => string): Promise<Problem[]> {
  const { noticeWorkbook } = await import('../write/output.js');
  await writePlanned(plan, await noticeWorkbook(namedRun(run, name).result, await runInfo(run, options, name)), run.files);
  return noticeWarnings(options, run.result.period, run.settings, run.result.subjects, run.result.scheme, run.files[0] ?? '');
}

/**
 * `year -o`: .xlsx the year workbook (年度考核表, 等次公示, 标注明细, 说明), .csv the 年度考核表
 * (a partial year's note on a last line), .json the --json document. Returns the warnings about
 * the notice (missing 设置 keys).
 */
export async function writeYearOutput(run: YearRun, plan: OutputPlan, pointValue: Hundredths | null, options: OutputOptions, name: (file: string) => string, moneyWarnings: readonly Problem[]): Promise<Problem[]> {
  if (plan.format !== '.json' && plan.format !== '.csv') {
    await writePlanned(plan, await yearWorkbookOf(run, pointValue, options, name), run.files);
    // Against the last period it sums up: a partial year (1–10月) is posted before the year ends.
    return noticeWarnings(options, parsePeriod([...run.result.labels].sort().at(-1) ?? String(run.result.year)), run.settings, run.result.rows, run.result.scheme, run.settingsFile);
  }
  if (plan.format === '.json') {
    await writePlanned(plan, await yearJsonOf(run, pointValue, moneyWarnings, name), run.files);
    return [];
  }
  const { missingText, proratedNote, yearTable } = await import('../write/year.js');
  const result = withInputNames(run.result, name);
  const { toCsv } = await import('../write/csv.js');
  const { header, rows } = yearTable(result, pointValue);
  // A prorated year says how, and a partial year says so in the file too, on a last line of its own.
  const note = missingText(result);
  const prorated = proratedNote(result);
  await writePlanned(plan, toCsv([header, ...rows, ...(prorated ? [[`注：${prorated}`]] : []), ...(note ? [[`注：${note}（--partial）`]] : [])]), run.files);
  return [];
}

/** A year run's workbook (年度考核表, 等次公示, 标注明细, 说明), its input files named by `name`: `year -o` and each centre of a batch. */
export async function yearWorkbookOf(run: YearRun, pointValue: Hundredths | null, options: OutputOptions, name: (file: string) => string): Promise<Buffer> {
  const { yearWorkbook } = await import('../write/year.js');
  return yearWorkbook(withInputNames(run.result, name), await runInfo(yearRunSource(run), options, name), pointValue);
}
