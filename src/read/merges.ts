import type { Readable } from 'node:stream';
import { MAX_COLUMNS, MAX_ROWS } from './table.js';
import type { SheetRow } from './xlsx.js';

/** A merged range: 1-based rows, 0-based columns, inclusive. */
export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const NEEDLE = 'mergeCell';

/** "A1:C3" → a merge; null for a single cell or a reference Excel could not hold. */
export function parseRange(range: string): Merge | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(range.trim());
  if (!m || m[3] === undefined) return null;
  const column = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const [c1, r1, c2, r2] = [column(m[1]!), Number(m[2]), column(m[3]), Number(m[4])];
  if (Math.max(c1, c2) >= MAX_COLUMNS || Math.max(r1, r2) > MAX_ROWS || Math.min(r1, r2) < 1) return null;
  const merge = { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
  return merge.top === merge.bottom && merge.left === merge.right ? null : merge;
}

/**
 * The first pass over a sheet's XML: only inflates it and searches the bytes for <mergeCell,
 * which comes after all the rows, without parsing anything else. Sorted by top row.
 */
export async function scanMerges(stream: Readable): Promise<Merge[]> {
  const merges: Merge[] = [];
  let tail: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    const buffer = tail.length > 0 ? Buffer.concat([tail, chunk as Buffer]) : (chunk as Buffer);
    let pos = 0;
    let keepFrom = Math.max(0, buffer.length - NEEDLE.length);
    for (;;) {
      const at = buffer.indexOf(NEEDLE, pos, 'latin1');
      if (at < 0) break;
      const end = buffer.indexOf('>', at);
      if (end < 0) {
        keepFrom = at;
        break;
      }
      const tag = buffer.toString('latin1', at + NEEDLE.length, end);
      // <mergeCell ref="A1:B2"/>, not <mergeCells count="1">
      const ref = /^\s[^>]*?\bref\s*=\s*["']([^"']*)["']/.exec(tag)?.[1];
      const merge = ref === undefined ? null : parseRange(ref);
      if (merge) merges.push(merge);
      pos = end + 1;
      keepFrom = Math.max(pos, buffer.length - NEEDLE.length);
    }
    tail = Buffer.from(buffer.subarray(keepFrom));
  }
  return merges.sort((a, b) => a.top - b.top || a.left - b.left);
}

/**
 * Applies the merge rule to rows as they stream past: in every row a merge covers, its first
 * column reads the value of its top-left cell and its other columns read empty. Rows that exist
 * only because a merge covers them are made up between rows with values of their own, never
 * after the last one (that is outside the data).
 */
export class MergeFill {
  private next = 0;
  private readonly active: { merge: Merge; value: SheetRow['cells'][number] | undefined }[] = [];
  private last = 0;

  constructor(
    readonly merges: readonly Merge[],
    private readonly deliver: (row: SheetRow) => void,
  ) {}

  /** A row with a value of its own, in ascending order. */
  row(row: SheetRow): void {
    if (this.merges.length === 0) {
      this.deliver(row);
      return;
    }
    this.fillGap(row.row);
    this.activate(row.row);
    const { cells } = row;
    for (const a of this.active) {
      const { merge } = a;
      // A row's cells are sparse (RawRow): deleting leaves the hole that means an empty cell.
      if (merge.right > merge.left) {
        cells.forEach((_, column) => {
          // eslint-disable-next-line @typescript-eslint/no-array-delete -- a hole is an empty cell (see above)
          if (column > merge.left && column <= merge.right) delete cells[column];
        });
      }
      if (merge.top === row.row) a.value = cells[merge.left];
      // eslint-disable-next-line @typescript-eslint/no-array-delete -- a hole is an empty cell (see above)
      else if (a.value === undefined || a.value === null) delete cells[merge.left];
      else cells[merge.left] = a.value;
    }
    this.retire(row.row);
    this.last = row.row;
    if (cells.some(() => true)) this.deliver(row);
  }

  /** Rows between the last one delivered and `upTo` that only merged values fill. */
  private fillGap(upTo: number): void {
    for (let r = this.last + 1; r < upTo; ) {
      this.activate(r);
      const carrying = this.active.filter((a) => a.value !== undefined && a.value !== null && a.merge.top < r);
      if (carrying.length > 0) {
        const cells: SheetRow['cells'] = [];
        for (const a of carrying) cells[a.merge.left] = a.value as SheetRow['cells'][number];
        this.deliver({ row: r, cells });
      }
      this.retire(r);
      // Jump over rows no merge covers.
      const nextTop = this.merges[this.next]?.top ?? Number.POSITIVE_INFINITY;
      r = this.active.length > 0 ? r + 1 : Math.min(upTo, Math.max(r + 1, nextTop));
    }
  }

  private activate(row: number): void {
    while (this.next < this.merges.length && this.merges[this.next]!.top <= row) {
      this.active.push({ merge: this.merges[this.next]!, value: undefined });
      this.next += 1;
    }
  }

  private retire(row: number): void {
    for (let i = this.active.length - 1; i >= 0; i--) if (this.active[i]!.merge.bottom <= row) this.active.splice(i, 1);
  }
}
