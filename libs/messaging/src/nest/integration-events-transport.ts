/**
 * A custom transport strategy for @nestjs/microservices over our consumer (delivery loop + handling
 * pipeline) on @platformatic/kafka. Handlers are `@EventPattern('<type>.v<version>')` methods on
 * controllers, named by `contractName(contract)`; their payload is the contract's, their context an
 * IntegrationEventContext. Nest's built-in Kafka transport is not used: it retries a failing message
 * for ever, drops events without a handler and loads kafkajs (DECISION-kafka-client.md).
 *
 * Every guarantee of the consumer holds: inbox exactly-once effect, per-key order, transient faults
 * retried while they last, poison dead-lettered with its reason, offsets committed after the record.
 * Nothing is dropped silently: a consumption must name each contract it handles (an @EventPattern
 * must exist for it) and each it ignores; a type it names neither way is dead-lettered; an
 * @EventPattern no consumption names is a start-up error.
 */
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { contractName, type IntegrationContract } from '@sa/contracts';
import { lastValueFrom } from 'rxjs';
import { IntegrationConsumer } from '../consumer/integration-consumer';
import type { EventHandler, IntegrationConsumerOptions } from '../consumer/consumer-options';
import { IntegrationEventContext } from './integration-event-context';

/** One consumer group: the consumer's options, with the contracts it handles instead of handler functions. */
export interface TransportConsumption extends Omit<IntegrationConsumerOptions, 'handlers'> {
  /** Each is handled by the `@EventPattern(contractName(contract))` method of a controller. */
  readonly handles: readonly IntegrationContract[];
}

export interface TransportHooks {
  /** A consumer started (e.g. register its readiness). */
  readonly started?: (name: string, consumer: IntegrationConsumer) => void;
}

export class IntegrationEventsTransport extends Server implements CustomTransportStrategy {
  private readonly consumers: { name: string; consumer: IntegrationConsumer }[] = [];
  private closing: Promise<void> | undefined;

  constructor(
    private readonly consumptions: readonly TransportConsumption[],
    private readonly hooks: TransportHooks = {},
  ) {
    super();
  }

  /** Starts one consumer per consumption; a pattern no consumption names, or a contract without its handler, fails the start. */
  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.closing = undefined;
      this.assertEveryPatternClaimed();
      const built = this.consumptions.map((c) => ({ name: c.name, consumer: new IntegrationConsumer(this.consumerOptions(c)) }));
      for (const entry of built) {
        await entry.consumer.start();
        this.consumers.push(entry);
        this.hooks.started?.(entry.name, entry.consumer);
      }
      callback();
    } catch (error) {
      await this.close();
      callback(error);
    }
  }

  /** Stops the consumers in reverse order (running handlers finish, offsets are committed); safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const { consumer } of this.consumers.splice(0).reverse()) await consumer.stop();
    })();
    return this.closing;
  }

  /** The running consumers, by consumption name. */
  unwrap<T>(): T {
    return new Map(this.consumers.map((c) => [c.name, c.consumer])) as T;
  }

  on(): void {
    throw new Error('IntegrationEventsTransport has no events to listen to; use the consumers’ readiness');
  }

  private consumerOptions(consumption: TransportConsumption): IntegrationConsumerOptions {
    const { handles, ...options } = consumption;
    return { ...options, handlers: handles.map((contract) => ({ contract, handler: this.handlerFor(consumption.name, contract) })) };
  }

  private handlerFor(consumption: string, contract: IntegrationContract): EventHandler<unknown> {
    const pattern = contractName(contract);
    const handler = this.messageHandlers.get(pattern);
    if (!handler?.isEventHandler) throw new Error(`consumer ${consumption} handles ${pattern} but no controller has @EventPattern('${pattern}')`);
    if (handler.next) throw new Error(`${pattern} has more than one @EventPattern handler: one contract, one handler per consumer`);
    return async (event, context) => {
      const result: unknown = await (handler as MessageHandler)(event.payload, new IntegrationEventContext([event, context]));
      await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
    };
  }

  private assertEveryPatternClaimed(): void {
    const claimed = new Set(this.consumptions.flatMap((c) => c.handles.map((contract) => contractName(contract))));
    for (const [pattern, handler] of this.messageHandlers) {
      if (!handler.isEventHandler) throw new Error(`@MessagePattern('${pattern}'): integration events are events only (use @EventPattern)`);
      if (!claimed.has(pattern)) throw new Error(`@EventPattern('${pattern}') is declared but no consumption handles it: its events would never arrive`);
    }
  }
}
