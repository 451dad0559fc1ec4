/**
 * A service's messaging, declared once: what it publishes (a relay over its own stream categories,
 * with an explicit domain → integration event mapping) and what it consumes (consumer groups, each
 * naming the contracts it handles — by `@EventPattern` methods on controllers — and those it
 * ignores). Topics are provisioned and the relay started when the application bootstraps; the
 * consumers run in the microservice transport (connect-integration-events.ts) and stop first on
 * shutdown; their state feeds readiness.
 */
import { hostname } from 'node:os';
import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { countyDataReceiptV1, type IntegrationContract } from '@sa/contracts';
import { describeConnectionError, handlePoolErrors, type MessageInboxStore, type StreamStore } from '@sa/event-store';
import {
  eventStoreInbox,
  EventRelay,
  groupInstanceIdOf,
  type IntegrationConsumerOptions,
  IntegrationEventsTransport,
  type IntegrationEventMapping,
  type KafkaClientOptions,
  kafkaClientOptions,
  MongoInbox,
  PostgresRelayCheckpointStore,
  provisionTopics,
  type RelayStatus,
  type ConsumerStatus,
  topicsOf,
  type TransportConsumption,
} from '@sa/messaging';
import type { Connection } from 'mongoose';
import { Pool } from 'pg';
import { guardPublication } from '../commands/publication-guard';
import type { BaseConfig } from '../config/config';
import { HealthRegistry } from '../health/health-registry';
import { Leadership, type LedTask } from '../leadership/leadership';
import { Tracer } from '../tracing/tracer';
import type { Logger } from '../logging/logger';
import { CONFIG, EVENT_STORE, EVENT_STORE_POOL, LOGGER, MONGO, SERVICE_NAME } from '../platform.tokens';
import { defaultEventStoreSchema } from '../event-store/open-event-store';

export interface PublicationDefinition {
  /** The service's own stream categories, e.g. ['application-']. */
  readonly streamPrefixes: readonly string[];
  /** Explicit: a domain event type not listed never leaves the service. */
  readonly mapping: IntegrationEventMapping;
  /** The contracts the mapping produces (their topics are provisioned). */
  readonly contracts: readonly IntegrationContract[];
}

export interface ConsumptionDefinition {
  /** Names the consumer group and its inbox, e.g. 'payments-approvals'. */
  readonly name: string;
  /** Each handled by a controller's `@EventPattern(contractName(contract))` method; a missing one fails the start. */
  readonly handles: readonly IntegrationContract[];
  /** Other contracts on the same topics, skipped on purpose (any other type is dead-lettered, never dropped). */
  readonly ignore?: readonly IntegrationContract[];
  /** 'event-store' when handlers append (the inbox commits with the events); 'read-model' when they only write MongoDB. */
  readonly inbox: 'event-store' | 'read-model';
  readonly receipts?: IntegrationConsumerOptions['receipts'];
  readonly retry?: IntegrationConsumerOptions['retry'];
}

interface Runnable {
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

@Injectable()
export class ServiceMessaging implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private publication?: PublicationDefinition;
  private readonly consumptions: ConsumptionDefinition[] = [];
  private readonly running: { name: string; part: Runnable }[] = [];
  private checkpointPool?: Pool;
  private events?: IntegrationEventsTransport;
  /** The running consumers by name, for /metrics. */
  readonly consumers = new Map<string, { status(): ConsumerStatus }>();

  constructor(
    @Inject(CONFIG) private readonly config: BaseConfig,
    @Inject(EVENT_STORE) private readonly store: StreamStore & MessageInboxStore,
    @Inject(EVENT_STORE_POOL) private readonly eventStorePool: Pool | null,
    @Inject(MONGO) private readonly mongo: Connection,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly health: HealthRegistry,
    @Inject(SERVICE_NAME) private readonly serviceName: string,
    private readonly leadership: Leadership,
    private readonly tracer: Tracer,
  ) {}

