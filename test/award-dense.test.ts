import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { kaohe } from './kaohe.js';
import { recordHeader, tempDir, writeWorkbook } from './workbook.js';

/**
 * Convention 5 under a scheme that chose dense ranking (中国式排名): rank ≤ N can be more than N
 * subjects with no tie at the boundary rank (1, 2, 2, 3 for three places). The subjects past the
 * places by count are past them and the committee decides; those tied with another are marked 并列 ("all tied
 * subjects are listed and marked 并列"), a sole subject past them is not (it is tied with nobody).
 */
const schemeYaml = `id: dense-three
title: 中国式排名测试办法
subject: person
period: month
base: 10
ranking: dense
decided_by: 中心主任办公会
items:
  - code: "1"
    name: 工作纪律
    type: deduction
    points: 10
    rules:
      - { code: "1.1", name: 迟到, kind: fixed, points: 1 }
awards:
  - { name: 服务之星, top: 3 }
`;

const roster = [['工号', '姓名', '窗口'], ['01', '甲', '民政'], ['02', '乙', '民政'], ['03', '丙', '社保'], ['04', '丁', '社保'], ['05', '戊', '社保']];

/** `n` 迟到 rows for a 工号 in November 2026. */
const lates = (id: string, n: number) => Array.from({ length: n }, (_, i) => [`2026-11-${String(i + 2).padStart(2, '0')}`, id, null, null, '1.1']);

async function scoredMonth(lost: Record<string, number>) {
  const dir = tempDir();
  const scheme = join(dir, 'dense-three.yaml');
  writeFileSync(scheme, schemeYaml);
  const input = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader, ...Object.entries(lost).flatMap(([id, n]) => lates(id, n))] });
  const json = await kaohe('score', input, '--scheme', scheme, '--json');
  const out = join(dir, 'out.xlsx');
  const written = await kaohe('score', input, '--scheme', scheme, '-o', out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const notice: string[] = [];
  wb.getWorksheet('公示')!.eachRow((row) => row.eachCell((cell) => notice.push(String(cell.text))));
  return { json, written, notice };
}

type Subjects = { subjects: { id: string; rank: number; awards: string[] }[]; warnings: string[] };

describe('dense ranking: a top-N award past its places by count', () => {
  it('1, 2, 2, 3 for three places: the 3rd is 4th by count, past the places and tied with nobody: unmarked, the committee decides', async () => {
    // totals: 甲 10, 乙 10 − 1 = 9, 丙 9, 丁 10 − 2 = 8, 戊 10 − 3 = 7 → dense ranks 1, 2, 2, 3, 4;
    // rank ≤ 3 is four people for three places: 甲 乙 丙 fill the three, 丁 (3rd) is 4th by count
    const { json, written, notice } = await scoredMonth({ '02': 1, '03': 1, '04': 2, '05': 3 });
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as Subjects;
    expect(result.subjects.map((s) => [s.id, s.rank, s.awards])).toEqual([
      ['01', 1, ['服务之星']],
      ['02', 2, ['服务之星']],
      ['03', 2, ['服务之星']],
      ['04', 3, ['服务之星']],
      ['05', 4, []],
    ]);
    expect(result.warnings.filter((w) => w.startsWith('服务之星'))).toEqual([
      '服务之星：中国式排名并列不占名次，前3名共4个，超过名额3个；第3名按个数排到名额边界或名额之外，请中心主任办公会研究确定',
    ]);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('服务之星：中国式排名并列不占名次');
    expect(notice).not.toContain('服务之星（并列）');
    expect(notice).toContain('注：服务之星按中国式排名前3名共4个，超过名额3个，第3名按个数排到名额边界或名额之外，由中心主任办公会研究确定。');
  });

  it('1, 2, 2, 2, 3 for three places: the tie at 2nd crosses the places and is marked; the sole 3rd past them is not', async () => {
    // totals 10, 9, 9, 9, 8 → ranks 1, 2, 2, 2, 3: all five have rank ≤ 3; by count 乙 丙 丁 hold
    // places 2–4 and 戊 place 5: both ranks 2 and 3 reach past the 3rd place; the three 2nds are tied (marked), 戊 is alone
    const { json } = await scoredMonth({ '02': 1, '03': 1, '04': 1, '05': 2 });
    const result = JSON.parse(json.stdout) as Subjects;
    expect(result.subjects.map((s) => s.awards[0])).toEqual(['服务之星', '服务之星（并列）', '服务之星（并列）', '服务之星（并列）', '服务之星']);
    expect(result.warnings.filter((w) => w.startsWith('服务之星'))).toEqual([
      '服务之星：中国式排名并列不占名次，前3名共5个，超过名额3个；第2、3名按个数排到名额边界或名额之外（其中与人并列的3个标注“并列”），请中心主任办公会研究确定',
    ]);
  });

  it('1, 2, 3, 3 for three places: a tie at the boundary rank reads as with competition ranks', async () => {
    // totals 10, 9, 8, 8, 7 → ranks 1, 2, 3, 3, 4: 丙 and 丁 share 3rd for the last place
    const { json, notice } = await scoredMonth({ '02': 1, '03': 2, '04': 2, '05': 3 });
    const result = JSON.parse(json.stdout) as Subjects;
    expect(result.subjects.map((s) => s.awards[0] ?? null)).toEqual(['服务之星', '服务之星', '服务之星（并列）', '服务之星（并列）', null]);
    expect(result.warnings.filter((w) => w.startsWith('服务之星'))).toEqual(['服务之星：第3名并列，共4个超过名额3个，标注“并列”，请中心主任办公会研究确定']);
    expect(notice).toContain('注：服务之星第3名并列，共4个，超过名额3个，由中心主任办公会研究确定。');
  });

  it('1, 2, 3, 4, 4 for three places: exactly three have rank ≤ 3, nobody is marked', async () => {
    // totals 10, 9, 8, 7, 7 → dense ranks 1, 2, 3, 4, 4
    const { json } = await scoredMonth({ '02': 1, '03': 2, '04': 3, '05': 3 });
    const result = JSON.parse(json.stdout) as Subjects;
    expect(result.subjects.map((s) => s.awards[0] ?? null)).toEqual(['服务之星', '服务之星', '服务之星', null, null]);
    expect(result.warnings.filter((w) => w.startsWith('服务之星'))).toEqual([]);
  });
});
