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
  | 'roster_sheet_missing'
  | 'sheet_empty'
  | 'header_missing'
  | 'column_missing'
  | 'column_unknown'
  | 'columns_unknown'
  | 'column_duplicate'
  | 'column_ambiguous'
  | 'column_merged_values'
  | 'column_merged_unread'
  | 'column_no_header'
  | 'column_resembles'
  | 'formula_without_result'
  | 'cell_error'
  | 'cell_unreadable'
  | 'cell_not_utf8'
  | 'cell_shown_differs'
  | 'cell_out_of_bounds'
  | 'sheet_hidden_used'
  | 'sheet_role_twice'
  | 'sheet_not_table'
  | 'folder_no_tables'
  | 'workbook_other_scheme'
  | 'sheet_copy_ignored'
  | 'sheet_copy_has_rows'
  | 'sheet_unread_has_rows'
  | 'sheet_unread_like_role'
  | 'flag_workbook_sheets_unread'
  | 'sheet_unread_role_empty'
  | 'rows_hidden_read'
  | 'columns_hidden_read'
  | 'date_format_without_day'
  | 'csv_invalid'
  | 'csv_is_workbook'
  | 'csv_needs_flag'
  | 'zip_too_large'
  // cell values
  | 'value_required'
  | 'date_invalid'
  | 'month_invalid'
  | 'number_invalid'
  | 'number_negative'
  | 'number_decimals'
  | 'count_invalid'
  | 'date_outside_period'
  | 'records_all_outside_period'
  // people and units
  | 'person_unknown'
  | 'person_ambiguous'
  | 'person_inactive'
  | 'person_id_duplicate'
  | 'person_dates_reversed'
  | 'person_clock_duplicate'
  | 'person_name_mismatch'
  | 'person_name_differs'
  | 'person_unit_mismatch'
  | 'person_category_unknown'
  | 'record_outside_person_dates'
  | 'matter_across_items'
  | 'unit_unknown'
  | 'unit_record_in_person_scheme'
  | 'subject_missing'
  // items
  | 'item_unknown'
  | 'item_code_name_differs'
  | 'item_not_recordable'
  | 'points_required'
  | 'points_out_of_range'
  | 'points_mismatch'
  | 'points_must_be_positive'
  | 'points_sign_contradicts'
  | 'item_from_metrics'
  // committee marks and metrics
  | 'mark_item_unknown'
  | 'mark_out_of_range'
  | 'mark_duplicate'
  | 'mark_missing'
  | 'metric_unknown'
  | 'metric_duplicate'
  | 'metric_missing'
  | 'percent_invalid'
  | 'percent_decimals'
  | 'monthly_duplicate'
  | 'monthly_base_out_of_range'
  | 'monthly_outside_person_dates'
  // peer review
  | 'peer_score_out_of_range'
  | 'peer_self_rating'
  | 'peer_unknown_subject'
  | 'peer_missing'
  | 'peer_duplicate'
  // settings
  | 'setting_unknown'
  | 'setting_invalid'
  | 'setting_phone_number'
  | 'setting_hours_differ'
  | 'setting_minutes_time'
  | 'setting_covered_outside_period'
  | 'setting_duplicate'
  // attendance
  | 'calendar_year_unknown'
  | 'time_invalid'
  | 'punch_date_off_row'
  | 'punch_date_time_differs'
  | 'punch_role_invalid'
  | 'punch_role_several_times'
  | 'punches_outside_period'
  | 'punches_all_outside_period'
  | 'export_period_not_named'
  | 'punches_outside_person_dates'
  | 'punch_person_unknown'
  | 'punch_id_leading_zeros'
  | 'punch_small_hours'
  | 'punch_id_other_name'
  | 'leave_type_unknown'
  | 'leave_part_unknown'
  | 'leave_dates_reversed'
  | 'attendance_also_typed'
  | 'attendance_typed_same_day'
  | 'full_attendance_also_typed'
  | 'full_attendance_typed_not_derived'
  | 'full_attendance_typed_with_deduction'
  | 'attendance_not_given'
  | 'leave_rule_not_typed'
  | 'leave_rule_typed_over'
  | 'absence_on_rest_day'
  | 'punch_shape_unknown'
  | 'leave_length_invalid'
  | 'leave_time_date_mismatch'
  | 'leave_date_time_differs'
  | 'leave_length_differs'
  | 'leave_outside_person_dates'
  | 'rows_outside_period'
  | 'leave_past_period'
  | 'leave_overlap'
  | 'leave_repeated'
  | 'leave_correction_overlap'
  | 'leave_type_not_given'
  | 'shift_invalid'
  | 'shift_conflict'
  | 'shift_row_for_everyone'
  | 'attendance_no_data'
  | 'attendance_never_punched'
  // 临时替岗 (issue 15)
  | 'cover_self'
  // year runs
  | 'year_file_period'
  | 'year_own_output_skipped'
  | 'year_file_period_kind'
  | 'year_period_duplicate'
  | 'year_id_reused'
  | 'year_leave_scored_absent'
  | 'year_leave_not_held'
  | 'year_leave_type_differs'
  | 'year_absence_run_unchecked'
  | 'year_annual_person_without_months'
  | 'year_annual_person_months_not_given'
  | 'year_month_person_not_annual'
  | 'year_annual_name_differs'
  | 'year_annual_date_differs'
  | 'year_person_renumbered'
  | 'year_unit_renamed'
  // inputs that are not files, CSV quoting, values out of range (issue 12)
  | 'file_not_regular'
  | 'csv_quote_unclosed'
  | 'csv_quote_spans_rows'
  | 'csv_cell_undecodable'
  | 'csv_cell_nul'
  | 'text_utf16_unmarked'
  // text inputs of any size, read as they stream (fix15e)
  | 'csv_cell_too_long'
  | 'csv_line_too_long'
  | 'count_out_of_range'
  | 'date_implausible'
  | 'points_over_item'
  // outputs (warnings about what an output will lack)
  | 'notice_settings_missing'
  | 'notice_namesakes'
  | 'notice_name_remarks'
  | 'notice_date_before_period_end'
  | 'notice_date_long_after'
  | 'punch_row_without_punch'
  | 'year_point_value_differs'
  | 'year_point_value_partly'
  | 'year_centre_name_differs'
  | 'settings_range_beyond_export'
  // attendance exports (kaohe import, and exports in any input slot)
  | 'export_unrecognised'
  | 'export_too_large'
  | 'attlog_artefacts'
  | 'attlog_line_corrupt'
  | 'attlog_line_unreadable'
  | 'export_date_missing'
  | 'export_date_invalid'
  | 'export_date_weekday_only'
  | 'export_punch_off_day'
  | 'export_time_invalid'
  | 'export_scheduled_unread'
  | 'time_plain_number'
  | 'export_weekday_mismatch'
  | 'export_count_invalid'
  | 'export_leave_invalid'
  | 'export_leave_dates_invalid'
  | 'export_session_twice'
  | 'export_leave_reversed'
  | 'export_correction_unplaced'
  | 'export_days_unknown'
  | 'export_range_without_year'
  | 'export_days_mismatch'
  | 'export_day_header_unreadable'
  | 'grid_title_month_differs'
  | 'grid_weekday_differs'
  | 'grid_holiday_differs'
  | 'grid_days_outside'
  | 'export_person_unknown'
  | 'export_person_ambiguous'
  | 'export_namesakes_folded'
  | 'export_people_joined'
  | 'export_person_mismatch'
  | 'export_id_zeros_ambiguous'
  | 'export_id_shared'
  | 'export_id_two_names'
  | 'export_name_clash'
  | 'export_roster_needed'
  | 'export_unit_missing'
  | 'export_rows_outside_period'
  | 'export_people_outside_period'
  | 'export_outside_period'
  | 'export_range_without_punches'
  | 'export_ranges_differ'
  | 'punches_given_twice'
  | 'sheet_given_twice'
  | 'import_typed_sheet'
  | 'import_month_workbook'
  | 'sheet_not_given'
  | 'export_days_without_punches'
  | 'punches_days_nobody_punched'
  | 'export_schedule_grid'
  | 'export_anomaly_rows'
  | 'export_no_punches'
  | 'export_status_unknown'
  | 'export_two_punch_schedule'
  | 'export_sheet_copied'
  | 'export_punches_partly_same';

