import type { IsoDate, Seconds } from '../core/dates.js';

export type { Seconds };

export const DAY: Seconds = 86_400;

/** One stretch of work inside a day, punched in at its start and out at its end. */
export interface Session {
  /** 上午, 下午, 晚上, 夜班, 全天 — or 第N段 when two sessions would share a name. */
  name: string;
  start: Seconds;
  end: Seconds;
  /** How long after the start an arrival is still on time, and before the end a departure. */
  lateGrace: Seconds;
  earlyGrace: Seconds;
}

/**
 * What a working day asks. `each`: every session is punched in and out; `first_last`: the day's
 * first punch is the arrival and its last the departure (two punches a day, lunch not punched).
 * A flexible day (`length` set) is one session of core hours: late after the core start, early
 * before the core end or before arrival + length.
 */
export interface WorkShift {
  kind: 'work';
  /** As written ("A 08:00-12:00 14:00-18:00") or the season's name, for the audit. */
  label: string;
  sessions: readonly Session[];
  punching: 'each' | 'first_last';
  length: Seconds | null;
}

export interface RestShift {
  kind: 'rest';
  label: string;
}

export type DayShift = WorkShift | RestShift;

/** Hours from a month-day on (夏季 from 05-01); the last season runs on into the next year. */
export interface Season {
  name: string;
  from: string;
  shift: WorkShift;
}

/** The centre's hours: by season, named shifts a 班次 cell may name, and when lateness is absence. */
export interface Hours {
  /** Sorted by `from`; at least one. */
  seasons: readonly Season[];
  shifts: ReadonlyMap<string, DayShift>;
  /** Grace given to sessions written as text (班次 cells, 作息时间). */
  grace: Seconds;
  /** Late or early by this many minutes or more (以上) → that half day is absent; null: never. */
  absentFromMinutes: number | null;
}

export function seconds(hours: number, minutes: number, secs = 0): Seconds {
  return hours * 3600 + minutes * 60 + secs;
}

