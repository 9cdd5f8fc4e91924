import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseDateText, type IsoDate } from '../core/dates.js';
import { UsageError } from '../core/problems.js';
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

/** Collects what the 说明 sheet and the notice need to know about this run. */
export async function runInfo(run: ScoreRun, options: OutputOptions): Promise<RunInfo> {
  const noticeDate = options.noticeDate === undefined ? todayInChina() : parseDateText(options.noticeDate);
  if (noticeDate === null) throw new UsageError(`--notice-date "${options.noticeDate}" 无法识别，请写成 2026-11-23`);
  const daysText = options.noticeDays ?? run.settings.get('公示天数') ?? '5';
  const noticeDays = Number(daysText.normalize('NFKC').replace(/个?工作日|天/g, ''));
  if (!Number.isInteger(noticeDays) || noticeDays < 1 || noticeDays > 60) throw new UsageError(`公示天数“${daysText}”应为1到60之间的整数`);
  return {
    kaoheVersion: kaoheVersion(),
    scheme: { id: run.scheme.id, origin: run.scheme.origin, sha256: run.scheme.sha256 },
    inputs: await Promise.all(run.files.map(async (file) => ({ file, sha256: await sha256(file) }))),
    settings: run.settings,
    noticeDate,
    noticeDays,
    options: {
      考核期: run.result.period.label,
      ...(options.allowMissingPeer ? { 允许缺互评: '是' } : {}),
    },
  };
}
