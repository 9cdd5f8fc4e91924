import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import JSZip from 'jszip';
import { OutputError } from '../core/problems.js';

/** Every zip entry gets this date, so the same inputs give byte-identical files. */
const FIXED_ZIP_DATE = new Date(Date.UTC(2000, 0, 1));

/** exceljs stamps each zip entry with the current time; re-pack the entries with a fixed one. */
export async function withFixedZipDates(xlsx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const out = new JSZip();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    out.file(entry.name, await entry.async('uint8array'), { date: FIXED_ZIP_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/**
 * Writes beside the target under a temporary name, then renames, so a half-written file never
 * replaces a good one. Refuses to replace an existing file unless `force`.
 */
export async function writeFileSafely(target: string, content: Buffer | string, force: boolean): Promise<void> {
  if (existsSync(target) && !force) {
    throw new OutputError(`输出文件已存在：${target}。如需覆盖，请加 --force`);
  }
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { flag: 'wx' });
  } catch (error) {
    throw new OutputError(`无法写入文件夹 ${dirname(target) || '.'}：${describeFsError(error)}`);
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new OutputError(`无法写入 ${target}：${describeFsError(error)}`);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return '文件夹不存在';
  if (code === 'EACCES' || code === 'EPERM') return '没有写入权限，或文件正被 Excel/WPS 打开';
  if (code === 'EBUSY') return '文件正被其他程序（如 Excel）打开，请关闭后重试';
  return String((error as Error).message ?? error);
}
