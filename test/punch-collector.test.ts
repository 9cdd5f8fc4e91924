import { describe, expect, it } from 'vitest';
import { LocalDateTime } from '../src/core/dates.js';
import { formatProblem } from '../src/messages.js';
import { HEADER_SEARCH_ROWS } from '../src/read/header.js';
import { isPlainNumberTime } from '../src/read/number-format.js';
import { PunchCollector, unpack } from '../src/read/punch-collector.js';
import { CellFault, type RawCell } from '../src/read/xlsx.js';

/** Rows of a long-shape 考勤 sheet, header first, added as a reader gives them (sparse cells by column). */
function collect(rows: RawCell[][], header: RawCell[] = ['工号', '姓名', '日期', '时间']): PunchCollector {
  const collector = new PunchCollector('考勤.xlsx', '考勤', { coveredYears: new Set([2026]) }, 2026, false);
  collector.add({ row: 1, cells: header });
  rows.forEach((cells, i) => collector.add({ row: i + 2, cells }));
  collector.finish();
  return collector;
}

/** Each person's days as [person, [[day, [[seconds, row] …]] …]] in the order personDays gives them. */
function daysOf(collector: PunchCollector): [string, [string, [number, number][]][]][] {
  return [...collector.personDays()].map(([person, days]) => [
    person,
    [...days].map(([day, pairs]) => {
      const punches: [number, number][] = [];
      for (let k = 0; k < pairs.length; k += 2) punches.push([unpack(pairs[k]!, pairs[k + 1]!).at, pairs[k + 1]!]);
      return [day, punches];
    }),
  ]);
}

describe('the punch collector across its storage blocks', () => {
  // 20,000 punches: past two blocks of 8,192, so punches of one person lie in three blocks.
  const PUNCHES = 20_000;
  const people = ['0001', '0002', '0003'];
  // Punch i: person i mod 3, day 1 + (i mod 2), at 08:00 plus i seconds (under 24:00: 28,800 + 19,999 < 86,400).
  const rows = Array.from({ length: PUNCHES }, (_, i) => [people[i % 3]!, '某人', `2026-10-0${1 + (i % 2)}`, `${8 + Math.floor(i / 3600)}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`]);
  const expected = people.map((id, p) => {
    const days = ['2026-10-01', '2026-10-02'].map((day, d): [string, [number, number][]] => {
      const punches: [number, number][] = [];
      for (let i = 0; i < PUNCHES; i++) if (i % 3 === p && i % 2 === d) punches.push([28_800 + i, i + 2]);
      return [day, punches];
    });
    // A person's days in the order first read: person 0001's first punch (i = 0) is on the 1st, 0002's (i = 1) on the 2nd, 0003's (i = 2) on the 1st.
    return [`id:${id}`, p === 1 ? days.reverse() : days];
  });

  it('gives every punch back by person and day, in row order', () => {
    expect(daysOf(collect(rows))).toEqual(expected);
  });

  it('gives the same back from a snapshot sent to another thread', () => {
    const sent = structuredClone(collect(rows).snapshot());
    expect(daysOf(PunchCollector.fromSnapshot(sent))).toEqual(expected);
  });
});

