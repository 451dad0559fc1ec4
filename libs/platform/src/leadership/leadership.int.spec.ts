/**
 * Leader election on the real PostgreSQL: two replicas' Leadership on one lock, the leader's
 * session terminated by the server (a network cut, an administrator, a failover) or the leader
 * shutting down; the led task runs on exactly one replica at every moment we look, and moves.
 */
import { eventually, integrationEnv, uniqueName } from '@sa/testing-infra';
import { Client } from 'pg';
import type { BaseConfig } from '../config/config';
import { createLogger } from '../logging/logger';
import { Leadership, type LedTask } from './leadership';

interface Replica {
  readonly leadership: Leadership;
  running: boolean;
  starts: number;
}

describe('leadership (real PostgreSQL advisory lock)', () => {
  const schema = uniqueName('leader');
  const config = { EVENT_STORE_URL: integrationEnv().databaseUrl, EVENT_STORE_SCHEMA: schema, SA_LEADER_POLL_MS: 200 } as BaseConfig;
  const replicas: Replica[] = [];

  const replica = async (): Promise<Replica> => {
    const r: Replica = { leadership: new Leadership(config, createLogger('leadership-test', 'silent'), 'leader-test'), running: false, starts: 0 };
    const task: LedTask = {
      name: 'relay',
      start: () => {
        r.running = true;
        r.starts += 1;
      },
      stop: async () => {
        r.running = false;
      },
    };
    replicas.push(r);
    await r.leadership.lead(task);
    return r;
  };
  const runningCount = () => replicas.filter((r) => r.running).length;
  /** Ends the leader's session from the server side, as a network cut or pg_terminate_backend would. */
  const terminateLeaderSession = async () => {
    const admin = new Client({ connectionString: integrationEnv().databaseUrl });
    await admin.connect();
    try {
      const ended = await admin.query(
        "select pg_terminate_backend(a.pid) from pg_stat_activity a join pg_locks l on l.pid = a.pid where a.application_name = $1 and l.locktype = 'advisory' and l.granted",
        [`sa-leader:${schema}`],
      );
      return ended.rowCount;
    } finally {
      await admin.end();
    }
  };

  afterAll(async () => {
    for (const r of replicas) await r.leadership.beforeApplicationShutdown();
  });

  it('runs the task on one replica, moves it when the leader’s session ends or the leader shuts down', async () => {
    // Given two replicas campaigning for one lock
    const a = await replica();
    await eventually(() => expect(a.running).toBe(true), 5_000, 20);
    const b = await replica();
    // Then only the first leads, however long we watch
    for (let i = 0; i < 10; i++) {
      expect(runningCount()).toBe(1);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect([a.leadership.isLeader, b.leadership.isLeader]).toEqual([true, false]);

    // When the server ends the leader's session (watching every few milliseconds how many run the task)
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, runningCount())), 2);
    const cutAt = Date.now();
    expect(await terminateLeaderSession()).toBe(1);
    // Then that term ends and a new one begins — on whichever replica asks first — within a few poll intervals, never two at once
    await eventually(() => expect([a.starts + b.starts, runningCount()]).toEqual([2, 1]), 5_000, 5);
    const movedMs = Date.now() - cutAt;
    await new Promise((r) => setTimeout(r, 500));
    clearInterval(watch);
    expect([a.starts + b.starts, runningCount(), most]).toEqual([2, 1, 1]);
    expect(movedMs).toBeLessThan(3_000);

    // When the leader shuts down
    const [leader, follower] = a.running ? [a, b] : [b, a];
    const startsBefore = follower.starts;
    await leader.leadership.beforeApplicationShutdown();
    // Then the other replica leads (a new term: its task started once more)
    await eventually(() => expect(follower.running).toBe(true), 5_000, 20);
    expect([follower.starts - startsBefore, leader.running, runningCount()]).toEqual([1, false, 1]);
    expect(follower.leadership.status()).toMatchObject({ leading: true });
    process.stdout.write(`leadership: a new term ${movedMs} ms after the leader's session was terminated\n`);
  }, 30_000);

  it('campaigns on one connection when tasks are added before the first round has ended, so a shut-down leader frees the lock', async () => {
    // Given a replica whose service adds two led tasks at once (the scheduler and the relay at start-up)
    const own = `${schema}_twice`;
    const twice = new Leadership({ ...config, EVENT_STORE_SCHEMA: own } as BaseConfig, createLogger('leadership-test', 'silent'), 'leader-test');
    const noop: (name: string) => LedTask = (name) => ({ name, start: () => undefined, stop: async () => undefined });
    await Promise.all([twice.lead(noop('scheduler')), twice.lead(noop('relay'))]);
    await eventually(() => expect(twice.status().leading).toBe(true), 5_000, 20);
    await new Promise((r) => setTimeout(r, 600)); // a few rounds
    // Then it holds one session on the lock (two campaign loops raced on it and orphaned one)
    const admin = new Client({ connectionString: integrationEnv().databaseUrl });
    await admin.connect();
    try {
      const sessions = async () =>
        Number((await admin.query('select count(*) from pg_stat_activity where application_name = $1', [`sa-leader:${own}`])).rows[0].count);
      expect(await sessions()).toBe(1);
      // And when it shuts down the lock is free: another replica leads
      await twice.beforeApplicationShutdown();
      const next = new Leadership({ ...config, EVENT_STORE_SCHEMA: own } as BaseConfig, createLogger('leadership-test', 'silent'), 'leader-test');
      replicas.push({ leadership: next, running: false, starts: 0 });
      await next.lead(noop('relay'));
      await eventually(() => expect(next.status().leading).toBe(true), 5_000, 20);
    } finally {
      await admin.end();
    }
  }, 30_000);
});
