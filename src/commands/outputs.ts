import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseDateText, type IsoDate } from '../core/dates.js';
import { parsePoints, type Hundredths } from '../core/decimal.js';
import { UsageError } from '../core/problems.js';
import { assumptionLines } from '../scheme/describe.js';
import { kaoheVersion } from '../version.js';
import type { RunInfo } from '../write/run-info.js';
import type { ScoreRun } from './score.js';

export interface OutputOptions {
  noticeDate?: string;
  noticeDays?: string;
  allowMissingPeer?: boolean;
}

/** Today in China, the default notice date. */
function todayInChina(): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()) as IsoDate;
}

async function sha256(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** What a run read: enough for the 说明 sheet and the notice. */
export interface RunSource {
  scheme: ScoreRun['scheme'];
  files: readonly string[];
  settings: ReadonlyMap<string, string>;
  periodLabel: string;
}

/** 每分分值 from --point-value or 设置, in hundredths of a yuan; null when neither is given. */
export function pointValueOf(flag: string | undefined, settings: ReadonlyMap<string, string>): Hundredths | null {
  const text = flag ?? settings.get('每分分值');
  if (text === undefined || text === '') return null;
  const value = parsePoints(text.normalize('NFKC').replace(/元$/, ''));
  if (value === null || value <= 0) throw new UsageError(`每分分值“${text}”应为大于0的金额（元），最多两位小数`);
  return value;
}

/** Rules some record (typed, derived or from 指标) used in the run. */
function usedRules(result: ScoreRun['result']): Set<string> {
  return new Set(result.subjects.flatMap((s) => s.trace.map((l) => l.ruleCode)));
}

/** Collects what the 说明 sheet and the notice need to know about this run. */
export async function runInfo(run: RunSource | ScoreRun, options: OutputOptions): Promise<RunInfo> {
  const source: RunSource = 'result' in run ? { scheme: run.scheme, files: run.files, settings: run.settings, periodLabel: run.result.period.label } : run;
  const noticeDate = options.noticeDate === undefined ? todayInChina() : parseDateText(options.noticeDate);
  if (noticeDate === null) throw new UsageError(`--notice-date "${options.noticeDate}" 无法识别，请写成 2026-11-23`);
  const daysText = options.noticeDays ?? source.settings.get('公示天数') ?? '5';
  const noticeDays = Number(daysText.normalize('NFKC').replace(/个?工作日|天/g, ''));
  if (!Number.isInteger(noticeDays) || noticeDays < 1 || noticeDays > 60) throw new UsageError(`公示天数“${daysText}”应为1到60之间的整数`);
  return {
    kaoheVersion: kaoheVersion(),
    scheme: { id: source.scheme.id, origin: source.scheme.origin, sha256: source.scheme.sha256 },
    inputs: await Promise.all(source.files.map(async (file) => ({ file, sha256: await sha256(file) }))),
    settings: source.settings,
    noticeDate,
    noticeDays,
    options: {
      考核期: source.periodLabel,
      ...(options.allowMissingPeer ? { 允许缺互评: '是' } : {}),
    },
    assumptions: assumptionLines(source.scheme, 'result' in run ? usedRules(run.result) : null, !('result' in run)),
  };
}

/**
 * `score -o`: a .csv path gets the 得分表 alone (formula-like text neutralised, for other
 * systems); any other path the result workbook (得分表, 公示, 扣分明细, 说明).
 */
export async function writeScoreOutput(run: ScoreRun, output: string, pointValue: Hundredths | null, options: OutputOptions & { force?: boolean }): Promise<void> {
  const [{ writeFileSafely }] = await Promise.all([import('../write/safe-write.js')]);
  if (output.toLowerCase().endsWith('.csv')) {
    const [{ scoreTable }, { toCsv }] = await Promise.all([import('../write/sheets/score.js'), import('../write/csv.js')]);
    const { header, rows } = scoreTable(run.result, pointValue);
    await writeFileSafely(output, toCsv([header, ...rows]), options.force ?? false);
    return;
  }
  const { resultWorkbook, unscoredAttendance } = await import('../write/output.js');
  const workbook = await resultWorkbook(run.result, await runInfo(run, options), unscoredAttendance(run.result, run.attendance), pointValue);
  await writeFileSafely(output, workbook, options.force ?? false);
}

/** `notice -o`: the 公示 alone, for reprints after corrections. */
export async function writeNoticeOutput(run: ScoreRun, output: string, options: OutputOptions & { force?: boolean }): Promise<void> {
  const [{ noticeWorkbook }, { writeFileSafely }] = await Promise.all([import('../write/output.js'), import('../write/safe-write.js')]);
  await writeFileSafely(output, await noticeWorkbook(run.result, await runInfo(run, options)), options.force ?? false);
}
