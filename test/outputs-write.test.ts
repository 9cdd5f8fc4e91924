import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kaohe } from './kaohe.js';
import { tempDir } from './workbook.js';

/**
 * Writes that cannot lose data. In-process runs where a run's words and files are enough; real
 * processes where the test needs one: signals, several writers at once, a file size limit, a
 * closed pipe.
 */
const demo = 'fixtures/demo/2026-10.xlsx';
const bin = resolve('bin/kaohe.js');

function copyDemo(dir: string, name = '2026-10.xlsx'): { path: string; bytes: Buffer } {
  const path = join(dir, name);
  copyFileSync(demo, path);
  return { path, bytes: readFileSync(path) };
}

const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.includes('kaohe-lock'));

describe('an output that is an input is refused, with or without --force', () => {
  it('the input itself, by another spelling (dir/sub/../X), through a symlinked folder, and a hard link', async () => {
    const dir = tempDir();
    const { path, bytes } = copyDemo(dir);
    mkdirSync(join(dir, 'sub'));
    const elsewhere = tempDir();
    symlinkSync(dir, join(elsewhere, 'via'));
    linkSync(path, join(dir, 'hard.xlsx'));
    for (const target of [path, join(dir, 'sub', '..', '2026-10.xlsx'), join(elsewhere, 'via', '2026-10.xlsx'), join(dir, 'hard.xlsx')]) {
      for (const force of [[], ['--force']]) {
        const run = await kaohe('score', path, '--scheme', 'bingcha-monthly', '-o', target, ...force);
        expect(run.code, target).toBe(2);
        expect(run.stderr).toContain('它就是输入文件');
      }
    }
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('template --roster X -o X --force keeps last month’s workbook', async () => {
    const dir = tempDir();
    const { path, bytes } = copyDemo(dir);
    const run = await kaohe('template', '--scheme', 'bingcha-monthly', '--roster', path, '-o', path, '--force');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('它就是输入文件');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('a CSV input of a folder run', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '人员.csv'), '工号,姓名,窗口\n001,张三,民政\n');
    writeFileSync(join(dir, '记录.csv'), '日期,工号,项目\n2026-10-05,001,1.1\n');
    const before = readFileSync(join(dir, '记录.csv'));
    const run = await kaohe('score', dir, '--scheme', 'bianmin-10pt', '--period', '2026-10', '-o', join(dir, '记录.csv'), '--force');
    expect(run.code).toBe(2);
    expect(readFileSync(join(dir, '记录.csv')).equals(before)).toBe(true);
  });
});

describe('--force replaces regular files only', () => {
  it('refuses a folder, a FIFO and a device', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'folder.xlsx'));
    execFileSync('mkfifo', [join(dir, 'pipe.xlsx')]);
    for (const [target, kind] of [
      [join(dir, 'folder.xlsx'), '文件夹'],
      [join(dir, 'pipe.xlsx'), '命名管道'],
    ] as const) {
      const run = await kaohe('notice', demo, '--scheme', 'bingcha-monthly', '-o', target, '--force');
      expect(run.code, target).toBe(2);
      expect(run.stderr).toContain(`是${kind}，不是普通文件`);
    }
    expect(statSync(join(dir, 'pipe.xlsx')).isFIFO()).toBe(true);
    expect(statSync(join(dir, 'folder.xlsx')).isDirectory()).toBe(true);
    // a device: a symlink named .xlsx pointing at /dev/null
    symlinkSync('/dev/null', join(dir, 'device.xlsx'));
    const device = await kaohe('notice', demo, '--scheme', 'bingcha-monthly', '-o', join(dir, 'device.xlsx'), '--force');
    expect(device.code).toBe(2);
    expect(device.stderr).toContain('是设备，不是普通文件');
  });

  it('replaces a regular file, leaving nothing else behind', async () => {
    const dir = tempDir();
    const out = join(dir, '公示.xlsx');
    writeFileSync(out, 'old');
    expect((await kaohe('notice', demo, '--scheme', 'bingcha-monthly', '-o', out, '--force', '--notice-date', '2026-11-23')).code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(dir)).toEqual(['公示.xlsx']);
  });
});

