import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inputSheets, settingDeclarations } from '../src/core/input-sheets.js';
import { BEGIN, END, inputTables } from '../scripts/input-tables.js';

/** The README's input section is the declaration of src/core/input-sheets.ts, written out. */
describe("the README's input tables (工作簿格式)", () => {
  const readme = readFileSync('README.md', 'utf8');
  const block = readme.slice(readme.indexOf(BEGIN), readme.indexOf(END) + END.length);

  it('are exactly what npm run readme-tables generates from the declaration', () => {
    expect(block).toBe(inputTables());
  });

  it('list every declared sheet, every column with all its names, and every 设置 key', () => {
    for (const sheet of inputSheets) {
      expect(block).toContain(`**${sheet.names[0]}**`);
      for (const column of sheet.columns) expect(block).toContain(`| ${column.headers[0]} | ${column.headers.slice(1).join('、')} |`);
    }
    for (const setting of settingDeclarations) expect(block).toContain(`| ${setting.key} |`);
  });
});
