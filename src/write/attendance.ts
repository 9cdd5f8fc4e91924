import ExcelJS from 'exceljs';
import chalk from 'chalk';
import stringWidth from 'string-width';
import { periodChinese, type Period } from '../core/period.js';
import type { PersonAttendance } from '../derive/attendance.js';
import { correctionType, defaultLeaveWords } from '../scheme/lists.js';
import { formatLocation } from '../messages.js';
import { packWorkbook } from './safe-write.js';
import { printSetup, table, TITLE_FONT, widths } from './sheets/style.js';

/** Leave and trip types anyone has, in the order of the exports' words, then any others by name. */
function leaveColumns(people: readonly PersonAttendance[]): string[] {
  const order = [...new Set([...defaultLeaveWords.values()].map((w) => w.type))];
  const used = [...new Set(people.flatMap((p) => Object.keys(p.leaveDays)))].filter((t) => t !== correctionType);
  const rank = (t: string) => (order.includes(t) ? order.indexOf(t) : order.length);
  return used.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Columns always shown first; the rest are shown on screen only when someone has a value. */
const FIXED = 12;

// 旷工天数 adds half days (two half days + two whole days = 3); 旷工次数 counts days with any
// absence, as a rule counting occurrences does (bianmin-10pt: each such day → 2.1 once).
function columns(people: readonly PersonAttendance[]): { header: string[]; row: (p: PersonAttendance) => (string | number)[] } {
  const types = leaveColumns(people);
  return {
    header: ['工号', '姓名', '窗口', '应出勤天数', '出勤天数', '迟到', '迟到分钟', '早退', '早退分钟', '旷工天数', '旷工次数', '缺卡', ...types.map((t) => `${t}天数`), '补签次数', '无数据天数', '全勤'],
    row: (p) => [
      p.personId,
      p.name,
      p.unit,
      p.workingDays,
      p.presentDays,
      p.late,
      p.lateMinutes,
      p.early,
      p.earlyMinutes,
      p.absentHalfDays / 2,
      p.absentDays,
      p.missingPunches,
      ...types.map((t) => p.leaveDays[t] ?? 0),
      p.leaveDays[correctionType] ?? 0,
      p.noDataDays,
      p.fullAttendance ? '全勤' : '',
    ],
  };
}

/** "考勤数据只覆盖…；无数据的工作日：…" under the summary, when some days had no data. */
function noDataNote(people: readonly PersonAttendance[]): string | null {
  const notes = [...new Set(people.flatMap((p) => p.events.filter((e) => e.kind === 'no_data').map((e) => e.evidence)))];
  return notes.length === 0 ? null : `说明：${notes.join('；')}`;
}

/** The monthly attendance summary for the terminal; columns nobody has a value in are left out. */
export function renderAttendance(people: readonly PersonAttendance[], period: Period): string {
  const { header, row } = columns(people);
  const used = header.map((_, i) => i < FIXED || i === header.length - 1 || people.some((p) => row(p)[i] !== 0));
  const keep = <T>(cells: T[]) => cells.filter((_, i) => used[i]);
  const shownHeader = keep(header);
  const rows = people.map((p) => keep(row(p)).map(String));
  const w = shownHeader.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 3 ? ' '.repeat(Math.max(0, (w[i] ?? 0) - stringWidth(c))) + c : c + ' '.repeat(Math.max(0, (w[i] ?? 0) - stringWidth(c))))).join('  ').trimEnd();
  const note = noDataNote(people);
  return [chalk.bold(`${periodChinese(period)}考勤汇总`), chalk.bold(line(shownHeader)), ...rows.map(line), ...(note ? [note] : [])].join('\n');
}

/** 考勤汇总 (for posting) and 考勤明细 (each late, early leave, absence and 缺卡 with its punches). */
export async function attendanceWorkbook(people: readonly PersonAttendance[], period: Period, centre: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kaohe';
  workbook.created = new Date(Date.UTC(2000, 0, 1));
  workbook.modified = new Date(Date.UTC(2000, 0, 1));
  const summary = workbook.addWorksheet('考勤汇总', { views: [{ state: 'frozen', ySplit: 2 }] });
  const title = summary.addRow([`${centre}${periodChinese(period)}考勤汇总`]);
  title.getCell(1).font = TITLE_FONT;
  const { header, row } = columns(people);
  summary.mergeCells(1, 1, 1, header.length);
  table(summary, header, people.map(row), new Set(header.map((_, i) => i).filter((i) => i >= 3 && i < header.length - 1)));
  const note = noDataNote(people);
  if (note) summary.addRow([note]);
  widths(summary, [8, 10, 14, ...header.slice(3).map(() => 8)]);
  printSetup(summary, '2:2', true);

  const detail = workbook.addWorksheet('考勤明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  const kinds = { late: '迟到', early: '早退', absent_half_day: '旷工半天', absent_day: '旷工（按天）', missing_punch: '缺卡', no_data: '无考勤数据' } as const;
  table(
    detail,
    ['工号', '姓名', '日期', '情况', '分钟', '依据', '来源'],
    people.flatMap((p) => p.events.filter((e) => e.kind !== 'absent_day').map((e) => [p.personId, p.name, e.date, kinds[e.kind], e.minutes ?? '', e.evidence, formatLocation(e.at)])),
    new Set([4]),
  );
  widths(detail, [8, 10, 11, 10, 6, 50, 36]);
  printSetup(detail, '1:1', true);
  return await packWorkbook(workbook);
}
