/** What a file's first bytes say it is, whatever it is called. */

import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { problem, type Problem } from '../core/problems.js';

/** A ZIP archive: an .xlsx (or any OOXML file). */
export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
/** OLE compound file: a BIFF .xls or .et — or a password-protected .xlsx. */
export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0] as const;

export function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/**
 * Excel 2.x–4.0's own file (BIFF2–4, not inside an OLE compound file): it starts with a BOF
 * record, 09 00 of length 4 (BIFF2) or 09 02 / 09 04 of length 6 (BIFF3, BIFF4).
 */
export function isOldBiff(head: Uint8Array): boolean {
  const length = head[1] === 0x00 ? 4 : head[1] === 0x02 || head[1] === 0x04 ? 6 : -1;
  return head.length >= 4 && head[0] === 0x09 && head[2] === length && head[3] === 0x00;
}

/** An Excel 4 or older workbook (isOldBiff), which kaohe does not read. */
export function oldBiffProblem(path: string): Problem {
  return problem('file_not_xlsx', { file: path }, { reason: 'biff_old' });
}

/** A table saved as text under a workbook's name: a web page (HTML), Excel 2003 XML (SpreadsheetML), or CSV. */
export type TextTableKind = 'html' | 'xml' | 'csv';

/**
 * What a file's first bytes (a few KB) are when they are a table saved as text: DingTalk and WeCom
 * send web pages and Excel 2003 XML named .xls, and a CSV is sometimes renamed .xls. Null for
 * anything else (binary, or text with control bytes no table holds).
 */
export function textTableOf(head: Uint8Array): TextTableKind | null {
  const text = Buffer.from(head).toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart();
  if (text.startsWith('<')) return !text.includes('urn:schemas-microsoft-com:office:spreadsheet') && /<(?:!doctype\s+html|html|table)[\s>]/i.test(text) ? 'html' : 'xml';
  // Text of lines: no byte below a space but tab and line ends (UTF-16 and binary files have them).
  const lines = text.length > 0 && [...text].every((c) => c >= ' ' || c === '\t' || c === '\r' || c === '\n');
  return lines && /[,\t]/.test(text) ? 'csv' : null;
}

/** The bytes looked at to tell a table saved as text from other files. */
const TEXT_TABLE_SAMPLE = 4096;

/** A file's first bytes, enough for textTableOf. */
export async function fileHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(TEXT_TABLE_SAMPLE);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The file is a table saved as text under another name (file_unreadable, text_table): what it is and how to make it a workbook. */
export function textTableProblem(path: string, kind: TextTableKind): Problem {
  return problem('file_unreadable', { file: path }, { reason: 'text_table', kind, ext: extname(path).toLowerCase() });
}
