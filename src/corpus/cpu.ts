/**
 * CPU time of the calling thread, where the system tells it (Linux: /proc/thread-self/stat),
 * so that an ingest can say how busy each thread was even on a machine shared with others.
 */
import { openSync, readSync } from 'node:fs';

/** Clock ticks per second of /proc's counters (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** This thread's stat file, kept open: reading it again is one system call (the analysis threads read it after every item). */
let stat: { readonly fd: number; readonly buffer: Buffer } | undefined;

/**
 * Seconds of CPU (user + system) this thread has used, or undefined where unknown.
 * @example const before = threadCpu(); work(); const used = (threadCpu() ?? 0) - (before ?? 0)
 */
export function threadCpu(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    // /proc/thread-self names the thread that opens it; each thread has its own module instance.
    stat ??= { fd: openSync('/proc/thread-self/stat', 'r'), buffer: Buffer.alloc(1024) };
    const text = stat.buffer.toString('latin1', 0, readSync(stat.fd, stat.buffer, 0, stat.buffer.length, 0));
    // Fields after the command name (which may hold spaces, inside parentheses): utime is the 12th, stime the 13th.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return undefined;
  }
}