describe('a 考勤 time cell holds times of its row’s day only', () => {
  const problemsOf = (collector: PunchCollector) => collector.problems.map((p) => ({ code: p.code, row: p.at.row, column: p.at.columnLetter, args: p.args }));

  it('reports a token that is no time at its cell, and moves no time to another day', () => {
    // "11.30" has no colon: no time (8:01 / 08:01:30). Read as 11月30日 it moved 13:55 and 17:35 to 2026-11-30.
    const collector = collect([['0002', '乙二', '2026-11-02', '07:55 11.30 13:55 17:35']]);
    expect(problemsOf(collector)).toEqual([{ code: 'time_invalid', row: 2, column: 'D', args: { value: '11.30', cell: '07:55 11.30 13:55 17:35' } }]);
    // The three times are 07:55 = 28,500 s, 13:55 = 50,100 s, 17:35 = 63,300 s, all on the row's day.
    expect(daysOf(collector)).toEqual([['id:0002', [['2026-11-02', [[28_500, 2], [50_100, 2], [63_300, 2]]]]]]);
  });

  it('quotes the cell’s text beside the token that is no time, so the clerk sees what was written (probe14 gen5)', () => {
    const collector = collect([
      ['0001', '甲一', '2026-11-02', '上午 7:55'],
      ['0001', '甲一', '2026-11-02', '5:35 PM'],
      ['0001', '甲一', '2026-11-02', '上午7:55'],
    ]);
    expect(problemsOf(collector)).toEqual([
      { code: 'time_invalid', row: 2, column: 'D', args: { value: '上午', cell: '上午 7:55' } },
      { code: 'time_invalid', row: 3, column: 'D', args: { value: 'PM', cell: '5:35 PM' } },
      // one token, the whole cell: said once
      { code: 'time_invalid', row: 4, column: 'D', args: { value: '上午7:55' } },
    ]);
    expect(collector.problems.map(formatProblem).map((text) => text.slice(text.indexOf(': ') + 2, text.indexOf('无法识别')))).toEqual(['时间“上午 7:55”中的“上午”', '时间“5:35 PM”中的“PM”', '时间“上午7:55”']);
  });

  it('reports a date in the cell that is not the row’s date, naming both', () => {
    const collector = collect([['0002', '乙二', '2026-11-02', '2026-11-03 07:55 11:35 13:55 17:35']]);
    expect(problemsOf(collector)).toEqual([{ code: 'punch_date_off_row', row: 2, column: 'D', args: { value: '2026-11-03 07:55 11:35 13:55 17:35', stated: '2026-11-03', date: '2026-11-02' } }]);
    expect(daysOf(collector)).toEqual([]);
  });

  it('reports a second date in a row without a date cell, where the first gave the row its day', () => {
    const collector = collect([['0002', '乙二', null, '2026-11-02 07:55 2026-11-03 08:00']]);
    expect(problemsOf(collector)).toEqual([{ code: 'punch_date_off_row', row: 2, column: 'D', args: { value: '2026-11-02 07:55 2026-11-03 08:00', stated: '2026-11-03', date: '2026-11-02' } }]);
    // 07:55 = 28,500 s stays on 11-02; 08:00 is not moved to 11-03.
    expect(daysOf(collector)).toEqual([['id:0002', [['2026-11-02', [[28_500, 2]]]]]]);
  });

  it('reads the row’s own date written before its times', () => {
    const collector = collect([['0002', '乙二', '2026-11-02', '2026-11-02 07:55 17:35']]);
    expect(problemsOf(collector)).toEqual([]);
    expect(daysOf(collector)).toEqual([['id:0002', [['2026-11-02', [[28_500, 2], [63_300, 2]]]]]]);
  });
});

describe('a 考勤 date cell that is a fault', () => {
  it('is reported once, as what it is, with no 必填 beside it', () => {
    // Row 2's 日期 (column C, index 2) shows #DIV/0!; a formula =DATE(2026,11,2) in row 3 has no result.
    const divided = new CellFault('error_value', 2, 2, '#DIV/0!');
    const noResult = new CellFault('formula_without_result', 3, 2, 'DATE(2026,11,2)');
    const collector = collect([
      ['0002', '乙二', divided, '07:55'],
      ['0002', '乙二', noResult, '07:55'],
    ]);
    expect(collector.problems.map((p) => [p.code, p.at.row, p.at.columnLetter])).toEqual([
      ['cell_error', 2, 'C'],
      ['formula_without_result', 3, 'C'],
    ]);
  });

  it('still asks for a date where the cell is empty', () => {
    const collector = collect([['0002', '乙二', null, '07:55']]);
    expect(collector.problems.map((p) => [p.code, p.at.row, p.at.columnLetter])).toEqual([['value_required', 2, 'C']]);
  });
});

describe('a boolean in a 考勤 time cell', () => {
  it('is quoted as Excel shows it, FALSE, not false', () => {
    const collector = collect([['0002', '乙二', '2026-10-05', false]]);
    expect(collector.problems.map((p) => [p.code, p.at.row, p.at.columnLetter, p.args.value])).toEqual([['time_invalid', 2, 'D', 'FALSE']]);
  });
});

