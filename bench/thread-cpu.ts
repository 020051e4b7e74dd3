/**
 * CPU time of each thread of this process (Linux: /proc/self/task/<tid>/stat), so a benchmark can
 * say which thread an event's CPU went to: the thread that runs the path, a worker it started, or
 * V8's own helpers (concurrent marking, parallel scavenges, the optimising compiler). Empty where
 * /proc is not there; the figures built on it are then left out.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks a second of /proc's utime and stime (USER_HZ, 100 on every Linux this runs on). */
const TICKS_PER_SECOND = 100;

/**
 * The fields of a /proc stat file (a process's or a thread's) after the command's closing
 * parenthesis: the command may hold spaces and parentheses, the fields after it are plain. Index 0
 * is the state (field 3 of proc(5)), 1 the parent pid, 11 utime and 12 stime.
 */
export function procStatFields(path: string): string[] {
  const stat = readFileSync(path, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Microseconds of CPU (user + system) of each live thread, by thread id. */
export function threadCpuMicros(): Map<number, number> {
  const times = new Map<number, number>();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return times;
  }
  for (const tid of tids) {
    try {
      const fields = procStatFields(`/proc/self/task/${tid}/stat`);
      const ticks = Number(fields[11]) + Number(fields[12]);
      times.set(Number(tid), (ticks * 1e6) / TICKS_PER_SECOND);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return times;
}

/** CPU spent between two readings, split into the main thread, the given threads, and the rest. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>, named: ReadonlySet<number>): { main: number; named: number; rest: number } {
  const split = { main: 0, named: 0, rest: 0 };
  for (const [tid, micros] of after) {
    const spent = micros - (before.get(tid) ?? 0);
    if (tid === process.pid) split.main += spent;
    else if (named.has(tid)) split.named += spent;
    else split.rest += spent;
  }
  return split;
}

/** The whole machine's CPU time so far (all cores, /proc/stat), in microseconds: busy (not idle nor waiting for I/O) and stolen by the hypervisor. */
export function machineCpuMicros(): { busy: number; steal: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    const toMicros = (ticks: number): number => (ticks * 1e6) / TICKS_PER_SECOND;
    return { busy: toMicros((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0)), steal: toMicros(steal ?? 0) };
  } catch {
    return null;
  }
}