  /** Declares what the service publishes; call from a module's constructor or onModuleInit. */
  /**
   * A service has one relay over its categories; a second bounded context in the same service (say
   * temporary assistance beside dibao) declares its own publication and it joins that relay. The
   * same category or event type declared twice is a mistake and fails the start.
   */
  publish(definition: PublicationDefinition): void {
    const current = this.publication;
    if (current) {
      const clash =
        definition.streamPrefixes.find((p) => current.streamPrefixes.some((q) => p.startsWith(q) || q.startsWith(p))) ??
        Object.keys(definition.mapping).find((type) => Object.prototype.hasOwnProperty.call(current.mapping, type));
      if (clash) throw new Error(`two publications of this service both declare ${clash}`);
    }
    this.publication = current
      ? {
          streamPrefixes: [...current.streamPrefixes, ...definition.streamPrefixes],
          mapping: { ...current.mapping, ...definition.mapping },
          contracts: [...current.contracts, ...definition.contracts],
        }
      : definition;
    // Commands on these categories are refused (422) when an event could not be published.
    guardPublication(this.store, definition);
  }

  consume(definition: ConsumptionDefinition): void {
    this.consumptions.push(definition);
  }

  private get kafka(): KafkaClientOptions {
    return kafkaClientOptions(this.config.KAFKA_BROKERS.split(','), this.serviceName, this.config);
  }

  /** The contract as this deployment names its topic (KAFKA_TOPIC_PREFIX). */
  onTopic<C extends IntegrationContract>(contract: C): C {
    const prefix = this.config.KAFKA_TOPIC_PREFIX;
    return prefix === '' ? contract : { ...contract, topic: `${prefix}${contract.topic}` };
  }

  async onApplicationBootstrap(): Promise<void> {
    const contracts = [...(this.publication?.contracts ?? []), ...this.consumptions.flatMap((c) => [...c.handles, ...(c.ignore ?? [])])].map((c) =>
      this.onTopic(c),
    );
    if (contracts.length === 0) return;
    await provisionTopics({
      kafka: this.kafka,
      topics: topicsOf([...contracts, this.onTopic(countyDataReceiptV1)]),
      partitions: this.config.KAFKA_TOPIC_PARTITIONS,
    });
    if (this.publication) await this.startRelay(this.publication);
  }

  /** The microservice transport running this service's consumers; undefined when it consumes nothing. */
  async transport(): Promise<IntegrationEventsTransport | undefined> {
    if (this.consumptions.length === 0) return undefined;
    const consumptions = await Promise.all(this.consumptions.map((c) => this.transportConsumption(c)));
    this.events = new IntegrationEventsTransport(consumptions, {
      // 503 while a partition waits on a transient fault, naming the consumer, the fault and since when.
      started: (name, consumer) => {
        this.consumers.set(name, consumer);
        this.health.register(`consumer:${name}`, async () => {
          const problem = consumer.readinessProblem();
          if (problem) throw new Error(problem);
        });
      },
    });
    return this.events;
  }

  /** Before the event store and MongoDB connections close: consumers finish their messages first, then the relay stops. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.events?.close().catch((error: unknown) => this.logger.error({ err: error, part: 'consumers' }, 'stopping the consumers failed'));
    for (const { name, part } of [...this.running].reverse()) {
      await part.stop().catch((error: unknown) => this.logger.error({ err: error, part: name }, 'stopping a messaging component failed'));
    }
    await this.checkpointPool?.end().catch(() => undefined);
  }

  /** The relay runs on the leader replica only (leadership.ts): one publisher per checkpoint, taken over when the leader dies. */
  private async startRelay(publication: PublicationDefinition): Promise<void> {
    const checkpoints = await this.checkpointStore();
    const name = `${this.serviceName}-relay`;
    let relay: EventRelay | undefined;
    const task: LedTask = {
      name,
      // A new relay each term: it resumes from the durable checkpoint the previous leader left.
      start: () => {
        relay = new EventRelay({
          name,
          store: this.store,
          checkpoints,
          streamPrefixes: publication.streamPrefixes,
          mapping: this.prefixedMapping(publication.mapping),
          source: `/sa/${this.serviceName}`,
          kafka: this.kafka,
          logger: this.logger,
          ...(this.tracer.enabled ? { spans: this.tracer } : {}),
        });
        relay.start();
      },
      stop: async () => {
        const stopping = relay;
        relay = undefined;
        await stopping?.stop();
      },
    };
    this.health.register('relay', async () => {
      const status = relay?.status();
      if (status && (status.state === 'retrying' || status.state === 'stopped'))
        throw new Error(`relay ${status.state}${status.lastError ? `: ${status.lastError}` : ''}`);
    });
    this.relayStatus = () => relay?.status();
    await this.leadership.lead(task);
    this.running.push({ name, part: { start: () => undefined, stop: () => this.leadership.release(task) } });
  }

