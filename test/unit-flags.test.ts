import { stripVTControlCharacters } from 'node:util';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../src/core/dates.js';
import { toNumber } from '../src/core/decimal.js';
import { monthPeriod } from '../src/core/period.js';
import { formatFlag } from '../src/messages.js';
import { scoreYear } from '../src/score/year.js';
import { noticeWorkbook, resultWorkbook } from '../src/write/output.js';
import type { RunInfo } from '../src/write/run-info.js';
import { scoreTable } from '../src/write/sheets/score.js';
import { renderScoreSummary, renderScoreTable } from '../src/write/terminal.js';
import { renderYearSummary, renderYearTable, yearTable, yearWorkbook } from '../src/write/year.js';
import { builtinScheme } from './builtin-scheme.js';
import { person, record, run } from './builders.js';

/**
 * bianmin-10pt 第八条: "凡当月部门考核为负分者，在全镇干部大会上予以通报批评" (部门通报批评, a
 * unit's total = the sum of its people's, the scheme's assumption). The flag is on the unit, not
 * on a person, so every output that shows the persons' flags says it after the table.
 *
 * Base 10 a month; 迟到 (1.1) −1 and 旷工 (2.1) −2 a time, the 5th and later time of a group in a
 * month doubled:
 *   甲 民政 旷工6次: 4 × 2 + 2 × 4 = 16 → 10 − 16 = −6
 *   乙 民政 迟到5次: 4 × 1 + 1 × 2 = 6  → 10 − 6 = 4
 *   丙 医保 旷工5次: 4 × 2 + 1 × 4 = 12 → 10 − 12 = −2
 *   丁 医保 迟到4次: 4 × 1 = 4          → 10 − 4 = 6
 * 民政 = −6 + 4 = −2 < 0: 部门通报批评. 医保 = −2 + 6 = 4: none.
 */
const roster = [person('001', '甲', '民政'), person('002', '乙', '民政'), person('003', '丙', '医保'), person('004', '丁', '医保')];
const march = monthPeriod(2026, 3);
const records = [
  record('2.1', { personId: '001', unit: '民政' }, { count: 6, date: '2026-03-09' as IsoDate }),
  record('1.1', { personId: '002', unit: '民政' }, { count: 5, date: '2026-03-09' as IsoDate }),
  record('2.1', { personId: '003', unit: '医保' }, { count: 5, date: '2026-03-09' as IsoDate }),
  record('1.1', { personId: '004', unit: '医保' }, { count: 4, date: '2026-03-09' as IsoDate }),
];
const month = run('bianmin-10pt', { roster, records }, false, march);
/** April: nobody loses a point, no unit is flagged. */
const april = run('bianmin-10pt', { roster, records: [] }, false, monthPeriod(2026, 4));
/**
 * May: 甲 旷工6次 −16 → −6; 乙 迟到6次: 4 × 1 + 2 × 2 = 8 → 2; 民政 = −6 + 2 = −4, flagged again.
 * 医保 10 + 10 = 20.
 */
const may = run(
  'bianmin-10pt',
  {
    roster,
    records: [record('2.1', { personId: '001', unit: '民政' }, { count: 6, date: '2026-05-11' as IsoDate }), record('1.1', { personId: '002', unit: '民政' }, { count: 6, date: '2026-05-11' as IsoDate })],
  },
  false,
  monthPeriod(2026, 5),
);

const LINE = '部门通报批评：民政（部门合计 -2）';

const info: RunInfo = {
  kaoheVersion: 'test',
  scheme: { id: 'bianmin-10pt', origin: 'bianmin-10pt', sha256: '0'.repeat(64) },
  inputs: [],
  settings: new Map([['单位名称', '某某便民服务中心']]),
  noticeDate: '2026-04-13' as IsoDate,
  noticeDays: 5,
  noticePeriod: { first: '2026-04-13' as IsoDate, last: '2026-04-17' as IsoDate, weekdaysOnly: false },
  options: {},
  assumptions: [],
};

async function sheetLines(buffer: Buffer, name: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  // Row by row, blank rows as ''; a banner is one merged cell: its text once.
  return Array.from({ length: sheet.rowCount }, (_, i) => {
    const row = sheet.getRow(i + 1);
    return [...new Set(Array.from({ length: row.cellCount }, (_, c) => row.getCell(c + 1).text))].join(' | ');
  });
}

const plain = (text: string) => stripVTControlCharacters(text).split('\n');

