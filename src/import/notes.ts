/**
 * What an import says on screen besides problems: the layout it recognised, the range the export
 * speaks for, the punches it dropped or took as corrections. Coded like problems, worded in
 * src/messages.ts.
 */
export type ImportNoteCode =
  | 'recognised'
  | 'range_title'
  | 'range_punches'
  | 'no_data_days'
  | 'invalid_dropped'
  | 'corrections'
  | 'shifts_without_times'
  | 'repeated_rows'
  | 'same_punches'
  | 'file_given_twice'
  | 'clock_as_id'
  | 'people_built';

export interface ImportNote {
  code: ImportNoteCode;
  args: Record<string, string | number>;
}