describe('a 考勤 日期 cell that shows a time (2026-11-02 07:55)', () => {
  const problemsOf = (collector: PunchCollector) => collector.problems.map((p) => ({ code: p.code, row: p.at.row, column: p.at.columnLetter, args: p.args }));
  // 07:55 = 28,500 s, 09:30 = 34,200 s
  const dateTime = (seconds: number) => new LocalDateTime(2026, 11, 2, seconds, 'datetime');

  it('beside another 时间 is refused at the 日期 cell, as a 时间 cell showing another day is at its own (probe r12c)', () => {
    const collector = collect([['0002', '乙二', dateTime(28_500), '09:30']]);
    expect(problemsOf(collector)).toEqual([{ code: 'punch_date_time_differs', row: 2, column: 'C', args: { value: '2026-11-02 07:55', time: '07:55', times: '09:30' } }]);
  });

  it('beside an empty 时间 is refused too: the clocking was not left out without a word', () => {
    const collector = collect([['0002', '乙二', dateTime(28_500), null]]);
    expect(problemsOf(collector)).toEqual([{ code: 'punch_date_time_differs', row: 2, column: 'C', args: { value: '2026-11-02 07:55', time: '07:55', times: '' } }]);
  });

  it('showing 00:00, or the time 时间 holds, says nothing: the punch is 时间’s', () => {
    const collector = collect([
      ['0002', '乙二', dateTime(0), '09:30'],
      ['0002', '乙二', dateTime(28_500), '07:55'],
    ]);
    expect(problemsOf(collector)).toEqual([]);
    expect(daysOf(collector)).toEqual([['id:0002', [['2026-11-02', [[34_200, 2], [28_500, 3]]]]]]);
  });

  it('the same punch shown with and without seconds says nothing; both with seconds and differing is refused (probe r12e)', () => {
    // 07:54 = 28,440 s (a cell showing no seconds: 07:54:43 read as shown); 07:54:17 = 28,457; 07:54:23 = 28,463; 07:54:43 = 28,483
    const timeCell = (seconds: number) => new LocalDateTime(0, 0, 0, seconds, 'time');
    const sameMinute = collect([
      ['0002', '乙二', dateTime(28_440), timeCell(28_483)],
      ['0002', '乙二', dateTime(28_463), '07:54'],
      ['0002', '乙二', dateTime(28_440), '07:54:17'],
    ]);
    expect(problemsOf(sameMinute)).toEqual([]);
    expect(problemsOf(collect([['0002', '乙二', dateTime(28_463), '07:54:17']]))).toEqual([
      { code: 'punch_date_time_differs', row: 2, column: 'C', args: { value: '2026-11-02 07:54:23', time: '07:54:23', times: '07:54:17' } },
    ]);
    // 07:54 beside 07:55:10: another minute, refused as before
    expect(problemsOf(collect([['0002', '乙二', dateTime(28_440), '07:55:10']])).map((p) => p.code)).toEqual(['punch_date_time_differs']);
  });

  it('in a row of four time columns, is fine among them and refused when none is it', () => {
    const header = ['工号', '姓名', '日期', '上午上班', '上午下班', '下午上班', '下午下班'];
    const times = ['11:35', '13:55', '17:35'];
    expect(problemsOf(collect([['0002', '乙二', dateTime(28_500), '07:55', ...times]], header))).toEqual([]);
    expect(problemsOf(collect([['0002', '乙二', dateTime(28_500), '08:10', ...times]], header))).toEqual([
      { code: 'punch_date_time_differs', row: 2, column: 'C', args: { value: '2026-11-02 07:55', time: '07:55', times: '08:10 11:35 13:55 17:35' } },
    ]);
  });
});