describe('a unit flag (部门通报批评) of a person scheme on every output', () => {
  it('is raised on 民政 at −2 and not on 医保 at 4', () => {
    expect(month.subjects.map((s) => [s.name, toNumber(s.total)])).toEqual([['丁', 6], ['乙', 4], ['丙', -2], ['甲', -6]]);
    expect(month.units.map((u) => [u.unit, toNumber(u.total), u.flags.map(formatFlag)])).toEqual([['医保', 4, []], ['民政', -2, ['部门通报批评']]]);
  });

  it('the terminal table and the -o summary name the unit, its total and the flag after the table', () => {
    const table = plain(renderScoreTable(month));
    expect(table.slice(-2)).toEqual(['', LINE]);
    const summary = plain(renderScoreSummary(month));
    expect(summary.slice(-2)).toEqual(['', LINE]);
    expect(summary.join('\n')).not.toContain('医保（部门合计');
  });

  it('得分表, 公示 and notice -o say it under the table', async () => {
    const workbook = await resultWorkbook(month, info);
    const scoreSheet = await sheetLines(workbook, '得分表');
    // title, header, four people, a blank row, the unit's line
    expect(scoreSheet[7]).toBe(LINE);
    expect(scoreSheet).toHaveLength(8);
    const notice = await sheetLines(workbook, '公示');
    // title, intro, header, four people, a blank row, the unit's line, then the 公示期
    expect(notice[8]).toBe(LINE);
    expect(notice[9]).toMatch(/^公示期：/);
    expect(await sheetLines(await noticeWorkbook(month, info), '公示')).toEqual(notice);
  });

  it('the CSV gives each person their unit’s flag in a 部门标注 column after 标注', () => {
    const { header, rows } = scoreTable(month);
    const at = header.indexOf('部门标注');
    expect(header[at - 1]).toBe('标注');
    expect(rows.map((r) => [r[2], r[at]])).toEqual([
      ['丁', ''],
      ['乙', '部门通报批评（部门合计 -2）'],
      ['丙', ''],
      ['甲', '部门通报批评（部门合计 -2）'],
    ]);
  });

  it('a month without a flagged unit writes no unit line and no 部门标注 column', async () => {
    expect(plain(renderScoreTable(april)).join('\n')).not.toContain('部门合计');
    expect(scoreTable(april).header).not.toContain('部门标注');
    expect((await sheetLines(await resultWorkbook(april, info), '公示')).join('\n')).not.toContain('部门合计');
  });

  describe('the year', () => {
    const scheme = builtinScheme('bianmin-10pt');
    const subjects = roster.map((p) => ({ key: p.id, name: p.name, unit: p.unit, category: '其他' }));
    const year = scoreYear(scheme, 2026, ['2026-03', '2026-04', '2026-05'], [month, april, may], subjects, new Map(), null);
    // Each month's total the flag was raised on (March −2, May −4), not the year's (−2 + 20 − 4 = 14); one line for the unit.
    const yearLine = '部门通报批评：民政（3月部门合计 -2、5月部门合计 -4）';

    it('the terminal table and the -o summary name the month, the unit, its total that month and the flag', () => {
      expect(plain(renderYearTable(year, null))).toContain(yearLine);
      expect(plain(renderYearSummary(year)).slice(-2)).toEqual(['', yearLine]);
    });

    it('年度考核表 and 等次公示 say it under the table, 标注明细 lists it', async () => {
      const workbook = await yearWorkbook(year, info, null);
      // title, header, four people, a blank row, the unit's line
      expect((await sheetLines(workbook, '年度考核表'))[7]).toBe(yearLine);
      // title, intro, header, four people, a blank row, the unit's line
      expect((await sheetLines(workbook, '等次公示'))[8]).toBe(yearLine);
      const audit = await sheetLines(workbook, '标注明细');
      expect(audit).toContain('民政 | 3月部门通报批评 | 2026-03 考核结果（部门合计 -2） | ');
      expect(audit).toContain('民政 | 5月部门通报批评 | 2026-05 考核结果（部门合计 -4） | ');
    });

    it('the year CSV gives 民政’s people the month’s flag in 部门标注', () => {
      const { header, rows } = yearTable(year, null);
      const at = header.indexOf('部门标注');
      expect(header[at - 1]).toBe('标注');
      expect(rows.map((r) => [r[2], r[at]]).sort()).toEqual([
        ['丁', ''],
        ['丙', ''],
        ['乙', '部门通报批评（3月部门合计 -2、5月部门合计 -4）'],
        ['甲', '部门通报批评（3月部门合计 -2、5月部门合计 -4）'],
      ]);
    });
  });
});
