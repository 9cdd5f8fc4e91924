import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal streaming zip writer for generating very large benchmark workbooks quickly: each
 * part is deflated by Node's native zlib piece by piece, so a part of hundreds of megabytes
 * never sits in memory. Sizes and CRCs go in the central directory (no zip64: parts stay below
 * 4 GB). Benchmark use only.
 */
export class ZipWriter {
  private readonly out;
  private offset = 0;
  private readonly entries: { name: Buffer; crc: number; compressed: number; size: number; offset: number }[] = [];

  constructor(path: string) {
    this.out = createWriteStream(path);
  }

  private async write(bytes: Buffer): Promise<void> {
    this.offset += bytes.length;
    if (!this.out.write(bytes)) await once(this.out, 'drain');
  }

  /** Adds a part from pieces of text, deflating each piece as it comes. */
  async add(name: string, pieces: Iterable<string>): Promise<void> {
    const encoded = Buffer.from(name, 'utf8');
    const offset = this.offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0808, 6); // sizes after the data; UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(((2000 - 1980) << 9) | (1 << 5) | 1, 12);
    header.writeUInt16LE(encoded.length, 26);
    await this.write(Buffer.concat([header, encoded]));
    let crc = 0;
    let size = 0;
    let compressed = 0;
    // Independent raw-deflate blocks with sync flushes concatenate into one valid stream; the last ends it.
    let pending: Buffer | null = null;
    for (const piece of pieces) {
      if (pending) {
        const block = deflateRawSync(pending, { level: 1, finishFlush: 2 /* Z_SYNC_FLUSH */ });
        compressed += block.length;
        await this.write(block);
      }
      pending = Buffer.from(piece, 'utf8');
      crc = crc32(pending, crc);
      size += pending.length;
    }
    const last = deflateRawSync(pending ?? Buffer.alloc(0), { level: 1 });
    compressed += last.length;
    await this.write(last);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    await this.write(descriptor);
    this.entries.push({ name: encoded, crc: crc >>> 0, compressed, size, offset });
  }

  async close(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4);
      record.writeUInt16LE(20, 6);
      record.writeUInt16LE(0x0808, 8);
      record.writeUInt16LE(8, 10);
      record.writeUInt16LE(((2000 - 1980) << 9) | (1 << 5) | 1, 14);
      record.writeUInt32LE(e.crc, 16);
      record.writeUInt32LE(e.compressed, 20);
      record.writeUInt32LE(e.size, 24);
      record.writeUInt16LE(e.name.length, 28);
      record.writeUInt32LE(e.offset, 42);
      await this.write(Buffer.concat([record, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
    this.out.end();
    await once(this.out, 'finish');
  }
}