  /** The relay's status on this replica; undefined while another replica leads. */
  relayStatus: () => RelayStatus | undefined = () => undefined;

  private async transportConsumption(consumption: ConsumptionDefinition): Promise<TransportConsumption> {
    const inbox = consumption.inbox === 'event-store' ? eventStoreInbox(this.store) : await MongoInbox.create(this.mongoDb());
    return {
      name: consumption.name,
      groupId: `${this.config.KAFKA_CONSUMER_GROUP_PREFIX}${consumption.name}`,
      kafka: this.kafka,
      handles: consumption.handles.map((c) => this.onTopic(c)),
      inbox,
      logger: this.logger,
      ...(this.replicaName ? { groupInstanceId: groupInstanceIdOf(this.replicaName, consumption.name) } : {}),
      ...(consumption.ignore ? { ignore: consumption.ignore.map((c) => this.onTopic(c)) } : {}),
      ...(consumption.receipts ? { receipts: { ...consumption.receipts, topic: this.onTopic(countyDataReceiptV1).topic } } : {}),
      ...(consumption.retry ? { retry: consumption.retry } : {}),
    };
  }

  /** Each consumer's group and topics (as this deployment names them), for the lag on /metrics. */
  consumerGroups(): { consumer: string; groupId: string; topics: string[] }[] {
    return this.consumptions.map((c) => ({
      consumer: c.name,
      groupId: `${this.config.KAFKA_CONSUMER_GROUP_PREFIX}${c.name}`,
      topics: [...new Set([...c.handles, ...(c.ignore ?? [])].map((contract) => this.onTopic(contract).topic))],
    }));
  }

  /** Stable across restarts of this replica (static group membership); none when nothing names it (PORT=0). */
  private get replicaName(): string | undefined {
    if (this.config.SA_INSTANCE_ID) return this.config.SA_INSTANCE_ID;
    return this.config.PORT === 0 ? undefined : `${hostname()}-${this.serviceName}-${this.config.PORT}`;
  }

  private prefixedMapping(mapping: IntegrationEventMapping): IntegrationEventMapping {
    if (this.config.KAFKA_TOPIC_PREFIX === '') return mapping;
    return Object.fromEntries(
      Object.entries(mapping).map(([type, mapper]) => [
        type,
        (event: Parameters<typeof mapper>[0]) => {
          const draft = mapper(event);
          return draft ? { ...draft, contract: this.onTopic(draft.contract) } : null;
        },
      ]),
    );
  }

  private mongoDb() {
    if (!this.mongo.db) throw new Error('MongoDB is not connected');
    return this.mongo.db;
  }

  /** Beside the events on PostgreSQL; in CHECKPOINT_DATABASE_URL when the events live in KurrentDB. */
  private async checkpointStore(): Promise<PostgresRelayCheckpointStore> {
    const schema = this.config.EVENT_STORE_SCHEMA ?? defaultEventStoreSchema(this.serviceName);
    let pool: Pool;
    if (this.eventStorePool) pool = this.eventStorePool;
    else if (this.config.CHECKPOINT_DATABASE_URL) {
      pool = this.checkpointPool = handlePoolErrors(new Pool({ connectionString: this.config.CHECKPOINT_DATABASE_URL, max: 2 }), (error) =>
        this.logger.warn({ connection: 'relay-checkpoints', error: describeConnectionError(error) }, 'relay checkpoint connection lost'),
      );
    } else throw new Error('CHECKPOINT_DATABASE_URL is required when the event store is not PostgreSQL (the relay keeps its checkpoint there)');
    const store = new PostgresRelayCheckpointStore(pool, schema);
    // Created by the migration job when the service does not migrate at start-up (SA_MIGRATE_ON_START=false).
    if (this.config.SA_MIGRATE_ON_START) await store.ensureTable({ createSchema: this.checkpointPool !== undefined });
    return store;
  }
}
