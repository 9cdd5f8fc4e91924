import { readFileSync } from 'node:fs';
import type { TextSink } from '../core/io.js';

/**
 * `kaohe`, `kaohe -h` and `kaohe --help` print the top-level help. Rendering it means loading
 * commander and every command's definition, most of the command line's start-up (issue 17:
 * `--help` ≤ 0.1 s). So `npm run build` renders it once for every terminal width
 * (scripts/build-help.mjs) and bin/kaohe.js prints the one for the width it runs at, loading
 * nothing else. Commander wraps help to the width, so the texts are kept per span of widths.
 */
export interface HelpSpan {
  /** The narrowest width this text is for; it holds up to the next span's `from` − 1. */
  from: number;
  text: string;
}

/** Widths rendered at build time; the build checks that every wider terminal gets the last text. */
export const WIDEST_RENDERED = 400;

/** The arguments that print only the top-level help. */
export function asksTopHelp(argv: readonly string[]): boolean {
  return argv.length === 0 || (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h'));
}

/** The width commander wraps help to: the terminal's, or 80 when the output is not a terminal. */
export function helpWidthOf(stream: TextSink): number {
  return (stream.isTTY ? stream.columns : undefined) ?? 80;
}

/** The help at each width from 1 to WIDEST_RENDERED, as spans where the text stays the same. */
export async function helpSpans(render: (width: number) => Promise<string>): Promise<HelpSpan[]> {
  const spans: HelpSpan[] = [];
  for (let width = 1; width <= WIDEST_RENDERED; width++) {
    const text = await render(width);
    if (spans.at(-1)?.text !== text) spans.push({ from: width, text });
  }
  return spans;
}

/** The prebuilt help for a width, or null where none was built (a width commander would not get from a terminal). */
export function helpAt(spans: readonly HelpSpan[], width: number): string | null {
  if (!Number.isInteger(width) || width < 1) return null;
  let found: HelpSpan | null = null;
  for (const span of spans) if (span.from <= width) found = span;
  return found?.text ?? null;
}

/**
 * The help bin/kaohe.js prints for this stdout from the spans in `file` (dist/help.json), or null
 * when it must run the command line (a build without them). bin/kaohe.js loads this as CommonJS
 * (dist/help-entry.cjs, made by scripts/build-help.mjs), so `--help` starts no ES module loader.
 */
export function prebuiltHelp(stdout: TextSink, file: string): string | null {
  let spans: HelpSpan[];
  try {
    spans = JSON.parse(readFileSync(file, 'utf8')) as HelpSpan[];
  } catch {
    return null;
  }
  return helpAt(spans, helpWidthOf(stdout));
}
