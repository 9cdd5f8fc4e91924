import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { kaohe } from './kaohe.js';
import { peerRows, recordHeader, rosterRows, tempDir, writeWorkbook } from './workbook.js';

const demo = 'fixtures/demo/2026-10.xlsx';

/** The column where descriptions start in each item line of a help section (by display width). */
function descriptionColumns(help: string): number[] {
  return help
    .split('\n示例：')[0]!
    .split('\n')
    .filter((l) => /^ {2}\S/.test(l) && / {2,}\S/.test(l.slice(2)))
    .map((l) => {
      const gap = / {2,}(?=\S)/.exec(l.slice(2))!;
      return stringWidth(l.slice(0, 2 + gap.index + gap[0].length));
    });
}

describe('help in Chinese', () => {
  it('kaohe alone shows the help on stdout and exits 0', async () => {
    const run = await kaohe();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('用法：kaohe [选项] [命令]');
    expect(run.stdout).toContain('命令：');
    expect(run.stderr).toBe('');
  });

  it.each(['', 'score', 'year', 'attendance', 'explain', 'template', 'scheme'])('kaohe %s --help: no English headings, columns aligned by display width', async (command) => {
    const run = await kaohe(...(command ? [command] : []), '--help');
    expect(run.code).toBe(0);
    for (const english of ['Usage', 'Options', 'Arguments', 'Commands', '[options]', '[command]', 'display help']) expect(run.stdout).not.toContain(english);
    expect(run.stdout).toMatch(/^用法：kaohe/);
    const columns = descriptionColumns(run.stdout);
    expect(columns.length).toBeGreaterThan(1);
    expect(new Set(columns).size).toBe(1);
  });

  it('each command lists only the options it reads', async () => {
    const attendance = (await kaohe('attendance', '--help')).stdout;
    for (const ignored of ['--records', '--peer', '--marks', '--metrics', '--monthly', '--point-value', '--json']) expect(attendance).not.toContain(ignored);
    for (const read of ['--roster', '--punches', '--leave', '--settings', '--calendar', '--scheme', '-o, --output']) expect(attendance).toContain(read);
    const notice = (await kaohe('notice', '--help')).stdout;
    for (const ignored of ['--point-value', '--json']) expect(notice).not.toContain(ignored);
    const check = (await kaohe('check', '--help')).stdout;
    for (const ignored of ['--output', '--force', '--notice-date']) expect(check).not.toContain(ignored);
  });
});

