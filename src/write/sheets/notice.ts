import type ExcelJS from 'exceljs';
import type { Book } from '../book.js';
import { formatChineseDate } from '../../core/dates.js';
import { periodChinese } from '../../core/period.js';
import type { EngineWarning, ScoreResult } from '../../score/result.js';
import { publicRows, publicUnitLines, type PublicRow, type PublicSummary } from '../public.js';
import { periodUnitFlags } from '../summary.js';
import type { RunInfo } from '../run-info.js';
import { banner, BODY_FONT, bodyLines, table, TITLE_FONT, widthOf, type Cell, type Column } from './style.js';
import { noticeText } from '../../messages/outputs.js';
import { resultSheetNames } from '../../core/input-sheets.js';

interface NoticeContent {
  sheetName: string;
  title: string;
  intro: string;
  personal: boolean;
  /** What the scheme calls a unit (窗口, 科室): its column's header. */
  unitLabel: string;
  /** The score column's header: 得分, 全年. */
  totalHeader: string;
  /** A second score column beside it (the year's 折合全年), filled from the rows' `prorated`. */
  proratedHeader?: string;
  standingHeader: string;
  /** Whether rows carry a points summary (the month notice) or not (等次公示). */
  withSummary: boolean;
  rows: readonly PublicRow[];
  /** The units' flags by public wording (publicUnitLines), each a line under the table. */
  unitLines: readonly string[];
  /** 注： lines under the table (ties the committee decides, months missing from a year). */
  notes: readonly string[];
}

function columnsOf(content: NoticeContent): Column[] {
  // A second score column takes its width from the last two, so the page stays as wide.
  const second = content.proratedHeader === undefined ? 0 : 4;
  return [
    { header: '名次', kind: 'rank', width: 6 },
    ...(content.personal ? [{ header: '姓名', kind: 'name', width: 10 } as const, { header: content.unitLabel, kind: 'name', width: 14 } as const] : [{ header: content.unitLabel, kind: 'name', width: 16 } as const]),
    { header: content.totalHeader, kind: 'score', width: 8 },
    ...(content.proratedHeader === undefined ? [] : [{ header: content.proratedHeader, kind: 'score', width: 8 } as const]),
    ...(content.withSummary ? [{ header: noticeText.summaryHeader, kind: 'text', width: content.personal ? 38 : 42 } as const] : []),
    // 红旗窗口（并列） on one line
    { header: content.standingHeader, kind: 'text', width: (content.withSummary ? 19 : 26) - second },
    { header: '备注', kind: 'text', width: (content.withSummary ? 14 : 28) - second },
  ];
}

function cellsOf(row: PublicRow, content: NoticeContent): Cell[] {
  return [
    row.rank,
    ...(content.personal ? [row.name, row.unit] : [row.name]),
    row.total,
    ...(content.proratedHeader === undefined ? [] : [row.prorated ?? null]),
    ...(content.withSummary ? [row.summary] : []),
    row.standing,
    row.flags,
  ];
}

/**
 * A notice for the board (公示, 等次公示): title, the table of public rows, the units' flags, notes, the 公示期
 * with holidays, where to object and the phone (on a line of its own, so it never wraps),
 * issuer and date. A4 portrait, one page wide, the header row repeated on every page.
 */
export async function addNotice(book: Book, content: NoticeContent, run: RunInfo): Promise<ExcelJS.Worksheet> {
  const centre = run.settings.get('单位名称') ?? '';
  const office = run.settings.get('公示发布单位') || centre;
  const phone = run.settings.get('公示联系电话') ?? '';
  const columns = columnsOf(content);
  const span = columns.length;
  const width = widthOf(columns);
  const sheet = book.sheet(content.sheetName, { views: [{ state: 'frozen', ySplit: 3 }], titleRows: '3:3' });
  const line = (text: string, align: 'left' | 'center' | 'right' = 'left', wrap = true) => banner(sheet, text, { font: BODY_FONT, align, span, width, wrap });

  banner(sheet, content.title, { font: TITLE_FONT, align: 'center', span, width, height: 36 });
  line(content.intro);
  await table(sheet, columns, content.rows.map((r) => cellsOf(r, content)));
  sheet.addRow([]);
  bodyLines(sheet, [...content.unitLines, ...content.notes.map((note) => `注：${note}`)], { span, width });
  const { first, last, weekdaysOnly } = run.noticePeriod;
  line(
    noticeText.noticePeriod(formatChineseDate(first), formatChineseDate(last), run.noticeDays, weekdaysOnly, office),
  );
  if (phone) line(noticeText.phone(phone), 'left', false);
  sheet.addRow([]);
  if (office) line(office, 'right', false);
  line(formatChineseDate(run.noticeDate), 'right', false);
  return sheet;
}

/** The note for a tie at a grade's quota that awaits the committee (convention 9), counted without 工号; `when` names the period on the year's notice. */
export function quotaTieNote(w: EngineWarning, when = ''): string[] {
  return w.code === 'grade_quota_pending' ? [noticeText.quotaTie(when, w.grade, w.quota, w.tied.length, w.places, w.decidedBy)] : [];
}

/**
 * 公示: what goes on the notice board, built from public rows only (public.ts): rank, name,
 * unit, total, a summary by public rule or item name, grade or awards, public flags. Never 工号,
 * 说明 text, leave, or the reasons behind flags.
 */
export async function addNoticeSheet(book: Book, result: ScoreResult, run: RunInfo, summaries: readonly PublicSummary[]): Promise<void> {
  const personal = result.scheme.subject === 'person';
  const when = periodChinese(result.period);
  await addNotice(
    book,
    {
      sheetName: resultSheetNames.notice,
      title: noticeText.periodTitle(run.settings.get('单位名称') ?? '', when, personal, result.scheme.unitLabel),
      intro: noticeText.periodIntro(result.scheme.title, when),
      personal,
      unitLabel: result.scheme.unitLabel,
      totalHeader: '得分',
      standingHeader: result.subjects.some((s) => s.grade !== null) ? '等次' : '奖项',
      withSummary: true,
      rows: publicRows(result, summaries),
      unitLines: publicUnitLines(periodUnitFlags(result.units)),
      notes: result.warnings.flatMap((w) => (w.code === 'award_tie' ? [noticeText.awardTie(w)] : quotaTieNote(w))),
    },
    run,
  );
}
