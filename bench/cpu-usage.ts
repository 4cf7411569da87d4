/**
 * CPU time of other processes, from Linux's /proc/<pid>/stat (the egress
 * benchmark reads the SFU's ffmpeg processes with it): fields 14 and 15,
 * utime and stime, in clock ticks (`getconf CLK_TCK`, usually 100). The
 * command name (field 2) may hold spaces and parentheses, so the fields are
 * counted after the last `)`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let ticksPerSecond: number | null = null;

/** The kernel's clock ticks per second (CLK_TCK). */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === null) {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    if (!Number.isInteger(ticks) || ticks <= 0) throw new Error(`getconf CLK_TCK gave no tick rate: ${ticks}`);
    ticksPerSecond = ticks;
  }
  return ticksPerSecond;
}

/** utime + stime in clock ticks from the text of a /proc/<pid>/stat. */
export function statTicks(stat: string): number {
  // After "pid (comm) ": field 3 (state) is index 0, so utime (14) is index 11 and stime (15) index 12.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isInteger(utime) || !Number.isInteger(stime)) throw new Error(`Not a /proc/<pid>/stat line: ${stat.slice(0, 200)}`);
  return utime + stime;
}

/** utime + stime of `pid` in clock ticks, or null when the process is gone. */
export function cpuTicks(pid: number): number | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  return statTicks(stat);
}

/** A reading of several processes at one moment, to be compared with a later one (`coresUsed`). */
export interface CpuSnapshot {
  readonly at: number;
  readonly ticks: ReadonlyMap<number, number>;
}

/** The processes of `pids` that are running (one that ended is left out). */
export function cpuSnapshot(pids: readonly number[]): CpuSnapshot {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    const t = cpuTicks(pid);
    if (t !== null) ticks.set(pid, t);
  }
  return { at: performance.now(), ticks };
}

/** Cores each process of `before` used until `after` (1 = one whole core); null for one missing from either. */
export function coresUsed(before: CpuSnapshot, after: CpuSnapshot): Map<number, number | null> {
  const seconds = (after.at - before.at) / 1000;
  const used = new Map<number, number | null>();
  for (const [pid, start] of before.ticks) {
    const end = after.ticks.get(pid);
    used.set(pid, end === undefined ? null : (end - start) / clockTicksPerSecond() / seconds);
  }
  return used;
}
