/**
 * Which replica of a service runs what must run once: the event-store → Kafka relay, the
 * scheduled jobs' ticks, the audit case index and findings watch. Every replica campaigns for one
 * PostgreSQL advisory lock (leader-lock.ts) every SA_LEADER_POLL_MS; the one holding it starts the
 * led tasks, checks each round that its session still holds the lock, and stops them the moment it
 * does not (connection lost, lock gone) before campaigning again. A leader killed with `kill -9`
 * frees the lock with its session, so another replica leads within one poll interval.
 *
 * The lock lives beside the relay checkpoint (the event store's PostgreSQL, or
 * CHECKPOINT_DATABASE_URL on KurrentDB) and is named after the store's schema, so two deployments
 * (or test runs) on one database elect separately.
 */
import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import type { BaseConfig } from '../config/config';
import { defaultEventStoreSchema } from '../event-store/open-event-store';
import type { Logger } from '../logging/logger';
import { CONFIG, LOGGER, SERVICE_NAME } from '../platform.tokens';
import { LeaderLock } from './leader-lock';

/** Something only the leader runs: started when this replica becomes leader, stopped when it stops. */
export interface LedTask {
  readonly name: string;
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

export interface LeadershipStatus {
  readonly leading: boolean;
  /** Times this replica became leader since it started. */
  readonly terms: number;
  readonly since?: Date;
}

@Injectable()
export class Leadership implements BeforeApplicationShutdown {
  private readonly tasks: LedTask[] = [];
  private readonly started = new Set<LedTask>();
  private readonly lock?: LeaderLock;
  private leading = false;
  private terms = 0;
  private since?: Date;
  private timer?: NodeJS.Timeout;
  private round: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly listeners: ((leading: boolean) => void)[] = [];

  constructor(
    @Inject(CONFIG) private readonly config: BaseConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_NAME) serviceName: string,
  ) {
    const url = /^postgres(ql)?:\/\//.test(config.EVENT_STORE_URL) ? config.EVENT_STORE_URL : config.CHECKPOINT_DATABASE_URL;
    const schema = config.EVENT_STORE_SCHEMA ?? defaultEventStoreSchema(serviceName);
    if (url) {
      this.lock = new LeaderLock({
        connectionString: url,
        name: `leader:${schema}`,
        queryTimeoutMs: Math.max(1000, config.SA_LEADER_POLL_MS),
        // The session (and the lock with it) may be gone: stop the led tasks now, not at the next round.
        onLost: () => void this.stepDown('the connection holding the leader lock was lost'),
      });
    }
  }

  /** A leadership that always leads: for tools and benchmarks that run one instance by construction. */
  static alone(logger: Logger): Leadership {
    return new Leadership({ EVENT_STORE_URL: 'none://', SA_LEADER_POLL_MS: 1000 } as BaseConfig, logger, 'alone');
  }

  get isLeader(): boolean {
    return this.leading;
  }

  status(): LeadershipStatus {
    return { leading: this.leading, terms: this.terms, ...(this.since ? { since: this.since } : {}) };
  }

  /** Called with true when this replica becomes leader and false when it stops leading. */
  onChange(listener: (leading: boolean) => void): void {
    this.listeners.push(listener);
  }

  /** Runs `task` while this replica leads; campaigning starts with the first task. */
  async lead(task: LedTask): Promise<void> {
    this.tasks.push(task);
    await this.serially(() => this.startTask(task));
    this.campaign();
  }

  /** Stops `task` (if it runs) and forgets it. */
  async release(task: LedTask): Promise<void> {
    const index = this.tasks.indexOf(task);
    if (index >= 0) this.tasks.splice(index, 1);
    await this.serially(() => this.stopTask(task));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
    await this.stepDown('shutting down');
  }

  /**
   * One campaign loop per process: every `lead()` calls this, and before the first round has ended
   * (no timer yet) a second loop would race the first on the lock's connection — under load one
   * loop's connection, holding the lock, was orphaned and no replica could lead again.
   */
  private campaigning = false;

  private campaign(): void {
    if (this.campaigning || this.stopped) return;
    this.campaigning = true;
    const next = () => {
      this.round = this.oneRound().finally(() => {
        if (!this.stopped) this.timer = setTimeout(next, this.config.SA_LEADER_POLL_MS);
      });
    };
    next();
  }

  private async oneRound(): Promise<void> {
    if (!this.lock) {
      // No PostgreSQL to elect on (KurrentDB without CHECKPOINT_DATABASE_URL cannot relay either): lead alone.
      if (!this.leading) await this.becomeLeader('no database to elect on: run one replica');
      return;
    }
    try {
      if (this.leading) {
        if (!(await this.lock.stillHeld())) await this.stepDown('the leader lock was lost with its connection');
      } else if (await this.lock.tryAcquire()) {
        await this.becomeLeader('took the leader lock');
      }
    } catch (error) {
      await this.stepDown('the leader lock cannot be checked');
      this.logger.warn({ err: error }, 'leader election: PostgreSQL unreachable; campaigning again shortly');
      await this.lock.close();
    }
  }

  /** One transition at a time: a task is never started again while its previous stop is still running. */
  private transition: Promise<void> = Promise.resolve();

  private serially(step: () => Promise<void>): Promise<void> {
    const next = this.transition.then(step);
    this.transition = next.catch(() => undefined);
    return next;
  }

  private becomeLeader(why: string): Promise<void> {
    return this.serially(() => this.takeOver(why));
  }

  private stepDown(why: string): Promise<void> {
    return this.serially(() => this.handOver(why));
  }

  private async takeOver(why: string): Promise<void> {
    if (this.leading) return;
    this.leading = true;
    this.terms += 1;
    this.since = new Date();
    this.logger.info({ tasks: this.tasks.map((t) => t.name), why }, 'this replica leads');
    for (const listener of this.listeners) listener(true);
    for (const task of [...this.tasks]) await this.startTask(task);
  }

  private async handOver(why: string): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    this.since = undefined;
    this.logger.warn({ why }, 'this replica stops leading');
    for (const listener of this.listeners) listener(false);
    for (const task of [...this.started].reverse()) await this.stopTask(task);
    await this.lock?.close();
  }

  private async startTask(task: LedTask): Promise<void> {
    if (this.started.has(task) || !this.leading) return;
    this.started.add(task);
    try {
      await task.start();
    } catch (error) {
      this.logger.error({ err: error, task: task.name }, 'a led task failed to start; it starts again at the next term');
      this.started.delete(task);
    }
  }

  private async stopTask(task: LedTask): Promise<void> {
    if (!this.started.delete(task)) return;
    await Promise.resolve(task.stop()).catch((error: unknown) => this.logger.error({ err: error, task: task.name }, 'stopping a led task failed'));
  }
}
