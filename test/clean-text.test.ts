import { fc, test } from '@fast-check/vitest';
import chalk from 'chalk';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../src/core/dates.js';
import { monthPeriod } from '../src/core/period.js';
import { cleanName, cleanText, escapeControls, foldKey, isBlankText } from '../src/core/text.js';
import { formatProblem } from '../src/messages.js';
import type { CellValue, RawTable } from '../src/read/table.js';
import { builtinScheme } from './builtin-scheme.js';
import { scorePeriod } from '../src/score/engine.js';
import { explainSubject } from '../src/write/explain.js';
import { resultWorkbook } from '../src/write/output.js';
import { renderScoreTable } from '../src/write/terminal.js';
import { validateWorkbook } from '../src/validate/workbook.js';

/** Cell text that reaches a terminal or a written cell never carries a control to interpret. */
describe('clean text', () => {
  it('removes escape sequences and controls from names, keeping the name', () => {
    expect(cleanName('\x1b[31m张三\x1b[0m')).toBe('张三');
    expect(cleanName('\x1b]0;已被篡改\x07张三')).toBe('张三');
    expect(cleanName('张\u200b三\u202e')).toBe('张三');
    expect(cleanName('张三\x00\x07\x9b')).toBe('张三');
    // the same person, however the cell was dirtied
    expect(foldKey('\x1b[1m工号\u200b')).toBe('工号');
  });

  it('makes a note one line: line breaks and tabs become spaces, other controls go', () => {
    expect(cleanText('第一行\r\n第二行\t完\x1b[2J')).toBe('第一行 第二行 完');
  });

  it('removes U+FFFE and U+FFFF, which no workbook may hold, and shows them as codes', () => {
    // a note of "\uFFFE" alone once made a result workbook that Excel and exceljs refuse to open
    expect(cleanText('迟到\ufffe说明\uffff')).toBe('迟到说明');
    expect(cleanName('张\ufffe三')).toBe('张三');
    expect(escapeControls('张\ufffe三')).toBe('张\\uFFFE三');
  });

  it('removes half a surrogate pair (a _xD800_ escape), which a workbook would hold as U+FFFD, and keeps a whole pair', () => {
    expect(cleanName('张\ud800三\udc00')).toBe('张三');
    expect(cleanText('迟到\udfff说明 𠀀')).toBe('迟到说明 𠀀');
    expect(escapeControls('张\ud800三')).toBe('张\\uD800三');
  });

  it('shows controls in echoed values as their codes', () => {
    expect(escapeControls('\x1b[2J2026-13-01\u202e')).toBe('\\x1B[2J2026-13-01\\u202E');
  });
});

/** C0 and C1 controls and DEL; a line break is allowed only where the program writes one. */
// eslint-disable-next-line no-control-regex -- finding control characters is what the test does
const CONTROLS_BUT_NEWLINE = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
// eslint-disable-next-line no-control-regex -- finding control characters is what the test does
const CONTROLS = /[\x00-\x1f\x7f-\x9f]/;

/** Strings as hostile as a cell can hold: escape sequences, controls, bidi overrides, CJK. */
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\ufffe', '\uffff', '\ud800', '\udc00', '\x1b', '\x1b[31m', '\x1b[2J', '\x1b]0;标题\x07', '\x1b]8;;http://x\x1b\\', '\x9b', '\x07', '\x00', '\x7f', '\x85', '\r', '\n', '\r\n', '\t', '\u202e', '\u200b'),
    fc.constantFrom(...'张三民政窗口说明[];0m1'),
    fc.string({ unit: 'binary', maxLength: 1 }),
  ),
  minLength: 1,
  maxLength: 10,
});

function sheet(file: string, name: string, rows: CellValue[][]): RawTable {
  return { file, sheet: name, rows: rows.map((cells, i) => ({ row: i + 1, cells })) };
}

/** Every text in the workbook's cells, rich text and formulas included. */
function cellTexts(workbook: ExcelJS.Workbook): string[] {
  const texts: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') texts.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object' && !(value instanceof Date)) Object.values(value).forEach(collect);
  };
  workbook.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => collect(cell.value))));
  return texts;
}

const october = monthPeriod(2026, 10);
const scheme = builtinScheme('bianmin-10pt');

