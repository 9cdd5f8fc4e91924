import type { Book } from '../book.js';
import { format, toNumber, type Hundredths } from '../../core/decimal.js';
import { formatLocation, formatTraceNote } from '../../messages.js';
import { formatEvidence } from '../../messages/attendance.js';
import type { AttendanceEvent } from '../../derive/attendance.js';
import type { Evidence } from '../../core/evidence.js';
import type { ScoreResult, SubjectResult, TraceLine, TraceNote } from '../../score/result.js';
import { subjectTrace } from '../../score/engine.js';
import type { SourceLocation } from '../../core/problems.js';
import { banner, printsInOneRow, surveyOf, table, TableSurvey, TITLE_FONT, type Cell, type Column, type TableRows } from './style.js';
import { auditText, meanText } from '../../messages/outputs.js';
import { resultSheetNames } from '../../core/input-sheets.js';

/** The audit's columns; `unitLabel`: what the scheme calls a unit (窗口, 科室). */
const columnsOf = (unitLabel: string): readonly Column[] => [
  { header: '考核对象', kind: 'name', width: 14 },
  { header: unitLabel, kind: 'name', width: 14 },
  { header: '工号', kind: 'id', width: 8 },
  { header: '日期', kind: 'date', width: 11 },
  { header: '代码', kind: 'id', width: 6 },
  { header: '细则', kind: 'text', width: 24 },
  { header: '次数', kind: 'count', width: 6 },
  { header: '每次分值', kind: 'score', width: 8 },
  { header: '应计', kind: 'score', width: 7 },
  { header: '累计加倍后', kind: 'score', width: 9 },
  { header: '实计', kind: 'score', width: 7 },
  { header: '计分说明', kind: 'text', width: 36 },
  { header: '来源', kind: 'text', width: 30 },
  { header: '记录说明', kind: 'text', width: 30 },
  { header: '事项编号', kind: 'text', width: 12 },
];

/**
 * 扣分明细: one row per scored record (and one per peer review or component), with its points
 * before and after escalation and caps, why, and where it came from. Read by kaohe explain too.
 * Files are named by `name` as the row is written (a city month's result is not copied for it).
 * Its rows are surveyed (style.ts) here, the subjects' unless a caller that makes their traces
 * anyway has done it (`subjectsSurveyed`, surveyAuditRows).
 */
export async function addAuditSheet(book: Book, result: ScoreResult, followUps: readonly AttendanceEvent[] = [], name: (file: string) => string = (file) => file, subjectsSurveyed?: TableSurvey): Promise<void> {
  const texts: AuditTexts = {
    source: (at) => formatLocation({ ...at, file: name(at.file) }),
    // Notes that point at the record kept (同一事项, 每期一次) name its file too.
    notes: (notes) => notes.map((note) => formatTraceNote('kept' in note ? { ...note, kept: { ...note.kept, file: name(note.kept.file) } } : note)).join('；'),
    evidence: formatEvidence,
  };
  const sheet = book.sheet(resultSheetNames.audit, { views: [{ state: 'frozen', ySplit: 2 }], titleRows: '2:2', landscape: true });
  const columns = columnsOf(result.scheme.unitLabel);
  banner(sheet, `${result.scheme.title} 扣分加分明细（${result.period.label}）`, { font: TITLE_FONT, align: 'left', span: columns.length, width: 240, height: 30, wrap: false });
  // Made as they are written, twice (the table's count of rows, then the rows): a city month's audit
  // (tens of thousands of rows) is never held whole. The count needs no texts, so the first time
  // the costliest ones (来源, notes, evidence) are left blank.
  const rows: TableRows = {
    [Symbol.iterator]: () => auditRows(result, followUps, texts),
    surveyed: subjectsSurveyed ? surveyOf(subjectsSurveyed, followUpRows(result, followUps, BLANK_TEXTS)) : surveyOf(new TableSurvey(), auditRows(result, followUps, BLANK_TEXTS)),
  };
  await table(sheet, columns, rows, 'each');
}

/** The audit's texts that cost the most to make, each a row's own: where it came from, its notes, its attendance evidence. */
interface AuditTexts {
  source: (at: SourceLocation) => string;
  notes: (notes: readonly TraceNote[]) => string;
  evidence: (evidence: Evidence) => string;
}

/** For the survey of the audit's rows, which counts them only. */
const BLANK_TEXTS: AuditTexts = { source: () => '', notes: () => '', evidence: () => '' };

/**
 * A subject's rows of the audit added to `survey` (style.ts), which counts them only (BLANK_TEXTS):
 * by a caller that makes each trace anyway (output.ts, for the summaries), in the result's order,
 * so that the audit need not make them once more just for it. None once the survey is full.
 */
export function surveyAuditRows(survey: TableSurvey, result: ScoreResult, subject: SubjectResult, trace: readonly TraceLine[]): void {
  if (!survey.full) surveyOf(survey, subjectRows(result, subject, trace, BLANK_TEXTS));
}

