import type { IsoDate } from '../core/dates.js';

/** What a run was made of, for the 说明 sheet, the notice's dates and reprints. */
export interface RunInfo {
  kaoheVersion: string;
  scheme: { id: string; origin: string; sha256: string };
  inputs: { file: string; sha256: string }[];
  /** Settings from the 设置 sheet, after CLI overrides. */
  settings: ReadonlyMap<string, string>;
  noticeDate: IsoDate;
  noticeDays: number;
  options: Record<string, string>;
  /** [where, marks] of every assumption, reconstruction or borrowing the run relied on. */
  assumptions: [string, string][];
}
