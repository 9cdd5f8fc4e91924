import { foldKey } from '../core/text.js';
import type { CellValue, RawRow } from '../read/table.js';
import { columnsWhere, type FoundHeader } from './header.js';
import type { Profile } from './profile.js';

/**
 * Cards side by side (ZKTeco 考勤卡表: three people a sheet): each card is a column band that
 * starts at its day column, with the person's labels (姓名, 工号, 部门) above the band's day
 * table and the profile's slots (上午上班 …) inside it. The day table's header repeats once a
 * card, so every card is found the same way.
 */
export interface Card {
  /** The column of the day labels ("01 三"). */
  day: number;
  /** The card's slots by column, in the profile's order. */
  slots: { role: 'in' | 'out'; pair: number; index: number }[];
  /** The person named above the card, and the row that names them. */
  who: { values: Labels; row: RawRow } | null;
}

/** The values a label row gives (工 号: 0012  姓 名: 张三 …). */
export interface Labels {
  id: CellValue;
  clockId: CellValue;
  name: CellValue;
  unit: CellValue;
}

/** The cards of a sheet, left to right; `labels` reads a label row's cells. */
export function cardsOf(header: FoundHeader, profile: Profile, labels: (cells: readonly CellValue[]) => Labels | null): Card[] {
  const days = columnsWhere(header, (key) => profile.aliases.get(key) === 'date');
  return days.map((day, i) => {
    const end = days[i + 1] ?? Number.POSITIVE_INFINITY;
    const inBand = (index: number) => index > day && index < end;
    let ins = 0;
    const slots = (profile.slots ?? []).flatMap((s) => {
      if (s.role === 'in') ins += 1;
      const index = columnsWhere(header, (key) => key === foldKey(s.time)).find(inBand);
      return index === undefined ? [] : [{ role: s.role, pair: Math.max(0, ins - 1), index }];
    });
    // Labels may span several title rows (部门 and 姓名 on one, 工号 on the next): merged.
    const found = header.title.flatMap((row) => {
      const values = labels(row.cells.slice(day, Number.isFinite(end) ? end : undefined));
      return values ? [{ values, row }] : [];
    });
    const who = found.length === 0 ? null : { values: mergeLabels(found.map((f) => f.values)), row: found[0]!.row };
    return { day, slots, who };
  });
}

function mergeLabels(list: readonly Labels[]): Labels {
  const first = (key: 'id' | 'clockId' | 'name' | 'unit') => list.map((v) => v[key]).find((v) => v !== null) ?? null;
  return { id: first('id'), clockId: first('clockId'), name: first('name'), unit: first('unit') };
}