/** "08:05", "08:00:30"; a time of the next day reads "次日06:10". */
export function clock(s: Seconds): string {
  if (s >= DAY) return `次日${clock(s - DAY)}`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}${sec ? `:${String(sec).padStart(2, '0')}` : ''}`;
}

/** "8:01", "08:01:30", "8：01" → seconds; null when not a time of day. */
export function parseClock(text: string): Seconds | null {
  const m = /^(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$/.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  return h < 24 && min < 60 && s < 60 ? seconds(h, min, s) : null;
}

/** Words exports and clerks write for a day off (正常（休息）, 未排班 …). */
const REST_WORDS = new Set(['休息', '休', '休息日', '公休', '轮休', '未排班', '放假', '正常(休息)', '正常(未排班)']);

/**
 * A time range: 08:00-11:30, 8:00~11:30, 22:00-次日06:00, 08:00:00-12:00:00, and the 12-hour
 * form of policy texts: 下午3:00-6:00 (003 值班制度) is 15:00–18:00.
 */
const RANGE = /(?:(上午|中午|下午|晚上)\s*)?(?<![\d:])(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?\s*(?:-|~|～|—|–|至|到)\s*(次日|翌日)?\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?/g;
const SEPARATOR = /^[\s,，、;；]*$/;
const LENGTH = /(\d+(?:\.\d+)?)\s*(?:个)?(?:小时|h)/i;

/**
 * Reads a shift as centres and exports write it: one to three `HH:MM-HH:MM` sessions joined by
 * `,` `、` `;` or spaces, after an optional code or name (`A`, `早班`, `班次1：`); `次日` before an
 * end time (or an end before its start) for a session past midnight; `两次打卡` for a day punched
 * only in and out; `弹性` or a length (`8小时`) for flexible hours around one core session; `休息`
 * and the like for a rest day; or just the name of a shift the scheme defines. Null when it does
 * not read so — never a guess.
 */
export function parseShiftText(text: string, named: ReadonlyMap<string, DayShift>, grace: Seconds): DayShift | null {
  const t = text
    .normalize('NFKC')
    .trim()
    .replace(/\s+/g, ' ')
    // a name's colon before the first time (班次1：08:00-12:00) is not part of a time
    .replace(/^([^\d\s:][^:]*?) ?: ?(?=\d{1,2}:\d{2})/, '$1 ');
  if (t === '') return null;
  if (REST_WORDS.has(t.replace(/\s/g, ''))) return { kind: 'rest', label: t };
  const known = named.get(t);
  if (known) return known;
  const ranges = [...t.matchAll(RANGE)];
  if (ranges.length === 0 || ranges.length > 3) return null;
  for (let i = 1; i < ranges.length; i++) {
    const previous = ranges[i - 1]!;
    if (!SEPARATOR.test(t.slice(previous.index + previous[0].length, ranges[i]!.index))) return null;
  }
  const last = ranges[ranges.length - 1]!;
  const name = t.slice(0, ranges[0]!.index).replace(/[:：\s]+$/, '');
  const rest = t.slice(last.index + last[0].length).trim();
  if (/\d[:：]\d/.test(name)) return null;
  const length = LENGTH.exec(rest);
  const flags = rest.replace(LENGTH, '').replace(/[\s,，、;；]/g, '');
  if (!['', '两次打卡', '弹性', '首末打卡'].includes(flags)) return null;
  const flexible = length !== null || flags === '弹性' || /弹性/.test(name);
  if (flexible && (length === null || ranges.length !== 1)) return null;

  const times: [Seconds, Seconds][] = [];
  let offset = 0;
  for (const m of ranges) {
    const [label, nextDay] = [m[1], m[5]];
    const [sh, eh] = [afternoon(label, Number(m[2])), nextDay ? Number(m[6]) : afternoon(label, Number(m[6]))];
    const [sm, ss, em, es] = [Number(m[3]), Number(m[4] ?? 0), Number(m[7]), Number(m[8] ?? 0)];
    if (sh > 23 || eh > 23 || sm > 59 || em > 59 || ss > 59 || es > 59) return null;
    const start = seconds(sh, sm, ss) + offset;
    let end = seconds(eh, em, es) + offset;
    if (nextDay || end <= start) end += DAY;
    if (end - start >= DAY || (times.length > 0 && start < times[times.length - 1]![1])) return null;
    if (end > DAY) offset = DAY;
    times.push([start, end]);
  }
  if (times[times.length - 1]![1] - times[0]![0] > DAY) return null;
  const lengthSeconds = length ? Math.round(Number(length[1]) * 3600) : null;
  if (lengthSeconds !== null && (lengthSeconds <= 0 || lengthSeconds > DAY)) return null;
  return {
    kind: 'work',
    label: t,
    sessions: nameSessions(times, grace, grace),
    punching: flags === '两次打卡' || flags === '首末打卡' || flexible ? 'first_last' : 'each',
    length: lengthSeconds,
  };
}

/** 下午3:00 is 15:00 and 晚上7:00 19:00; 中午1:00 is 13:00; hours already past noon stay. */
function afternoon(label: string | undefined, hour: number): number {
  if (label === '下午' || label === '晚上') return hour < 12 ? hour + 12 : hour;
  if (label === '中午') return hour >= 1 && hour <= 5 ? hour + 12 : hour;
  return hour;
}

/** Names sessions by when they start (上午 before noon, 下午 before 18:00, else 晚上). */
export function nameSessions(times: readonly (readonly [Seconds, Seconds])[], lateGrace: Seconds, earlyGrace: Seconds): Session[] {
  const names =
    times.length === 1
      ? [times[0]![1] > DAY ? '夜班' : '全天']
      : times.map(([start]) => (start >= DAY ? '次日' : start < seconds(12, 0) ? '上午' : start < seconds(18, 0) ? '下午' : '晚上'));
  return times.map(([start, end], i) => ({
    name: names.filter((n) => n === names[i]).length > 1 ? `第${i + 1}段` : names[i]!,
    start,
    end,
    lateGrace,
    earlyGrace,
  }));
}

/** Half of a working day: the unit of absence and of leave (请假制度: 请假半天 is the smallest grant). */
export type Half = 0 | 1;

/**
 * A part of a session that lies in one half of the day. A day of two or three sessions splits
 * between sessions, at the break nearest half the day's working time (so 8:00–11:30 and
 * 15:00–18:00 are a morning and an afternoon); a one-session day (通班, 夜班, flexible core
 * hours) splits at the session's middle into two segments.
 */
export interface Segment {
  session: number;
  start: Seconds;
  end: Seconds;
  half: Half;
}

const segmentCache = new WeakMap<WorkShift, readonly Segment[]>();

export function segmentsOf(shift: WorkShift): readonly Segment[] {
  let segments = segmentCache.get(shift);
  if (!segments) segmentCache.set(shift, (segments = splitIntoHalves(shift)));
  return segments;
}

function splitIntoHalves(shift: WorkShift): Segment[] {
  const sessions = shift.sessions;
  if (sessions.length === 1) {
    const s = sessions[0]!;
    const middle = Math.floor((s.start + s.end) / 2);
    return [
      { session: 0, start: s.start, end: middle, half: 0 },
      { session: 0, start: middle, end: s.end, half: 1 },
    ];
  }
  const total = sessions.reduce((sum, s) => sum + s.end - s.start, 0);
  let split = 0;
  let worked = 0;
  let best = Infinity;
  sessions.slice(0, -1).forEach((s, i) => {
    worked += s.end - s.start;
    const distance = Math.abs(worked - total / 2);
    if (distance < best) [best, split] = [distance, i];
  });
  return sessions.map((s, i) => ({ session: i, start: s.start, end: s.end, half: i <= split ? 0 : 1 }));
}

/** How far a moment is from a session: 0 inside it, else to its nearer boundary. */
export function distanceTo(session: Pick<Session, 'start' | 'end'>, at: Seconds): Seconds {
  return at < session.start ? session.start - at : at > session.end ? at - session.end : 0;
}

/** Whether a punch opens or closes a session, where the sheet or export states it (上午上班…, 打卡类型, 下班2). */
export type PunchRole = 'in' | 'out' | null;

/**
 * The session a punch (or a 补签's time) belongs to: the one it falls in, else the nearest
 * boundary (a tie goes to the later session). One whose role is stated and that falls between
 * two sessions goes where its role says: a 上班 opens the later session (back early from lunch),
 * a 下班 closes the earlier. Filed by the nearer boundary, a 上班 at 12:40 would be the
 * morning's last punch, no departure, and the morning 缺卡.
 */
export function sessionOf(shift: WorkShift, at: Seconds, role: PunchRole = null): number {
  const sessions = shift.sessions;
  if (role !== null) {
    for (let i = 0; i + 1 < sessions.length; i++) if (at > sessions[i]!.end && at < sessions[i + 1]!.start) return role === 'in' ? i + 1 : i;
  }
  let best = 0;
  let bestDistance = Infinity;
  for (let i = 0; i < sessions.length; i++) {
    const d = distanceTo(sessions[i]!, at);
    if (d <= bestDistance) {
      best = i;
      bestDistance = d;
    }
  }
  return best;
}

/** The season of a date: the last whose first day (month-day) is on or before it, else the year's last. */
export function seasonOn(hours: Hours, date: IsoDate): Season {
  const monthDay = date.slice(5);
  let chosen = hours.seasons[hours.seasons.length - 1]!;
  for (const season of hours.seasons) if (season.from <= monthDay) chosen = season;
  return chosen;
}

/** The same shift with every session's grace replaced (设置 迟到宽限分钟, --grace). */
export function withGrace<S extends DayShift>(shift: S, grace: Seconds): S {
  return shift.kind === 'rest' ? shift : { ...shift, sessions: shift.sessions.map((s) => ({ ...s, lateGrace: grace, earlyGrace: grace })) };
}

function fixed(name: string, times: [Seconds, Seconds][]): Season['shift'] {
  return { kind: 'work', label: name, sessions: nameSessions(times, 0, 0), punching: 'each', length: null };
}

/**
 * 003 值班制度: summer 8:00–11:30 and 15:00–18:00, winter 8:00–11:30 and 14:00–17:30, no grace
 * (不得迟到早退); the season boundary is not in the seed, so summer = 1 May to 30 Sep (schemes.md,
 * assumption). The built-in schemes state the same hours in their attendance section; these
 * apply where no scheme is given (`kaohe attendance` without --scheme) or a scheme states none.
 */
export const DEFAULT_HOURS: Hours = {
  seasons: [
    { name: '夏季', from: '05-01', shift: fixed('夏季', [[seconds(8, 0), seconds(11, 30)], [seconds(15, 0), seconds(18, 0)]]) },
    { name: '冬季', from: '10-01', shift: fixed('冬季', [[seconds(8, 0), seconds(11, 30)], [seconds(14, 0), seconds(17, 30)]]) },
  ],
  shifts: new Map(),
  grace: 0,
  absentFromMinutes: null,
};

/**
 * One clocking shown at two precisions: 07:54 (a cell showing no seconds, read as shown) and
 * 07:54:43 are compared to the minute; two times both showing their seconds must be equal. A value
 * on the whole minute is taken as possibly shown without seconds (the cell read keeps no format).
 */
export function sameClocking(a: Seconds, b: Seconds): boolean {
  if (a === b) return true;
  return (a % 60 === 0 || b % 60 === 0) && Math.floor(a / 60) === Math.floor(b / 60);
}
