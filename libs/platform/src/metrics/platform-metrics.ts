/**
 * What every service reports on /metrics besides HTTP: whether this replica leads, the relay
 * (published, checkpoint, lag behind the store's head), the consumers (handled, duplicates dropped
 * by the inbox, dead-lettered, in flight, partitions assigned and paused on a fault), the
 * projections (position and lag) and the event store's append latency.
 *
 * Lags are in global positions: head minus checkpoint. The head is the store's newest event, of any
 * category, so a relay or projection that is caught up shows the events after its last one that it
 * does not follow: an upper bound that falls to zero only when its own events are the newest.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@sa/event-store';
import { type ConsumerStatus, spanIdOf } from '@sa/messaging';
import type { Admin } from '@platformatic/kafka';
import type { Pool } from 'pg';
import type { BaseConfig } from '../config/config';
import { defaultEventStoreSchema } from '../event-store/open-event-store';
import { Leadership } from '../leadership/leadership';
import { ServiceMessaging } from '../messaging/service-messaging';
import { CONFIG, EVENT_STORE, EVENT_STORE_POOL, KAFKA_ADMIN, SERVICE_NAME } from '../platform.tokens';
import { currentSpan, Tracer } from '../tracing/tracer';
import { ConsumerLag } from './consumer-lag';
import { ProjectionRunner } from '../read-model/projection-runner';
import { MetricsRegistry, type Sample } from './metrics-registry';

@Injectable()
export class PlatformMetrics implements OnModuleInit {
  private headCache?: { at: number; head: Promise<number | undefined> };

  constructor(
    private readonly registry: MetricsRegistry,
    private readonly leadership: Leadership,
    private readonly messaging: ServiceMessaging,
    private readonly projections: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_STORE_POOL) private readonly pool: Pool | null,
    @Inject(CONFIG) private readonly config: BaseConfig,
    @Inject(SERVICE_NAME) private readonly serviceName: string,
    @Inject(KAFKA_ADMIN) private readonly kafkaAdmin: Admin,
    private readonly tracer: Tracer,
  ) {}

  onModuleInit(): void {
    const r = this.registry;
    r.collected('sa_leader', '1 when this replica leads (runs the relay, the scheduled jobs and other single-writer tasks)', 'gauge', () => [
      [{}, this.leadership.isLeader ? 1 : 0],
    ]);
    r.collected('sa_leader_terms_total', 'Times this replica became leader since it started', 'counter', () => [[{}, this.leadership.status().terms]]);
    r.collected('sa_event_store_head_position', 'Global position of the newest event in this service’s store', 'gauge', async () => {
      const head = await this.head();
      return head === undefined ? [] : [[{}, head]];
    });
    this.relayMetrics();
    this.consumerMetrics();
    this.projectionMetrics();
    this.timeAppends();
  }

  private relayMetrics(): void {
    const relay = () => this.messaging.relayStatus();
    this.registry.collected('sa_relay_published_total', 'Integration events Kafka acknowledged from this replica’s relay since it led', 'counter', () => {
      const status = relay();
      return status ? [[{}, status.published]] : [];
    });
    this.registry.collected('sa_relay_checkpoint_position', 'Global position up to which the relay has published (durable checkpoint)', 'gauge', () => {
      const checkpoint = relay()?.checkpoint;
      return checkpoint === undefined ? [] : [[{}, checkpoint]];
    });
    this.registry.collected('sa_relay_lag_positions', 'Store head minus the relay checkpoint (on the leader)', 'gauge', async () => {
      const status = relay();
      const head = await this.head();
      return status && head !== undefined ? [[{ state: status.state }, Math.max(0, head - (status.checkpoint ?? 0))]] : [];
    });
  }

  private consumerMetrics(): void {
    const each = (pick: (s: ConsumerStatus) => number): Sample[] =>
      [...this.messaging.consumers].map(([consumer, c]) => [{ consumer }, pick(c.status())] as const);
    this.registry.collected('sa_consumer_handled_total', 'Messages handled by a consumer on this replica', 'counter', () => each((s) => s.handled));
    this.registry.collected('sa_consumer_duplicates_total', 'Messages dropped by the inbox as already handled', 'counter', () => each((s) => s.duplicates));
    this.registry.collected('sa_consumer_dead_lettered_total', 'Messages parked on the dead-letter topic', 'counter', () => each((s) => s.deadLettered));
    this.registry.collected('sa_consumer_in_flight', 'Messages being handled now', 'gauge', () => each((s) => s.inFlight));
    this.registry.collected('sa_consumer_partitions_assigned', 'Partitions this replica’s consumer owns (replicas share a group’s partitions)', 'gauge', () =>
      each((s) => s.assignments.reduce((n, a) => n + a.partitions.length, 0)),
    );
    const lag = new ConsumerLag(this.kafkaAdmin, () => this.messaging.consumerGroups());
    this.registry.collected(
      'sa_consumer_lag_messages',
      'End offset minus the group’s committed offset, per partition (the same on every replica)',
      'gauge',
      () => lag.samples(),
    );
    this.registry.collected('sa_consumer_partitions_faulted', 'Partitions paused while a message waits on a transient fault', 'gauge', () =>
      each((s) => s.faults.length),
    );
  }

  private projectionMetrics(): void {
    const positions = () => Object.entries(this.projections.positions());
    this.registry.collected('sa_projection_position', 'Global position a read-model projection has applied', 'gauge', () =>
      positions().map(([projection, position]) => [{ projection }, position ?? 0] as const),
    );
    this.registry.collected('sa_projection_lag_positions', 'Store head minus the projection position', 'gauge', async () => {
      const head = await this.head();
      return head === undefined ? [] : positions().map(([projection, position]) => [{ projection }, Math.max(0, head - (position ?? 0))] as const);
    });
  }

  private timeAppends(): void {
    const appends = this.registry.histogram(
      'sa_event_store_append_seconds',
      'Event-store append latency by outcome',
      [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    );
    const append = this.store.appendToStream.bind(this.store);
    this.store.appendToStream = async (...args) => {
      const stop = appends.startTimer();
      const finish = this.appendSpan(args[0], args[1].length);
      try {
        const result = await append(...args);
        stop({ outcome: 'appended' });
        finish(true);
        return result;
      } catch (error) {
        stop({ outcome: 'failed' });
        finish(false);
        throw error;
      }
    };
  }

  /** A child span of the request's or handler's span; the stream's category only (its id may name a case or a person). */
  private appendSpan(stream: string, events: number): (ok: boolean) => void {
    const parent = this.tracer.enabled ? currentSpan.getStore() : undefined;
    if (!parent) return () => undefined;
    const startMs = Date.now();
    return (ok) =>
      this.tracer.record({
        name: 'event-store append',
        kind: 'internal',
        traceId: parent.traceId,
        spanId: spanIdOf(),
        parentSpanId: parent.spanId,
        startMs,
        endMs: Date.now(),
        ok,
        attributes: { 'sa.stream.category': stream.split('-')[0] ?? '', 'sa.events': events },
      });
  }

  /** The store's newest position (PostgreSQL), read at most once a second however often it is scraped. */
  private head(): Promise<number | undefined> {
    const pool = this.pool;
    if (!pool) return Promise.resolve(undefined);
    if (!this.headCache || Date.now() - this.headCache.at > 1000) {
      const schema = this.config.EVENT_STORE_SCHEMA ?? defaultEventStoreSchema(this.serviceName);
      const head = pool
        .query<{ head: string | null }>(`select max(position) as head from "${schema}".events`)
        .then((r) => (r.rows[0]?.head === null || r.rows[0]?.head === undefined ? undefined : Number(r.rows[0].head)))
        .catch(() => undefined);
      this.headCache = { at: Date.now(), head };
    }
    return this.headCache.head;
  }
}
