import type ExcelJS from 'exceljs';
import { formatChineseDate } from '../../core/dates.js';
import { format } from '../../core/decimal.js';
import { periodChinese } from '../../core/period.js';
import type { ScoreResult } from '../../score/result.js';
import { awardLabel } from '../json.js';
import type { RunInfo } from '../run-info.js';
import { flagNames, pointsSummary } from '../summary.js';
import { BODY_FONT, printSetup, table, TITLE_FONT, widths } from './style.js';

export interface NoticeDates {
  first: string;
  last: string;
  weekdaysOnly: boolean;
}

/**
 * 公示: what goes on the notice board. Only public facts: rank, name, unit, total, a summary by
 * rule name, awards, grade and public flags. Never 工号, 说明 text or leave reasons.
 */
export function addNoticeSheet(workbook: ExcelJS.Workbook, result: ScoreResult, run: RunInfo, dates: NoticeDates): void {
  const { scheme } = result;
  const personal = scheme.subject === 'person';
  const graded = result.subjects.some((s) => s.grade !== null);
  const centre = run.settings.get('单位名称') ?? '';
  const office = run.settings.get('公示发布单位') || centre || '';
  const phone = run.settings.get('公示联系电话') ?? '';

  const header = ['名次', ...(personal ? ['姓名', '窗口'] : ['窗口']), '得分', '扣分、加分情况', graded ? '等次' : '奖项', '备注'];
  const sheet = workbook.addWorksheet('公示', { views: [{ state: 'frozen', ySplit: 3 }] });
  const span = header.length;
  const merged = (text: string, font: Partial<ExcelJS.Font>, align: Partial<ExcelJS.Alignment>, height?: number) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, span);
    row.getCell(1).font = font;
    row.getCell(1).alignment = { ...align, vertical: 'middle', wrapText: true };
    if (height) row.height = height;
    return row;
  };

  merged(`${centre}${periodChinese(result.period)}${personal ? '工作人员' : '窗口'}考核结果公示`, TITLE_FONT, { horizontal: 'center' }, 36);
  merged(`根据《${scheme.title}》，经综合考评，现将${periodChinese(result.period)}考核结果公示如下：`, BODY_FONT, { horizontal: 'left' }, 30);

  const rows = result.subjects.map((s) => [
    s.rank,
    ...(personal ? [s.name, s.unit] : [s.name]),
    format(s.total),
    pointsSummary(s),
    [graded ? (s.grade?.label ?? '') : '', ...s.awards.map(awardLabel)].filter(Boolean).join('、'),
    flagNames(s).join('、'),
  ]);
  table(sheet, header, rows, new Set([0, personal ? 3 : 2]));

  sheet.addRow([]);
  const ties = result.warnings.filter((w) => w.code === 'award_tie');
  for (const tie of ties) {
    merged(`注：${tie.award}第${tie.rank}名并列，共${tie.winners}个，超过名额${tie.top}个，由中心主任办公会研究确定。`, BODY_FONT, { horizontal: 'left' }, 30);
  }
  const days = `${run.noticeDays}个工作日`;
  merged(
    `公示期：${formatChineseDate(dates.first)}至${formatChineseDate(dates.last)}（${days}）。如有异议，请在公示期内向${office || '考核组织部门'}反映${phone ? `，联系电话：${phone}` : ''}。`,
    BODY_FONT,
    { horizontal: 'left' },
    36,
  );
  sheet.addRow([]);
  merged(office, BODY_FONT, { horizontal: 'right' });
  merged(formatChineseDate(run.noticeDate), BODY_FONT, { horizontal: 'right' });

  widths(sheet, personal ? [6, 10, 14, 8, 44, 14, 14] : [6, 16, 8, 48, 16, 14]);
  sheet.getRow(3).height = 24;
  printSetup(sheet, '3:3');
}
