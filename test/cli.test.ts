import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kaohe } from './kaohe.js';
import { builtinSchemeDir } from '../src/scheme/load.js';
import { peerRows, recordHeader, rosterRows, tempDir, writeWorkbook } from './workbook.js';

/** Runs the built CLI the way a clerk does (npm test builds it first). */

const demo = 'fixtures/demo/2026-10.xlsx';

describe('kaohe score on the demo month', () => {
  it('scores every window by the 栟茶镇 monthly rules (--json)', async () => {
    const { code, stdout } = await kaohe('score', demo, '--scheme', 'bingcha-monthly', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { scheme: string; period: string; subjects: { id: string; total: number; rank: number; awards: string[]; flags: string[]; items: Record<string, number> }[] };
    expect(json.scheme).toBe('bingcha-monthly');
    expect(json.period).toBe('2026-10');
    const byId = new Map(json.subjects.map((s) => [s.id, s]));
    // 社保: 100 − 0.5 (peer 95) − 3 (3 days over) + 10 (8 + 2×2 = 12, the 6-point repeat of matter BZ-2026-007 dropped, cut to 10)
    expect(byId.get('社保窗口')).toMatchObject({ total: 106.5, rank: 1, awards: ['红旗窗口'] });
    // 医保: 7 hygiene findings on the 5-point item → 0; 100 − 0.6 − 5 = 94.4
    expect(byId.get('医保窗口')).toMatchObject({ total: 94.4, rank: 10 });
    expect(byId.get('医保窗口')!.items['9']).toBe(0);
    // 税务: 5 + 7 days over on the 10-point item → 0; 100 − 0.5 − 10 = 89.5, last
    expect(byId.get('税务窗口')).toMatchObject({ total: 89.5, rank: 12 });
    // 规划建设 100 − 0.3 − 2 and 计生 100 − 0.3 − 2 tie at 97.7 for 5th: six 红旗窗口
    expect(byId.get('规划建设窗口')).toMatchObject({ total: 97.7, rank: 5, awards: ['红旗窗口（并列）'] });
    expect(byId.get('计生窗口')).toMatchObject({ total: 97.7, rank: 5, awards: ['红旗窗口（并列）'] });
    expect(json.subjects.filter((s) => s.awards.length > 0)).toHaveLength(6);
    // 残联: 吃拿卡要 −2 and 通报批评; 100 − 0.7 − 2 = 97.3
    expect(byId.get('残联窗口')).toMatchObject({ total: 97.3, flags: ['通报批评'] });
  });

  it('prints a readable table without --json', async () => {
    const { code, stdout, stderr } = await kaohe('score', demo, '--scheme', 'bingcha-monthly');
    expect(code).toBe(0);
    expect(stdout).toContain('社保窗口');
    expect(stdout).toMatch(/社保窗口\s+106\.5/);
    expect(stderr).toContain('并列');
  });

  it('scores the person demo with bianmin-10pt: 6 lates → 2, 旷工 ×5 → −2 and 通报批评', async () => {
    const { code, stdout } = await kaohe('score', 'fixtures/demo/2026-10-个人.xlsx', '--scheme', 'bianmin-10pt', '--json');
    expect(code).toBe(0);
    const subjects = (JSON.parse(stdout) as { subjects: { name: string; total: number; flags: string[] }[] }).subjects;
    expect(subjects.find((s) => s.name === '张伟')).toMatchObject({ total: 2, flags: [] });
    expect(subjects.find((s) => s.name === '罗斌')).toMatchObject({ total: -2, flags: ['通报批评'] });
  });
});

describe('--json with -o (probe16d 2)', () => {
  it('prints the one JSON document on stdout and still tells on stderr what it wrote and what the notice lacks', async () => {
    // A month without a 设置 sheet: its 公示 lacks 单位名称, 联系电话 and 发布单位, as without --json.
    const dir = tempDir();
    const input = await writeWorkbook(join(dir, '2026-10.xlsx'), { 人员: rosterRows, 记录: [recordHeader], 互评: peerRows });
    const out = join(dir, '结果.xlsx');
    const plain = await kaohe('score', input, '--scheme', 'bingcha-monthly', '-o', out);
    const json = await kaohe('score', input, '--scheme', 'bingcha-monthly', '-o', out, '--force', '--json');
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { subjects: unknown[] }).subjects).toHaveLength(3);
    expect(plain.stderr).toContain('公示上缺少单位名称');
    expect(json.stderr).toContain('公示上缺少单位名称');
    expect(json.stderr).toContain(plain.stderr.split('\n').find((l) => l.startsWith('已写出：'))!);
    expect(json.stderr).toMatch(/已写出：.*结果\.xlsx/);
  });
});