describe('the output format follows the extension', () => {
  it('refuses .pdf, .json for a notice, and no extension, listing what the command writes', async () => {
    const dir = tempDir();
    const cases: [string[], string][] = [
      [['notice', demo, '--scheme', 'bingcha-monthly', '-o', join(dir, 'n.json')], 'kaohe notice 可写出 .xlsx（公示工作簿）'],
      [['notice', demo, '--scheme', 'bingcha-monthly', '-o', join(dir, 'n.pdf')], 'kaohe notice 可写出 .xlsx'],
      [['score', demo, '--scheme', 'bingcha-monthly', '-o', join(dir, 's.pdf')], '.xlsx（得分表、公示、扣分明细、说明工作簿）、.csv（得分表）、.json'],
      [['attendance', 'fixtures/demo/2026-11-考勤.xlsx', '-o', join(dir, 'a.json')], '.xlsx（考勤汇总、考勤明细工作簿）、.csv（考勤汇总）'],
      [['year', dir, '--scheme', 'bianmin-10pt', '-o', join(dir, 'y.pdf')], 'kaohe year 可写出'],
      [['template', '--scheme', 'bianmin-10pt', '-o', join(dir, 't')], 'kaohe template 可写出 .xlsx'],
    ];
    for (const [args, words] of cases) {
      const run = await kaohe(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(words);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes CSV for attendance -o x.csv and JSON for score -o x.json', async () => {
    const dir = tempDir();
    expect((await kaohe('attendance', 'fixtures/demo/2026-11-考勤.xlsx', '-o', join(dir, 'a.csv'))).code).toBe(0);
    const csv = readFileSync(join(dir, 'a.csv'), 'utf8');
    expect(csv.startsWith('\ufeff工号,姓名,窗口,应出勤天数')).toBe(true);
    expect((await kaohe('score', demo, '--scheme', 'bingcha-monthly', '-o', join(dir, 's.json'))).code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')) as { scheme: string; subjects: { id: string; total: number }[] };
    expect(json.scheme).toBe('bingcha-monthly');
    expect(json.subjects.find((s) => s.id === '社保窗口')!.total).toBe(106.5);
  });
});

describe('outputs name inputs by name and hash', () => {
  it('gives the same bytes for the same input given by a relative and an absolute path, from another folder', async () => {
    const dir = tempDir();
    const { path } = copyDemo(dir);
    const a = join(dir, 'a.xlsx');
    expect((await kaohe('score', demo, '--scheme', 'bingcha-monthly', '-o', a, '--notice-date', '2026-11-23')).code).toBe(0);
    const b = join(dir, 'b.xlsx');
    // the same run from the input's folder, naming it relatively (test files run in child processes, which may change folder)
    const here = process.cwd();
    process.chdir(dir);
    try {
      expect((await kaohe('score', '2026-10.xlsx', '--scheme', 'bingcha-monthly', '-o', b, '--notice-date', '2026-11-23')).code).toBe(0);
    } finally {
      process.chdir(here);
    }
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(path).equals(readFileSync(demo))).toBe(true);
  });
});

describe('concurrent writers', () => {
  it('ten runs writing one output at once: exactly one wins, nine say why', async () => {
    const dir = tempDir();
    // JSON, so ten processes start without the workbook writer; the write itself is the same for every format.
    const out = join(dir, '结果.json');
    // Each run pauses 300 ms mid-write, so the ten overlap at the write itself.
    const runs = await Promise.all(
      Array.from(
        { length: 10 },
        () =>
          new Promise<{ code: number | null; stderr: string }>((done) => {
            const child = spawn(process.execPath, [bin, 'score', demo, '--scheme', 'bingcha-monthly', '-o', out], { env: { ...process.env, KAOHE_TEST_WRITE_PAUSE_MS: '300' } });
            let stderr = '';
            child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
            child.on('close', (code) => done({ code, stderr }));
          }),
      ),
    );
    expect(runs.filter((r) => r.code === 0)).toHaveLength(1);
    const losers = runs.filter((r) => r.code !== 0);
    expect(losers).toHaveLength(9);
    for (const r of losers) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/另一个 kaohe 正在写出|输出文件已存在|刚被另一个运行写出/);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    }
    expect(readdirSync(dir)).toEqual(['结果.json']);
    // the winner's file is whole: 社保窗口's 106.5 as worked out in README's demo
    const json = JSON.parse(readFileSync(out, 'utf8')) as { subjects: { id: string; total: number }[] };
    expect(json.subjects.find((s) => s.id === '社保窗口')!.total).toBe(106.5);
  }, 60_000);
});