describe('errors in Chinese', () => {
  it('an unknown option suggests the nearest: --schem → --scheme', async () => {
    const run = await kaohe('score', demo, '--schem', 'bingcha-monthly');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('未知的选项 --schem，是否为 --scheme？');
  });

  it('an unknown command suggests the nearest', async () => {
    const run = await kaohe('scor', demo);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('未知的命令 scor，是否为 score？');
  });

  it('--jobs is a whole number of at least 1, and only with --each (0 was taken as 1, and without --each ignored)', async () => {
    const folder = tempDir();
    for (const jobs of ['0', '-2', '1.5', 'abc']) {
      const run = await kaohe('year', folder, '--each', '--jobs', jobs, '--scheme', 'bianmin-10pt', '-o', join(folder, '结果'));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--jobs “${jobs}” 应为正整数`);
    }
    const alone = await kaohe('year', folder, '--jobs', '2', '--scheme', 'bianmin-10pt');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--jobs 2 只在 --each');
  });

  it('a missing --scheme is named in Chinese', async () => {
    const run = await kaohe('score', demo);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('缺少必填选项 -s, --scheme <方案>');
    expect(run.stderr).not.toMatch(/[a-z]{4,} [a-z]{4,}/);
  });

  it('--hours beside a season’s flag is a usage error naming the season flags: neither is guessed for that season', async () => {
    for (const command of ['score', 'attendance']) {
      const run = await kaohe(command, demo, '--scheme', 'bianmin-10pt', '--hours', '08:30-12:00,13:30-17:30', '--summer-hours', '08:00-11:30,15:00-18:00', '--winter-hours', '08:00-11:30,14:00-17:30');
      expect([run.code, run.stderr]).toEqual([2, expect.stringContaining('--hours 是全年作息时间，又给了 --summer-hours、--winter-hours')]);
    }
  });
  it('an option given twice is a usage error: commander would keep the last value and drop the first without a word', async () => {
    // Two clocks' files given as --punches twice: keeping only 2_attlog.dat would make every arrival
    // on the front-door clock a 缺卡. Nothing is read, nothing guessed; the message points to kaohe import.
    const twice = await kaohe('score', '--roster', 'a.xlsx', '--punches', '1_attlog.dat', '--punches', '2_attlog.dat', '--scheme', 'bianmin-10pt');
    expect([twice.code, twice.stderr]).toEqual([2, expect.stringContaining('--punches 给了不止一次')]);
    expect(twice.stderr).toContain('kaohe import 文件1 文件2');
    // Any option with a value, in any command: two notice dates are two different notices.
    const dates = await kaohe('score', demo, '--scheme', 'bingcha-monthly', '--notice-date', '2026-11-02', '--notice-date', '2026-11-03');
    expect([dates.code, dates.stderr]).toEqual([2, expect.stringContaining('--notice-date 给了不止一次')]);
    expect(dates.stderr).not.toContain('kaohe import');
    // The same value twice (-p 2026-10 --period 2026-10, a wrapper adding --scheme) chooses nothing: accepted.
    const same = await kaohe('score', demo, '--scheme', 'bingcha-monthly', '--scheme', 'bingcha-monthly', '-p', '2026-10', '--period', '2026-10', '--json');
    expect(same.code, same.stderr).toBe(0);
    // Flags without a value (-f twice) change nothing and stay accepted.
    const flags = await kaohe('score', demo, '--scheme', 'bingcha-monthly', '--json', '--json');
    expect(flags.code).toBe(0);
  });
});

describe('kaohe explain', () => {
  it('explains a roster person with no records through their window', async () => {
    const dir = tempDir();
    const input = await writeWorkbook(join(dir, '2026-10.xlsx'), { 人员: rosterRows, 记录: [recordHeader, ['2026-10-05', '001', null, null, '9.1']], 互评: peerRows });
    // 王五 (003, 国土窗口) has no record: 100 − 0 + 0
    const run = await kaohe('explain', input, '--scheme', 'bingcha-monthly', '王五');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('国土窗口');
    expect(run.stdout).toContain('总分 = 基本分 100 − 扣分 0 + 加分 0 = 100');
  });

  it('works with the sheets given as CSV files', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.csv'), '工号,姓名,窗口\n001,张三,民政\n002,李四,民政\n');
    writeFileSync(join(dir, 'x.csv'), '日期,工号,项目,次数\n2026-10-05,001,1.1,2\n');
    const run = await kaohe('explain', '--roster', join(dir, 'r.csv'), '--records', join(dir, 'x.csv'), '--period', '2026-10', '--scheme', 'bianmin-10pt', '张三');
    expect(run.code).toBe(0);
    // 2 lates × 1 = 2 → 10 − 2 = 8
    expect(run.stdout).toContain('总分 = 基本分 10 − 扣分 2 + 加分 0 = 8');
  });

  it('asks for the subject when only a workbook is given', async () => {
    const run = await kaohe('explain', demo, '--scheme', 'bingcha-monthly');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('请给出要说明的对象');
  });
});

describe('settings the notice needs', () => {
  it('a notice without 单位名称, phone or issuer warns and names the 设置 keys', async () => {
    const dir = tempDir();
    const input = await writeWorkbook(join(dir, '2026-10.xlsx'), { 人员: rosterRows, 记录: [recordHeader], 互评: peerRows });
    const run = await kaohe('notice', input, '--scheme', 'bingcha-monthly', '-o', join(dir, '公示.xlsx'));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('请在“设置”表填写 单位名称、公示联系电话、公示发布单位');
  });

  it('no warning when the 设置 sheet has them', async () => {
    const run = await kaohe('notice', demo, '--scheme', 'bingcha-monthly', '-o', join(tempDir(), '公示.xlsx'));
    expect(run.stderr).not.toContain('设置”表填写');
  });

  it('kaohe notice honours --calendar for the 公示期', async () => {
    const dir = tempDir();
    const calendar = join(dir, '2027.yaml');
    writeFileSync(calendar, 'year: 2027\nsource: 测试用安排\nholidays: [2027-01-01, 2027-01-04]\nworkdays: []\n');
    const out = join(dir, '公示.xlsx');
    const run = await kaohe('notice', demo, '--scheme', 'bingcha-monthly', '-o', out, '--notice-date', '2026-12-31', '--calendar', calendar);
    expect(run.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const texts: string[] = [];
    wb.getWorksheet('公示')!.eachRow((row) => row.eachCell((c) => texts.push(c.text)));
    // 31 Dec, then 1 and 4 Jan are holidays by the file: 5, 6, 7, 8 Jan → five working days
    expect(texts.some((t) => t.includes('公示期：2026年12月31日至2027年1月8日（5个工作日）'))).toBe(true);
  });
});

describe('kaohe template --roster', () => {
  it('matches roster columns by header (a title row is not a person) and carries 设置', async () => {
    const dir = tempDir();
    const previous = await writeWorkbook(join(dir, '2026-10.xlsx'), {
      人员: [['2026年10月人员名单'], ['窗口', '姓名', '工号', '类别'], ['民政窗口', '张三', '0001', '公务员'], ['社保窗口', '李四', '0002', '事业']],
      记录: [recordHeader],
      设置: [['设置项', '值'], ['单位名称', '某镇便民服务中心'], ['公示联系电话', '0513-80000000'], ['公示天数', '7']],
    });
    const out = join(dir, '2026-11.xlsx');
    expect((await kaohe('template', '--scheme', 'bingcha-monthly', '--roster', previous, '-o', out)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const roster = wb.getWorksheet('人员')!;
    const rows: unknown[][] = [];
    roster.eachRow((row) => rows.push((row.values as unknown[]).slice(1, 5)));
    expect(rows).toEqual([
      ['工号', '姓名', '窗口', '类别'],
      ['0001', '张三', '民政窗口', '公务员'],
      ['0002', '李四', '社保窗口', '事业'],
    ]);
    const settings = new Map<string, string>();
    wb.getWorksheet('设置')!.eachRow((row) => settings.set(row.getCell(1).text, row.getCell(2).text));
    expect(settings.get('单位名称')).toBe('某镇便民服务中心');
    expect(settings.get('公示联系电话')).toBe('0513-80000000');
    expect(settings.get('公示天数')).toBe('7');
  });
});

describe('kaohe attendance shows days and occurrences', () => {
  it('罗斌: 1.5 days absent, 2 counted absences, and why they differ', async () => {
    const run = await kaohe('attendance', 'fixtures/demo/2026-11-考勤.xlsx');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const header = lines[1]!.trim().split(/\s+/);
    const luo = lines.find((l) => l.includes('罗斌'))!.trim().split(/\s+/);
    expect(luo[header.indexOf('旷工天数')]).toBe('1.5');
    expect(luo[header.indexOf('旷工次数')]).toBe('2');
    expect(run.stdout).toContain('缺勤半天记0.5天');
    expect(run.stdout).toContain('以旷工次数为准');
  });
});

describe('seed documents by title', () => {
  it('scheme show and the template’s 说明 name the 考核办法, never a hashed file name', async () => {
    const hashed = /\d{3}_[0-9a-f]{16}\.txt/;
    const shown = await kaohe('scheme', 'show', 'bingcha-halfyear');
    expect(shown.stdout).toContain('出处：《栟茶镇便民服务中心考核办法》');
    expect(shown.stdout).not.toMatch(hashed);
    const out = join(tempDir(), 't.xlsx');
    expect((await kaohe('template', '--scheme', 'bingcha-halfyear', '-o', out)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const help: string[] = [];
    wb.getWorksheet('说明')!.eachRow((row) => help.push(row.getCell(1).text));
    expect(help.join('\n')).toContain('《栟茶镇便民服务中心考核办法》');
    expect(help.join('\n')).not.toMatch(hashed);
  });

  it('scheme show says what one 次数 of 旷工半天 counts as in the year’s absence days', async () => {
    // bingcha-halfyear 3.4 旷工半天 has days_per_count 0.5: 16 次 are 8 days toward 旷工超过7天.
    const shown = (await kaohe('scheme', 'show', 'bingcha-halfyear')).stdout;
    expect(shown).toMatch(/3\.4 +旷工半天：每次扣1分（每次计0\.5天）/);
    expect(shown).not.toMatch(/3\.1 .*每次计/);
  });
});

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  /** A shell glob as a regular expression over one file name (*, ?, [..]). */
  const globRegex = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);

  it('the year example’s glob cannot match the file that example writes', () => {
    const examples = [...readme.matchAll(/^kaohe year (\S*[*?[]\S*) .*-o (\S+)/gm)];
    expect(examples.length).toBeGreaterThan(0);
    for (const [, glob, output] of examples) {
      expect(globRegex(glob!).test(output!), `${glob} matches ${output}`).toBe(false);
      expect(globRegex(glob!).test('2026-03.xlsx')).toBe(true);
    }
  });

  it('says how to put kaohe on the PATH', () => {
    expect(readme).toContain('npm link');
    expect(readme).toContain('npm install -g .');
  });

  it('npm link puts kaohe on the PATH: kaohe --version runs from another folder', () => {
    const prefix = tempDir();
    const link = spawnSync('npm', ['link', '--ignore-scripts', '--no-audit', '--no-fund', '--offline'], { encoding: 'utf8', env: { ...process.env, npm_config_prefix: prefix } });
    expect(link.status, link.stderr).toBe(0);
    const elsewhere = tempDir();
    mkdirSync(join(elsewhere, 'sub'));
    const PATH = [join(prefix, 'bin'), dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);
    const run = spawnSync('kaohe', ['--version'], { cwd: join(elsewhere, 'sub'), encoding: 'utf8', env: { ...process.env, PATH } });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe((JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string }).version);
  }, 60_000);
});
