/**
 * How one message's handler is tried until it is done, after the one classification
 * (faults/classify-fault.ts):
 *
 * - transient: retried with capped exponential backoff for as long as the fault lasts, no attempt
 *   limit; the message's partition is reported as waiting (paused, and readiness says why);
 * - certain poison: dead-lettered at once ('handler-rejected');
 * - unrecognised: retried up to `maxAttempts`, then dead-lettered ('retries-exhausted').
 *
 * Rejects with Abandoned only when the consumer stops: the offset stays and the next owner retries.
 */
import { MessageAlreadyHandledError } from '@sa/event-store';
import type { FaultClassification } from '../faults/classify-fault';
import { describeError, type MessagingLogger } from '../logging/logger';
import { backoffDelay, sleep, type BackoffPolicy } from '../shared/backoff';
import type { DeadLetterReason } from './dead-letter-record';
import type { PartitionFaults } from './partition-faults';

export class Abandoned extends Error {}

export interface RetryPolicy extends BackoffPolicy {
  /** Attempts in all for an error the classification does not recognise (default 5); transient faults have no limit. */
  readonly maxAttempts: number;
}

export type HandlingOutcome =
  | { readonly kind: 'handled' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'dead-lettered'; readonly reason: DeadLetterReason; readonly error: string; readonly attempts: number };

export interface WaitingMessage {
  readonly partitionKey: string;
  /** Log fields naming the message (masked key). */
  readonly fields: Record<string, unknown>;
}

export interface RetryContext {
  readonly retry: RetryPolicy;
  readonly classify: (error: unknown) => FaultClassification;
  readonly faults: PartitionFaults;
  readonly stopping: AbortSignal;
  readonly logger: MessagingLogger;
}

/** Runs `attempt` (the inbox check and the handler) until it is handled, a duplicate, or dead-lettered. */
export async function handleUntilDone(
  message: WaitingMessage,
  attempt: (number: number) => Promise<'handled' | 'duplicate'>,
  context: RetryContext,
): Promise<HandlingOutcome> {
  const waiter = {};
  let unrecognised = 0;
  try {
    for (let number = 1; ; number++) {
      try {
        return { kind: await attempt(number) };
      } catch (error) {
        // Another attempt or instance recorded it first, in the same transaction as its effects: done.
        if (error instanceof MessageAlreadyHandledError || (error as Error | null)?.name === 'MessageAlreadyHandledError') return { kind: 'duplicate' };
        if (context.stopping.aborted) throw new Abandoned();
        const fault = context.classify(error);
        const fields = { ...message.fields, attempt: number, error: describeError(error), fault: fault.because };
        if (fault.kind === 'poison' && (fault.certain || ++unrecognised >= context.retry.maxAttempts)) {
          const reason: DeadLetterReason = fault.certain ? 'handler-rejected' : 'retries-exhausted';
          context.logger.error({ ...fields, reason }, 'handler failed; dead-lettering the message');
          return { kind: 'dead-lettered', reason, error: describeError(error), attempts: number };
        }
        const delay = backoffDelay(context.retry, fault.kind === 'transient' ? number : unrecognised);
        if (fault.kind === 'transient') context.faults.report(message.partitionKey, waiter, { error: describeError(error), because: fault.because });
        context.logger.warn(
          { ...fields, retryInMs: delay },
          fault.kind === 'transient' ? 'transient fault; retrying while it lasts' : 'handler failed; retrying',
        );
        if (!(await sleep(delay, context.stopping))) throw new Abandoned();
      }
    }
  } finally {
    context.faults.clear(message.partitionKey, waiter);
  }
}

/**
 * A step that must happen before the offset moves (the inbox record, a dead letter, a receipt):
 * retried until done or the consumer stops; a failure pauses the partition like a transient fault.
 */
export async function retryUntilStored(message: WaitingMessage, what: string, step: () => Promise<unknown>, context: RetryContext): Promise<void> {
  const waiter = {};
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await step();
        return;
      } catch (error) {
        const delay = backoffDelay(context.retry, attempt);
        const fault = context.classify(error);
        context.faults.report(message.partitionKey, waiter, { error: describeError(error), because: fault.because });
        context.logger.warn({ ...message.fields, error: describeError(error), fault: fault.because, retryInMs: delay }, `${what} failed; retrying`);
        if (!(await sleep(delay, context.stopping))) throw new Abandoned();
      }
    }
  } finally {
    context.faults.clear(message.partitionKey, waiter);
  }
}
