/** How a handler says "retrying cannot help": the message goes to the dead-letter topic at once. */
export class PermanentError extends Error {
  override readonly name: string = 'PermanentError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The default classification. Permanent: PermanentError, validation errors, and a decider's
 * rejection (CommandRejectedError from @sa/platform's executeCommand): the same message would be
 * refused the same way every time. Everything else (a database or broker hiccup, a concurrency
 * conflict that outlived executeCommand's own retries) is transient and retried.
 */
export function isPermanentError(error: unknown): boolean {
  if (error instanceof PermanentError) return true;
  const name = (error as { name?: string } | null)?.name;
  return name === 'ContractViolationError' || name === 'ZodError' || name === 'CommandRejectedError';
}
