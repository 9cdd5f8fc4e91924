import { finished } from 'node:stream/promises';
import { createGzip, gzipSync, type Gzip } from 'node:zlib';
import { DOS_DATE, DOS_TIME } from './pack.js';

/** Deflate level 1: the default level costs seconds on a city month for a few per cent of size. */
const LEVEL = { level: 1 };

/** A part as it goes into the zip: its deflated bytes, the CRC-32 and length of its text. */
interface Deflated {
  data: Buffer;
  crc: number;
  size: number;
}

/**
 * The zip of a workbook Book writes, collected in memory (a city month's result is a few
 * megabytes compressed), laid out byte for byte as archiver (zip-stream) lays out exceljs's
 * streaming workbooks: each entry deflated at level 1 behind a local header that leaves its CRC
 * and sizes to a data descriptor after it, a central directory of Unix mode 644 files.
 *
 * Each part is deflated by zlib as gzip, whose body is the raw deflate stream a zip entry holds
 * and whose 8-byte trailer holds the CRC-32 and length a zip entry needs, worked out by zlib
 * (Node 20.0 has no zlib.crc32). Streamed parts are deflated on zlib's thread as they come, each
 * independently of the others; the zip is laid out once all are done.
 */
export class Zip {
  private readonly entries: { name: string; deflated: Deflated | Gzip; chunks: Buffer[] }[] = [];

  /** A part given whole (rels, styles, …: a few kilobytes), deflated at once. */
  addText(name: string, text: string): void {
    this.entries.push({ name, deflated: fromGzip(gzipSync(text, LEVEL)), chunks: [] });
  }

  /** A part written as it is made (a sheet, the shared strings): the stream to write its text to and end. */
  addStream(name: string): Gzip {
    const gzip = createGzip(LEVEL);
    const chunks: Buffer[] = [];
    gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
    this.entries.push({ name, deflated: gzip, chunks });
    return gzip;
  }

  /** The zip's bytes, once every part has been written and deflated. */
  async bytes(): Promise<Buffer> {
    const parts: Buffer[] = [];
    const directory: Buffer[] = [];
    let offset = 0;
    for (const entry of this.entries) {
      const { data, crc, size } = 'data' in entry.deflated ? entry.deflated : await deflatedStream(entry.deflated, entry.chunks);
      const name = Buffer.from(entry.name, 'utf8');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      writeEntryFields(local, 4);
      local.writeUInt16LE(name.length, 26);
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(data.length, 8);
      descriptor.writeUInt32LE(size, 12);
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      // Made by: Unix, zip version 4.5.
      record.writeUInt16LE(0x032d, 4);
      writeEntryFields(record, 6);
      record.writeUInt32LE(crc, 16);
      record.writeUInt32LE(data.length, 20);
      record.writeUInt32LE(size, 24);
      record.writeUInt16LE(name.length, 28);
      // External attributes: mode 0100644 (a plain file, rw-r--r--) and MS-DOS's archive bit.
      record.writeUInt32LE(0x81a40020, 38);
      record.writeUInt32LE(offset, 42);
      parts.push(local, name, data, descriptor);
      directory.push(record, name);
      offset += local.length + name.length + data.length + descriptor.length;
    }
    const directorySize = directory.reduce((n, b) => n + b.length, 0);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(directorySize, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...parts, ...directory, end]);
  }
}

/** The fields a local header and a central directory record share, from `at`: version needed 2.0, sizes in a data descriptor, deflated, the fixed date. */
function writeEntryFields(header: Buffer, at: number): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(0x0008, at + 2);
  header.writeUInt16LE(8, at + 4);
  header.writeUInt16LE(DOS_TIME, at + 6);
  header.writeUInt16LE(DOS_DATE, at + 8);
}

async function deflatedStream(gzip: Gzip, chunks: Buffer[]): Promise<Deflated> {
  await finished(gzip);
  return fromGzip(Buffer.concat(chunks));
}

/** A gzip member's raw deflate stream, CRC-32 and length: it is a 10-byte header (no name, no extra fields: flags 0), the stream, the CRC and the length. */
function fromGzip(gzip: Buffer): Deflated {
  if (gzip.length < 18 || gzip[3] !== 0) throw new Error('unexpected gzip header');
  return { data: gzip.subarray(10, gzip.length - 8), crc: gzip.readUInt32LE(gzip.length - 8), size: gzip.readUInt32LE(gzip.length - 4) };
}
