/**
 * Every input problem is a coded finding with a source location; the words are chosen in one
 * place (src/messages.ts). Tests assert codes and locations, not prose.
 */
export interface SourceLocation {
  file: string;
  sheet?: string;
  /** 1-based row number as Excel shows it. */
  row?: number;
  /** Column header as found in the sheet (e.g. 分值), and its letter when known. */
  column?: string;
  columnLetter?: string;
}

export type Severity = 'error' | 'warning';

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  at: SourceLocation;
  args: Record<string, string | number>;
}

export type ProblemCode =
  // reading files
  | 'file_missing'
  | 'file_unreadable'
  | 'file_not_xlsx'
  | 'sheet_missing'
  | 'sheet_empty'
  | 'header_missing'
  | 'column_missing'
  | 'column_unknown'
  | 'formula_without_result'
  // cell values
  | 'value_required'
  | 'date_invalid'
  | 'number_invalid'
  | 'count_invalid'
  | 'date_outside_period'
  // people and units
  | 'person_unknown'
  | 'person_ambiguous'
  | 'person_inactive'
  | 'person_id_duplicate'
  | 'person_name_mismatch'
  | 'unit_unknown'
  | 'unit_record_in_person_scheme'
  | 'subject_missing'
  // items
  | 'item_unknown'
  | 'item_not_recordable'
  | 'points_required'
  | 'points_out_of_range'
  | 'points_mismatch'
  | 'points_must_be_positive'
  // peer review
  | 'peer_score_out_of_range'
  | 'peer_self_rating'
  | 'peer_unknown_subject'
  | 'peer_missing'
  | 'peer_duplicate'
  // settings
  | 'setting_unknown';

export function problem(
  code: ProblemCode,
  at: SourceLocation,
  args: Record<string, string | number> = {},
  severity: Severity = 'error',
): Problem {
  return { code, severity, at, args };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Input problems: the command prints them all and exits 1, writing nothing. */
export class InputError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`${problems.length} input problem(s)`);
    this.name = 'InputError';
  }
}

/** Wrong use of the command line (unknown scheme, missing --period): exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A scheme file that does not pass validation: each line is "path: message". */
export class SchemeError extends Error {
  override name = 'SchemeError';
  constructor(
    readonly file: string,
    readonly issues: readonly string[],
  ) {
    super(`${file}: ${issues.length} problem(s)`);
  }
}

/** An output that cannot be written (exists without --force, folder not writable, file locked). */
export class OutputError extends Error {
  override name = 'OutputError';
}
