import type { WorkCalendar } from '../calendar/calendar.js';
import type { SourceLocation } from '../core/problems.js';
import { PunchCollector, type RawPunch } from '../read/punch-collector.js';
import type { RawTable } from '../read/table.js';

/**
 * The imported 考勤 rows, collected like a typed 考勤 sheet, but each punch located at the
 * export's own cell: an audit line or a problem names export.xls › 原始记录 › 第12行 › 打卡时间.
 */
export class ImportedPunches extends PunchCollector {
  constructor(
    table: RawTable,
    calendar: WorkCalendar,
    private readonly origins: (row: number) => SourceLocation | undefined,
    where: { file: string; sheet: string },
  ) {
    super(where.file, where.sheet, calendar, undefined);
    for (const row of table.rows) this.add(row);
    this.finish();
  }

  override locate(punch: RawPunch): SourceLocation {
    return this.origins(punch.row) ?? super.locate(punch);
  }

  /** Where a problem the collector found on a written row really is. */
  origin(row: number): SourceLocation | undefined {
    return this.origins(row);
  }
}
