import ExcelJS from 'exceljs';
import { toNumber } from '../core/decimal.js';
import { periodChinese } from '../core/period.js';
import type { ScoreResult } from '../score/result.js';
import { awardLabel } from './json.js';
import { pointsSummary } from './summary.js';
import { withFixedZipDates } from './safe-write.js';

/** Fixed workbook metadata dates: outputs must not change from one run to the next. */
const FIXED_WORKBOOK_DATE = new Date(Date.UTC(2000, 0, 1));

/** The 得分表 workbook: one row per subject, each item's score, totals, awards and flags. */
export async function scoreWorkbook(result: ScoreResult): Promise<Buffer> {
  const { scheme } = result;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kaohe';
  workbook.lastModifiedBy = 'kaohe';
  workbook.created = FIXED_WORKBOOK_DATE;
  workbook.modified = FIXED_WORKBOOK_DATE;

  const sheet = workbook.addWorksheet('得分表', { views: [{ state: 'frozen', ySplit: 2 }] });
  const personal = scheme.subject === 'person';
  const header = [
    '名次',
    ...(personal ? ['工号', '姓名', '窗口'] : ['窗口']),
    ...scheme.items.map((it) => `${it.code} ${it.name}`),
    '扣分',
    '加分',
    '总分',
    '奖项',
    '标注',
    '扣分/加分明细',
  ];
  const title = sheet.addRow([`${scheme.title} ${periodChinese(result.period)}考核得分表`]);
  sheet.mergeCells(1, 1, 1, header.length);
  const headerRow = sheet.addRow(header);
  headerRow.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };

  for (const s of result.subjects) {
    sheet.addRow([
      s.rank,
      ...(personal ? [s.key, s.name, s.unit] : [s.name]),
      ...s.items.map((it) => toNumber(it.score)),
      toNumber(s.deductions),
      toNumber(s.bonus),
      toNumber(s.total),
      s.awards.map(awardLabel).join('、'),
      [...new Set(s.flags.map((f) => f.name))].join('、'),
      pointsSummary(s),
    ]);
  }
  const firstItemColumn = personal ? 5 : 3;
  header.forEach((h, i) => {
    const column = sheet.getColumn(i + 1);
    const isNumber = i === 0 || (i + 1 >= firstItemColumn && i + 1 < firstItemColumn + scheme.items.length + 3);
    column.width = isNumber ? Math.max(8, Math.min(14, h.length * 2)) : h === '扣分/加分明细' ? 48 : 16;
    column.alignment = isNumber ? { horizontal: 'right' } : { horizontal: 'left', wrapText: true };
    column.font = { name: '宋体', size: 11 };
  });
  // Column fonts apply to every cell of the column, so the title and header fonts come last.
  title.font = { name: '黑体', size: 14, bold: true };
  headerRow.font = { name: '黑体', bold: true };
  return withFixedZipDates(Buffer.from(await workbook.xlsx.writeBuffer()));
}
