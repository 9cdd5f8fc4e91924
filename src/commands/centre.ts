import { basename, dirname } from 'node:path';
import { formatSchemeIssue, problemLines, yearWarnings } from '../messages.js';
import { formatUsageError } from '../messages/usage.js';
import { hintLine } from '../messages/terminal.js';
import { InputError, SchemeError, UsageError, type Problem } from '../core/problems.js';
import { inputNamer, withInputNames } from '../write/input-names.js';
import { yearPointValue, yearWorkbookOf } from './outputs.js';
import type { YearOptions } from './year-options.js';
import { runYear, type YearRun } from './year.js';
import { isProrated } from '../score/year.js';

export interface CentreJob {
  dir: string;
  options: YearOptions & { pointValue?: string; noticeDate?: string; noticeDays?: string };
}

export type CentreOutcome =
  | { centre: string; ok: true; workbook: Buffer; files: string[]; missing: string[]; people: number; highest: number | null; lowest: number | null; prorated: boolean; flagged: number; warnings: string[] }
  | { centre: string; ok: false; problems: string[] };

/** One centre of a batch: its year run, workbook and warnings, or its problems (worded, for the summary). */
export async function runCentre(job: CentreJob): Promise<CentreOutcome> {
  const centre = basename(job.dir);
  try {
    const run = await runYear([job.dir], job.options);
    const name = inputNamer([dirname(job.dir)]);
    const money = yearPointValue(job.options.pointValue, run);
    const workbook = await yearWorkbookOf(run, money.value, job.options, name);
    // The figure the centre ranks by: a part-year person's 折合全年, as in its 年度考核表.
    const totals = run.result.rows.flatMap((r) => (r.comparable === null ? [] : [r.comparable / 100]));
    return {
      centre,
      ok: true,
      workbook,
      files: run.files,
      missing: run.result.missing,
      people: run.result.rows.length,
      highest: totals.length ? Math.max(...totals) : null,
      lowest: totals.length ? Math.min(...totals) : null,
      prorated: isProrated(run.result),
      flagged: run.result.rows.filter((r) => r.flags.length > 0).length,
      warnings: centreWarnings(run, money.warnings, name),
    };
  } catch (error) {
    if (error instanceof InputError) return { centre, ok: false, problems: problemLines(withInputNames(error.problems.filter((p) => p.severity === 'error'), inputNamer([dirname(job.dir)]))) };
    if (error instanceof SchemeError) return { centre, ok: false, problems: error.issues.map((i) => `${error.file} ${formatSchemeIssue(i)}`) };
    if (error instanceof UsageError) return { centre, ok: false, problems: [formatUsageError(error)] };
    if (error instanceof Error && error.name === 'SchemeError') return { centre, ok: false, problems: [error.message] };
    throw error;
  }
}

/**
 * The centre's warnings, worded as `kaohe year` on it alone words them: every period's input
 * warnings, the year money's (several 每分分值 and so no 考核奖, or months without one), then
 * the scoring's own (ties, grade quotas left open).
 */
function centreWarnings(run: YearRun, moneyWarnings: readonly Problem[], name: (file: string) => string): string[] {
  const inputs = [...run.warnings, ...moneyWarnings].filter((w) => w.severity === 'warning');
  return [...problemLines(withInputNames(inputs, name)), ...yearWarnings(run.result).map((w) => hintLine(w).trimEnd())];
}
