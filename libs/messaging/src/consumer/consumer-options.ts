/**
 * What a consumer is told: its handlers (one per contract), what it deliberately ignores, and how it
 * retries, paces and commits. Shared by the delivery loop, the handling pipeline and the NestJS
 * transport that builds them.
 */
import type { IntegrationContract } from '@sa/contracts';
import type { HandledMessage } from '@sa/event-store';
import type { DecodedCloudEvent } from '../cloudevents/binary-mode';
import type { FaultClassification } from '../faults/classify-fault';
import type { KafkaClientOptions } from '../kafka/client-options';
import type { GroupMembershipOptions } from '../kafka/group-membership';
import type { MessagingLogger } from '../logging/logger';
import type { RetryPolicy } from './handling-loop';
import type { Inbox } from './inbox';

export interface ReceivedEvent<Payload = unknown> extends DecodedCloudEvent<Payload> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  /** True when an operator replayed it from the dead-letter topic. */
  readonly replayed: boolean;
}

export interface HandlerContext {
  /** Pass to `appendToStream(..., { expectedRevision, handledMessage })`: the inbox record then commits with your events. */
  readonly handledMessage: HandledMessage;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Aborted when the consumer stops or the attempt times out; a long handler should give up (the message is tried again). */
  readonly signal: AbortSignal;
  readonly logger: MessagingLogger;
}

export type EventHandler<Payload> = (event: ReceivedEvent<Payload>, context: HandlerContext) => Promise<void>;

export interface ContractHandler {
  readonly contract: IntegrationContract;
  readonly handler: EventHandler<unknown>;
}

/** Pairs a contract with its handler, typed by the contract's payload. */
export function handle<Payload>(contract: IntegrationContract<Payload>, handler: EventHandler<Payload>): ContractHandler {
  return { contract: contract as IntegrationContract, handler: handler as EventHandler<unknown> };
}

/** How messages are handled once fetched (handling-pipeline.ts). */
export interface HandlingOptions {
  /** Names the consumer in the inbox and in logs; the consumer group unless `groupId` is given. */
  readonly name: string;
  readonly kafka: KafkaClientOptions;
  readonly handlers: readonly ContractHandler[];
  /** Contracts on the same topics this consumer deliberately does not act on (skipped, not dead-lettered). */
  readonly ignore?: readonly IntegrationContract[];
  readonly inbox: Inbox;
  /** Backoff 200 ms doubling to at most 5 s; transient faults without limit, unrecognised errors 5 attempts in all. */
  readonly retry?: Partial<RetryPolicy>;
  /** A handler attempt that has not settled after this long is a transient failure (default 60 s); its signal is aborted. */
  readonly handlerTimeoutMs?: number;
  /** Transient or poison (default: classifyFault, the platform's one classification). */
  readonly classify?: (error: unknown) => FaultClassification;
  /** Answer inbound county messages (contracts with a messageIdField) with ACK/NACK receipts. */
  readonly receipts?: { readonly topic?: string; readonly source: string };
  readonly logger?: MessagingLogger;
}

/** How messages are fetched, paced and committed (delivery-loop.ts). */
export interface DeliveryOptions extends GroupMembershipOptions {
  readonly name: string;
  readonly groupId?: string;
  readonly kafka: KafkaClientOptions;
  /** Concurrent lanes per partition (default 4); one key always maps to one lane. 1 = strict partition order. */
  readonly lanesPerPartition?: number;
  /** Most messages in flight before fetching pauses (default 256). */
  readonly maxInFlight?: number;
  /** Where a new consumer group starts (default earliest: nothing published before the service first ran is missed). */
  readonly startFrom?: 'earliest' | 'latest';
  readonly commitIntervalMs?: number;
  /** How long `stop` waits for running handlers (default 30 s). */
  readonly stopTimeoutMs?: number;
  readonly logger?: MessagingLogger;
}

export interface IntegrationConsumerOptions extends HandlingOptions, DeliveryOptions {
  readonly name: string;
  readonly kafka: KafkaClientOptions;
  readonly logger?: MessagingLogger;
}

/** The topics a consumer subscribes to: those of the contracts it handles or ignores. */
export function topicsHandled(options: Pick<HandlingOptions, 'handlers' | 'ignore'>): string[] {
  return [...new Set([...options.handlers.map((h) => h.contract.topic), ...(options.ignore ?? []).map((c) => c.topic)])];
}