describe('concurrent writers in one process', () => {
  it('ten runs started together: one writes, nine are refused', async () => {
    const dir = tempDir();
    const out = join(dir, '公示.xlsx');
    const runs = await Promise.all(Array.from({ length: 10 }, () => kaohe('notice', demo, '--scheme', 'bingcha-monthly', '-o', out, '--notice-date', '2026-11-23')));
    expect(runs.filter((r) => r.code === 0)).toHaveLength(1);
    expect(runs.filter((r) => r.code === 2)).toHaveLength(9);
    expect(readdirSync(dir)).toEqual(['公示.xlsx']);
  }, 60_000);
});

/** Starts a run that pauses mid-write, waits for its temporary file, and signals it. */
async function interrupt(signal: NodeJS.Signals): Promise<{ dir: string; code: number | null; sawTemp: boolean }> {
  const dir = tempDir();
  const child = spawn(process.execPath, [bin, 'score', demo, '--scheme', 'bingcha-monthly', '-o', join(dir, 'r.xlsx')], { env: { ...process.env, KAOHE_TEST_WRITE_PAUSE_MS: '5000' } });
  let sawTemp = false;
  for (let i = 0; i < 300 && !sawTemp; i++) {
    await new Promise((r) => setTimeout(r, 50));
    sawTemp = readdirSync(dir).some((n) => n.endsWith('.tmp'));
  }
  child.kill(signal);
  const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
  return { dir, code, sawTemp };
}

