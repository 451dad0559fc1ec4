/**
 * The supervisor behind `npm start` (issue #10, item 10a): a child killed with SIGKILL is started
 * again after a backoff, quick repeated exits back off up to the cap, and stop() ends every child
 * without restarting any. Children are small real Node processes.
 */
import { spawn } from 'node:child_process';
import { Supervisor } from './supervisor';

// A child that runs until it is stopped and exits 0 on SIGTERM, like a service.
const serviceLike = "process.on('SIGTERM', () => process.exit(0)); setInterval(() => undefined, 1000);";
const spawnChild = (script = serviceLike) => spawn(process.execPath, ['-e', script], { stdio: 'ignore' });

async function until<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('Supervisor', () => {
  let supervisor: Supervisor | undefined;
  afterEach(async () => {
    await supervisor?.stop(2000);
  });

  it('restarts a service killed with SIGKILL, saying why and when', async () => {
    // Given two supervised services
    const log: string[] = [];
    supervisor = new Supervisor(
      [
        { name: 'intake', spawn: () => spawnChild() },
        { name: 'payments', spawn: () => spawnChild() },
      ],
      { initialDelayMs: 200, log: (line) => log.push(line) },
    );
    supervisor.start();
    const first = await until(() => supervisor?.current('intake')?.pid);
    const other = await until(() => supervisor?.current('payments')?.pid);
    // When one is killed with SIGKILL
    process.kill(first, 'SIGKILL');
    // Then it runs again as a new process, and the other was never touched
    const second = await until(() => {
      const pid = supervisor?.current('intake')?.pid;
      return pid !== undefined && pid !== first ? pid : undefined;
    });
    expect(alive(second)).toBe(true);
    expect(supervisor.current('payments')?.pid).toBe(other);
    expect(supervisor.restarts('payments')).toBe(0);
    expect(log[0]).toMatch(/^intake killed by SIGKILL after \d+\.\d s; restarting in 0\.2 s$/);
    expect(log[1]).toMatch(/^intake restarted \(pid \d+, restart 1\)$/);
  });

  it('backs off on repeated quick exits, never beyond the cap', async () => {
    // Given a service that exits at once with code 3, every time
    const log: string[] = [];
    supervisor = new Supervisor([{ name: 'broken', spawn: () => spawnChild('process.exit(3)') }], {
      initialDelayMs: 100,
      maxDelayMs: 400,
      log: (line) => log.push(line),
    });
    // When it has been restarted five times
    supervisor.start();
    await until(() => ((supervisor?.restarts('broken') ?? 0) >= 5 ? true : undefined));
    // Then the delays doubled up to the cap and each exit was logged with its code
    const delays = log.filter((l) => l.includes('restarting in')).map((l) => l.match(/restarting in ([\d.]+) s/)?.[1]);
    expect(delays.slice(0, 5)).toEqual(['0.1', '0.2', '0.4', '0.4', '0.4']);
    expect(log[0]).toMatch(/^broken exited with code 3 after/);
  });

  it('stops every child on stop() and restarts none of them', async () => {
    // Given two running services
    const log: string[] = [];
    supervisor = new Supervisor(
      [
        { name: 'a', spawn: () => spawnChild() },
        { name: 'b', spawn: () => spawnChild() },
      ],
      { initialDelayMs: 10, log: (line) => log.push(line) },
    );
    supervisor.start();
    const pids = [await until(() => supervisor?.current('a')?.pid), await until(() => supervisor?.current('b')?.pid)];
    // When the platform stops
    await supervisor.stop(2000);
    // Then both processes are gone and nothing was restarted
    await new Promise((r) => setTimeout(r, 100));
    expect(pids.map(alive)).toEqual([false, false]);
    expect(log).toEqual([]);
  });
});
