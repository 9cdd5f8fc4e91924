import { randomBytes } from 'node:crypto';
import { constants, rmSync } from 'node:fs';
import { access, link, lstat, mkdir, open, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { sameFile } from '../core/files.js';
import { sha256Hex } from '../core/hash.js';
import { OutputError } from '../core/problems.js';

/**
 * Writing an output without ever losing data:
 *  - an output that is (after symlinks, `..`, hard links) one of the run's inputs is refused,
 *    with or without --force;
 *  - --force replaces a regular file only, never a FIFO, device or folder;
 *  - the bytes go to a temporary file beside the target first, which is linked (no --force) or
 *    renamed (--force) into place under a lock file, so of several runs writing one output at
 *    once exactly one wins and the others fail with a clear error;
 *  - a write that fails part-way (disk full, file size limit) or is interrupted (Ctrl-C,
 *    SIGTERM) removes its temporary file; temporary files of runs that were killed outright
 *    are recognised by name and removed by the next run writing to the same folder.
 */
interface WriteOptions {
  force: boolean;
  /** Every file the run read (inputs, scheme file, --annual, --roster…): never overwritten. */
  inputs: readonly string[];
}

/**
 * `.kaohe-<pid>-<8 hex>.tmp` and `.kaohe-lock-<16 hex>`: recognisably ours, and short whatever the
 * output's name (a name of 85 Chinese characters is 255 bytes, a file system's limit: the name
 * itself in them would not fit). The lock is named by the output's name, folded (case-insensitive
 * file systems), so runs writing one output take one lock. Temporary files of versions that put
 * the name in (`.<name>.kaohe-<pid>-<8 hex>.tmp`) are recognised too.
 */
const TEMP_NAME = /^\.(?:.+\.)?kaohe-(\d+)-[0-9a-f]{8}\.tmp$/;
const lockPath = (target: string) => join(dirname(target), `.kaohe-lock-${sha256Hex(basename(target).normalize('NFC').toLowerCase()).slice(0, 16)}`);
const tempPath = (target: string) => join(dirname(target), `.kaohe-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);

/** Written in chunks so an interrupt between them finds the temporary file and removes it. */
const CHUNK_BYTES = 1 << 20;

/** The output formats a command can write, by extension, and what each holds. */
type OutputFormats = Readonly<Record<string, string>>;

/**
 * The format an output's extension names, or an OutputError listing what the command can
 * write: `-o x.pdf` must never silently get xlsx bytes.
 */
export function outputFormat(target: string, command: string, formats: OutputFormats): string {
  const extension = extname(target).toLowerCase();
  if (extension in formats) return extension;
  throw new OutputError('output_format', { path: target, command, formats: Object.entries(formats).map(([ext, what]) => `${ext}（${what}）`).join('、') });
}

/* ---------- interrupted writes ---------- */

const pending = new Set<string>();

function removePending(): void {
  for (const path of pending) rmSync(path, { force: true });
  pending.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removePending();
  // The conventional exit status of a process ended by a signal.
  process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
}

function track(path: string): void {
  if (pending.size === 0) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('exit', removePending);
  }
  pending.add(path);
}

function untrack(path: string): void {
  pending.delete(path);
  if (pending.size === 0) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', removePending);
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temporary files of kaohe runs that died before they could (SIGKILL, power cut). */
async function removeStaleTemps(folder: string): Promise<void> {
  for (const name of await readdir(folder).catch(() => [])) {
    const pid = TEMP_NAME.exec(name)?.[1];
    if (pid === undefined || isAlive(Number(pid))) continue;
    const path = join(folder, name);
    if ((await lstat(path).catch(() => null))?.isFile()) await rm(path, { force: true });
  }
}

/* ---------- what the target is ---------- */

function kindOf(info: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (info.isDirectory()) return 'folder';
  if (info.isFIFO()) return 'fifo';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  if (info.isSocket()) return 'socket';
  return 'other';
}

/**
 * Refuses a target that is an input or, with --force, not a regular file; without --force
 * refuses one that exists. Commands call it before any work, and the write calls it again.
 */
export async function checkOutput(target: string, options: WriteOptions): Promise<void> {
  const info = await stat(target).catch(() => null);
  const link = await lstat(target).catch(() => null);
  if (!info && !link) return;
  for (const input of options.inputs) {
    if (await sameFile(target, input)) throw new OutputError('output_is_input', { path: target, input });
  }
  if (!options.force) throw new OutputError('output_exists', { path: target });
  if (!info) return; // a dangling symlink: replacing the link touches no file
  if (!info.isFile()) throw new OutputError('output_not_regular', { path: target, kind: kindOf(info) });
}

/* ---------- the lock ---------- */

async function takeLock(target: string): Promise<string> {
  const path = lockPath(target);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      track(path);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw folderError(target, error);
      if (await lockIsLive(path)) throw new OutputError('output_busy', { path: target });
      await rm(path, { force: true });
    }
  }
  throw new OutputError('output_busy', { path: target });
}

/** A lock older than this is stale whatever it says: no write takes ten minutes. */
const LOCK_MAX_AGE_MS = 10 * 60_000;

/**
 * A lock is live while the run that took it is alive. One just created may not hold its pid
 * yet: then it counts as live for a while, so two runs never both take it.
 */
async function lockIsLive(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  if (!info) return false;
  const age = Date.now() - info.mtimeMs;
  if (age > LOCK_MAX_AGE_MS) return false;
  const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(holder) && holder > 0) return isAlive(holder);
  return age < 30_000;
}

async function releaseLock(path: string): Promise<void> {
  await rm(path, { force: true });
  untrack(path);
}

/* ---------- writing ---------- */

function folderError(target: string, error: unknown): OutputError {
  return new OutputError('output_folder', { folder: dirname(target) || '.', reason: (error as NodeJS.ErrnoException).code ?? String(error) });
}

/** Test hook for the interrupt tests: a pause between chunks, so a signal lands mid-write. */
const chunkPause = Number(process.env.KAOHE_TEST_WRITE_PAUSE_MS ?? 0);

async function writeChunks(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
    const end = Math.min(bytes.length, offset + CHUNK_BYTES);
    let done = offset;
    while (done < end) done += (await handle.write(bytes, done, end - done, done)).bytesWritten;
    if (chunkPause > 0) await new Promise((r) => setTimeout(r, chunkPause));
  }
  await handle.sync();
}

/** The bytes in a temporary file beside the target; removed again if anything fails. */
async function writeTemp(target: string, bytes: Buffer): Promise<string> {
  const temp = tempPath(target);
  let handle: FileHandle;
  try {
    handle = await open(temp, 'wx');
  } catch (error) {
    throw folderError(target, error);
  }
  track(temp);
  try {
    await writeChunks(handle, bytes);
    await handle.close();
    return temp;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await discard(temp);
    throw new OutputError('output_failed', { path: target, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
}

async function discard(temp: string): Promise<void> {
  await rm(temp, { force: true });
  untrack(temp);
}

/** Without --force: link() creates the target only if nothing is there, atomically. */
async function placeExclusively(temp: string, target: string): Promise<void> {
  try {
    await link(temp, target);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new OutputError('output_taken', { path: target });
    // Filesystems without hard links (FAT on a USB stick, some shares): the lock still keeps
    // kaohe runs apart; check and rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
  }
  if (await lstat(target).catch(() => null)) throw new OutputError('output_taken', { path: target });
  await rename(temp, target);
}

/** Writes an output so that no input and no other run's output can be lost (see above). */
export async function writeOutput(target: string, content: Buffer | string, options: WriteOptions): Promise<void> {
  await writeOutputs([{ target, content }], options);
}

/** One file of a run that writes several. */
interface PlannedOutput {
  target: string;
  content: Buffer | string;
}

/**
 * Writes several outputs together (a batch's workbooks and summary): every target is checked,
 * locked and written to its temporary file before the first is put in place, so a target that
 * exists or a disk that fills up leaves none of them written.
 */
export async function writeOutputs(outputs: readonly PlannedOutput[], options: WriteOptions): Promise<void> {
  for (const { target } of outputs) await checkOutput(target, options);
  for (const folder of new Set(outputs.map(({ target }) => dirname(target) || '.'))) await removeStaleTemps(folder);
  const locks: string[] = [];
  const temps: string[] = [];
  try {
    for (const { target } of outputs) locks.push(await takeLock(target));
    for (const { target, content } of outputs) temps.push(await writeTemp(target, typeof content === 'string' ? Buffer.from(content, 'utf8') : content));
    // Checked again under the locks: a target may have appeared since the run began.
    for (const { target } of outputs) await checkOutput(target, options);
    for (const [i, { target }] of outputs.entries()) await place(temps[i] as string, target, options.force);
  } finally {
    for (const temp of temps) await discard(temp);
    for (const lock of locks) await releaseLock(lock);
  }
}

/** Puts a written temporary file in place; after link() its temporary name is removed with the others. */
async function place(temp: string, target: string, force: boolean): Promise<void> {
  try {
    if (force) await rename(temp, target);
    else await placeExclusively(temp, target);
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError('output_failed', { path: target, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
}

/* ---------- an output folder ---------- */

/**
 * Before any work, that a folder of outputs (`year --each -o`) can be written: it is a folder,
 * or the nearest folder above it that exists is one, and this run may write there.
 */
export async function checkOutputFolder(folder: string): Promise<void> {
  for (let path = folder; ; path = dirname(path)) {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      // Not there yet (or a file on the way, found further up): mkdir makes it from above.
      if ((info.code === 'ENOENT' || info.code === 'ENOTDIR') && dirname(path) !== path) continue;
      throw new OutputError('output_folder', { folder: path, reason: info.code ?? String(info) });
    }
    if (!info.isDirectory()) throw new OutputError('output_not_folder', { path });
    const denied = await access(path, constants.W_OK | constants.X_OK).catch((error: NodeJS.ErrnoException) => error);
    if (denied) throw new OutputError('output_folder', { folder: path, reason: denied.code ?? String(denied) });
    return;
  }
}

/** Makes a folder of outputs (and the folders above it) as the write begins. */
export async function makeOutputFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new OutputError('output_not_folder', { path: folder });
    throw new OutputError('output_folder', { folder, reason: code ?? String(error) });
  }
}
