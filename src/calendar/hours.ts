import type { IsoDate } from '../core/dates.js';

/** Seconds since midnight. */
export type Seconds = number;

export interface Session {
  name: '上午' | '下午';
  start: Seconds;
  end: Seconds;
}

/** The centre's working hours: all year, or summer and winter with their first days. */
export interface WorkingHours {
  summer: [Session, Session];
  winter: [Session, Session];
  /** Month-day the summer hours begin and end ("05-01", "10-01"). */
  summerStart: string;
  winterStart: string;
  graceMinutes: number;
}

export function seconds(hours: number, minutes: number, secs = 0): Seconds {
  return hours * 3600 + minutes * 60 + secs;
}

export function clock(s: Seconds): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}${sec ? `:${String(sec).padStart(2, '0')}` : ''}`;
}

/**
 * 003 值班制度: summer 8:00–11:30 and 15:00–18:00, winter 8:00–11:30 and 14:00–17:30; the
 * season boundary is not in the seed, so summer = 1 May to 30 Sep (schemes.md, assumption).
 */
export const DEFAULT_HOURS: WorkingHours = {
  summer: [
    { name: '上午', start: seconds(8, 0), end: seconds(11, 30) },
    { name: '下午', start: seconds(15, 0), end: seconds(18, 0) },
  ],
  winter: [
    { name: '上午', start: seconds(8, 0), end: seconds(11, 30) },
    { name: '下午', start: seconds(14, 0), end: seconds(17, 30) },
  ],
  summerStart: '05-01',
  winterStart: '10-01',
  graceMinutes: 0,
};

export function sessionsOn(hours: WorkingHours, date: IsoDate): [Session, Session] {
  const monthDay = date.slice(5);
  const summer = hours.summerStart <= hours.winterStart ? monthDay >= hours.summerStart && monthDay < hours.winterStart : monthDay >= hours.summerStart || monthDay < hours.winterStart;
  return summer ? hours.summer : hours.winter;
}

/** "8:01", "08:01:30", "8：01" → seconds; null when not a time of day. */
export function parseClock(text: string): Seconds | null {
  const m = /^(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$/.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  return h < 24 && min < 60 && s < 60 ? seconds(h, min, s) : null;
}

/** "08:00-11:30,14:00-17:30" → two sessions; null when it does not read so. */
export function parseSessions(text: string): [Session, Session] | null {
  const parts = text.normalize('NFKC').replace(/\s+/g, '').split(/[,;，；、]/);
  if (parts.length !== 2) return null;
  const sessions = parts.map((p) => p.split(/[-~—至到]/).map(parseClock));
  if (sessions.some((s) => s.length !== 2 || s[0] === null || s[1] === null || (s[0] as number) >= (s[1] as number))) return null;
  const [am, pm] = sessions as [[Seconds, Seconds], [Seconds, Seconds]];
  if (am[1] > pm[0]) return null;
  return [
    { name: '上午', start: am[0], end: am[1] },
    { name: '下午', start: pm[0], end: pm[1] },
  ];
}

/** Which session a punch of unknown role belongs to: before the midpoint of the lunch break is morning. */
export function sessionIndexOf(sessions: readonly [Session, Session], at: Seconds): 0 | 1 {
  return at < (sessions[0].end + sessions[1].start) / 2 ? 0 : 1;
}
