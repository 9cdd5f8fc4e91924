import type { SingleBar } from 'cli-progress';
import type { TextSink } from '../core/io.js';
import { runPhaseText } from '../messages/terminal.js';

/** A run shorter than this shows no bar: a town's month should print its result and nothing else. */
const SHOW_AFTER_MS = 2000;
/** Reading takes this share of the bar; validating, scoring and writing the rest. */
const READING_SHARE = 80;

type RunPhase = keyof typeof runPhaseText;

/**
 * A progress bar on stderr for long runs: only on a terminal (a pipe or a log gets nothing), and
 * only once the run has lasted about two seconds. Reading moves it by the workbook bytes
 * inflated; the later phases are named as they begin.
 */
class RunProgress {
  private bar: SingleBar | null = null;
  private stopped = false;
  private percent = 0;
  private phase: RunPhase = 'reading';
  private readonly timer: NodeJS.Timeout | null;

  constructor(private readonly stream: TextSink) {
    this.timer = stream.isTTY ? setTimeout(() => void this.show(), SHOW_AFTER_MS).unref() : null;
  }

  /** The reader's hook: inflated bytes read so far and in all. */
  readonly reading = (done: number, total: number): void => {
    this.set(done >= total ? 'scoring' : 'reading', Math.floor((READING_SHARE * done) / Math.max(1, total)));
  };

  /** A later phase has begun. */
  begin(phase: RunPhase): void {
    this.set(phase, phase === 'writing' ? 95 : READING_SHARE + 5);
  }

  /** Removes the bar (if it was shown) before the run's own output. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.bar?.stop();
    this.bar = null;
  }

  private set(phase: RunPhase, percent: number): void {
    if (phase === this.phase && percent <= this.percent) return;
    this.phase = phase;
    this.percent = Math.max(this.percent, percent);
    this.bar?.update(this.percent, { phase: runPhaseText[this.phase] });
  }

  /** The bar library is loaded only when a run lasts long enough to show it. */
  private async show(): Promise<void> {
    const cliProgress = await import('cli-progress');
    if (this.stopped) return;
    const bar = new cliProgress.SingleBar(
      { stream: this.stream as unknown as NodeJS.WritableStream, format: '{phase} [{bar}] {percentage}%', clearOnComplete: true, hideCursor: true, barsize: 30 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(100, this.percent, { phase: runPhaseText[this.phase] });
    this.bar = bar;
  }
}

/** Runs `work` with a progress bar for it; the bar is gone before anything else is printed. */
export async function withProgress<T>(stream: TextSink, work: (progress: RunProgress) => Promise<T>): Promise<T> {
  const progress = new RunProgress(stream);
  try {
    return await work(progress);
  } finally {
    progress.stop();
  }
}

