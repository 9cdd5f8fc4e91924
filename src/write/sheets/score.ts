import type { Book } from '../book.js';
import { toNumber, type Hundredths } from '../../core/decimal.js';
import { moneyUnder, periodBonusFlags, scoreMoneyNotes } from '../money.js';
import { periodChinese } from '../../core/period.js';
import type { ScoreResult } from '../../score/result.js';
import { awardLabel } from '../json.js';
import { flagNames, periodUnitFlags, pointsSummary, unitFlagLines, withUnitFlagColumn } from '../summary.js';
import { banner, linesBelow, table, TITLE_FONT, widthOf, type Cell, type Column } from './style.js';
import { resultSheetNames } from '../../core/input-sheets.js';

/** The 得分表's columns and rows, shared by the workbook sheet and CSV output; `summaries` are the subjects' points summaries, in subject order. */
function scoreColumns(result: ScoreResult, pointValue: Hundredths | null, summaries: readonly string[]): { columns: Column[]; rows: Cell[][] } {
  const { scheme } = result;
  const personal = scheme.subject === 'person';
  const items = scheme.items.filter((it) => it.type !== 'veto');
  const graded = result.subjects.some((s) => s.grade !== null);
  const columns: Column[] = [
    { header: '名次', kind: 'rank', width: 6 },
    ...(personal ? ([{ header: '工号', kind: 'id', width: 9 }, { header: '姓名', kind: 'name', width: 10 }, { header: scheme.unitLabel, kind: 'name', width: 14 }] as const) : ([{ header: scheme.unitLabel, kind: 'name', width: 16 }] as const)),
    ...items.map((it): Column => ({ header: `${it.code} ${it.name}`, kind: 'score', width: 9 })),
    { header: '扣分', kind: 'score', width: 7 },
    { header: '加分', kind: 'score', width: 7 },
    { header: '总分', kind: 'score', width: 8 },
    ...(graded ? [{ header: '等次', kind: 'name', width: 10 } as const] : []),
    { header: '奖项', kind: 'text', width: 16 },
    { header: '标注', kind: 'text', width: 18 },
    { header: '扣分/加分明细', kind: 'text', width: 48 },
    ...(pointValue !== null ? [{ header: '考核奖(元)', kind: 'money', width: 11 } as const] : []),
  ];
  const rows = result.subjects.map((s, i) => [
    s.rank,
    ...(personal ? [s.key, s.name, s.unit] : [s.name]),
    ...items.map((it) => toNumber(s.items.find((x) => x.code === it.code)!.score)),
    toNumber(s.deductions),
    toNumber(s.bonus),
    toNumber(s.total),
    ...(graded ? [s.grade?.label ?? ''] : []),
    s.awards.map(awardLabel).join('、'),
    flagNames(s).join('、'),
    summaries[i]!,
    ...(pointValue !== null ? [moneyUnder(s.total, pointValue, periodBonusFlags(s.flags))] : []),
  ]);
  return { columns, rows };
}

/** The 得分表 as header and rows, for CSV output: the units' flags in a column of their own (withUnitFlagColumn). */
export function scoreTable(result: ScoreResult, pointValue: Hundredths | null = null): { header: string[]; rows: Cell[][] } {
  const { columns, rows } = scoreColumns(result, pointValue, result.subjects.map((s) => pointsSummary(result.scheme, s)));
  return withUnitFlagColumn({ header: columns.map((c) => c.header), rows }, result.subjects.map((s) => s.unit), periodUnitFlags(result.units));
}

/** 得分表: one row per subject with every item's score, for the leadership meeting (internal); the units' flags under it. */
export async function addScoreSheet(book: Book, result: ScoreResult, pointValue: Hundredths | null, summaries: readonly string[]): Promise<void> {
  const { scheme } = result;
  const sheet = book.sheet(resultSheetNames.score, { views: [{ state: 'frozen', ySplit: 2, xSplit: scheme.subject === 'person' ? 3 : 2 }], titleRows: '2:2', landscape: true });
  const { columns, rows } = scoreColumns(result, pointValue, summaries);
  const width = widthOf(columns);
  banner(sheet, `${scheme.title} ${periodChinese(result.period)}考核得分表`, { font: TITLE_FONT, align: 'left', span: columns.length, width, height: 30 });
  await table(sheet, columns, rows);
  linesBelow(sheet, [...unitFlagLines(periodUnitFlags(result.units)), ...scoreMoneyNotes(result, pointValue).map((n) => `注：${n}`)], { span: columns.length, width });
}
