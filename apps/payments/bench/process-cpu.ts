/**
 * CPU seconds of processes, from /proc (Linux): for a benchmark to say how much CPU a step cost
 * beside its wall-clock time on a shared, loaded machine.
 */
import { readdirSync, readFileSync } from 'node:fs';

const ticksPerSecond = 100; // USER_HZ on Linux

/** utime, stime, cutime, cstime of a process (seconds), or undefined once it is gone. */
function times(pid: number): { own: number; reaped: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(fields[i - 3]);
    return { own: (n(14) + n(15)) / ticksPerSecond, reaped: (n(16) + n(17)) / ticksPerSecond };
  } catch {
    return undefined;
  }
}

/** CPU seconds the process has used itself (0 once it is gone). */
export function cpuSecondsOf(pid: number): number {
  return times(pid)?.own ?? 0;
}

/** The PostgreSQL server's postmaster, from its pid file (PGDATA, or the local infra's data directory). */
function postmasterPid(): number | undefined {
  const dataDir = process.env['PGDATA'] ?? `${process.cwd()}/../main/.infra/postgres/data`;
  for (const dir of [dataDir, '/work/main/.infra/postgres/data']) {
    try {
      return Number(readFileSync(`${dir}/postmaster.pid`, 'utf8').split('\n')[0]);
    } catch {
      // next
    }
  }
  return undefined;
}

/**
 * CPU seconds of the whole PostgreSQL server so far: the postmaster, every live backend and
 * worker, and the backends it has reaped. NaN when the server is not on this machine.
 */
export function postgresCpuSeconds(): number {
  const root = postmasterPid();
  const rootTimes = root === undefined ? undefined : times(root);
  if (root === undefined || !rootTimes) return Number.NaN;
  let total = rootTimes.own + rootTimes.reaped;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === root) total += times(Number(entry))?.own ?? 0;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
