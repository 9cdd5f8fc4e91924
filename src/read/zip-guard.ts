import { createHash } from 'node:crypto';
import { pipeline, Readable, Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';

declare module 'yauzl' {
  /**
   * yauzl 3.x's reader of a file (fd-slicer): a stream of bytes [start, end) read highWaterMark at
   * a time, holding the descriptor open while it lives (@types/yauzl says it returns nothing).
   */
  interface RandomAccessReader {
    createReadStream(options: { start: number; end: number; highWaterMark: number }): Readable;
  }
  interface ZipFile {
    reader: RandomAccessReader;
    /** Documented in yauzl's README (3.x), missing from @types/yauzl: where an entry's stored bytes begin. */
    readLocalFileHeader(entry: Entry, options: { minimal: true }, callback: (error: Error | null, header: { fileDataStart: number }) => void): void;
  }
}

/** Above these, a workbook is refused before anything is inflated (a zip bomb, or not a month's inputs). */
const ZIP_LIMITS = {
  /** Sum of all entries once inflated. */
  totalBytes: 1_500_000_000,
  /** Inflated ÷ compressed size of one large entry; real sheet XML stays well below. */
  ratio: 250,
  largeEntryBytes: 50_000_000,
  entries: 10_000,
};

/** A zip refused by the guard, with the reason in words for the message. */
export class ZipRefused extends Error {
  override name = 'ZipRefused';
}

/**
 * A zip holding two different parts under one name (part names are case-insensitive): which one
 * Excel would take is a guess, and either may be a forgery beside the other. `names` as stored.
 */
export class ZipPartTwice extends Error {
  override name = 'ZipPartTwice';
  constructor(readonly names: readonly string[]) {
    super(`${names.join(', ')}: one part given twice`);
  }
}

/**
 * A part that inflates to more or fewer bytes than its directory record declares: the file was
 * cut short or altered after it was written (the guard judged the declared sizes). `part` as stored.
 */
export class ZipPartSize extends Error {
  override name = 'ZipPartSize';
  constructor(
    readonly part: string,
    readonly longer: boolean,
  ) {
    super(`${part} is ${longer ? 'larger' : 'shorter'} than its zip directory says`);
  }
}

/**
 * An opened zip whose central directory passed the guard. Each entry is inflated with a check
 * that it comes to exactly the size its directory record declares, so the declared sizes the
 * guard judged are the sizes read.
 */
export interface GuardedZip {
  /** Entry names, lower-cased (part names are case-insensitive) and without a leading slash → entries. */
  readonly entries: ReadonlyMap<string, yauzl.Entry>;
  /** The inflated bytes of a part (any case) as a stream, or null when the zip has no such part. */
  open(name: string): Promise<Readable | null>;
  close(): void;
}

/**
 * The only way kaohe opens a workbook's zip: reads the central directory (declared sizes only),
 * refuses it with ZipRefused when it breaks a limit, with ZipPartTwice when two entries of one
 * name differ, and otherwise hands out entry streams. Entries of one name with the same bytes
 * (a packer that wrote a part twice) are one part.
 */
export async function openGuardedZip(path: string, limits = ZIP_LIMITS): Promise<GuardedZip> {
  // One descriptor for the directory and every part, so all are read from the same file; the
  // descriptor closes when the zip file is closed and the last part stream has ended.
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false }, (error, zip) => (error || !zip ? reject(error ?? new Error('unreadable zip')) : resolve(zip))),
  );
  try {
    const { entries, twins } = await readDirectory(file, limits);
    for (const group of twins.values()) {
      if (!(await sameBytes(file, group))) throw new ZipPartTwice(group.map((e) => e.fileName));
    }
    return {
      entries,
      open: async (name) => {
        // As yauzl's own streams refused: once closed, the descriptor's number may be another file's, which the header read would read and then close.
        if (!file.isOpen) throw new Error(`${name}: the zip file is closed`);
        const entry = entries.get(name.toLowerCase());
        return entry ? inflated(await storedBytes(file, entry), entry) : null;
      },
      close: () => file.close(),
    };
  } catch (error) {
    file.close();
    throw error;
  }
}

