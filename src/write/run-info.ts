import type { IsoDate } from '../core/dates.js';

/** What a run was made of, for the 说明 sheet, the notice's dates and reprints. */
export interface RunInfo {
  kaoheVersion: string;
  /** origin: a built-in id, or a user's scheme file by name (never a path). */
  scheme: { id: string; origin: string; sha256: string };
  /** Input files by name (never an absolute path) and content hash. */
  inputs: { file: string; sha256: string }[];
  /** Settings from the 设置 sheet, after CLI overrides. */
  settings: ReadonlyMap<string, string>;
  noticeDate: IsoDate;
  noticeDays: number;
  /** The 公示期 by the official calendar (and --calendar years); weekdaysOnly when a year is not covered. */
  noticePeriod: { first: IsoDate; last: IsoDate; weekdaysOnly: boolean };
  options: Record<string, string>;
  /** [where, marks] of every assumption, reconstruction or borrowing the run relied on. */
  assumptions: [string, string][];
}
