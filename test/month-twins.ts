import { cell, row, writeRawXlsx, type RawSheet } from './raw-xlsx.js';

/**
 * One invented attendance month (bianmin-10pt, November 2026) written in the ways other software
 * stores dates and times, for tests that must score every way the same:
 *  - serial: day serials in the 1900 system with a Chinese date format, times as fractions of a day;
 *  - iso: `t="d"` ISO cells (with and without zone suffixes, which Excel ignores), times as text;
 *  - 1904: serials in the 1904 system (date1904), times as fractions in 上午/下午h"时"mm"分".
 */
type DateEncoding = 'serial' | 'iso' | '1904';

const people = [
  ['0001', '陈建国', '民政窗口'],
  ['0002', '李秀英', '民政窗口'],
  ['0003', '王海燕', '社保窗口'],
  ['0004', '赵志强', '社保窗口'],
] as const;

/** Weekdays of November 2026 by the official calendar (no holidays that month). */
const days = Array.from({ length: 30 }, (_, i) => i + 1).filter((d) => ![1, 7, 8, 14, 15, 21, 22, 28, 29].includes(d));

/**
 * Four punches a day (winter hours 08:00–11:30, 14:00–17:30). 0002 is 12 minutes late on
 * 11-09; 0003 has no punches at all on 11-16 (absent all day); 0004 leaves 20 minutes early on 11-20.
 */
function punchesOf(id: string, day: number): [number, number][] {
  if (id === '0003' && day === 16) return [];
  const late = id === '0002' && day === 9;
  const early = id === '0004' && day === 20;
  return [
    [late ? 8 : 7, late ? 12 : 55],
    [11, 33],
    [13, 52],
    [17, early ? 10 : 36],
  ];
}

/** A record typed with a date: 1.3 上班时间玩游戏 for 0001 on 11-18. */
const recordDay = 18;

const SERIAL_2026_11_00 = 46326; // 2026-11-00 in the 1900 system: serial of 2026-10-31
const DAYS_1904 = 1462;

function dateCell(ref: string, day: number, encoding: DateEncoding): string {
  if (encoding === 'iso') {
    const iso = `2026-11-${String(day).padStart(2, '0')}`;
    // what several libraries write: midnight with a zone, bare dates, or a UTC stamp
    const suffix = ['T00:00:00', '', 'T00:00:00Z', 'T00:00:00.000+08:00'][day % 4];
    return cell.isoDate(ref, `${iso}${suffix}`, 1);
  }
  return cell.number(ref, SERIAL_2026_11_00 + day - (encoding === '1904' ? DAYS_1904 : 0), 1);
}

function timeCell(ref: string, [h, m]: [number, number], encoding: DateEncoding): string {
  if (encoding === 'iso') return cell.text(ref, `${h}:${String(m).padStart(2, '0')}`);
  return cell.number(ref, (h * 60 + m) / 1440, 2);
}

function monthSheets(encoding: DateEncoding): RawSheet[] {
  const roster = [row(1, [cell.text('A1', '工号'), cell.text('B1', '姓名'), cell.text('C1', '窗口')]), ...people.map(([id, name, unit], i) => row(i + 2, [cell.text(`A${i + 2}`, id), cell.text(`B${i + 2}`, name), cell.text(`C${i + 2}`, unit)]))];
  const records = [row(1, ['日期', '工号', '项目', '说明'].map((h, i) => cell.text(`${'ABCD'[i]}1`, h))), row(2, [dateCell('A2', recordDay, encoding), cell.text('B2', '0001'), cell.text('C2', '1.3'), cell.text('D2', '上班时间玩游戏')])];
  const punches = [row(1, ['工号', '姓名', '日期', '时间'].map((h, i) => cell.text(`${'ABCD'[i]}1`, h)))];
  let r = 2;
  for (const [id, name] of people) {
    for (const day of days) {
      for (const time of punchesOf(id, day)) {
        punches.push(row(r, [cell.text(`A${r}`, id), cell.text(`B${r}`, name), dateCell(`C${r}`, day, encoding), timeCell(`D${r}`, time, encoding)]));
        r += 1;
      }
    }
  }
  return [
    { name: '人员', rows: roster.join('') },
    { name: '记录', rows: records.join('') },
    { name: '考勤', rows: punches.join('') },
  ];
}

export function writeMonthTwin(path: string, encoding: DateEncoding): Promise<string> {
  return writeRawXlsx(path, {
    sheets: monthSheets(encoding),
    date1904: encoding === '1904',
    // style 1: a date (31 = yyyy"年"m"月"d"日" in the Chinese locale); style 2: a time
    formats: [encoding === 'iso' ? 14 : 31, encoding === '1904' ? '[$-804]上午/下午h"时"mm"分"' : 'h:mm'],
  });
}
