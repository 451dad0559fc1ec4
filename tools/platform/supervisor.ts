/**
 * Keeps `npm start`'s services running: a service that exits (a crash, `kill -9`, an OOM kill) is
 * started again after a backoff that doubles with each quick exit up to a cap, and is reset once a
 * run has lasted long enough to count as healthy. Every exit and restart is logged with its cause.
 * `stop()` ends supervision first (no restart races the shutdown), then asks each child to stop
 * (SIGTERM) and kills those that outlive the grace period.
 */
import type { ChildProcess } from 'node:child_process';

export interface SupervisedService {
  readonly name: string;
  /** Starts one run of the service (a fresh process each time). */
  readonly spawn: () => ChildProcess;
}

export interface SupervisorOptions {
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** A run that lasted this long resets the backoff: the next exit is restarted after initialDelayMs. */
  readonly healthyAfterMs?: number;
  readonly log?: (line: string) => void;
}

interface Slot {
  readonly service: SupervisedService;
  child?: ChildProcess;
  startedAt: number;
  quickExits: number;
  restarts: number;
  timer?: NodeJS.Timeout;
}

export class Supervisor {
  private readonly slots = new Map<string, Slot>();
  private stopping = false;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly healthyAfterMs: number;
  private readonly log: (line: string) => void;

  constructor(services: readonly SupervisedService[], options: SupervisorOptions = {}) {
    this.initialDelayMs = options.initialDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.healthyAfterMs = options.healthyAfterMs ?? 60_000;
    this.log = options.log ?? ((line) => console.error(line));
    for (const service of services) this.slots.set(service.name, { service, startedAt: 0, quickExits: 0, restarts: 0 });
  }

  start(): void {
    for (const slot of this.slots.values()) this.run(slot);
  }

  /** The service's current process (undefined while it waits to be restarted). */
  current(name: string): ChildProcess | undefined {
    return this.slot(name).child;
  }

  restarts(name: string): number {
    return this.slot(name).restarts;
  }

  async stop(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    for (const slot of this.slots.values()) clearTimeout(slot.timer);
    await Promise.all([...this.slots.values()].map((slot) => (slot.child ? stopChild(slot.child, graceMs) : undefined)));
  }

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`no supervised service named ${name}`);
    return slot;
  }

  private run(slot: Slot): void {
    const child = slot.service.spawn();
    slot.child = child;
    slot.startedAt = Date.now();
    // A spawn failure (e.g. the entry file is missing) is reported as 'error', then 'exit' or 'close'.
    child.once('error', (error) => this.log(`${slot.service.name} could not be started: ${error.message}`));
    child.once('exit', (code, signal) => this.exited(slot, child, code, signal));
  }

  private exited(slot: Slot, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (slot.child !== child) return;
    slot.child = undefined;
    if (this.stopping) return;
    const ranMs = Date.now() - slot.startedAt;
    slot.quickExits = ranMs >= this.healthyAfterMs ? 1 : slot.quickExits + 1;
    const delayMs = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** (slot.quickExits - 1));
    const cause = signal ? `killed by ${signal}` : `exited with code ${code}`;
    this.log(`${slot.service.name} ${cause} after ${(ranMs / 1000).toFixed(1)} s; restarting in ${(delayMs / 1000).toFixed(1)} s`);
    slot.timer = setTimeout(() => {
      if (this.stopping) return;
      slot.restarts += 1;
      this.run(slot);
      this.log(`${slot.service.name} restarted (pid ${slot.child?.pid ?? '?'}, restart ${slot.restarts})`);
    }, delayMs);
  }
}

export function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}
