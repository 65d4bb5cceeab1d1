/**
 * CPU time of the calling thread, where the system tells it (Linux: /proc/thread-self/stat),
 * so that an ingest can say how busy each thread was even on a machine shared with others.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's counters (USER_HZ, 100 on Linux). */
const TICKS = 100;

/**
 * Seconds of CPU (user + system) this thread has used, or undefined where unknown.
 * @example const before = threadCpu(); work(); const used = (threadCpu() ?? 0) - (before ?? 0)
 */
export function threadCpu(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'latin1');
    // Fields after the command name (which may hold spaces, inside parentheses): utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return undefined;
  }
}
