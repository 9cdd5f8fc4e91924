import { basename } from 'node:path';
import { clock, sameClocking } from '../calendar/hours.js';
import type { IsoDate } from '../core/dates.js';
import { problem, type Problem } from '../core/problems.js';
import { punchLocation, type ImportData } from './model.js';
import type { ImportNote } from './notes.js';
import type { Resolved, RosterEntry } from './people.js';
import type { RosteredPunch } from './tables.js';

/**
 * One clocking written by two exports (a DingTalk 原始记录's 07:56:09 and its 打卡时间 grid's 07:56,
 * or a copy of one export) is one punch: the same person and day, the same time as a typed 考勤
 * sheet compares a 日期 with time to its 时间 (sameClocking: to the minute where one shows no
 * seconds), the one with seconds kept; two files both showing seconds agree to the second.
 * Decided here, once the people of every file are matched to the roster (a grid naming 张三 and a
 * log naming 工号 0012 are one person only then) and before the punches become the 考勤 rows, so
 * `kaohe import -o` and a direct run hold the same punches. The punches of one file are never
 * matched to each other: a clock may record a tap twice.
 */
interface OneClockingEach {
  punches: readonly RosteredPunch[];
  notes: ImportNote[];
  problems: Problem[];
}

/** A punch kept for a person-day, with the files that hold it. */
interface Kept {
  punch: RosteredPunch;
  /** The file whose punch was met first: the pair it is counted for. */
  file: string;
  files: Set<string>;
}

/** Two files whose punches overlap: how many were the same, and the punches each holds alone on days both cover. */
interface Pair {
  first: string;
  second: string;
  same: number;
  /** Punches of `first` without their counterpart in `second` on a day `second` covers for that person, and the other way round. */
  loneInFirst: number;
  loneInSecond: number;
  firstLone: RosteredPunch | null;
}

/**
 * Two files are one batch of punches written twice when, on the person-days both cover, nearly
 * every punch of EACH has its counterpart in the other: at most one in ten without (an edit, a
 * 补卡 one platform shows). Anything less may be two clocks — at two doors, or a second clock
 * only some people use — whose same-minute taps are two taps (08:00 at the door and 08:00:45 on
 * the floor: on time), so their punches are all kept. A summary holding only each day's first and
 * last punch is then kept beside the full log too: at worst a lateness is a minute shorter (08:07
 * against 08:07:20), never one made up.
 */
const isOneBatch = (pair: Pair) => Math.max(pair.loneInFirst, pair.loneInSecond) * 9 <= pair.same;

/**
 * `sorted`: the punches by person, day and time. A single export (the common path, ~170,000
 * punches) is handed back as it is, nothing walked.
 */