describe('no input string reaches a terminal or a cell as a control', () => {
  // 50 random workbooks, six hostile strings each, every one written and read back
  test.prop([nasty, nasty, nasty, nasty, nasty, nasty], { numRuns: 50 })('names, units, notes, settings, headers and bad values', async (name, unit, note, centre, header, junk) => {
    chalk.level = 0; // the table's own colours are the program's, not the input's
    const file = `m${junk}.xlsx`;
    const sheets = new Map([
      ['roster', sheet(file, '人员', [['工号', '姓名', '窗口'], ['001', name, unit], ['002', '李四', '社保窗口']])],
      [
        'records',
        sheet(file, `记录${junk}`, [
          ['日期', '工号', '项目', '次数', '说明', header],
          ['2026-10-05', '001', '1.1', 1, note, junk],
          ['2026-10-06', '002', '2.1', 1, note, null],
        ]),
      ],
      ['settings', sheet(file, '设置', [['单位名称', centre]])],
    ]);
    const bad = new Map([...sheets, ['records', sheet(file, '记录', [['日期', '工号', '项目', '次数'], [junk, '001', junk, junk]])]]);

    const messages = [...validateWorkbook(file, sheets, scheme, october, { allowMissingPeer: true }).problems, ...validateWorkbook(file, bad, scheme, october, { allowMissingPeer: true }).problems].map(formatProblem);
    for (const m of messages) expect(m).not.toMatch(CONTROLS);

    const valid = validateWorkbook(file, sheets, scheme, october, { allowMissingPeer: true });
    if (!valid.input) return; // e.g. a name that is nothing but controls: reported above
    const result = scorePeriod(scheme, valid.input, { allowMissingPeer: true });
    expect(renderScoreTable(result)).not.toMatch(CONTROLS_BUT_NEWLINE);
    expect(explainSubject(result, '001').join('\n')).not.toMatch(CONTROLS_BUT_NEWLINE);

    const noticePeriod = { first: '2026-11-02' as IsoDate, last: '2026-11-06' as IsoDate, weekdaysOnly: true };
    const bytes = await resultWorkbook(result, { kaoheVersion: '0', scheme: { id: scheme.id, origin: scheme.origin, sha256: '' }, inputs: [], settings: valid.settings, noticeDate: '2026-11-02' as IsoDate, noticeDays: 5, noticePeriod, options: {}, assumptions: [] });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    // a half surrogate pair would have been written as U+FFFD (unless an input held one itself)
    const replaced = [name, unit, note, centre, header, junk].some((t) => t.includes('\ufffd')) ? CONTROLS_BUT_NEWLINE : new RegExp(`${CONTROLS_BUT_NEWLINE.source}|\ufffd`);
    for (const text of cellTexts(workbook)) expect(text).not.toMatch(replaced);
  });
});

/** Every character Excel shows as nothing, one of each range's ends and middles. */
const INVISIBLES = ['\u00ad', '\u180e', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202c', '\u202e', '\u2060', '\u2062', '\u2064', '\u2066', '\u2069', '\ufeff'];

describe('invisible characters, one definition', () => {
  it('a cell of only invisible characters (and spaces) shows nothing: it is blank', () => {
    for (const c of INVISIBLES) {
      expect(isBlankText(c)).toBe(true);
      expect(isBlankText(` ${c}\u3000${c}`)).toBe(true);
    }
    expect(isBlankText('')).toBe(true);
    expect(isBlankText('\u200b张')).toBe(false);
    // a control is no invisible character: it is shown as its code, not taken for nothing
    expect(isBlankText('\x07')).toBe(false);
  });

  // Texts led by printable ASCII or a CJK ideograph are told apart without the pattern: the range ends either side of those
  // two ranges (space, DEL, U+4DFF, U+A000) lead the others, among spaces and invisible characters.
  test.prop([fc.string({ unit: fc.constantFrom(' ', '\u3000', '\t', '!', '~', '\x7f', '\u4dff', '\u4e00', '\u9fff', '\ua000', '张', ...INVISIBLES) })])(
    'a text is blank exactly when each of its characters is a space or invisible',
    (text) => {
      expect(isBlankText(text)).toBe([...text].every((c) => /\s/.test(c) || INVISIBLES.includes(c)));
    },
  );

  it('folds them out of a name or 工号, and a header or code', () => {
    for (const c of INVISIBLES) {
      expect(cleanName(`张${c}三`)).toBe('张三');
      expect(cleanName(`00123${c}`)).toBe('00123');
      expect(foldKey(`工${c}号`)).toBe('工号');
    }
  });

  it('shows each left in an echoed value as \\uXXXX, the soft hyphen too', () => {
    // 张 U+00AD 三 echoed: 张\u00AD三 (not \xAD: that form is kept for the controls U+0000–U+009F)
    expect(escapeControls('张\u00ad三')).toBe('张\\u00AD三');
    expect(escapeControls('李四\u200d')).toBe('李四\\u200D');
    expect(escapeControls('00123\u200c')).toBe('00123\\u200C');
    expect(escapeControls('\u180e\u2063')).toBe('\\u180E\\u2063');
    expect(escapeControls('\x85')).toBe('\\x85');
  });

  it('a roster cell of only an invisible character is a required value missing at that cell; a row of nothing else is an empty row', () => {
    const file = 'm.xlsx';
    const records = sheet(file, '记录', [['日期', '工号', '项目', '次数'], ['2026-10-05', '00123', '1.1', 1]]);
    // 李四's 工号 is U+200B alone, 王五's 窗口 U+2060 alone; row 5 holds U+200E, U+00AD, U+200D only
    const roster = sheet(file, '人员', [['工号', '姓名', '窗口'], ['00123', '张三', '民政窗口'], ['\u200b', '李四', '社保窗口'], ['00125', '王五', '\u2060'], ['\u200e', '\u00ad', '\u200d']]);
    const result = validateWorkbook(file, new Map([['roster', roster], ['records', records]]), scheme, october, { allowMissingPeer: true });
    expect(result.problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.at.row, p.at.columnLetter])).toEqual([
      ['value_required', 3, 'A'],
      ['value_required', 4, 'C'],
    ]);
  });
});