describe('the --json document’s keys (probe16d 5)', () => {
  it('score puts units before warnings, as year does: warnings last, as item-codes.md shows them', async () => {
    // bianmin-10pt looks at units (部门通报批评), so its document has units.
    const { code, stdout } = await kaohe('score', 'fixtures/demo/2026-10-个人.xlsx', '--scheme', 'bianmin-10pt', '--json');
    expect(code).toBe(0);
    expect(Object.keys(JSON.parse(stdout) as object)).toEqual(['scheme', 'period', 'subjects', 'units', 'warnings']);
  });
});

describe('kaohe score on bad input', () => {
  it('reports an unknown code, a ranged item without 分值 and an unknown name, exits 1 and writes nothing', async () => {
    const dir = tempDir();
    const input = await writeWorkbook(join(dir, '2026-10.xlsx'), {
      人员: rosterRows,
      记录: [
        recordHeader,
        ['2026-10-05', '001', null, null, '12.1'],
        ['2026-10-06', '002', null, null, '7.1'],
        ['2026-10-07', null, '赵六', null, '9.1'],
      ],
      互评: peerRows,
    });
    const out = join(dir, 'out.xlsx');
    const { code, stderr } = await kaohe('score', input, '--scheme', 'bingcha-monthly', '-o', out);
    expect(code).toBe(1);
    expect(stderr).toContain('记录 › 第2行 › 项目(E列)');
    expect(stderr).toContain('记录 › 第3行 › 分值');
    expect(stderr).toContain('记录 › 第4行 › 姓名(C列)');
    expect(stderr).toContain('未写出任何文件');
    expect(stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a user scheme with an unknown key, naming the path (exit 1: the file is an input)', async () => {
    const file = join(tempDir(), 'my-centre.yaml');
    writeFileSync(file, readFileSync(join(builtinSchemeDir, 'bingcha-monthly.yaml'), 'utf8').replace('ranking: competition', 'ranking: competition\nrank_by: total'));
    const { code, stderr } = await kaohe('score', demo, '--scheme', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/第\d+行 rank_by: 未知的键 "rank_by"/);
  });

  it('accepts a copied scheme with a renamed item and a changed number', async () => {
    const file = join(tempDir(), 'my-centre.yaml');
    const text = readFileSync(join(builtinSchemeDir, 'bingcha-monthly.yaml'), 'utf8')
      .replace('name: 卫生保洁', 'name: 窗口卫生')
      .replace("{ code: \"9.1\", name: 窗口卫生、资料摆放不达标, kind: fixed, points: 1,", "{ code: \"9.1\", name: 窗口卫生、资料摆放不达标, kind: fixed, points: 0.5,");
    writeFileSync(file, text);
    const { code, stdout } = await kaohe('score', demo, '--scheme', file, '--json');
    expect(code).toBe(0);
    // 医保: 7 × 0.5 = 3.5 of 5 → 100 − 0.6 − 3.5 = 95.9
    expect((JSON.parse(stdout) as { subjects: { id: string; total: number }[] }).subjects.find((s) => s.id === '医保窗口')!.total).toBe(95.9);
  });

  it('refuses a YAML alias bomb as a scheme at once (exit 1), without a stack trace', async () => {
    const file = join(tempDir(), 'bomb.yaml');
    // nine levels of nine aliases: 9^9 strings if expanded
    const names = 'abcdefghi'.split('');
    writeFileSync(file, names.map((n, i) => (i === 0 ? `${n}: &${n} [lol, lol, lol, lol, lol, lol, lol, lol, lol]` : `${n}: &${n} [${names.slice(0, 9).map(() => `*${names[i - 1]}`).join(', ')}]`)).join('\n'));
    for (const args of [['scheme', 'check', file], ['score', demo, '--scheme', file]]) {
      const { code, stderr } = await kaohe(...args);
      expect(code).toBe(1);
      expect(stderr).toContain('YAML 别名（*引用）过多');
      expect(stderr).not.toMatch(/at .*\.js:\d+/);
    }
  });

  it('is a usage error (exit 2) to name an unknown scheme or omit it', async () => {
    expect((await kaohe('score', demo, '--scheme', 'no-such-scheme')).code).toBe(2);
    expect((await kaohe('score', demo)).code).toBe(2);
  });
});

describe('kaohe score -o', () => {
  it('writes byte-identical files for the same input and refuses to overwrite without --force', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.xlsx');
    const b = join(dir, 'b.xlsx');
    expect((await kaohe('score', demo, '--scheme', 'bingcha-monthly', '-o', a)).code).toBe(0);
    expect((await kaohe('score', demo, '--scheme', 'bingcha-monthly', '-o', b)).code).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);

    writeFileSync(b, 'keep me');
    const refused = await kaohe('score', demo, '--scheme', 'bingcha-monthly', '-o', b);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(b, 'utf8')).toBe('keep me');
    expect((await kaohe('score', demo, '--scheme', 'bingcha-monthly', '-o', b, '--force')).code).toBe(0);
    expect(readFileSync(b).equals(readFileSync(a))).toBe(true);
  });
});

