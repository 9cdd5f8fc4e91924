import type { HoursFlags } from '../validate/hours.js';

/** The options of a year run, shared by the year, its months, a centre's batch and the CLI. */
export interface YearOptions extends HoursFlags {
  scheme: string;
  annual?: string;
  calendar?: string;
  allowMissingPeer?: boolean;
  /** --top N: how many win the year's awards (先进科室), instead of the scheme's default. */
  top?: number;
  /** Sum up a year with periods missing; every output then names them. */
  partial?: boolean;
}
