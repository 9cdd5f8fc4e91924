import { parsePoints, type Hundredths } from '../src/core/decimal.js';
import type { IsoDate } from '../src/core/dates.js';
import { monthPeriod } from '../src/core/period.js';
import { builtinScheme } from './builtin-scheme.js';
import type { Scheme } from '../src/scheme/model.js';
import { scorePeriod, subjectTrace } from '../src/score/engine.js';
import type { EntryRecord, PeerRating, Person, PeriodInput } from '../src/core/input.js';
import type { FlagResult, ScoreResult, TraceLine } from '../src/score/result.js';

/** Small in-memory inputs for engine tests: October 2026, one sheet row per record. */
const october = monthPeriod(2026, 10);

export function pts(n: number): Hundredths {
  const p = parsePoints(n);
  if (p === null) throw new Error(`bad points ${n}`);
  return p;
}

export function person(id: string, name: string, unit: string): Person {
  return { id, name, unit, category: '其他', start: null, end: null, clockId: '', at: { file: 't.xlsx', sheet: '人员' } };
}

let row = 1;
export function record(ruleCode: string, who: { personId?: string; unit: string }, extra: Partial<EntryRecord> = {}): EntryRecord {
  row += 1;
  return {
    date: '2026-10-05' as IsoDate,
    personId: who.personId ?? null,
    unit: who.unit,
    ruleCode,
    count: 1,
    points: null,
    matter: null,
    note: '',
    recorder: '',
    at: { file: 't.xlsx', sheet: '记录', row },
    ...extra,
  };
}

export function rating(rater: string, ratee: string, score: number): PeerRating {
  return { rater, ratee, score: pts(score), at: { file: 't.xlsx', sheet: '互评' } };
}

/** Every unit rates every other unit 100, so the peer item is full unless a test says otherwise. */
export function fullPeer(units: string[]): PeerRating[] {
  return units.flatMap((rater) => units.filter((u) => u !== rater).map((ratee) => rating(rater, ratee, 100)));
}

type Inputs = Pick<PeriodInput, 'roster' | 'records'> & Partial<Omit<PeriodInput, 'period' | 'roster' | 'records'>>;

export function run(schemeId: string, input: Inputs, allowMissingPeer = false, period = october) {
  const scheme: Scheme = builtinScheme(schemeId);
  return scorePeriod(scheme, { period, peer: [], metrics: [], marks: [], monthly: [], unitTotals: new Map(), ...input }, { allowMissingPeer });
}

/** A subject's flags as tests compare them: the scheme's flag name, or kaohe's own flag code. */
export function flagKeys(flags: readonly FlagResult[]): string[] {
  return flags.map((f) => (f.code === 'scheme' ? f.name : f.code));
}

/** The trace lines of the subject `key` (工号 or unit), as the audit and `kaohe explain` read them. */
export function traceOf(result: ScoreResult, key: string): TraceLine[] {
  const subject = result.subjects.find((s) => s.key === key);
  if (!subject) throw new Error(`no subject ${key}`);
  return subjectTrace(result.scheme, subject);
}
