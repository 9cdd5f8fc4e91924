import type { Book } from '../book.js';
import { periodChinese } from '../../core/period.js';
import type { ScoreResult } from '../../score/result.js';
import type { RunInfo } from '../run-info.js';
import { ABOUT_SHEET, addAboutRows } from './style.js';
import { settingLabel } from '../../messages/outputs.js';

/** 说明: what this workbook was computed from, so a printed notice can be matched to its inputs. */
export async function addAboutSheet(book: Book, result: ScoreResult, run: RunInfo): Promise<void> {
  const sheet = book.sheet('说明', ABOUT_SHEET);
  const rows: [string, string][] = [
    ['考核方案', `${result.scheme.title}（${result.scheme.id}）`],
    ['方案文件', run.scheme.origin],
    ['方案文件 SHA-256', run.scheme.sha256],
    ['考核期', `${periodChinese(result.period)}（${result.period.first} 至 ${result.period.last}）`],
    ...run.inputs.flatMap((input, i): [string, string][] => [
      [`输入文件${run.inputs.length > 1 ? i + 1 : ''}`, input.file],
      [`输入文件${run.inputs.length > 1 ? i + 1 : ''} SHA-256`, input.sha256],
    ]),
    ['kaohe 版本', run.kaoheVersion],
    ['公示日期', run.noticeDate],
    ['公示天数', `${run.noticeDays}个工作日`],
    ...assumptionRows(run.assumptions),
    ...Object.entries(run.options).map(([k, v]): [string, string] => [k, v]),
    ...[...run.settings].map(([k, v]): [string, string] => [settingLabel(k), v]),
  ];
  await addAboutRows(sheet, rows);
}

/** The marked values the run relied on (assumptions, reconstructions, borrowings), one row each. */
export function assumptionRows(assumptions: readonly [string, string][]): [string, string][] {
  return assumptions.map(([where, text], i) => [`所依据的假定${i + 1}`, `${where}：${text}`]);
}
