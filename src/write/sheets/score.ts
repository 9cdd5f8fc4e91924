import type ExcelJS from 'exceljs';
import { toNumber, type Hundredths } from '../../core/decimal.js';
import { money } from '../money.js';
import { periodChinese } from '../../core/period.js';
import type { ScoreResult } from '../../score/result.js';
import { awardLabel } from '../json.js';
import { flagNames, pointsSummary } from '../summary.js';
import { printSetup, table, TITLE_FONT, widths } from './style.js';

/** The 得分表 as header and rows, shared by the workbook sheet and CSV output. */
export function scoreTable(result: ScoreResult, pointValue: Hundredths | null = null): { header: string[]; rows: (string | number)[][] } {
  const { scheme } = result;
  const personal = scheme.subject === 'person';
  const items = scheme.items.filter((it) => it.type !== 'veto');
  const graded = result.subjects.some((s) => s.grade !== null);
  const header = [
    '名次',
    ...(personal ? ['工号', '姓名', '窗口'] : ['窗口']),
    ...items.map((it) => `${it.code} ${it.name}`),
    '扣分',
    '加分',
    '总分',
    ...(graded ? ['等次'] : []),
    '奖项',
    '标注',
    '扣分/加分明细',
    ...(pointValue !== null ? ['考核奖(元)'] : []),
  ];
  const rows = result.subjects.map((s) => [
    s.rank,
    ...(personal ? [s.key, s.name, s.unit] : [s.name]),
    ...items.map((it) => toNumber(s.items.find((x) => x.code === it.code)!.score)),
    toNumber(s.deductions),
    toNumber(s.bonus),
    toNumber(s.total),
    ...(graded ? [s.grade?.label ?? ''] : []),
    s.awards.map(awardLabel).join('、'),
    flagNames(s).join('、'),
    pointsSummary(s),
    ...(pointValue !== null ? [money(s.total, pointValue) as number] : []),
  ]);
  return { header, rows };
}

/** 得分表: one row per subject with every item's score, for the leadership meeting. */
export function addScoreSheet(workbook: ExcelJS.Workbook, result: ScoreResult, pointValue: Hundredths | null = null): void {
  const { scheme } = result;
  const sheet = workbook.addWorksheet('得分表', { views: [{ state: 'frozen', ySplit: 2, xSplit: scheme.subject === 'person' ? 3 : 2 }] });
  const { header, rows } = scoreTable(result, pointValue);
  const personal = scheme.subject === 'person';
  const items = scheme.items.filter((it) => it.type !== 'veto');
  const graded = result.subjects.some((s) => s.grade !== null);
  const title = sheet.addRow([`${scheme.title} ${periodChinese(result.period)}考核得分表`]);
  title.getCell(1).font = TITLE_FONT;
  sheet.mergeCells(1, 1, 1, header.length);
  const firstNumber = personal ? 4 : 2;
  const numeric = new Set([0, ...Array.from({ length: items.length + 3 }, (_, i) => firstNumber + i)]);
  table(sheet, header, rows, numeric);
  widths(sheet, [
    6,
    ...(personal ? [8, 10, 14] : [16]),
    ...items.map(() => 9),
    7,
    7,
    8,
    ...(graded ? [10] : []),
    16,
    18,
    48,
    ...(pointValue !== null ? [10] : []),
  ]);
  sheet.getRow(2).height = 42;
  printSetup(sheet, '2:2', true);
}
