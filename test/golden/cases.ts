import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { centre, writeMonth } from '../bench/generate.js';
import { kaohe } from '../kaohe.js';
import { recordHeader, writeWorkbook, type SheetRows } from '../workbook.js';
import { fingerprint, textDigest, type WorkbookPrint } from './fingerprint.js';

/**
 * Every kind of output kaohe writes, on the demo, on every bad-input fixture that is read right
 * (exit 0), on a bench-size month (the bench's M: 500 staff, ~42k punches, an audit of ~6,000
 * rows, so the long-table layout is covered) and on years: each workbook's fingerprint and each
 * --json text's digest. test/outputs-unchanged.test.ts compares them with test/golden/outputs.json,
 * recorded by test/golden/record.ts from main's in-memory writer before issue 17.
 */
export type Outputs = Record<string, WorkbookPrint | string>;

const NOTICE_DATE = ['--notice-date', '2026-11-23'];

interface Run {
  name: string;
  args: string[];
  /** Outputs the run writes (name → path), fingerprinted after it. */
  writes?: Record<string, string>;
  /** The run prints --json: its text is digested. */
  json?: boolean;
}

interface BadCase {
  file: string;
  args: string[];
  exit: number;
}

/** The bad-input fixtures read right, as `score -o` and `score --json` (a `check` case scored the same way). */
function badFixtureRuns(out: (name: string) => string): Run[] {
  const dir = 'fixtures/bad';
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as BadCase[];
  return cases
    .filter((c) => c.exit === 0 && (c.args[0] === 'score' || c.args[0] === 'check'))
    .flatMap((c) => {
      const args = ['score', ...c.args.slice(1).filter((a) => a !== '--json').map((a) => a.replace('{file}', join(dir, c.file)).replace('{dir}', dir))];
      const name = `bad/${c.file}`;
      return [
        { name: `${name} -o`, args: [...args, '-o', out(`${c.file}.xlsx`), ...NOTICE_DATE], writes: { [`${name}.xlsx`]: out(`${c.file}.xlsx`) } },
        { name: `${name} --json`, args: [...args, '--json'], json: true },
      ];
    });
}

/** A small year of three people (the print test's), a year by an annual scheme, and a batch. */
async function smallYears(dir: string): Promise<void> {
  const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '财政']];
  mkdirSync(join(dir, 'months', '北街'), { recursive: true });
  mkdirSync(join(dir, 'hall'), { recursive: true });
  for (let m = 1; m <= 12; m++) {
    const mm = `2026-${String(m).padStart(2, '0')}`;
    await writeWorkbook(join(dir, 'months', '北街', `${mm}.xlsx`), { 人员: roster, 记录: [recordHeader, [`${mm}-05`, '001', null, null, '1.1', 2]] });
    await writeWorkbook(join(dir, 'hall', `${mm}.xlsx`), { 人员: roster, 记录: [recordHeader, [`${mm}-05`, '001', null, null, '1.1', null, 2]] });
  }
  await writeWorkbook(join(dir, '2026年度.xlsx'), { 人员: roster, 记录: [recordHeader], 评分: [['工号', '项目', '分数'], ...['001', '002'].flatMap((id) => [[id, '2', 6], [id, '4', 8], [id, '5', 8]])] });
}

/** The bench's inputs at a size a test can afford: the M month (500 staff) and a year of 20 staff. */
async function benchInputs(dir: string): Promise<{ month: string; year: string }> {
  const month = join(dir, 'M', '2026-10.xlsx');
  mkdirSync(join(dir, 'M'), { recursive: true });
  await writeMonth(month, centre(500, 20261122 + 500), 2026, 10, 1000 * 500 + 10);
  const year = join(dir, 'S-year');
  mkdirSync(year, { recursive: true });
  const people = centre(20, 20261122 + 20);
  for (let m = 1; m <= 12; m++) await writeMonth(join(year, `2026-${String(m).padStart(2, '0')}.xlsx`), people, 2026, m, 1000 * 20 + m);
  return { month, year };
}

async function goldenRuns(dir: string): Promise<Run[]> {
  const out = (name: string) => join(dir, 'out', name);
  mkdirSync(join(dir, 'out'), { recursive: true });
  await smallYears(dir);
  const bench = await benchInputs(dir);
  const demo = 'fixtures/demo/2026-10.xlsx';
  const person = 'fixtures/demo/2026-10-个人.xlsx';
  const punches = 'fixtures/demo/2026-11-考勤.xlsx';
  const score = (name: string, args: string[]): Run[] => [
    { name: `${name} -o`, args: [...args, '-o', out(`${name}.xlsx`), ...NOTICE_DATE], writes: { [`${name}.xlsx`]: out(`${name}.xlsx`) } },
    { name: `${name} --json`, args: [...args, '--json'], json: true },
  ];
  return [
    ...score('demo', ['score', demo, '--scheme', 'bingcha-monthly', '--point-value', '50']),
    ...score('demo-person', ['score', person, '--scheme', 'bianmin-10pt']),
    ...score('demo-punches', ['score', punches, '--scheme', 'bianmin-10pt']),
    { name: 'demo notice', args: ['notice', demo, '--scheme', 'bingcha-monthly', '-o', out('notice.xlsx'), ...NOTICE_DATE], writes: { 'notice.xlsx': out('notice.xlsx') } },
    { name: 'demo attendance', args: ['attendance', punches, '-o', out('attendance.xlsx')], writes: { 'attendance.xlsx': out('attendance.xlsx') } },
    { name: 'demo template', args: ['template', '--scheme', 'bingcha-monthly', '--roster', demo, '-o', out('template.xlsx')], writes: { 'template.xlsx': out('template.xlsx') } },
    ...score('year', ['year', join(dir, 'months', '北街'), '--scheme', 'bianmin-10pt', '--point-value', '20']),
    ...score('annual', ['year', join(dir, 'hall'), '--scheme', 'city-hall-annual', '--annual', join(dir, '2026年度.xlsx')]),
    {
      name: 'batch',
      args: ['year', join(dir, 'months'), '--each', '--jobs', '1', '--scheme', 'bianmin-10pt', '-o', out('batch'), ...NOTICE_DATE],
      writes: { 'batch/北街-年度考核.xlsx': join(out('batch'), '北街-年度考核.xlsx'), 'batch/汇总.xlsx': join(out('batch'), '汇总.xlsx') },
    },
    ...badFixtureRuns(out),
    ...score('bench-M', ['score', bench.month, '--scheme', 'bianmin-10pt']),
    { name: 'bench-M attendance', args: ['attendance', bench.month, '--scheme', 'bianmin-10pt', '-o', out('bench-M-attendance.xlsx')], writes: { 'bench-M-attendance.xlsx': out('bench-M-attendance.xlsx') } },
    ...score('bench-S-year', ['year', bench.year, '--scheme', 'bianmin-10pt']),
  ];
}

/** Runs every case and fingerprints what it wrote or printed. */
export async function goldenOutputs(dir: string, only?: (name: string) => boolean): Promise<Outputs> {
  const outputs: Outputs = {};
  for (const run of await goldenRuns(dir)) {
    if (only && !only(run.name)) continue;
    const result = await kaohe(...run.args);
    if (result.code !== 0) throw new Error(`${run.args.join(' ')} exited ${result.code}:\n${result.stderr}`);
    if (run.json) outputs[run.name] = textDigest(result.stdout);
    for (const [name, path] of Object.entries(run.writes ?? {})) outputs[name] = await fingerprint(path);
  }
  return outputs;
}