describe('a 考勤 sheet read cell by cell, its texts shared strings', () => {
  it('reads a shared time the same on every row it is on: stored where the row has its day, refused where it has none; a day the calendar lacks noted at its date cell', () => {
    const strings = ['工号', '姓名', '日期', '时间', '0001', '甲一', '2026-10-05', '08:01', '2027-01-04', '08:01 17:30'];
    const collector = new PunchCollector('考勤.xlsx', '考勤', { coveredYears: new Set([2026]) }, 2026, false);
    // As the .xlsx reader hands cells over: each text with its index among the shared strings.
    const stream = (row: number, texts: (string | null)[]) => {
      collector.row(row);
      texts.forEach((text, column) => {
        if (text !== null) collector.cell(column, text, strings.indexOf(text));
      });
      collector.end();
    };
    stream(1, ['工号', '姓名', '日期', '时间']);
    // The first rows wait for the header; the rows after them are taken as they come.
    const waiting = Array.from({ length: HEADER_SEARCH_ROWS }, (_, i) => i + 2);
    for (const row of waiting) stream(row, ['0001', '甲一', '2026-10-05', '08:01']);
    const first = HEADER_SEARCH_ROWS + 2;
    stream(first, ['0001', '甲一', '2026-10-05', '08:01']);
    stream(first + 1, ['0001', '甲一', null, '08:01']);
    stream(first + 2, ['0001', '甲一', '2027-01-04', '08:01']);
    stream(first + 3, ['0001', '甲一', '2026-10-05', '08:01 17:30']);
    collector.finish();
    expect(collector.problems.map((p) => [p.code, p.at.row, p.at.columnLetter])).toEqual([
      ['value_required', first + 1, 'C'],
    ]);
    // 2027 is not covered: kept, and noted for the validator to refuse if the period needs it (a period's next January is ignored).
    expect([...collector.uncoveredDays].map(([day, at]) => [day, at.row, at.columnLetter])).toEqual([['2027-01-04', first + 2, 'C']]);
    // 08:01 = 8 × 3,600 + 60 = 28,860 s; 17:30 = 17 × 3,600 + 1,800 = 63,000 s.
    const on5th = [...waiting, first].map((row): [number, number] => [28_860, row]);
    expect(daysOf(collector)).toEqual([['id:0001', [['2026-10-05', [...on5th, [28_860, first + 3], [63_000, first + 3]]], ['2027-01-04', [[28_860, first + 2]]]]]]);
  });
});

describe('a time cell holding a number shown rounded (0.330555 in 0.00 shows 0.33)', () => {
  it('is a number shown, no time: time_plain_number with the 0.33 the clerk sees, as under General', () => {
    // 0.330555… × 24 h = 7.9333 h = 07:56, but kaohe does not guess times from numbers; the 0.00
    // format shows 0.33, which the reader keeps as a rounded-number fault for the consumer to say.
    const shown = new CellFault('number_rounded', 2, 3, '0.33', '0.330555555555556');
    const collector = collect([['0001', '甲一', '2026-11-02', shown]]);
    expect(collector.problems.map((p) => [p.code, p.at.row, p.at.columnLetter, p.args])).toEqual([['time_plain_number', 2, 'D', { value: '0.33' }]]);
  });

  it('one rule with import (isPlainNumberTime): a 13-digit epoch millisecond count is an instant, not such a number', () => {
    // 2026-11-02 00:00 China = 2026-11-01 16:00 UTC = 1,793,548,800,000 ms: 13 digits, whole
    expect(isPlainNumberTime(Date.UTC(2026, 10, 1, 16))).toBe(false);
    expect([7.55, 46328, 999_999_999_999, 1e13, 1_793_548_800_000.5].map(isPlainNumberTime)).toEqual([true, true, true, true, true]);
    // the 考勤 sheet reads no instant from a number: it is a text that is no time, said as such
    const collector = collect([['0001', '甲一', '2026-11-02', 1_793_548_800_000]]);
    expect(collector.problems.map((p) => [p.code, p.args])).toEqual([['time_invalid', { value: '1793548800000' }]]);
  });

  it('in a column that holds no time (工号) it keeps the rounding message', () => {
    const shown = new CellFault('number_rounded', 2, 0, '1', '1.4');
    const collector = collect([[shown, '甲一', '2026-11-02', '07:55']]);
    expect(collector.problems.map((p) => [p.code, p.args.reason])).toEqual([['cell_shown_differs', 'rounded']]);
  });
});