/**
 * What `export_unrecognised` saw in each sheet: the row most like a header and its words (row
 * null: the sheet is empty). Its `seen` argument is a JSON list of these.
 */
export interface SeenSheet {
  sheet: string;
  row: number | null;
  words: string[];
}

/** One of the people an export names alike (`export_namesakes_folded`'s `places`, a JSON list): their number, unit and first row. */
export interface NamesakePlace {
  number: string;
  unit: string;
  file: string;
  sheet: string;
  row: number;
}

/** A person whose sheets speak for part of the exports' joined range (`export_ranges_differ`'s `people`, a JSON list): each sheet and its range. */
export interface PartCoveredPerson {
  name: string;
  ranges: { file: string; sheet: string; first: string; last: string }[];
}

export function problem(
  code: ProblemCode,
  at: SourceLocation,
  args: Record<string, string | number> = {},
  severity: Severity = 'error',
): Problem {
  return { code, severity, at, args };
}

/**
 * An earlier row a problem names beside its own (the first row of an id, the other request on a
 * half day), as args firstFile, firstSheet, firstRow: messages.ts words it from the problem's own
 * place, and import/merge.ts relocate moves it to an export's cell.
 */
export function firstPlaceArgs(at: SourceLocation): { firstFile: string; firstSheet: string; firstRow: number } {
  return { firstFile: at.file, firstSheet: at.sheet ?? '', firstRow: at.row ?? 0 };
}

