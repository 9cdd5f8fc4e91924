import type { IsoDate } from '../core/dates.js';
import type { Evidence } from '../core/evidence.js';
import type { SourceLocation } from '../core/problems.js';
import type { ExportVerdict } from '../import/model.js';
import type { VerdictKind } from '../import/profile.js';
import type { AttendanceEventKind, PersonAttendance } from './attendance.js';

/**
 * kaohe's verdicts beside the platform's own (F2 result columns, F6 status cells, F5 counts), so
 * the clerk sees whether the scheme's hours give what DingTalk, WeCom or the clock software gave.
 * Per day: for each kind, the person-days either side flagged, and on how many both did. Per
 * person (summaries): whose counts are equal. Each difference keeps both sides' words.
 */
/** An export's verdict (ExportVerdict) of a person of the roster, by their 工号. */
export type PlatformVerdict = Omit<ExportVerdict, 'person'> & { personId: string };

export interface Difference {
  personId: string;
  name: string;
  date: IsoDate | null;
  kind: VerdictKind;
  /** The platform's words ("迟到5分钟"), or its count; empty when it said nothing. */
  platform: string;
  /** kaohe's evidence of the day (none when it found nothing), or its count over the range. */
  kaohe: readonly Evidence[] | number;
  /** What kaohe saw that day (its punches), when it found nothing. */
  seen: string;
  where: SourceLocation | null;
}

export interface Agreement {
  kind: VerdictKind;
  /** 'day': person-days compared; 'person': counts per person compared. */
  unit: 'day' | 'person';
  agree: number;
  total: number;
  differences: Difference[];
}

const KINDS: VerdictKind[] = ['late', 'early', 'absent', 'missing'];
const EVENT_KIND: Partial<Record<AttendanceEventKind, VerdictKind>> = { late: 'late', early: 'early', absent_half_day: 'absent', missing_punch: 'missing' };

export function compareVerdicts(
  people: readonly PersonAttendance[],
  verdicts: readonly PlatformVerdict[],
  spoken: ReadonlyMap<string, ReadonlyMap<IsoDate | null, ReadonlySet<VerdictKind>>>,
  seenOn: (personId: string, date: IsoDate) => string,
): Agreement[] {
  const byId = new Map(people.map((p) => [p.personId, p]));
  // Only where the platform's rows could have said a kind is its silence a verdict.
  const says = (personId: string, date: IsoDate | null, kind: VerdictKind) => spoken.get(personId)?.get(date)?.has(kind) ?? false;
  const agreements = KINDS.flatMap((kind) => [
    compareDays(kind, byId, verdicts.filter((v) => v.date !== null && says(v.personId, v.date, kind)), says, seenOn),
    compareCounts(kind, byId, verdicts.filter((v) => v.date === null), says),
  ]);
  return agreements.filter((a) => a.total > 0);
}

type Says = (personId: string, date: IsoDate | null, kind: VerdictKind) => boolean;

function compareDays(kind: VerdictKind, people: ReadonlyMap<string, PersonAttendance>, verdicts: readonly PlatformVerdict[], says: Says, seenOn: (personId: string, date: IsoDate) => string): Agreement {
  const platform = new Map<string, PlatformVerdict>();
  for (const v of verdicts) if (v.kind === kind && !platform.has(`${v.personId}\u0000${v.date}`)) platform.set(`${v.personId}\u0000${v.date}`, v);
  const ours = new Map<string, Evidence[]>();
  for (const p of people.values()) {
    for (const e of p.events) {
      if (EVENT_KIND[e.kind] !== kind || !says(p.personId, e.date, kind)) continue;
      const key = `${p.personId}\u0000${e.date}`;
      ours.set(key, [...(ours.get(key) ?? []), e.evidence]);
    }
  }
  const keys = [...new Set([...platform.keys(), ...ours.keys()])].filter((k) => people.has(k.split('\u0000')[0]!)).sort();
  const differences: Difference[] = [];
  for (const key of keys) {
    const [personId, date] = key.split('\u0000') as [string, IsoDate];
    const theirs = platform.get(key);
    const mine = ours.get(key);
    if (theirs && mine) continue;
    differences.push({ personId, name: people.get(personId)!.name, date, kind, platform: theirs?.text ?? '', kaohe: mine ?? [], seen: mine ? '' : seenOn(personId, date), where: theirs?.where ?? null });
  }
  return { kind, unit: 'day', agree: keys.length - differences.length, total: keys.length, differences };
}

function compareCounts(kind: VerdictKind, people: ReadonlyMap<string, PersonAttendance>, verdicts: readonly PlatformVerdict[], says: Says): Agreement {
  const theirs = new Map<string, { count: number; where: SourceLocation }>();
  for (const v of verdicts) {
    if (v.kind !== kind) continue;
    const known = theirs.get(v.personId);
    theirs.set(v.personId, { count: (known?.count ?? 0) + v.count, where: known?.where ?? v.where });
  }
  const ids = [...people.keys()].filter((id) => says(id, null, kind)).sort();
  const differences: Difference[] = [];
  for (const id of ids) {
    const p = people.get(id)!;
    const mine = kind === 'late' ? p.late : kind === 'early' ? p.early : kind === 'absent' ? p.absentHalfDays / 2 : p.missingPunches;
    const platform = theirs.get(id)?.count ?? 0;
    if (mine === platform) continue;
    differences.push({ personId: id, name: p.name, date: null, kind, platform: String(platform), kaohe: mine, seen: '', where: theirs.get(id)?.where ?? null });
  }
  return { kind, unit: 'person', agree: ids.length - differences.length, total: ids.length, differences };
}