export function oneClockingEach(sorted: readonly RosteredPunch[], data: ImportData, people: Resolved): OneClockingEach {
  const files = [...new Set(data.recognised.filter((r) => r.use === 'punches').map((r) => r.file))];
  if (files.length < 2) return { punches: sorted, notes: [], problems: [] };
  const order = new Map(files.map((f, i) => [f, i]));
  const inOrder = (a: string, b: string): [string, string] => (order.get(a)! < order.get(b)! ? [a, b] : [b, a]);
  const keyOf = (a: string, b: string) => inOrder(a, b).join('\u0000');
  const covers = coverage(data, people);

  // A file showing seconds somewhere shows them everywhere: its 08:00:00 is on the second, and
  // another such file's 08:00:30 is another clocking (two clocks), not the same one to the minute.
  const withSeconds = new Set<string>();
  for (const p of sorted) if (p.punch.at % 60 !== 0) withSeconds.add(p.punch.sheet.file);
  const same = (a: RosteredPunch, b: RosteredPunch) => (withSeconds.has(a.punch.sheet.file) && withSeconds.has(b.punch.sheet.file) ? a.punch.at === b.punch.at : sameClocking(a.punch.at, b.punch.at));
  /** Of one clocking's two punches, the one of a file showing seconds (the first when both or neither do), with the other's side when it states none. */
  const moreExact = (kept: RosteredPunch, other: RosteredPunch): RosteredPunch => {
    const exact = !withSeconds.has(kept.punch.sheet.file) && withSeconds.has(other.punch.sheet.file) ? other : kept;
    const rest = exact === kept ? other : kept;
    return exact.punch.role === null && rest.punch.role !== null ? { person: exact.person, punch: { ...exact.punch, role: rest.punch.role } } : exact;
  };

  /** The punches with the clockings of the pairs `joins` allows taken once, and every pair that shares one. */
  const merged = (joins: (a: string, b: string) => boolean) => {
    const pairs = new Map<string, Pair>();
    const pairOf = (a: string, b: string): Pair => {
      const key = keyOf(a, b);
      let pair = pairs.get(key);
      if (!pair) {
        const [first, second] = inOrder(a, b);
        pairs.set(key, (pair = { first, second, same: 0, loneInFirst: 0, loneInSecond: 0, firstLone: null }));
      }
      return pair;
    };
    const punches: RosteredPunch[] = [];
    const singles: Kept[] = [];
    let day: Kept[] = [];
    let moved = false;
    const flush = () => {
      // A punch replaced by a more precise one may now stand after a later one of its own file.
      if (moved) day.sort((a, b) => a.punch.punch.at - b.punch.punch.at);
      for (const k of day) {
        punches.push(k.punch);
        if (k.files.size < files.length) singles.push(k);
      }
      day = [];
      moved = false;
    };
    for (const p of sorted) {
      const head = day[0]?.punch;
      if (head && (head.person !== p.person || head.punch.date !== p.punch.date)) flush();
      const file = p.punch.sheet.file;
      const match = day.find((k) => !k.files.has(file) && joins(k.file, file) && same(k.punch, p));
      if (!match) {
        day.push({ punch: p, file, files: new Set([file]) });
        continue;
      }
      match.files.add(file);
      pairOf(match.file, file).same += 1;
      const kept = moreExact(match.punch, p);
      if (kept !== match.punch) {
        match.punch = kept;
        moved = true;
      }
    }
    flush();
    // A punch one file of a pair holds on a day the other covers for that person, without its counterpart there.
    for (const k of singles) {
      for (const other of files) {
        if (k.files.has(other) || !covers(other, k.punch.person, k.punch.punch.date)) continue;
        const pair = pairs.get(keyOf(k.file, other));
        if (!pair) continue;
        if (pair.first === k.file) pair.loneInFirst += 1;
        else pair.loneInSecond += 1;
        pair.firstLone ??= k.punch;
      }
    }
    return { punches, pairs };
  };

  let outcome = merged(() => true);
  const batches = new Set([...outcome.pairs].filter(([, pair]) => isOneBatch(pair)).map(([key]) => key));
  if (batches.size === 0) return { punches: sorted, notes: [], problems: [] };
  // Files that only share a few same-minute taps keep all their punches: the merge is redone without them.
  if (batches.size < outcome.pairs.size) outcome = merged((a, b) => batches.has(keyOf(a, b)));

  const named = (file: string) => `${basename(file)} › ${[...new Set(data.recognised.filter((r) => r.file === file && r.use === 'punches').map((r) => r.sheet))].join('、')}`;
  const notes: ImportNote[] = [];
  const problems: Problem[] = [];
  for (const pair of [...outcome.pairs.values()].sort((a, b) => order.get(a.first)! - order.get(b.first)! || order.get(a.second)! - order.get(b.second)!)) {
    const args = { first: named(pair.first), second: named(pair.second), count: pair.same };
    const lone = pair.firstLone;
    if (!lone) notes.push({ code: 'same_punches', args });
    else problems.push(problem('export_punches_partly_same', punchLocation(lone.punch), { ...args, lone: pair.loneInFirst + pair.loneInSecond, person: lone.person.shownName || lone.person.id, date: lone.punch.date, time: clock(lone.punch.at) }, 'warning'));
  }
  return { punches: outcome.punches, notes, problems };
}

/** Whether a file's punch sheets speak for a person on a day (its range, and the person among its people). */
function coverage(data: ImportData, people: Resolved): (file: string, person: RosterEntry, date: IsoDate) => boolean {
  const spans = new Map<string, Map<RosterEntry, { first: IsoDate; last: IsoDate }[]>>();
  for (const { range, people: keys } of data.sources) {
    const byPerson = spans.get(range.where.file) ?? new Map<RosterEntry, { first: IsoDate; last: IsoDate }[]>();
    spans.set(range.where.file, byPerson);
    for (const key of keys) {
      const person = people.byKey.get(key);
      if (person) byPerson.set(person, [...(byPerson.get(person) ?? []), { first: range.first, last: range.last }]);
    }
  }
  return (file, person, date) => (spans.get(file)?.get(person) ?? []).some((s) => s.first <= date && date <= s.last);
}
