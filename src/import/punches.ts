import type { WorkCalendar } from '../calendar/calendar.js';
import type { SourceLocation } from '../core/problems.js';
import { cleanName } from '../core/text.js';
import { pack, PunchCollector, type RawPunch } from '../read/punch-collector.js';
import { punchLocation } from './model.js';
import type { RosteredPunch } from './tables.js';

/**
 * The imported punches as a typed 考勤 sheet's collector holds them (per person and day, packed),
 * put there directly rather than written as rows and read back; each punch located at the
 * export's own cell, so an audit line names export.xls › 原始记录 › 第12行 › 打卡时间. A punch
 * on a day of a year the calendar lacks is noted at its cell, as a typed row's is: refused only
 * when the period needs that day (resolvePunches).
 */
export class ImportedPunches extends PunchCollector {
  override readonly fromExport = true;
  /** The n-th punch is "row" n + 2 of the 考勤 sheet kaohe import would write. */
  private readonly places: RosteredPunch[];

  constructor(punches: readonly RosteredPunch[], calendar: WorkCalendar, where: { file: string; sheet: string }) {
    // Punches already dated: no cell of theirs is read as a date.
    super(where.file, where.sheet, calendar, undefined, false);
    this.places = [...punches];
    const keys = new Map<string, string>();
    this.places.forEach(({ person, punch }, i) => {
      if (!calendar.covers(punch.date)) this.uncoveredDay(punch.date, punchLocation(punch));
      let key = keys.get(person.id);
      if (key === undefined) keys.set(person.id, (key = `id:${cleanName(person.id)}`));
      const row = i + 2;
      this.store(key, punch.date, ...pack({ at: punch.at, role: punch.role, session: null, row, column: 0 }));
      const first = this.firstRow.get(key);
      if (first) first.count += 1;
      else this.firstRow.set(key, { row, count: 1, column: 0, names: [] });
    });
    this.rows = this.places.length;
  }

  override locate(punch: RawPunch): SourceLocation {
    const place = this.places[punch.row - 2];
    return place ? punchLocation(place.punch) : super.locate(punch);
  }
}