describe('interrupted and failed writes leave nothing behind', () => {
  it('Ctrl-C (SIGINT) mid-write: no .tmp, no output, exit 130', async () => {
    const { dir, code, sawTemp } = await interrupt('SIGINT');
    expect(sawTemp).toBe(true);
    expect(code).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);

  it('SIGTERM mid-write: the same, exit 143', async () => {
    const { dir, code, sawTemp } = await interrupt('SIGTERM');
    expect(sawTemp).toBe(true);
    expect(code).toBe(143);
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);

  it('a run killed outright (SIGKILL) leaves a temp file; the next run to that folder removes it', async () => {
    const { dir, sawTemp } = await interrupt('SIGKILL');
    expect(sawTemp).toBe(true);
    expect(leftovers(dir).length).toBeGreaterThan(0);
    // the lock of the dead run is stale too: the next run takes it over
    const next = await kaohe('notice', demo, '--scheme', 'bingcha-monthly', '-o', join(dir, 'r.xlsx'), '--notice-date', '2026-11-23');
    expect(next.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['r.xlsx']);
  }, 30_000);

  it('a write that hits the file size limit (ulimit -f) part-way: a clear error, no .tmp, no output', () => {
    const dir = tempDir();
    const out = join(dir, 'r.xlsx');
    const run = spawnSync('sh', ['-c', `ulimit -f 8 && exec "${process.execPath}" "${bin}" score "${resolve(demo)}" --scheme bingcha-monthly -o "${out}"`], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('超出系统允许的文件大小');
    expect(run.stderr).toContain('没有留下不完整的文件');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a closed pipe on stdout', () => {
  it('kaohe score --json | (reader gone) ends quietly with exit 0', () => {
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" score "${resolve(demo)}" --scheme bingcha-monthly --json | true; echo "exit=\${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
    expect(run.stderr).toContain('exit=0');
    expect(run.stderr).not.toContain('EPIPE');
  });
});

describe('existing outputs', () => {
  it('are kept without --force, and named', async () => {
    const dir = tempDir();
    const out = join(dir, 'x.xlsx');
    writeFileSync(out, 'keep');
    const run = await kaohe('notice', demo, '--scheme', 'bingcha-monthly', '-o', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`输出文件已存在：${out}`);
    expect(readFileSync(out, 'utf8')).toBe('keep');
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('-o ""', () => {
  it.each([
    ['score', demo, '--scheme', 'bingcha-monthly'],
    ['notice', demo, '--scheme', 'bingcha-monthly'],
    ['attendance', 'fixtures/demo/2026-11-考勤.xlsx'],
    ['template', '--scheme', 'bingcha-monthly'],
    ['import', 'fixtures/exports/刷卡记录.csv'],
    ['year', 'fixtures/demo', '--scheme', 'bianmin-10pt'],
  ])('%s: a usage error (exit 2) before any work, as for every command', async (...args) => {
    // score and attendance took "" for no -o: they scored, printed the table and wrote nothing (exit 0).
    const run = await kaohe(...args, '-o', '');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });
});

describe('a long output name', () => {
  it('that the file system takes is written: the temporary and lock names do not add to it', async () => {
    // 83 Chinese characters are 83 × 3 = 249 bytes in UTF-8, with .xlsx 254: under the 255-byte
    // limit of a name; the temporary name used to add ~30 bytes to it (ENAMETOOLONG).
    const dir = tempDir();
    const out = join(dir, `${'测'.repeat(83)}.xlsx`);
    const run = await kaohe('score', demo, '--scheme', 'bingcha-monthly', '-o', out, '--notice-date', '2026-11-23');
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual([`${'测'.repeat(83)}.xlsx`]);
  });
});

describe('an output name longer than the file system takes', () => {
  it('is said in Chinese, exit 2, nothing left behind', async () => {
    // 90 Chinese characters are 270 bytes in UTF-8, past the 255-byte limit of a name
    const dir = tempDir();
    const run = await kaohe('score', demo, '--scheme', 'bingcha-monthly', '-o', join(dir, `${'测'.repeat(90)}.xlsx`), '--notice-date', '2026-11-23');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('文件名太长');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('several outputs of one run (year --each)', () => {
  it('are all written or none: a folder that fails on the second leaves the first unwritten, and no lock or .tmp', async () => {
    const { writeOutputs } = await import('../src/write/safe-write.js');
    const dir = tempDir();
    const first = join(dir, '北街-年度考核.xlsx');
    const second = join(dir, '不存在的文件夹', '汇总.xlsx');
    await expect(writeOutputs([{ target: first, content: 'a' }, { target: second, content: 'b' }], { force: false, inputs: [] })).rejects.toMatchObject({ code: 'output_folder', args: { reason: 'ENOENT' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('are all refused when one exists, before any is written', async () => {
    const { writeOutputs } = await import('../src/write/safe-write.js');
    const dir = tempDir();
    writeFileSync(join(dir, 'b.xlsx'), 'old');
    await expect(writeOutputs([{ target: join(dir, 'a.xlsx'), content: 'a' }, { target: join(dir, 'b.xlsx'), content: 'b' }], { force: false, inputs: [] })).rejects.toMatchObject({ code: 'output_exists', args: { path: join(dir, 'b.xlsx') } });
    expect(readdirSync(dir)).toEqual(['b.xlsx']);
  });
});
