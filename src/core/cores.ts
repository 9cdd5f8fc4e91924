import { availableParallelism, loadavg } from 'node:os';

/**
 * Cores not busy with other work: the cores minus the 1-minute load average. A second thread
 * pays only when more than one is free. Windows reports no load (loadavg() is all zeros), so
 * there every core counts as free.
 */
export function idleCores(): number {
  return availableParallelism() - (loadavg()[0] ?? 0);
}