/**
 * Orders problems as a clerk reads the workbook: file-level first, then sheet by sheet (in the
 * order sheets were first mentioned), row by row, column by column.
 */
function sortProblems(problems: readonly Problem[]): Problem[] {
  const sheetOrder = new Map<string, number>();
  for (const p of problems) {
    const key = `${p.at.file}\u0000${p.at.sheet ?? ''}`;
    if (!sheetOrder.has(key)) sheetOrder.set(key, p.at.sheet === undefined ? -1 : sheetOrder.size);
  }
  // Letters padded to one width compare as column numbers do (Z before AA), by code unit: never by
  // the locale's collation, where Danish sorts AA after Z and Czech CH after H.
  const column = (p: Problem) => (p.at.columnLetter ?? '').padStart(3, ' ');
  const byCodeUnit = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        (sheetOrder.get(`${a.p.at.file}\u0000${a.p.at.sheet ?? ''}`) ?? 0) - (sheetOrder.get(`${b.p.at.file}\u0000${b.p.at.sheet ?? ''}`) ?? 0) ||
        (a.p.at.row ?? 0) - (b.p.at.row ?? 0) ||
        byCodeUnit(column(a.p), column(b.p)) ||
        a.i - b.i,
    )
    .map(({ p }) => p);
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Input problems: the command prints them all and exits 1, writing nothing. */
export class InputError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(`${problems.length} input problem(s)`);
    this.problems = sortProblems(problems);
    this.name = 'InputError';
  }
}

/** Wrong use of the command line, by code; src/messages/usage.ts words each. */
export type UsageCode =
  // flags
  | 'option_required'
  | 'option_repeated'
  | 'hours_flags_both'
  | 'period_invalid'
  | 'period_unknown'
  | 'period_kind_mismatch'
  | 'attendance_period_not_month'
  | 'attendance_period_missing'
  | 'from_to_invalid'
  | 'to_before_from'
  | 'point_value_invalid'
  | 'notice_date_invalid'
  | 'notice_days_invalid'
  | 'top_invalid'
  | 'jobs_invalid'
  | 'jobs_without_each'
  // files named on the command line
  | 'input_missing'
  | 'path_missing'
  | 'path_unreadable'
  | 'link_dangling'
  | 'calendar_unreadable'
  | 'calendar_invalid'
  | 'scheme_file_missing'
  | 'scheme_check_file_missing'
  | 'scheme_unknown'
  | 'profile_file_missing'
  | 'profile_unknown'
  // -o of every command
  | 'output_empty'
  // kaohe import
  | 'import_no_exports'
  | 'import_output_missing'
  | 'import_period_invalid'
  | 'import_no_dates'
  // kaohe year and year --each
  | 'year_scheme_is_annual'
  | 'year_no_workbooks'
  | 'year_many_years'
  | 'year_annual_missing'
  | 'year_periods_missing'
  | 'batch_output_missing'
  | 'batch_folder_missing'
  | 'batch_no_centres'
  | 'batch_centre_duplicate'
  // kaohe notice and explain
  | 'notice_output_missing'
  | 'explain_who_missing'
  | 'explain_year_folder_missing'
  | 'explain_ambiguous'
  | 'explain_roster_ambiguous'
  | 'explain_inactive'
  | 'explain_not_found'
  | 'explain_unit_of_persons'
  | 'explain_year_not_found';

/** What a usage message names: flag values, paths, names. */
export type UsageArgs = Readonly<Record<string, string | number>>;

/** Wrong use of the command line (unknown scheme, missing --period): exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    readonly code: UsageCode,
    readonly args: UsageArgs = {},
  ) {
    super(code);
  }
}

// ── Scheme files (issues 12, 15, 16): problems and warnings about a scheme YAML ──────────────

/** Where in a scheme file: the file, the line when known, and the path of keys (items.3.points). */
export interface SchemeLocation {
  file: string;
  line?: number;
  path: (string | number)[];
}

