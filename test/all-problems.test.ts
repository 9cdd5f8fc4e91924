import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kaohe } from './kaohe.js';
import { peerRows, recordHeader, rosterRows, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

/** Every run lists the problems of every sheet and file at once, then writes nothing. */
const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '民政'], ['002', '李四', '财政']];

/** November 2026 for bianmin-10pt with one mistake in each of 记录, 考勤 and 请假. */
async function threeSheetsWrong(): Promise<string> {
  return writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
    人员: roster,
    记录: [recordHeader, ['2026-11-03', '001', null, null, '9.9']],
    考勤: [['工号', '日期', '时间'], ['001', '2026-11-02', '07:58'], ['001', '2026-11-02', '25:99']],
    请假: [['工号', '类型', '开始日期'], ['002', '加班', '2026-11-03']],
  });
}

const where = {
  records: '记录 › 第2行 › 项目(E列): 项目“9.9”不是本方案的代码',
  punches: '考勤 › 第3行 › 时间(C列): 时间“25:99”无法识别',
  leave: '请假 › 第2行 › 类型(B列): 请假类型“加班”无法识别',
};

describe('all problems at once', () => {
  it.each([
    ['score', ['-o', 'out.xlsx']],
    ['check', []],
    ['notice', ['-o', 'out.xlsx']],
    ['explain', ['张三']],
  ])('%s lists the problems of 记录, 考勤 and 请假 together and writes nothing', async (command, extra) => {
    const path = await threeSheetsWrong();
    const out = join(tempDir(), 'out.xlsx');
    const args = extra.map((a) => (a === 'out.xlsx' ? out : a));
    const { code, stderr } = await kaohe(command, path, '--scheme', 'bianmin-10pt', ...args);
    expect(code).toBe(1);
    expect(stderr).toContain('输入有 3 处问题');
    for (const text of Object.values(where)) expect(stderr).toContain(text);
    expect(existsSync(out)).toBe(false);
  });

  it('attendance lists the problems of 人员, 考勤 and 请假 together', async () => {
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: [...roster, ['001', '王五', '民政']],
      考勤: [['工号', '日期', '时间'], ['001', '2026-11-02', '07:58'], ['001', '2026-11-02', '25:99']],
      请假: [['工号', '类型', '开始日期'], ['002', '加班', '2026-11-03']],
    });
    const { code, stderr } = await kaohe('attendance', path);
    expect(code).toBe(1);
    expect(stderr).toContain('人员 › 第4行 › 工号(A列): 工号 001 重复');
    expect(stderr).toContain(where.punches);
    expect(stderr).toContain(where.leave);
  });

  it('checks 考勤 even without a 人员 sheet to check its people against', async () => {
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), { 考勤: [['工号', '日期', '时间'], ['001', '2026-11-02', '07:58'], ['001', '2026-11-02', '25:99']] });
    for (const args of [['attendance'], ['check', '--scheme', 'bianmin-10pt']]) {
      const { code, stderr } = await kaohe(args[0]!, path, ...args.slice(1));
      expect(code).toBe(1);
      expect(stderr).toContain('2026-11.xlsx: 缺少工作表“人员”');
      expect(stderr).toContain(where.punches);
    }
  });

  it('lists a CSV that cannot be read together with the other sheets’ problems, not as a missing sheet', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'roster.csv'), '工号,姓名,窗口\n001,张三,民政窗口\n001,李四,社保窗口\n');
    // the quote on line 3 never closes
    writeFileSync(join(dir, 'records.csv'), '日期,工号,项目\n2026-10-05,001,9.1\n2026-10-06,001,"9.1\n2026-10-07,001,9.1\n');
    writeFileSync(join(dir, 'peer.csv'), peerRows.map((r) => r.map((v) => String(v as string | number)).join(',')).join('\n'));
    const { code, stderr } = await kaohe('check', '--roster', join(dir, 'roster.csv'), '--records', join(dir, 'records.csv'), '--peer', join(dir, 'peer.csv'), '--period', '2026-10', '--scheme', 'bingcha-monthly');
    expect(code).toBe(1);
    expect(stderr).toContain('records.csv › 记录 › 第3行: 此行有一个英文引号');
    expect(stderr).toContain('roster.csv › 人员 › 第3行 › 工号(A列): 工号 001 重复');
    expect(stderr).not.toContain('缺少工作表');
  });

  it('does not report again a cell that could not be read', async () => {
    // a formula never calculated in 分值 of a 视情 item: one problem, not also "须填写分值"
    const path = await writeWorkbook(join(tempDir(), '2026-10.xlsx'), { 人员: rosterRows, 记录: [recordHeader, ['2026-10-05', '001', null, null, '7.1', null, { formula: 'A1*2' }]], 互评: peerRows });
    const { code, stderr } = await kaohe('check', path, '--scheme', 'bingcha-monthly');
    expect(code).toBe(1);
    expect(stderr).toContain('输入有 1 处问题');
    expect(stderr).toContain('记录 › 第2行 › 分值(G列): 公式 =A1*2 没有计算结果');
  });

  it('prints 200 problems and counts the rest', async () => {
    // 250 records with an unknown code: 250 errors, 200 listed
    const records: SheetRows = [recordHeader, ...Array.from({ length: 250 }, () => ['2026-10-05', '001', null, null, '9.9'])];
    const path = await writeWorkbook(join(tempDir(), '2026-10.xlsx'), { 人员: rosterRows, 记录: records, 互评: peerRows });
    const { code, stderr } = await kaohe('check', path, '--scheme', 'bingcha-monthly');
    expect(code).toBe(1);
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('输入有 250 处问题，未计分，也未写出任何文件：');
    expect(lines.filter((l) => l.startsWith('错误：'))).toHaveLength(200);
    expect(lines.at(-1)).toBe('……另有 50 处错误未列出（共 250 处）；改正以上问题后再运行，会列出其余的');
  });

  it('a year run lists every month’s problems and the annual workbook’s together', async () => {
    const dir = join(tempDir(), 'months');
    mkdirSync(dir);
    const people: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '审批科']];
    await writeWorkbook(join(dir, '2026-01.xlsx'), { 人员: people, 记录: [recordHeader, ['2026-01-05', '001', null, null, '9.9']] });
    // a month whose 人员 sheet is missing and whose 记录 has a bad date
    await writeWorkbook(join(dir, '2026-02.xlsx'), { 记录: [recordHeader, ['2026-02-30', '001', null, null, '1.1', null, 2]] });
    const annual = await writeWorkbook(join(tempDir(), '2026年度.xlsx'), {
      人员: people,
      记录: [recordHeader],
      评分: [['工号', '项目', '分数'], ['001', '2', 7], ['001', '4', 7], ['001', '5', 7]],
    });
    const { code, stderr } = await kaohe('year', dir, '--scheme', 'city-hall-annual', '--annual', annual);
    expect(code).toBe(1);
    expect(stderr).toContain('2026-01.xlsx › 记录 › 第2行 › 项目(E列): 项目“9.9”');
    expect(stderr).toContain('2026-02.xlsx: 缺少工作表“人员”');
    expect(stderr).toContain('2026-02.xlsx › 记录 › 第2行 › 日期(A列): 日期“2026-02-30”无法识别');
    // 个人总结 is out of 6
    expect(stderr).toContain('2026年度.xlsx › 评分 › 第2行 › 分数(C列): 2 个人总结情况 满分6分，填写的是 7');
  });
});