/** The audit's rows: each subject's trace lines, peer review and components, then the attendance follow-ups. */
function* auditRows(result: ScoreResult, followUps: readonly AttendanceEvent[], texts: AuditTexts): Generator<Cell[]> {
  for (const s of result.subjects) yield* subjectRows(result, s, subjectTrace(result.scheme, s), texts);
  yield* followUpRows(result, followUps, texts);
}

/** The 来源 column's width, where a peer review lists its ratings. */
const SOURCE_WIDTH = columnsOf('').find((c) => c.header === '来源')!.width;

/** Ratings in rows, each row as many as print whole in the 来源 column (at least one); one empty row for none. */
function rowsOfRatings(ratings: readonly string[]): string[][] {
  const rows: string[][] = [[]];
  for (const rating of ratings) {
    const row = rows.at(-1)!;
    if (row.length > 0 && !printsInOneRow([...row, rating].join('、'), SOURCE_WIDTH)) rows.push([rating]);
    else row.push(rating);
  }
  return rows;
}

/** A subject's rows of the audit: its trace lines, peer review and components. */
function* subjectRows(result: ScoreResult, s: SubjectResult, trace: readonly TraceLine[], texts: AuditTexts): Generator<Cell[]> {
  const signed = (value: Hundredths, sign: 1 | -1) => toNumber((value * sign) as Hundredths);
  for (const line of trace) {
    yield [
      s.name,
      s.unit,
      line.personId ?? '',
      line.date,
      line.ruleCode,
      line.ruleName,
      // A rule told in days says the days of its row (0.5天 for an absent half), as explain does.
      result.scheme.toldInDays.has(line.ruleCode) ? `${line.days}天` : line.count,
      signed(line.unitPoints, line.sign),
      signed(line.listed, line.sign),
      signed(line.escalated, line.sign),
      signed(line.counted, line.sign),
      texts.notes(line.notes),
      texts.source(line.at),
      line.evidence ? texts.evidence(line.evidence) : line.note,
      line.matter ?? '',
    ];
  }
  if (s.peer) {
    const item = result.scheme.items.find((it) => it.code === s.peer?.itemCode);
    const n = s.peer.ratings.length;
    const explanation = s.peer.missing
      ? auditText.peerMissing
      : meanText.peer(n, s.peer.sum, s.peer.itemPoints, s.peer.scale, s.peer.points);
    // The ratings in as many rows as they need: forty windows' ratings in one cell passed the tallest
    // row Excel prints (409 pt), and the printed page showed a slice of the middle.
    const { itemCode } = s.peer;
    const peerRow = (count: Cell, points: Cell, said: string, shown: readonly string[]): Cell[] => [s.name, s.unit, '', '', itemCode, item?.name ?? '', count, null, null, null, points, said, shown.join('、'), '', ''];
    let from = 0;
    for (const shown of rowsOfRatings(s.peer.ratings.map((r) => `${r.rater} ${format(r.score)}`))) {
      yield from === 0 ? peerRow(n, toNumber(s.peer.points), explanation, shown) : peerRow('', null, auditText.peerContinued(from + 1, from + shown.length, n), shown);
      from += shown.length;
    }
  }
  for (const item of s.items) {
    const c = item.component;
    if (!c) continue;
    const explanation =
      c.code === 'mark'
        ? `考评小组评分 ${format(c.value)}`
        : c.code === 'monthly'
          ? meanText.monthly(c.months.length, c.sum, item.points ?? (0 as Hundredths), c.scale, item.score)
          : `${c.unit}得分${format(c.unitTotal)} × ${format(item.points ?? (0 as Hundredths))}/${format(c.scale)} = ${format(item.score)}`;
    const from = c.code === 'mark' ? texts.source(c.at) : c.code === 'monthly' ? c.months.map((m) => `${m.month} ${format(m.base)}`).join('、') : `方案 ${c.scheme}`;
    yield [s.name, s.unit, '', '', item.code, item.name, null, null, null, null, toNumber(item.score), explanation, from, '', ''];
  }
}

/** Attendance facts the scheme does not score (缺卡 unless mapped, days without data): listed for follow-up. */
function* followUpRows(result: ScoreResult, followUps: readonly AttendanceEvent[], texts: AuditTexts): Generator<Cell[]> {
  const unit = new Map(result.subjects.map((s) => [s.key, s.unit]));
  for (const event of followUps) {
    const name = result.personNames.get(event.personId) ?? event.personId;
    const [what, why] = event.kind === 'no_data' ? auditText.noData : auditText.missingPunch;
    yield [name, unit.get(event.personId) ?? '', event.personId, event.date, '', what, 1, null, null, null, null, why, texts.source(event.at), texts.evidence(event.evidence), ''];
  }
}
