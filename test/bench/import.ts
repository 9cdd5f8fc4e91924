/**
 * The import benchmark (issue 13): a 2,000-person month, about 170,000 punches, as kaohe's own
 * template and as the same punches exported by DingTalk (原始记录, 16 columns) and by a clock's
 * software (考勤记录, 7 columns). Target: `kaohe attendance <export> --roster` within 2 × the
 * time of `kaohe attendance <template>` — the same derivation, so the ratio is the import's cost.
 * Deterministic (fixed seed); written with exceljs's streaming writer.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { centre, random } from './generate.js';
import { median } from './median.js';

const pad = (n: number) => String(n).padStart(2, '0');
const WEEKDAYS = '日一二三四五六';

export interface ImportBenchFiles {
  template: string;
  roster: string;
  dingtalk: string;
  clock: string;
  punches: number;
}

/** November 2026 for `staff` people: the template, a roster with clock numbers, and two exports of the same punches. */
export async function writeImportBench(dir: string, staff: number, seed: number): Promise<ImportBenchFiles> {
  const people = centre(staff, seed).staff.map((p, i) => ({ ...p, clockId: String(1000 + i) }));
  const next = random(seed + 1);
  const days = Array.from({ length: 30 }, (_, i) => `2026-11-${pad(i + 1)}`).filter((d) => {
    const w = new Date(`${d}T00:00:00Z`).getUTCDay();
    return w !== 0 && w !== 6;
  });
  const punches: { p: (typeof people)[number]; day: string; time: string }[] = [];
  for (const p of people) {
    for (const day of days) {
      if (next() < 0.01) continue;
      const times = [480 - 15 + Math.floor(next() * 18), 690 + Math.floor(next() * 15), 840 - 15 + Math.floor(next() * 15), 1050 - 3 + Math.floor(next() * 18)];
      for (const t of times) punches.push({ p, day, time: `${pad(Math.floor(t / 60))}:${pad(t % 60)}:${pad(Math.floor(next() * 60))}` });
    }
  }

  const rosterRows = [['工号', '姓名', '窗口', '考勤号码'], ...people.map((p) => [p.id, p.name, p.unit, p.clockId])];
  const template = await writeSheets(join(dir, '2026-11.xlsx'), [
    { name: '人员', rows: rosterRows },
    { name: '记录', rows: [['日期', '工号', '姓名', '项目']] },
    { name: '考勤', rows: [['工号', '姓名', '日期', '时间'], ...punches.map((x) => [x.p.id, x.p.name, x.day, x.time])] },
  ]);
  const rosterFile = await writeSheets(join(dir, '人员.xlsx'), [{ name: '人员', rows: rosterRows }]);
  const scheduled = (time: string) => (time < '10:00' ? '08:00' : time < '12:45' ? '11:30' : time < '16:00' ? '14:00' : '17:30');
  const dingtalkDate = (day: string) => `${day.slice(2)} 星期${WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]}`;
  const dingtalk = await writeSheets(join(dir, '钉钉原始记录.xlsx'), [
    {
      name: '原始记录',
      rows: [
        ['原始记录'],
        ['统计日期：2026-11-01 至 2026-11-30'],
        ['姓名', '考勤组', '部门', '工号', '职位', 'UserId', '考勤日期', '考勤时间', '打卡时间', '打卡结果', '打卡地址', '打卡备注', '异常打卡原因', '打卡图片', '打卡设备', '管理员修改备注'],
        ...punches.map((x) => [x.p.name, '中心考勤组', x.p.unit, x.p.id, '窗口人员', `u${x.p.clockId}`, dingtalkDate(x.day), scheduled(x.time), `${x.day} ${x.time}`, '正常', '中心大厅', null, null, null, '考勤机M2', null]),
      ],
    },
  ]);
  const clock = await writeSheets(join(dir, '考勤记录.xlsx'), [
    { name: '考勤记录', rows: [['部门', '姓名', '考勤号码', '日期时间', '机器号', '比对方式', '卡号'], ...punches.map((x) => [x.p.unit, x.p.name, x.p.clockId, `${x.day} ${x.time}`, 1, '指纹', null])] },
  ]);
  return { template, roster: rosterFile, dingtalk, clock, punches: punches.length };
}

/** Streams sheets of rows into a workbook (a month of punches does not fit exceljs's in-memory writer well). */
async function writeSheets(path: string, sheets: { name: string; rows: readonly (readonly unknown[])[] }[]): Promise<string> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name);
    for (const row of sheet.rows) ws.addRow([...row]).commit();
    ws.commit();
  }
  await book.commit();
  return path;
}

type Measure = (args: string[], script: string) => { seconds: number; cpuSeconds: number; peakMB: number };

/**
 * Times the four runs on the same punches, `rounds` times in turn (each round starting one
 * further along): the template, the DingTalk export, the clock export (kaohe attendance each),
 * and kaohe import -o of the DingTalk export. Medians; the ratio is each round's run over that
 * round's template run, then the median, so a load that comes and goes weighs on both sides.
 * Returns the table's lines and each export run's ratio (the targets).
 */
export async function runImportBench(root: string, measure: Measure, rounds: number): Promise<{ lines: string[][]; ratios: [string, number][] }> {
  const files = await writeImportBench(root, 2000, 20261127);
  const script = 'test/bench/measure.mjs';
  const runs: [string, string[]][] = [
    ['I template: attendance', ['attendance', files.template, '--period', '2026-11']],
    ['I dingtalk raw: attendance', ['attendance', files.dingtalk, '--roster', files.roster]],
    ['I clock log: attendance', ['attendance', files.clock, '--roster', files.roster, '--period', '2026-11']],
    ['I dingtalk raw: import -o', ['import', files.dingtalk, '--roster', files.roster, '-o', join(root, '导入.xlsx'), '--force']],
  ];
  const samples = runs.map(() => [] as ReturnType<Measure>[]);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < runs.length; k++) {
      const i = (r + k) % runs.length;
      samples[i]!.push(measure(runs[i]![1], script));
    }
  }
  const template = samples[0]!;
  const ratioOf = (i: number) => median(samples[i]!.map((s, r) => s.seconds / template[r]!.seconds));
  const cpuRatioOf = (i: number) => median(samples[i]!.map((s, r) => s.cpuSeconds / template[r]!.cpuSeconds));
  const lines = runs.map(([name], i) => {
    const seconds = median(samples[i]!.map((s) => s.seconds));
    return [name, String(files.punches), seconds.toFixed(2), median(samples[i]!.map((s) => s.peakMB)).toFixed(0), `${ratioOf(i).toFixed(2)} (CPU ${median(samples[i]!.map((s) => s.cpuSeconds)).toFixed(2)} s, ${cpuRatioOf(i).toFixed(2)})`, Math.round(files.punches / seconds).toLocaleString('en')];
  });
  return { lines, ratios: runs.slice(1).map(([name], i) => [name, ratioOf(i + 1)]) };
}
