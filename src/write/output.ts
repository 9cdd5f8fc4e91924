import type { Hundredths } from '../core/decimal.js';
import type { AttendanceEvent } from '../derive/attendance.js';
import type { ScoreResult } from '../score/result.js';
import { subjectTrace } from '../score/engine.js';
import { publicSummarizer, type PublicSummary } from './public.js';
import { pointsSummary } from './summary.js';
import type { RunInfo } from './run-info.js';
import { Book } from './book.js';
import { addAboutSheet } from './sheets/about.js';
import { addAuditSheet, surveyAuditRows } from './sheets/audit.js';
import { TableSurvey } from './sheets/style.js';
import { addNoticeSheet } from './sheets/notice.js';
import { addScoreSheet } from './sheets/score.js';

/** The result workbook of `kaohe score -o`: 得分表, 公示, 扣分明细, 说明; input files named by `name`. */
export async function resultWorkbook(result: ScoreResult, run: RunInfo, followUps: readonly AttendanceEvent[] = [], pointValue: Hundredths | null = null, name?: (file: string) => string): Promise<Buffer> {
  const book = new Book();
  const audit = new TableSurvey();
  const summaries = subjectSummaries(result, audit);
  await addScoreSheet(book, result, pointValue, summaries.points);
  await addNoticeSheet(book, result, run, summaries.public);
  await addAuditSheet(book, result, followUps, name, audit);
  await addAboutSheet(book, result, run);
  return await book.bytes();
}

/**
 * Each subject's two summaries, the 得分表's and the 公示's, from one making of its trace, and
 * its rows of the 扣分明细 surveyed (given `audit`): the result keeps no trace (a city month's
 * would weigh tens of megabytes), so each use makes it anew.
 */
function subjectSummaries(result: ScoreResult, audit: TableSurvey | null): { points: string[]; public: PublicSummary[] } {
  const summarize = publicSummarizer(result.scheme);
  const points: string[] = [];
  const notice: PublicSummary[] = [];
  for (const s of result.subjects) {
    const trace = subjectTrace(result.scheme, s);
    points.push(pointsSummary(result.scheme, s, trace));
    notice.push(summarize(s, trace));
    if (audit) surveyAuditRows(audit, result, s, trace);
  }
  return { points, public: notice };
}

/** `kaohe notice -o`: the 公示 alone, for reprints after corrections. */
export async function noticeWorkbook(result: ScoreResult, run: RunInfo): Promise<Buffer> {
  const book = new Book();
  await addNoticeSheet(book, result, run, subjectSummaries(result, null).public);
  return await book.bytes();
}
