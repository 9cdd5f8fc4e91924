import { basename } from 'node:path';
import { notAFileProblem } from '../core/files.js';
import { hasErrors, InputError } from '../core/problems.js';
import { perPeriodSettings, rosterSheet, settingKeyOf, settingsSheet, workbookSheets } from '../core/input-sheets.js';
import { mapHeader } from '../read/header.js';
import type { RawTable } from '../read/table.js';
import { readMonthWorkbook } from '../read/workbook-input.js';
import { loadScheme } from '../scheme/load.js';
import { templateWorkbook, type TemplateCarry } from '../write/template.js';
import { todayInChina, type OutputPlan, writePlanned } from './outputs.js';
import { rosterDateProblems } from '../validate/workbook.js';
import { periodFromFileName } from '../core/period.js';

/**
 * Last period's 人员 rows in the template's column order, matched by header through the input
 * declaration (never by position: a title or header row must not become a person).
 */
function carriedRoster(raw: RawTable): TemplateCarry['roster'] {
  const { table, problems } = mapHeader(raw, rosterSheet.columns);
  if (!table || hasErrors(problems)) throw new InputError(problems);
  return table.rows.map((r) => Object.fromEntries(rosterSheet.columns.map((c) => [c.key, r.values[c.key] ?? null])));
}

/**
 * Last period's 设置 as key/value pairs (the header row, if any, left out), but for the keys of that
 * period alone: its covered days would make the next period's punches "no data", its ruling settle a tie not yet made.
 */
function carriedSettings(raw: RawTable | undefined): [string, string][] {
  if (!raw) return [];
  const headers = new Set<string>(settingsSheet.columns[0].headers);
  return raw.rows.flatMap((r) => {
    const key = r.cells[0] === null || r.cells[0] === undefined ? '' : String(r.cells[0]).trim();
    const known = settingKeyOf(key);
    if (key === '' || headers.has(key) || (known && perPeriodSettings.has(known))) return [];
    const value = r.cells[1];
    // Under the key's own name (公示天数： is 公示天数), so the template's row for it takes the value.
    return [[known ?? key, value === null || value === undefined ? '' : String(value)]];
  });
}

/** `kaohe template`: an empty workbook for the scheme, optionally with last period's 人员 and 设置. */
export async function writeTemplate(options: { scheme: string; roster?: string }, plan: OutputPlan): Promise<void> {
  const scheme = await loadScheme(options.scheme);
  let carry: TemplateCarry = { roster: [], settings: [] };
  if (options.roster) {
    const notAFile = notAFileProblem(options.roster);
    if (notAFile) throw new InputError([notAFile]);
    const wanted = new Map([
      ['roster', workbookSheets.get('roster') ?? []],
      ['settings', workbookSheets.get('settings') ?? []],
    ]);
    // As score reads it (.xlsx through the zip guard, or legacy .xls): these two sheets only, their mapped columns only.
    const previous = await readMonthWorkbook(options.roster, wanted);
    if (hasErrors(previous.problems)) throw new InputError(previous.problems);
    const sheet = previous.sheets.get('roster');
    if (!sheet) throw new InputError([{ code: 'sheet_missing', severity: 'error', at: { file: options.roster }, args: { sheet: '人员', aliases: '' } }]);
    // A 离岗日期 before 到岗日期 is not carried into the next period (a date without a year is read
    // in the year the file's name gives, else this year's).
    const year = periodFromFileName(basename(options.roster))?.year ?? Number(todayInChina().slice(0, 4));
    const reversed = rosterDateProblems(previous.sheets, year).filter((p) => p.code === 'person_dates_reversed');
    if (reversed.length > 0) throw new InputError(reversed);
    carry = { roster: carriedRoster(sheet), settings: carriedSettings(previous.sheets.get('settings')) };
  }
  await writePlanned(plan, await templateWorkbook(scheme, carry), options.roster ? [options.roster] : []);
}
