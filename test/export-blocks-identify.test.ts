import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExports } from '../src/import/read-exports.js';
import { columnLetter } from '../src/read/table.js';
import { cell, row, writeRawXlsx } from './raw-xlsx.js';
import { tempDir } from './workbook.js';

/**
 * The KQ803 person-block profile (zkteco-blocks) identifies a sheet by 工号 and 姓名 in a row: a
 * block's label row has each label followed by its value (工 号: 12 … 姓 名: 张一), while a roster
 * or a records sheet names its columns side by side, and is not a KQ803 report. Invented people.
 */
const november = { context: { first: '2026-11-01', last: '2026-11-30' } } as Parameters<typeof readExports>[1];

/** A row of texts (and numbers) from column A, blanks as null. */
function cells(r: number, values: readonly (string | number | null)[]): string {
  const ref = (i: number) => `${columnLetter(i)}${r}`;
  return row(r, values.flatMap((v, i) => (v === null ? [] : [typeof v === 'number' ? cell.number(ref(i), v) : cell.text(ref(i), v)])));
}

async function sheet(name: string, rows: string): Promise<string> {
  return writeRawXlsx(join(tempDir(), `${name}.xlsx`), { sheets: [{ name: 'Sheet1', rows }] });
}

const recognisedAs = async (path: string) => {
  const data = await readExports([path], november);
  return { profiles: data.recognised.map((r) => r.profile.id), problems: data.problems.map((p) => p.code) };
};

describe('what the KQ803 person-block profile claims', () => {
  it('does not claim a roster (工号 姓名 部门 side by side): the export is unrecognised', async () => {
    const path = await sheet('人员', cells(1, ['工号', '姓名', '部门']) + cells(2, ['001', '张一', '民政']) + cells(3, ['002', '李二', '社保']));
    expect(await recognisedAs(path)).toEqual({ profiles: [], problems: ['export_unrecognised'] });
  });

  it('does not claim a records sheet whose 工号 is followed by another column name', async () => {
    const path = await sheet('记录', cells(1, ['日期', '工号', '姓名', '项目', '次数']) + cells(2, ['2026-11-09', '001', '张一', '1.1', 1]));
    expect(await recognisedAs(path)).toEqual({ profiles: [], problems: ['export_unrecognised'] });
  });

  it('still reads a KQ803 report: day numbers, then a label row with values and a row of times', async () => {
    const days = Array.from({ length: 30 }, (_, i) => i + 1);
    const times = Array.from({ length: 30 }, (_, i) => (i === 2 ? '08:0117:32' : null));
    const path = await sheet('KQ803', cells(1, ['考 勤 记 录 表']) + cells(2, days) + cells(3, ['工 号:', 12, null, '姓 名:', '张一', null, '部 门:', '民政']) + cells(4, times));
    const data = await readExports([path], november);
    expect(data.recognised.map((r) => r.profile.id)).toEqual(['zkteco-blocks']);
    // Day 3 (column C) holds 08:01 and 17:32 run together: two punches on 2026-11-03.
    expect(data.punches.map((p) => [p.date, p.at])).toEqual([
      ['2026-11-03', 8 * 3600 + 60],
      ['2026-11-03', 17 * 3600 + 32 * 60],
    ]);
  });

  it('reads a block whose person was enrolled without a name: 姓 名: followed by a blank cell (xlsx: no cell; CSV: an empty one)', async () => {
    const days = Array.from({ length: 30 }, (_, i) => i + 1);
    const times = Array.from({ length: 30 }, (_, i) => (i === 2 ? '08:0117:32' : null));
    const xlsx = await sheet('KQ803', cells(1, ['考 勤 记 录 表']) + cells(2, days) + cells(3, ['工 号:', 12, null, '姓 名:', null, null, '部 门:', '民政']) + cells(4, times));
    const csv = join(tempDir(), 'KQ803.csv');
    const line = (values: readonly (string | number | null)[]) => values.map((v) => v ?? '').join(',');
    writeFileSync(csv, [line(['考 勤 记 录 表']), line(days), line(['工 号:', 12, '', '姓 名:', '', '', '部 门:', '民政']), line(times)].join('\r\n') + '\r\n');
    for (const path of [xlsx, csv]) {
      const data = await readExports([path], november);
      expect(data.recognised.map((r) => r.profile.id)).toEqual(['zkteco-blocks']);
      // Day 3 holds 08:01 and 17:32: two punches on 2026-11-03, keyed by the clock number 12 (no name).
      expect(data.punches.map((p) => [p.person, p.date, p.at])).toEqual([
        ['clock:12', '2026-11-03', 8 * 3600 + 60],
        ['clock:12', '2026-11-03', 17 * 3600 + 32 * 60],
      ]);
      // The 部门 after the blank is not taken for the name (it was: 12 民政 民政).
      expect([...data.people.values()].map((p) => [p.name, p.unit])).toEqual([['', '民政']]);
    }
  });
});
