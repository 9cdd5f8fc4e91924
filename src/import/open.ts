import { notAFileProblem } from '../core/files.js';
import type { Problem } from '../core/problems.js';
import { attlogSource, looksLikeAttlog } from '../read/attlog.js';
import { csvSource, xlsxSource, type SheetSource } from '../read/sheet-source.js';
import { fileHead, isOldBiff, oldBiffProblem, textTableOf } from '../read/file-magic.js';
import { xlsSource } from '../read/xls.js';
import { fileProblem } from '../read/xlsx.js';

/**
 * Opens an export by what its bytes are, whatever it is called: a zip is .xlsx, an OLE compound
 * file is a legacy .xls (an Excel 4 file is refused), text starting with "<" is an HTML/XML table saved as .xls, a text log
 * of tab-separated punches is an attlog, other text is CSV.
 */
export async function openExport(path: string): Promise<SheetSource | Problem> {
  // A pipe would be waited on forever, a device or folder is never an export.
  const notAFile = notAFileProblem(path);
  if (notAFile) return notAFile;
  let start: Buffer;
  try {
    start = await fileHead(path);
  } catch (error) {
    return fileProblem(path, error);
  }
  try {
    // The streaming reader guards against zip bombs as it opens the file.
    if (start[0] === 0x50 && start[1] === 0x4b) return await xlsxSource(path);
    if (start[0] === 0xd0 && start[1] === 0xcf && start[2] === 0x11 && start[3] === 0xe0) return await xlsSource(path);
    // Excel 4 or older: binary, which read as text looks like UTF-16 (its zero bytes).
    if (isOldBiff(start)) return oldBiffProblem(path);
    if (looksLikeAttlog(start)) return await attlogSource(path);
    const kind = textTableOf(start);
    if (kind === 'html' || kind === 'xml') return await xlsSource(path);
    return await csvSource(path);
  } catch (error) {
    return fileProblem(path, error);
  }
}
