import { notAFileProblem } from '../core/files.js';
import { hasErrors, InputError } from '../core/problems.js';
import { readWorkbook } from '../read/xlsx.js';
import { loadScheme } from '../scheme/load.js';
import { writeFileSafely } from '../write/safe-write.js';
import { templateWorkbook } from '../write/template.js';
import { workbookSheets } from '../core/input-sheets.js';

/** `kaohe template`: an empty workbook for the scheme, optionally with last month's 人员 rows. */
export async function writeTemplate(options: { scheme: string; output: string; roster?: string; force?: boolean }): Promise<void> {
  const scheme = loadScheme(options.scheme);
  let roster: (string | number | Date | null)[][] = [];
  if (options.roster) {
    const notAFile = notAFileProblem(options.roster);
    if (notAFile) throw new InputError([notAFile]);
    const previous = await readWorkbook(options.roster, new Map([['roster', workbookSheets.get('roster') ?? []]]));
    if (hasErrors(previous.problems)) throw new InputError(previous.problems);
    const sheet = previous.sheets.get('roster');
    if (!sheet) throw new InputError([{ code: 'sheet_missing', severity: 'error', at: { file: options.roster }, args: { sheet: '人员', aliases: '' } }]);
    // Copy the rows under the header as they are; the next run validates them.
    roster = sheet.rows.slice(1).map((r) => r.cells.map((c) => (typeof c === 'boolean' ? String(c) : c)));
  }
  await writeFileSafely(options.output, await templateWorkbook(scheme, roster), options.force ?? false);
}
