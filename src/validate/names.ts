import { problem, type Problem, type Severity, type SourceLocation } from '../core/problems.js';
import type { Person } from '../core/input.js';
import { cleanName } from '../core/text.js';
import { personName } from '../import/identity.js';

/**
 * "The same name" wherever a sheet names a person (记录, 评分, 指标, 月度, 考勤, 请假, 班次, 替岗):
 * two names are one when they are equal cleaned of spaces and invisible characters and without
 * their notes, as the import compares them: 陈建国 = 陈建国(借调) = 陈 建国.
 */
export class RosterNames {
  /** Built at the first name that is not its person's as written: most rows write it so. */
  private byNoteless: Map<string, Person[]> | null = null;

  constructor(private readonly roster: readonly Person[]) {}

  private peopleCalled(name: string): Person[] {
    if (!this.byNoteless) {
      this.byNoteless = new Map();
      for (const p of this.roster) {
        const key = notelessName(p.name);
        this.byNoteless.set(key, [...(this.byNoteless.get(key) ?? []), p]);
      }
    }
    return this.byNoteless.get(notelessName(name)) ?? [];
  }

  /**
   * Who a 姓名 written without a 工号 may be: the roster people of the same name. Of two or more
   * (张伟(大) and 张伟(小)), a name written out with its note picks the one it is the roster name of;
   * a plain 张伟 stays both, for a clock's registry writes both so.
   */
  meant(written: string): Person[] {
    const same = this.peopleCalled(written);
    if (same.length < 2 || written === notelessName(written)) return same;
    const exact = same.filter((p) => cleanName(p.name) === written);
    return exact.length === 1 ? exact : same;
  }

  /**
   * The one person a 姓名 written without a 工号 names; none (person_unknown) or several
   * (person_ambiguous, with their 工号) is said at `at`.
   */
  personNamed(written: string, at: SourceLocation, problems: Problem[]): Person | null {
    const matches = this.meant(written);
    if (matches.length === 0) problems.push(problem('person_unknown', at, { value: written }));
    else if (matches.length > 1) problems.push(nameAmbiguous(written, matches, at));
    return matches.length === 1 ? matches[0]! : null;
  }

  /**
   * A 姓名 written beside `person`'s 工号, compared as the same name or not. Another roster
   * person's name is an error everywhere: 李四's rows under 王五's 00124 would be 王五's. Any
   * other difference (a typo, 陈健国) names no one else, and its severity is the sheet's
   * (`typo`): 记录's hand-typed rows give or cost points, so one of the two cells is wrong
   * (person_name_mismatch); 考勤, 请假 and 班次 copy a clock's registry, so the row counts for
   * the 工号's person, said (person_name_differs). `at`: the 姓名 cell, made only for a problem.
   */
  besideId(person: Person, written: string, at: () => SourceLocation, typo: Severity, extra: Record<string, number> = {}): Problem | null {
    if (written === cleanName(person.name)) return null;
    // A name written with its note that is exactly another roster person's (张伟(借调) beside 张伟's
    // 0001) names them: the note is what tells the two apart. A plain 张伟 beside 张伟(借调)'s 0002
    // is theirs without the note, as a clock's registry writes both.
    const noted = notelessName(written) !== cleanName(written);
    // Looked up among those of its noteless name (an index), not over the whole roster each row.
    const exactly = noted ? this.peopleCalled(written).filter((p) => p !== person && cleanName(p.name) === written) : [];
    if (exactly.length === 0 && notelessName(written) === notelessName(person.name)) return null;
    const args = { id: person.id, expected: person.name, value: written, ...extra };
    // Whose name it is, said: the clerk then knows the 工号 may be the wrong cell, not the 姓名.
    const others = exactly.length > 0 ? exactly : this.meant(written);
    if (others.length > 0) return problem('person_name_mismatch', at(), { ...args, others: others.map((p) => p.id).join('、') });
    return typo === 'error' ? problem('person_name_mismatch', at(), args) : problem('person_name_differs', at(), args, 'warning');
  }
}

/** A 姓名 alone that is several roster people's: which 工号 to write instead, said at `at`. */
export function nameAmbiguous(written: string, matches: readonly Person[], at: SourceLocation): Problem {
  return problem('person_ambiguous', at, { value: written, ids: matches.map((m) => m.id).join('、') });
}

/** A name as the import matches it: cleaned of spaces and invisible characters, without its notes. */
function notelessName(name: string): string {
  return personName(cleanName(name));
}