/**
 * Inflated in large pieces: yauzl's own inflating stream hands out 16 KB chunks, and on a 200 MB
 * sheet their handling cost more than the inflating (1.0 s against 0.35 s with 256 KB).
 */
const INFLATE_CHUNK = 256 * 1024;
/**
 * Read from the file in large pieces too: yauzl's openReadStream reads Node's default 16 KB at a
 * time, each a trip through the thread pool and then through zlib (~700 of each for a
 * 2,000-staff month).
 */
const READ_CHUNK = 256 * 1024;
/**
 * Inflated chunks waiting for the reader, counted as chunks: inflating goes on while a chunk is
 * scanned, and each is handed on whole (a byte count would have the reader's stream join
 * waiting chunks into one, a copy).
 */
const CHUNKS_AHEAD = 4;

/** An entry's stored (still deflated) bytes, straight from the zip's file, READ_CHUNK at a time. */
async function storedBytes(file: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  if (entry.isEncrypted()) throw new Error(`${entry.fileName} is encrypted`);
  const { fileDataStart } = await new Promise<{ fileDataStart: number }>((resolve, reject) =>
    file.readLocalFileHeader(entry, { minimal: true }, (error, header) => (error ? reject(error) : resolve(header))),
  );
  return file.reader.createReadStream({ start: fileDataStart, end: fileDataStart + entry.compressedSize, highWaterMark: READ_CHUNK });
}

function inflated(raw: Readable, entry: yauzl.Entry): Readable {
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new Error(`${entry.fileName}: unsupported compression method ${entry.compressionMethod}`);
  const expected = entry.uncompressedSize;
  let seen = 0;
  const sized = new Transform({
    readableObjectMode: true,
    readableHighWaterMark: CHUNKS_AHEAD,
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > expected ? new ZipPartSize(entry.fileName, true) : null, chunk);
    },
    flush(done) {
      done(seen < expected ? new ZipPartSize(entry.fileName, false) : null);
    },
  });
  const streams = entry.compressionMethod === 8 ? [raw, createInflateRaw({ chunkSize: INFLATE_CHUNK }), sized] : [raw, sized];
  // pipeline passes an error (or an early stop) of any stage to all; the reader sees it on `sized`.
  return pipeline(streams as [Readable, ...Transform[]], () => undefined) as unknown as Readable;
}

/**
 * Whether entries of one name inflate to the same bytes: compared by their SHA-256, each read
 * through the size check (the directory's CRC-32 is not checked on reading, so it proves nothing).
 */
async function sameBytes(file: yauzl.ZipFile, entries: readonly yauzl.Entry[]): Promise<boolean> {
  if (entries.some((e) => e.uncompressedSize !== entries[0]?.uncompressedSize)) return false;
  const digests = new Set<string>();
  for (const entry of entries) {
    const hash = createHash('sha256');
    for await (const chunk of inflated(await storedBytes(file, entry), entry)) hash.update(chunk as Buffer);
    digests.add(hash.digest('hex'));
  }
  return digests.size === 1;
}

/** The directory: one entry per part name (lower-cased, no leading slash), and every name given more than once with all its entries. */
function readDirectory(file: yauzl.ZipFile, limits: typeof ZIP_LIMITS): Promise<{ entries: Map<string, yauzl.Entry>; twins: Map<string, yauzl.Entry[]> }> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    const twins = new Map<string, yauzl.Entry[]>();
    let count = 0;
    let total = 0;
    file.on('error', reject);
    file.on('end', () => resolve({ entries, twins }));
    file.on('entry', (entry: yauzl.Entry) => {
      total += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (++count > limits.entries) return reject(new ZipRefused(`超过 ${limits.entries} 个部件`));
      if (total > limits.totalBytes) return reject(new ZipRefused(`解压后超过 ${Math.round(limits.totalBytes / 1e6)} MB`));
      if (entry.uncompressedSize > limits.largeEntryBytes && ratio > limits.ratio) return reject(new ZipRefused(`${entry.fileName} 压缩比 ${Math.round(ratio)}:1`));
      const name = entry.fileName.replace(/^\//, '').toLowerCase();
      const first = entries.get(name);
      if (first) twins.set(name, [...(twins.get(name) ?? [first]), entry]);
      else entries.set(name, entry);
      file.readEntry();
    });
    file.readEntry();
  });
}
