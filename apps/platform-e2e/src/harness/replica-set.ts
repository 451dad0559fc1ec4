/**
 * The replicas of a platform started with two processes per service: which are alive, which one
 * leads (its /metrics says sa_leader 1), and a kill -9 of the leader timed until the survivor leads.
 */
import { scrapeMetric, until } from '@sa/testing';
import type { Replica, RunningPlatform } from './platform';

export interface Takeover {
  readonly service: string;
  readonly killed: string;
  readonly newLeader: string;
  readonly ms: number;
}

export class ReplicaSet {
  private turn = 0;

  constructor(private readonly platform: RunningPlatform) {}

  alive(service: string): Replica[] {
    return (this.platform.replicas[service] ?? []).filter((r) => r.child.exitCode === null && r.child.signalCode === null);
  }

  /** A live replica's URL, taking turns, so requests spread over the replicas as a load balancer would. */
  url(service: string): string {
    const live = this.alive(service);
    const replica = live[this.turn++ % live.length];
    if (!replica) throw new Error(`no live replica of ${service}`);
    return replica.url;
  }

  /** The one live replica leading the service (waits until exactly one does). */
  leader(service: string, timeoutMs = 30_000): Promise<Replica> {
    return until(
      `one leader of ${service}`,
      async () => {
        const live = this.alive(service);
        const leading = [];
        for (const r of live) if ((await scrapeMetric(r.url, 'sa_leader')) === 1) leading.push(r);
        return leading.length === 1 ? leading[0] : undefined;
      },
      timeoutMs,
      50,
    );
  }

  /** Kills the leader with SIGKILL and measures the time until another replica leads. */
  async killLeader(service: string): Promise<Takeover> {
    const leader = await this.leader(service);
    const killedAt = Date.now();
    leader.child.kill('SIGKILL');
    await new Promise((r) => leader.child.once('exit', r));
    const next = await this.leader(service, 20_000);
    return { service, killed: leader.name, newLeader: next.name, ms: Date.now() - killedAt };
  }
}
