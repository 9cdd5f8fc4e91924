import { basename, dirname } from 'node:path';
import { formatSchemeIssue, problemLines } from '../messages.js';
import { formatUsageError } from '../messages/usage.js';
import { InputError, SchemeError, UsageError } from '../core/problems.js';
import { inputNamer, withInputNames } from '../write/input-names.js';
import { yearPointValue, yearWorkbookOf } from './outputs.js';
import type { YearOptions } from './year-options.js';
import { runYear } from './year.js';

export interface CentreJob {
  dir: string;
  options: YearOptions & { pointValue?: string; noticeDate?: string; noticeDays?: string };
}

export type CentreOutcome =
  | { centre: string; ok: true; workbook: Buffer; files: string[]; missing: string[]; people: number; highest: number | null; lowest: number | null; flagged: number }
  | { centre: string; ok: false; problems: string[] };

/** One centre of a batch: its year run and workbook, or its problems (worded, for the summary). */
export async function runCentre(job: CentreJob): Promise<CentreOutcome> {
  const centre = basename(job.dir);
  try {
    const run = await runYear([job.dir], job.options);
    const name = inputNamer([dirname(job.dir)]);
    const workbook = await yearWorkbookOf(run, yearPointValue(job.options.pointValue, run).value, job.options, name);
    const totals = run.result.rows.flatMap((r) => (r.total === null ? [] : [r.total / 100]));
    return {
      centre,
      ok: true,
      workbook,
      files: run.files,
      missing: run.result.missing,
      people: run.result.rows.length,
      highest: totals.length ? Math.max(...totals) : null,
      lowest: totals.length ? Math.min(...totals) : null,
      flagged: run.result.rows.filter((r) => r.flags.length > 0).length,
    };
  } catch (error) {
    if (error instanceof InputError) return { centre, ok: false, problems: problemLines(withInputNames(error.problems.filter((p) => p.severity === 'error'), inputNamer([dirname(job.dir)]))) };
    if (error instanceof SchemeError) return { centre, ok: false, problems: error.issues.map((i) => `${error.file} ${formatSchemeIssue(i)}`) };
    if (error instanceof UsageError) return { centre, ok: false, problems: [formatUsageError(error)] };
    if (error instanceof Error && error.name === 'SchemeError') return { centre, ok: false, problems: [error.message] };
    throw error;
  }
}
