/**
 * One handler attempt, bounded in time: a hung handler must not hold its lane (and the partition's
 * commits) for ever. Each attempt has its own AbortController, aborted by the timeout or by
 * `abortAll` when the consumer stops (no listener per message on a shared stop signal).
 */
import { HandlerTimeoutError } from './handler-errors';

export class BoundedAttempts {
  private readonly running = new Set<AbortController>();
  private stopped = false;

  constructor(private readonly timeoutMs: number) {}

  async run(attempt: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const controller = new AbortController();
    this.running.add(controller);
    if (this.stopped) controller.abort();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new HandlerTimeoutError(this.timeoutMs));
      }, this.timeoutMs);
    });
    try {
      await Promise.race([attempt(controller.signal), deadline]);
    } finally {
      clearTimeout(timer);
      this.running.delete(controller);
    }
  }

  /** The consumer stops: running handlers are told to give up (their messages are tried again by the next owner). */
  abortAll(): void {
    this.stopped = true;
    for (const controller of this.running) controller.abort();
  }

  /** A fresh start after a stop. */
  reset(): void {
    this.stopped = false;
  }
}
