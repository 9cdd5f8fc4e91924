import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notAFileProblem } from '../src/core/files.js';
import { kaohe } from './kaohe.js';
import { tempDir } from './workbook.js';

/**
 * A named pipe, device or folder where a file is expected is refused at once: opening a pipe
 * waits for a writer forever. The runs are in-process, each raced against a timer; should one
 * open its pipe after all, the test opens the pipe's other end so the run can finish, and fails.
 * One case also runs as a real process, the way a clerk meets it.
 */
const dir = tempDir();
const fifos: string[] = [];
const fifo = (name: string) => {
  const path = join(dir, name);
  spawnSync('mkfifo', [path]);
  fifos.push(path);
  return path;
};
const demo = 'fixtures/demo/2026-10.xlsx';
const TIMEOUT_MS = 5_000;

async function kaoheGuarded(args: string[]): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), TIMEOUT_MS)));
  const run = kaohe(...args);
  const first = await Promise.race([run, late]);
  clearTimeout(timer);
  if (first !== 'late') return { code: first.code, stderr: first.stderr, timedOut: false };
  // Free a reader stuck on a pipe: open the writing end and close it at once (end of file).
  for (const path of fifos) {
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: nobody is reading this pipe
    }
  }
  const { code, stderr } = await run;
  return { code, stderr, timedOut: true };
}

function kaoheProcess(args: string[]): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/kaohe.js', ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });
}

describe('inputs that are not files', () => {
  it('tells a pipe, a device and a folder from a file, and lets a missing path through to its reader', () => {
    const pipe = fifo('probe.fifo');
    expect(notAFileProblem(pipe)?.args).toEqual({ kind: 'fifo' });
    expect(notAFileProblem('/dev/null')?.args).toEqual({ kind: 'device' });
    expect(notAFileProblem(dir)?.args).toEqual({ kind: 'folder' });
    expect(notAFileProblem(dir, { folderAllowed: true })).toBeNull();
    expect(notAFileProblem(demo)).toBeNull();
    expect(notAFileProblem(join(dir, 'nothing-here.xlsx'))).toBeNull();
  });

  const folder = join(dir, 'a-folder.csv');
  mkdirSync(folder);
  const records = join(dir, 'records.csv');
  writeFileSync(records, '日期,工号,项目\n2026-10-05,001,9.1\n');
  const cases: [string, string[], string][] = [
    ['the workbook', ['score', fifo('2026-10.xlsx'), '--scheme', 'bingcha-monthly'], '2026-10.xlsx: 这是命名管道（FIFO）'],
    ['a device as the workbook', ['check', '/dev/null', '--scheme', 'bingcha-monthly', '--period', '2026-10'], '/dev/null: 这是设备文件'],
    ['a CSV flag', ['check', '--roster', fifo('roster.csv'), '--records', records, '--period', '2026-10', '--scheme', 'bingcha-monthly'], 'roster.csv › 人员: 这是命名管道（FIFO）'],
    ['a folder as a CSV flag', ['check', '--roster', folder, '--records', records, '--period', '2026-10', '--scheme', 'bingcha-monthly'], 'a-folder.csv › 人员: 这是文件夹'],
    ['--scheme', ['score', demo, '--scheme', fifo('scheme.yaml')], 'scheme.yaml: 这是命名管道（FIFO）'],
    ['--calendar', ['score', demo, '--scheme', 'bingcha-monthly', '--calendar', fifo('calendar.yaml')], 'calendar.yaml: 这是命名管道（FIFO）'],
    ['--annual', ['year', join(dir, 'months'), '--scheme', 'city-hall-annual', '--annual', fifo('2026年度.xlsx')], '2026年度.xlsx: 这是命名管道（FIFO）'],
    ['attendance', ['attendance', fifo('2026-11.xlsx')], '2026-11.xlsx: 这是命名管道（FIFO）'],
    ['template --roster', ['template', '--scheme', 'bingcha-monthly', '-o', join(dir, 'out.xlsx'), '--roster', fifo('last.xlsx')], 'last.xlsx: 这是命名管道（FIFO）'],
  ];
  // a year needs a month to reach the annual workbook
  mkdirSync(join(dir, 'months'));
  spawnSync('cp', [demo, join(dir, 'months', '2026-10.xlsx')]);

  describe.each(cases)('%s', (_, args, where) => {
    it('is refused at once with exit 1, naming the path', { timeout: TIMEOUT_MS + 5_000 }, async () => {
      const { code, stderr, timedOut } = await kaoheGuarded(args);
      expect(timedOut).toBe(false);
      expect(code).toBe(1);
      expect(stderr).toContain(where);
      expect(existsSync(join(dir, 'out.xlsx'))).toBe(false);
    });
  });

  it('the built command refuses a pipe as the workbook in a real process', { timeout: TIMEOUT_MS + 5_000 }, async () => {
    const { code, stderr, timedOut } = await kaoheProcess(cases[0]![1]);
    expect([timedOut, code]).toEqual([false, 1]);
    expect(stderr).toContain(cases[0]![2]);
  });
});

describe('a folder or a path ending in a slash where kaohe expected something else', () => {
  const base = tempDir();
  /** A folder holding only the demo workbook, as a clerk makes one per month. */
  const bookOnly = join(base, '十月');
  mkdirSync(bookOnly);
  spawnSync('cp', [demo, join(bookOnly, '2026-10.xlsx')]);
  const empty = join(base, '空');
  mkdirSync(empty);

  it('says a folder holds no table CSV, naming the workbook in it, before asking for the period', async () => {
    for (const path of [bookOnly, `${bookOnly}/`]) {
      const run = await kaohe('score', path, '--scheme', 'bingcha-monthly');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('文件夹中没有各表的 CSV 文件');
      expect(run.stderr).toContain('2026-10.xlsx');
      expect(run.stderr).not.toContain('--period');
    }
  });

  it('says it once, not with a 缺少工作表 for each sheet, when the period is given', async () => {
    const run = await kaohe('check', bookOnly, '--scheme', 'bingcha-monthly', '--period', '2026-10');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('输入有 1 处问题');
    expect(run.stderr).not.toContain('缺少工作表');
  });

  it('says an empty folder is empty of table CSV files too', async () => {
    const run = await kaohe('score', `${empty}/`, '--scheme', 'bingcha-monthly');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('文件夹中没有各表的 CSV 文件');
  });

  it('says a file named with a slash at the end is a file, not a folder', async () => {
    const path = `${join(bookOnly, '2026-10.xlsx')}/`;
    expect(notAFileProblem(path)?.args).toEqual({ kind: 'file_as_folder' });
    const run = await kaohe('score', path, '--scheme', 'bingcha-monthly');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('末尾多了“/”');
    const year = await kaohe('year', path, '--scheme', 'bingcha-monthly', '--partial');
    expect(year.code).toBe(1);
    expect(year.stderr).toContain('末尾多了“/”');
  });
});
