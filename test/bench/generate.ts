/**
 * Deterministic benchmark inputs (fixed seed): a centre's month with realistic Chinese names and
 * units, seasonal punches with lates, early leaves, absences and single punches, leave, records
 * and peer ratings. Written with exceljs's streaming writer, so generating 2M punches fits in memory.
 */
import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';

/** mulberry32: a small seeded generator, so a failing case or a benchmark input can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const given = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建国', '海燕', '晓东', '志强', '红梅', '俊', '晓燕', '婷', '斌', '雪', '鹏', '慧', '宇', '欣怡', '浩然', '子涵'];
const units = ['民政', '社保', '医保', '不动产', '规划建设', '市场监管', '农经', '卫健', '残联', '司法', '税务', '公积金', '公安户政', '人才服务', '综合受理', '企业开办', '水电气', '交通', '教育', '退役军人'];

export interface Centre {
  staff: { id: string; name: string; unit: string; category: string }[];
}

/** `size` staff in `windows` windows (default one per 8 staff, at least 4). */
export function centre(size: number, seed: number, windows = Math.max(4, Math.ceil(size / 8))): Centre {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  return {
    staff: Array.from({ length: size }, (_, i) => ({
      id: String(i + 1).padStart(5, '0'),
      name: pick(surnames) + pick(given),
      unit: `${units[i % windows % units.length]}窗口${windows > units.length ? Math.floor((i % windows) / units.length) + 1 : ''}`,
      category: pick(['公务员', '事业', '事业', '派驻', '工勤']),
    })),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (minutes: number, seconds: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:${pad(seconds)}`;

/** Weekdays of a month (the harness's scheme uses the official calendar; these are the days punched). */
function weekdays(year: number, month: number): string[] {
  const days: string[] = [];
  for (let d = 1; d <= new Date(Date.UTC(year, month, 0)).getUTCDate(); d++) {
    const w = new Date(Date.UTC(year, month - 1, d)).getUTCDay();
    if (w !== 0 && w !== 6) days.push(`${year}-${pad(month)}-${pad(d)}`);
  }
  return days;
}

export interface MonthShape {
  /** Typed records per person: about ten by default (6–14). */
  recordsPerPerson?: number;
  /** Each unit rating every other (default): leave out for thousands of units, past Excel's row limit. */
  peer?: false;
}

/** Writes one month workbook; returns the number of punch rows and record rows. */
export async function writeMonth(path: string, c: Centre, year: number, month: number, seed: number, shape: MonthShape = {}): Promise<{ punches: number; records: number }> {
  const next = random(seed);
  const summer = month >= 5 && month <= 9;
  const [amStart, amEnd, pmStart, pmEnd] = summer ? [480, 690, 900, 1080] : [480, 690, 840, 1050];
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const roster = writer.addWorksheet('人员');
  roster.addRow(['工号', '姓名', '窗口', '类别']).commit();
  for (const p of c.staff) roster.addRow([p.id, p.name, p.unit, p.category]).commit();
  roster.commit();

  const records = writer.addWorksheet('记录');
  records.addRow(['日期', '工号', '姓名', '项目', '次数', '说明', '记录人']).commit();
  const days = weekdays(year, month);
  let recordRows = 0;
  for (const p of c.staff) {
    // about ten typed records per person per month (巡查: 玩游戏、开关门、交接、卫生、找不到人)
    const n = shape.recordsPerPerson ?? 6 + Math.floor(next() * 9);
    for (let r = 0; r < n; r++) {
      records.addRow([days[Math.floor(next() * days.length)], p.id, p.name, ['1.3', '1.4', '1.5', '1.6', '2.2'][Math.floor(next() * 5)], 1, '值班巡查发现', '综合科']).commit();
      recordRows += 1;
    }
  }
  records.commit();

  if (shape.peer !== false) {
    const peer = writer.addWorksheet('互评');
    peer.addRow(['评分人', '被评对象', '分数']).commit();
    const unitNames = [...new Set(c.staff.map((p) => p.unit))];
    for (const a of unitNames) for (const b of unitNames) if (a !== b) peer.addRow([a, b, 85 + Math.floor(next() * 15)]).commit();
    peer.commit();
  }

  const punches = writer.addWorksheet('考勤');
  punches.addRow(['工号', '姓名', '日期', '时间']).commit();
  let punchRows = 0;
  const leave: (string | null)[][] = [];
  for (const p of c.staff) {
    for (const day of days) {
      const roll = next();
      if (roll < 0.01) continue; // absent all day
      if (roll < 0.03) {
        leave.push([p.id, p.name, next() < 0.5 ? '事假' : '病假', day, day, '全天']);
        continue;
      }
      const late = next() < 0.03;
      const early = next() < 0.02;
      const times = [
        late ? amStart + 1 + Math.floor(next() * 20) : amStart - 15 + Math.floor(next() * 15),
        amEnd + Math.floor(next() * 15),
        pmStart - 15 + Math.floor(next() * 15),
        early ? pmEnd - 1 - Math.floor(next() * 30) : pmEnd + Math.floor(next() * 15),
      ];
      if (next() < 0.01) times.splice(1, 1); // forgot one clocking
      for (const t of times) {
        punches.addRow([p.id, p.name, day, clock(t, Math.floor(next() * 60))]).commit();
        punchRows += 1;
      }
    }
  }
  punches.commit();

  const leaveSheet = writer.addWorksheet('请假');
  leaveSheet.addRow(['工号', '姓名', '类型', '开始日期', '结束日期', '时段']).commit();
  for (const row of leave) leaveSheet.addRow(row).commit();
  leaveSheet.commit();
  const settings = writer.addWorksheet('设置');
  settings.addRow(['设置项', '值']).commit();
  settings.addRow(['单位名称', '某市政务服务中心']).commit();
  settings.commit();
  await writer.commit();
  return { punches: punchRows, records: recordRows };
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A workbook of a roster and twelve large unrelated sheets (~45 MB of XML each), written with a
 * native-zlib zip writer so it takes seconds: for checking that `template --roster` reads the
 * roster alone, inside the zip guard, in little memory.
 */
export async function writeRosterAmongBigSheets(path: string, c: Centre, sheetBytes = 45_000_000): Promise<void> {
  const { ZipWriter } = await import('./zip-writer.js');
  const zip = new ZipWriter(path);
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const names = ['人员', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月明细`)];
  const text = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
  await zip.add('[Content_Types].xml', [`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`]);
  await zip.add('_rels/.rels', [`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`]);
  await zip.add('xl/_rels/workbook.xml.rels', [`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`]);
  await zip.add('xl/workbook.xml', [`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`]);
  const roster = [['工号', '姓名', '窗口', '类别'], ...c.staff.map((p) => [p.id, p.name, p.unit, p.category])];
  await zip.add('xl/worksheets/sheet1.xml', [`<worksheet xmlns="${ns}"><sheetData>${roster.map((r, i) => `<row r="${i + 1}">${r.map((v, j) => text(`${'ABCD'[j]}${i + 1}`, v)).join('')}</row>`).join('')}</sheetData></worksheet>`]);
  for (let s = 2; s <= names.length; s++) {
    const next = random(s);
    function* pieces(): Generator<string> {
      yield `<worksheet xmlns="${ns}"><sheetData>`;
      let written = 0;
      let r = 1;
      while (written < sheetBytes) {
        let chunk = '';
        for (let k = 0; k < 500; k++, r++) {
          const p = c.staff[Math.floor(next() * c.staff.length)]!;
          chunk += `<row r="${r}">${text(`A${r}`, p.id)}${text(`B${r}`, p.name)}<c r="C${r}"><v>${46296 + (r % 30)}</v></c><c r="D${r}"><v>${(next() * 0.99).toFixed(6)}</v></c></row>`;
        }
        written += Buffer.byteLength(chunk);
        yield chunk;
      }
      yield '</sheetData></worksheet>';
    }
    await zip.add(`xl/worksheets/sheet${s}.xml`, pieces());
  }
  await zip.close();
}
