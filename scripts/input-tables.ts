/**
 * The README's input tables (section 工作簿格式), generated from the one declaration of the input
 * contract (src/core/input-sheets.ts) so the two cannot drift; test/input-contract.test.ts checks
 * the README holds exactly this text.
 *   npm run readme-tables    # rewrite the block between the markers in README.md
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inputSheets, settingDeclarations, type SheetDeclaration, type SheetRole } from '../src/core/input-sheets.js';
import { templateText } from '../src/messages/template.js';

export const BEGIN = '<!-- 输入表：由 npm run readme-tables 从 src/core/input-sheets.ts 生成，请勿手改 -->';
export const END = '<!-- 输入表结束 -->';

/** When a sheet is needed: README prose, by role. */
const needed: Record<SheetRole, string> = {
  roster: '必需',
  records: '必需',
  peer: '方案有互评项时必需',
  marks: '方案有考评小组评分项时必需',
  metrics: '方案有比率项（如办结率）时必需',
  monthly: '年度方案未给出各月工作簿时必需',
  punches: '可选；也可直接给考勤机、钉钉、企业微信的导出文件',
  leave: '可选',
  shifts: '可选；与方案作息不同的班次和休息日',
  covers: '方案有临时替岗时可选',
  settings: '可选；第一列为设置项，第二列为值',
};

const cell = (text: string) => text.replaceAll('|', '\\|');

function sheetTable(sheet: SheetDeclaration): string[] {
  const [name, ...aliases] = sheet.names;
  const who = `${templateText.who.person}（按个人考核）；${templateText.who.unit}（按窗口考核）`;
  return [
    `**${name}**（${needed[sheet.role]}${aliases.length > 0 ? `；工作表也可命名为 ${aliases.join('、')}` : ''}）`,
    '',
    '| 列 | 也可写作 | 必填 | 说明 |',
    '|---|---|---|---|',
    ...sheet.columns.map((c) => `| ${cell(c.headers[0]!)} | ${cell(c.headers.slice(1).join('、'))} | ${c.required ? '是' : ''} | ${cell(c.help === 'who' ? who : c.help)} |`),
    '',
  ];
}

function settingsTable(): string[] {
  return [
    '设置项：',
    '',
    '| 设置项 | 默认 | 说明 |',
    '|---|---|---|',
    ...settingDeclarations.map((s) => `| ${s.key} | ${'default' in s ? s.default : ''} | ${cell(s.help)} |`),
    '',
  ];
}

/** The block between the markers, markers included. */
export function inputTables(): string {
  return [BEGIN, '', ...inputSheets.flatMap((s) => [...sheetTable(s), ...(s.role === 'settings' ? settingsTable() : [])]), END].join('\n');
}

/** The README with its block replaced by `block`. */
export function withTables(readme: string, block: string): string {
  const [start, end] = [readme.indexOf(BEGIN), readme.indexOf(END)];
  if (start < 0 || end < start) throw new Error(`README.md has no ${BEGIN} … ${END} block`);
  return readme.slice(0, start) + block + readme.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = new URL('../README.md', import.meta.url);
  writeFileSync(path, withTables(readFileSync(path, 'utf8'), inputTables()));
}
