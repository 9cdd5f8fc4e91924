import { DAY, DEFAULT_HOURS, nameSessions, parseShiftText, type DayShift, type Hours, type Seconds, type WorkShift } from '../calendar/hours.js';
import { correctionWords, defaultLeaveWords, foldLeaveWord, leaveWordsOf, type LeaveWords } from './lists.js';
import type { SchemeIssueCode } from '../core/problems.js';
import type { AttendanceFile, ShiftSpec } from './schema.js';

type Path = (string | number)[];
type Report = (path: Path, code: SchemeIssueCode, args?: Record<string, string | number>) => void;
type Marked = { assumption?: boolean | undefined; reconstructed?: boolean | undefined; borrowed?: boolean | undefined; reason?: string | undefined };
type CheckMarks = (x: Marked, path: Path) => void;

/** The hours and leave words a run applies: the scheme's, else 003's hours and the exports' words. */
export interface AttendanceRules {
  hours: Hours;
  words: LeaveWords;
}

export const defaultAttendanceRules: AttendanceRules = { hours: DEFAULT_HOURS, words: defaultLeaveWords };

/** Builds the hours and leave words of a scheme's attendance section, reporting what does not read. */
export function compileAttendanceRules(file: AttendanceFile, report: Report, checkMarks: CheckMarks): AttendanceRules {
  return {
    hours: file.hours ? compileHours(file.hours, report, checkMarks) : DEFAULT_HOURS,
    words: file.leave_words ? compileLeaveWords(file.leave_words, report, checkMarks) : defaultLeaveWords,
  };
}

function compileHours(file: NonNullable<AttendanceFile['hours']>, report: Report, checkMarks: CheckMarks): Hours {
  const grace = file.grace_minutes * 60;
  const shifts = new Map<string, DayShift>();
  const shiftOf = (spec: ShiftSpec, path: (string | number)[]): DayShift | null => {
    const shift = typeof spec === 'string' ? parseShiftText(spec, shifts, grace) : structuredShift(spec, grace, path, report);
    if (!shift && typeof spec === 'string') report(path, 'scheme_shift_invalid', { value: spec });
    return shift;
  };
  for (const [name, spec] of Object.entries(file.shifts)) {
    const shift = shiftOf(spec, ['attendance', 'hours', 'shifts', name]);
    if (shift) shifts.set(name.normalize('NFKC').trim(), { ...shift, label: name });
  }
  const seasons = file.seasons.flatMap((season, i) => {
    const path = ['attendance', 'hours', 'seasons', i];
    checkMarks(season, path);
    const [month, day] = season.from.split('-').map(Number) as [number, number];
    if (month < 1 || month > 12 || day < 1 || day > 31) report([...path, 'from'], 'scheme_season_from', { value: season.from });
    const shift = shiftOf(season.shift, [...path, 'shift']);
    if (shift && shift.kind === 'rest') report([...path, 'shift'], 'scheme_season_rest');
    return shift && shift.kind === 'work' ? [{ name: season.name, from: season.from, shift: { ...shift, label: season.name } }] : [];
  });
  const froms = seasons.map((s) => s.from);
  if (new Set(froms).size !== froms.length) report(['attendance', 'hours', 'seasons'], 'scheme_seasons_same_start');
  checkMarks(file, ['attendance', 'hours']);
  return {
    seasons: [...seasons].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
    shifts,
    grace,
    absentFromMinutes: file.absent_from_minutes ?? null,
  };
}

/** A shift written as sessions with their own grace, two punches a day, or flexible hours. */
function structuredShift(spec: Exclude<ShiftSpec, string>, grace: Seconds, path: (string | number)[], report: Report): WorkShift | null {
  const sessions = spec.sessions.map((s, i) => {
    const text = typeof s === 'string' ? s : s.time;
    const parsed = parseShiftText(text, new Map(), grace);
    if (!parsed || parsed.kind !== 'work' || parsed.sessions.length !== 1) {
      report([...path, 'sessions', i], 'scheme_shift_session', { value: text });
      return null;
    }
    const session = parsed.sessions[0]!;
    return typeof s === 'string' ? session : { ...session, lateGrace: (s.late_grace ?? grace / 60) * 60, earlyGrace: (s.early_grace ?? grace / 60) * 60 };
  });
  if (sessions.some((s) => s === null)) return null;
  const ordered = sessions as NonNullable<(typeof sessions)[number]>[];
  // A session after one that passes midnight (or that starts before it) is on the next day.
  const times: [Seconds, Seconds][] = [];
  for (const s of ordered) {
    const previous = times[times.length - 1];
    const offset = previous && (previous[1] > DAY || s.start < previous[0]) ? DAY : 0;
    times.push([s.start + offset, s.end + offset]);
  }
  for (let i = 1; i < times.length; i++) {
    if (times[i]![0] < times[i - 1]![1] || times[i]![1] - times[0]![0] > DAY) {
      report([...path, 'sessions', i], 'scheme_shift_order');
      return null;
    }
  }
  if (spec.flexible_hours !== undefined && ordered.length !== 1) {
    report([...path, 'flexible_hours'], 'scheme_flexible_one_session');
    return null;
  }
  const named = nameSessions(times, grace, grace);
  return {
    kind: 'work',
    label: '',
    sessions: named.map((n, i) => ({ ...n, lateGrace: ordered[i]!.lateGrace, earlyGrace: ordered[i]!.earlyGrace })),
    punching: spec.flexible_hours !== undefined ? 'first_last' : spec.punches,
    length: spec.flexible_hours === undefined ? null : Math.round(spec.flexible_hours * 3600),
  };
}

function compileLeaveWords(file: NonNullable<AttendanceFile['leave_words']>, report: Report, checkMarks: CheckMarks): LeaveWords {
  const seen = new Map<string, string>();
  const claim = (word: string, where: string, path: (string | number)[]) => {
    const folded = foldLeaveWord(word);
    const earlier = seen.get(folded);
    if (earlier) report(path, 'scheme_leave_word_duplicate', { word, earlier });
    else if ((correctionWords as readonly string[]).includes(folded)) report(path, 'scheme_leave_word_correction', { word });
    else seen.set(folded, where);
  };
  for (const word of Object.keys(file.leave)) claim(word, 'leave', ['attendance', 'leave_words', 'leave', word]);
  for (const word of Object.keys(file.present)) claim(word, 'present', ['attendance', 'leave_words', 'present', word]);
  file.not_excused.forEach((word, i) => claim(word, 'not_excused', ['attendance', 'leave_words', 'not_excused', i]));
  checkMarks(file, ['attendance', 'leave_words']);
  return leaveWordsOf(file);
}

/** The leave types a year-end rule may name: the types leave words count under. */
export function leaveDayTypes(words: LeaveWords): Set<string> {
  return new Set([...words.values()].filter((w) => w.class === 'leave').map((w) => w.type));
}
