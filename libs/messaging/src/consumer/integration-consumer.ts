/**
 * The consumer building block every service uses to read integration events from Kafka: a delivery
 * loop (delivery-loop.ts: fetch, flow control, pause/resume, lanes, commits) feeding a handling
 * pipeline (handling-pipeline.ts: contract checks, inbox exactly-once, retry by the one
 * classification, dead letters with their reason, receipts). NestJS services reach it through the
 * microservice transport (nest/integration-events-transport.ts).
 */
import { silentLogger, type MessagingLogger } from '../logging/logger';
import { topicsHandled, type IntegrationConsumerOptions } from './consumer-options';
import { DeliveryLoop, type LoopState } from './delivery-loop';
import { HandlingPipeline } from './handling-pipeline';
import { describeFaults, type PartitionFault } from './partition-faults';

export type { RetryPolicy } from './handling-loop';
export * from './consumer-options';

export interface ConsumerStatus {
  readonly state: LoopState;
  readonly assignments: readonly { topic: string; partitions: number[] }[];
  readonly handled: number;
  readonly duplicates: number;
  readonly deadLettered: number;
  readonly inFlight: number;
  /** Partitions paused because a message waits on a transient fault. */
  readonly faults: readonly PartitionFault[];
}

export class IntegrationConsumer {
  private readonly logger: MessagingLogger;
  private readonly loop: DeliveryLoop;
  private readonly pipeline: HandlingPipeline;

  constructor(private readonly options: IntegrationConsumerOptions) {
    this.logger = options.logger ?? silentLogger;
    this.loop = new DeliveryLoop({ ...options, topics: topicsHandled(options) });
    this.pipeline = new HandlingPipeline(options, { faults: this.loop.faults, stopping: () => this.loop.stopping });
  }

  /** Joins the group and starts consuming. */
  start(): Promise<void> {
    return this.loop.start(this.pipeline);
  }

  /** Finishes the messages being handled, commits, leaves the group. Messages waiting for a retry are left for the next owner. */
  async stop(): Promise<void> {
    if (this.loop.state === 'stopped' || this.loop.state === 'stopping') return;
    await this.loop.stop();
    this.logger.info({ consumer: this.options.name, ...this.pipeline.counters }, 'consumer stopped');
  }

  status(): ConsumerStatus {
    const { state, assignments, inFlight } = this.loop;
    return { state, assignments, ...this.pipeline.counters, inFlight, faults: this.loop.faults.list() };
  }

  /** Why this consumer is not ready (for /health/ready), or undefined when it is. */
  readinessProblem(): string | undefined {
    if (this.loop.state !== 'running') return `consumer ${this.options.name} ${this.loop.state}`;
    return describeFaults(this.options.name, this.loop.faults.list());
  }
}

/** Creates and starts a consumer. */
export async function startIntegrationConsumer(options: IntegrationConsumerOptions): Promise<IntegrationConsumer> {
  const consumer = new IntegrationConsumer(options);
  await consumer.start();
  return consumer;
}