describe('kaohe schemes and kaohe scheme', () => {
  it('lists every built-in scheme, one line each', async () => {
    const { code, stdout } = await kaohe('schemes');
    expect(code).toBe(0);
    for (const id of ['bianmin-10pt', 'bingcha-halfyear', 'bingcha-monthly', 'city-hall-annual', 'city-hall-monthly', 'street-1000', 'street-1000-person']) {
      expect(stdout).toMatch(new RegExp(`^${id} `, 'm'));
    }
  });

  it('shows codes, points, rules, sources and assumptions', async () => {
    const { code, stdout } = await kaohe('scheme', 'show', 'bingcha-monthly');
    expect(code).toBe(0);
    expect(stdout).toContain('7.1   群众投诉查证属实：每次视情扣2-5分（须填分值）');
    expect(stdout).toContain('8. 人员到岗情况 — 15分，扣完为止\n     【假定】原文标题为15分而正文写"得10分"');
    // the seed's own words, damage included, and the mark on the value rebuilt from them
    expect(stdout).toContain('8.1   人员变动频繁：每次视情扣2-5分（须填分值）\n         【原文残缺，复原】原文"扣25分"超过15分大项');
    expect(stdout).toContain('出处：《栟茶镇便民服务中心月度考核办法(试行)》三(八)　原文：“人员变动频繁的，扣25分”');
    expect(stdout).toContain('红旗窗口：前5名');
    // seeds are named by their titles, never by their hashed file names
    expect(stdout).not.toMatch(/[0-9a-f]{16}\.txt/);
  });

  it('passes a copy with one item renamed and one number changed, and that copy scores a month', async () => {
    const file = join(tempDir(), 'benzhen.yaml');
    writeFileSync(
      file,
      readFileSync(join(builtinSchemeDir, 'bingcha-monthly.yaml'), 'utf8')
        .replace('name: 人员到岗情况', 'name: 在岗情况')
        .replace('{ code: "9.1", name: 窗口卫生、资料摆放不达标, kind: fixed, points: 1,', '{ code: "9.1", name: 窗口卫生、资料摆放不达标, kind: fixed, points: 0.5,'),
    );
    const check = await kaohe('scheme', 'check', file);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('检查通过');
    const scored = await kaohe('score', demo, '--scheme', file, '--json');
    expect(scored.code).toBe(0);
    // 医保: 7 × 0.5 = 3.5 → 100 − 0.6 − 3.5 = 95.9
    expect((JSON.parse(scored.stdout) as { subjects: { id: string; total: number }[] }).subjects.find((s) => s.id === '医保窗口')!.total).toBe(95.9);
  });

  it('lists every problem of a broken file with its path (exit 1)', async () => {
    const file = join(tempDir(), 'broken.yaml');
    writeFileSync(
      file,
      readFileSync(join(builtinSchemeDir, 'bingcha-monthly.yaml'), 'utf8')
        .replace('ranking: competition', 'ranking: olympic')
        .replace('{ code: "9.1", name: 窗口卫生、资料摆放不达标, kind: fixed, points: 1,', '{ code: "9.1", name: 窗口卫生、资料摆放不达标, kind: fixd, points: 1,')
        .replace('    points: 5\n', '    points: 5\n    weight: 2\n'),
    );
    const { code, stderr } = await kaohe('scheme', 'check', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/第\d+行 ranking: 取值“olympic”不对，可选：competition、dense/);
    expect(stderr).toMatch(/第\d+行 items\.8\.rules\.0\.kind: 取值“fixd”不对/);
    expect(stderr).toMatch(/第\d+行 items\.8\.weight: 未知的键 "weight"/);
  });
});

describe('--point-value (每分分值)', () => {
  it('adds 考核奖 = total × value to the monthly JSON', async () => {
    const { code, stdout } = await kaohe('score', 'fixtures/demo/2026-10-个人.xlsx', '--scheme', 'bianmin-10pt', '--json', '--point-value', '50');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { subjects: { name: string; money: number }[]; warnings: string[] };
    const subjects = json.subjects;
    // 张伟 2 × 50 = 100 元; 罗斌 −2 × 50 = −100 元
    expect(subjects.find((s) => s.name === '张伟')!.money).toBe(100);
    expect(subjects.find((s) => s.name === '罗斌')!.money).toBe(-100);
    // the seed prices a point but gives a negative month only 通报批评: the negative sum stands, said once, for 罗斌 alone
    expect(json.warnings.filter((w) => w.includes('考核奖按每分分值折合'))).toEqual(['罗斌（工号 0017）总分为负（-2分），考核奖按每分分值折合为 -100 元：原文对负分只规定通报批评，未规定是否倒扣，由班子会决定']);
  });
});