export type SchemeIssueCode =
  // reading the file
  | 'scheme_yaml'
  | 'scheme_too_large'
  | 'scheme_too_deep'
  | 'scheme_too_many_aliases'
  | 'scheme_text_character'
  // shape (zod)
  | 'scheme_key_unknown'
  | 'scheme_value_required'
  | 'scheme_value_type'
  | 'scheme_value_option'
  | 'scheme_value_invalid'
  | 'scheme_points_decimals'
  | 'scheme_points_positive'
  | 'scheme_code_format'
  | 'scheme_id_format'
  // cross-field checks
  | 'scheme_code_duplicate'
  | 'scheme_reason_missing'
  | 'scheme_rule_code_prefix'
  | 'scheme_range_reversed'
  | 'scheme_rule_name_duplicate'
  | 'scheme_item_code_nested'
  | 'scheme_rules_or_parts'
  | 'scheme_parts_need_points'
  | 'scheme_parts_sum'
  | 'scheme_peer_twice'
  | 'scheme_items_sum'
  | 'scheme_items_exceed'
  | 'scheme_maximum_below_base'
  | 'scheme_bonus_cap_missing'
  | 'scheme_item_cap_exceeds'
  | 'scheme_veto_rule_kind'
  | 'scheme_escalation_rule'
  | 'scheme_escalation_twice'
  | 'scheme_flag_rule_unknown'
  | 'scheme_unit_flag_in_unit_scheme'
  | 'scheme_months_flag_without_monthly'
  | 'scheme_thresholds_order'
  | 'scheme_labels_default'
  | 'scheme_labels_count'
  | 'scheme_quota_level'
  | 'scheme_consequence_level'
  | 'scheme_attendance_rule'
  | 'scheme_full_attendance_rule'
  | 'scheme_full_attendance_points'
  | 'scheme_year_total_none'
  | 'scheme_leave_type_missing'
  | 'scheme_once_kind'
  | 'scheme_span_kind'
  | 'scheme_halves_month_only'
  | 'scheme_referenced_missing'
  | 'scheme_shift_invalid'
  | 'scheme_shift_session'
  | 'scheme_shift_order'
  | 'scheme_flexible_one_session'
  | 'scheme_season_from'
  | 'scheme_season_rest'
  | 'scheme_seasons_same_start'
  | 'scheme_leave_word_duplicate'
  | 'scheme_leave_word_correction'
  | 'scheme_leave_type_unknown'
  // warnings of `kaohe scheme check`
  | 'scheme_source_missing'
  | 'scheme_id_builtin'
  | 'scheme_quote_missing'
  | 'scheme_number_not_in_quote';

/** A problem with a YAML file of kaohe's (a scheme, an export profile), at its line and path. */
export interface FileIssue<Code extends string> {
  code: Code;
  args: Record<string, string | number>;
  where: SchemeLocation;
}

/** A YAML file that does not pass validation: every issue, coded, worded in src/messages.ts. */
abstract class FileIssuesError<Code extends string> extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly FileIssue<Code>[],
  ) {
    super(`${file}: ${issues.length} problem(s)`);
  }
}

export type SchemeIssue = FileIssue<SchemeIssueCode>;

export class SchemeError extends FileIssuesError<SchemeIssueCode> {
  override name = 'SchemeError';
}

// ── Export profiles (templates/profiles, --profile): problems with a profile YAML ─────────────

export type ProfileIssueCode =
  | 'profile_yaml'
  | 'profile_key_unknown'
  | 'profile_text_character'
  | 'profile_value_required'
  | 'profile_value_type'
  | 'profile_value_option'
  | 'profile_value_invalid'
  | 'profile_id_format'
  | 'profile_column_undeclared'
  | 'profile_who_missing'
  | 'profile_shape_needs'
  | 'profile_too_large'
  | 'profile_too_many_aliases';

export type ProfileIssue = FileIssue<ProfileIssueCode>;

export class ProfileError extends FileIssuesError<ProfileIssueCode> {
  override name = 'ProfileError';
}

/** Why an output was not written; worded in src/messages.ts (formatOutputError). */
type OutputCode =
  | 'output_format'
  | 'output_exists'
  | 'output_is_input'
  | 'output_not_regular'
  | 'output_busy'
  | 'output_taken'
  | 'output_folder'
  | 'output_not_folder'
  | 'output_failed';

/**
 * An output that cannot be written (exists without --force, is an input, another run is
 * writing it, the folder is not writable, the disk is full). Nothing was written: exit 2.
 */
export class OutputError extends Error {
  override name = 'OutputError';
  constructor(
    readonly code: OutputCode,
    readonly args: Readonly<Record<string, string>>,
  ) {
    super(`${code} ${JSON.stringify(args)}`);
  }
}
