import { classifyFault } from '../faults/classify-fault';

/** How a handler says "retrying cannot help": the message goes to the dead-letter topic at once. */
export class PermanentError extends Error {
  override readonly name: string = 'PermanentError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A handler attempt that did not settle in time: transient (the attempt is aborted and tried again). */
export class HandlerTimeoutError extends Error {
  override readonly name = 'HandlerTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`handler did not finish within ${timeoutMs} ms`);
  }
}

/** Known poison (dead-lettered at once): see faults/classify-fault.ts for the one classification. */
export function isPermanentError(error: unknown): boolean {
  const fault = classifyFault(error);
  return fault.kind === 'poison' && fault.certain;
}