describe('a 考勤 row that is not empty but holds no punch (probe14 stray)', () => {
  const refused = (collector: PunchCollector) => collector.problems.map((p) => [p.code, p.at.row, p.at.columnLetter]);

  it('a 工号 or 姓名 alone, without 日期 and 时间, is refused at its 日期 and names nobody', () => {
    // Row 2 is a time of an unquoted multi-line cell fallen into 工号; rows 3–4 a 工号 alone, known
    // (0001) and not (0099); row 5 a 姓名 alone. Row 6 is empty, skipped; row 7 a whole punch.
    const collector = collect([['11:31'], ['0001', null, null, null], ['0099', '', '', ''], [null, '甲一'], [null, null, null, null], ['0001', '甲一', '2026-11-02', '07:55']]);
    expect(refused(collector)).toEqual([
      ['punch_row_without_punch', 2, 'C'],
      ['punch_row_without_punch', 3, 'C'],
      ['punch_row_without_punch', 4, 'C'],
      ['punch_row_without_punch', 5, 'C'],
    ]);
    // Only row 7's person is known to the sheet: a refused row is no one's row (07:55 = 28,500 s).
    expect([...collector.firstRow.keys()]).toEqual(['id:0001']);
    expect(collector.firstRow.get('id:0001')!.row).toBe(7);
    expect(daysOf(collector)).toEqual([['id:0001', [['2026-11-02', [[28_500, 7]]]]]]);
  });

  it('a footer or section line (制表人：党政办, 民政窗口) is refused saying what it holds, not taken as a person', () => {
    // In the 工号 or 姓名 column, with no 日期 and no time: what is written is named in the problem.
    const collector = collect([['制表人：党政办 唐'], [null, '民政窗口'], ['0001', '甲一', '2026-11-02', '07:55']]);
    expect(collector.problems.map((p) => [p.code, p.at.row, p.args.value])).toEqual([
      ['punch_row_without_punch', 2, '制表人：党政办 唐'],
      ['punch_row_without_punch', 3, '民政窗口'],
    ]);
  });

  it('a 日期 or a 时间 without 工号 and 姓名 is refused at 工号, whoever’s punch it was', () => {
    // Before, a time with no one beside it was kept for a person "" and set aside as not on the roster.
    const collector = collect([[null, null, '2026-11-02', null], [null, null, '2026-11-02', '07:55'], [null, null, null, '07:55']]);
    expect(refused(collector)).toEqual([
      ['value_required', 2, 'A'],
      ['value_required', 3, 'A'],
      ['value_required', 4, 'A'],
    ]);
    expect(daysOf(collector)).toEqual([]);
  });

  it('a 工号 and a 日期 without a time is a day without punches, as before: nothing said', () => {
    const collector = collect([['0001', '甲一', '2026-11-02', null]]);
    expect(refused(collector)).toEqual([]);
    expect(collector.firstRow.get('id:0001')!.row).toBe(2);
  });

  it('in the one-cell and the four-column shapes alike', () => {
    const oneCell = collect([['0001', '甲一', null, null], [null, null, '2026-11-02', '07:55 17:35'], ['0001', '甲一', '2026-11-03', null]], ['工号', '姓名', '日期', '打卡时间']);
    expect(refused(oneCell)).toEqual([
      ['punch_row_without_punch', 2, 'C'],
      ['value_required', 3, 'A'],
    ]);
    // 上午下班 only, no 日期: the time is there, the 日期 is asked for as for any time without a day.
    const fourColumns = collect([['0001', null, null, null, null, null], [null, '2026-11-02', '07:55', null, null, null], ['0001', null, null, '11:31', null, null]], ['工号', '日期', '上午上班', '上午下班', '下午上班', '下午下班']);
    expect(refused(fourColumns)).toEqual([
      ['punch_row_without_punch', 2, 'B'],
      ['value_required', 3, 'A'],
      ['value_required', 4, 'B'],
    ]);
  });

  it('a 工号 alone in a one-cell sheet without a 日期 column is refused at 打卡时间, where its day would be', () => {
    const collector = collect([['0001', null], ['0001', '2026-11-02 07:55']], ['工号', '打卡时间']);
    expect(refused(collector)).toEqual([['punch_row_without_punch', 2, 'B']]);
    expect(daysOf(collector)).toEqual([['id:0001', [['2026-11-02', [[28_500, 3]]]]]]);
  });

  it('a 日期 that is a fault is said once, as what it is, with no 必填 beside it', () => {
    const divided = new CellFault('error_value', 2, 2, '#DIV/0!');
    const collector = collect([['0001', '甲一', divided, null]]);
    expect(refused(collector)).toEqual([['cell_error', 2, 'C']]);
  });
});
