/**
 * What an `@EventPattern` method gets besides its payload (`@Ctx() ctx: IntegrationEventContext`):
 * the received event's envelope (id, correlation, time, topic, partition, offset) and the handling
 * context (the inbox record to append with, the attempt number, the abort signal).
 */
import { BaseRpcContext } from '@nestjs/microservices';
import type { IntegrationContract } from '@sa/contracts';
import type { HandledMessage } from '@sa/event-store';
import type { HandlerContext, ReceivedEvent } from '../consumer/consumer-options';
import type { MessagingLogger } from '../logging/logger';

export class IntegrationEventContext<Payload = unknown> extends BaseRpcContext<[ReceivedEvent<Payload>, HandlerContext]> {
  get event(): ReceivedEvent<Payload> {
    return this.args[0];
  }

  /** Pass to `appendToStream(..., { handledMessage })`: the inbox record then commits with your events. */
  get handledMessage(): HandledMessage {
    return this.args[1].handledMessage;
  }

  get attempt(): number {
    return this.args[1].attempt;
  }

  get signal(): AbortSignal {
    return this.args[1].signal;
  }

  get logger(): MessagingLogger {
    return this.args[1].logger;
  }

  get handler(): HandlerContext {
    return this.args[1];
  }

  /**
   * How a command this message causes is appended: by `actor`, in the message's journey (its
   * correlation id, or its own id), caused by it, with its inbox record, and idempotent on its id
   * (a redelivery appends nothing twice).
   */
  causing<Actor>(actor: Actor): { actor: Actor; correlationId: string; causationId: string; handledMessage: HandledMessage; idempotencyKey: string } {
    const event = this.event;
    return { actor, correlationId: event.correlationId ?? event.id, causationId: event.id, handledMessage: this.handledMessage, idempotencyKey: event.id };
  }
}

/** The payload type of a contract, for `@Payload() payload: PayloadOf<typeof caseApprovedV1>`. */
export type PayloadOf<C> = C extends IntegrationContract<infer Payload> ? Payload : never;
