import ExcelJS from 'exceljs';
import type { Hundredths } from '../core/decimal.js';
import type { AttendanceEvent } from '../derive/attendance.js';
import type { ScoreResult } from '../score/result.js';
import type { RunInfo } from './run-info.js';
import { packWorkbook } from './pack.js';
import { addAboutSheet } from './sheets/about.js';
import { addAuditSheet } from './sheets/audit.js';
import { addNoticeSheet } from './sheets/notice.js';
import { addScoreSheet } from './sheets/score.js';

/** Fixed workbook metadata dates: outputs must not change from one run to the next. */
const FIXED_WORKBOOK_DATE = new Date(Date.UTC(2000, 0, 1));

function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kaohe';
  workbook.lastModifiedBy = 'kaohe';
  workbook.created = FIXED_WORKBOOK_DATE;
  workbook.modified = FIXED_WORKBOOK_DATE;
  return workbook;
}

/** The result workbook of `kaohe score -o`: 得分表, 公示, 扣分明细, 说明. */
export async function resultWorkbook(result: ScoreResult, run: RunInfo, followUps: readonly AttendanceEvent[] = [], pointValue: Hundredths | null = null): Promise<Buffer> {
  const workbook = newWorkbook();
  addScoreSheet(workbook, result, pointValue);
  addNoticeSheet(workbook, result, run);
  addAuditSheet(workbook, result, followUps);
  addAboutSheet(workbook, result, run);
  return await packWorkbook(workbook);
}

/** Attendance facts no rule of the scheme scores (缺卡, days without data), for the audit's follow-up rows. */
export function unscoredAttendance(result: ScoreResult, people: readonly { events: readonly AttendanceEvent[] }[]): AttendanceEvent[] {
  const mapped = new Set(Object.keys(result.scheme.attendance?.rules ?? {}));
  return people.flatMap((p) => p.events.filter((e) => (e.kind === 'missing_punch' && !mapped.has(e.kind)) || e.kind === 'no_data'));
}

/** `kaohe notice -o`: the 公示 alone, for reprints after corrections. */
export async function noticeWorkbook(result: ScoreResult, run: RunInfo): Promise<Buffer> {
  const workbook = newWorkbook();
  addNoticeSheet(workbook, result, run);
  return await packWorkbook(workbook);
}
