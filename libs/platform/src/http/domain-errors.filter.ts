/**
 * Maps failures that are not HTTP exceptions to answers a client can act on: a refused command
 * (a domain rejection) answers by the kind its code was declared with (not-found 404, forbidden 403
 * with the reason, conflict 409, invalid 422) and names its code, a concurrency conflict is 409, malformed JSON is
 * 400; a server this service depends on being unavailable (the one fault classification of
 * @sa/messaging says transient) is 503 with Retry-After, so a client retries instead of giving up;
 * anything unexpected is a 500 that is logged and says nothing internal.
 */
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { RefusalKind, Rejection } from '@sa/domain-shared';
import { classifyFault } from '@sa/messaging';
import type { Response } from 'express';
import type { Logger } from '../logging/logger';
import { bodyTooLarge } from './input-errors';

/** The one mapping of a refusal's kind to its HTTP status. */
export const statusOfKind: Readonly<Record<RefusalKind, 403 | 404 | 409 | 422>> = {
  'not-found': 404,
  forbidden: 403,
  conflict: 409,
  invalid: 422,
};

/** Thrown by command handlers when the decider refuses the command. */
export class CommandRejectedError extends Error {
  override readonly name = 'CommandRejectedError';
  constructor(readonly rejection: Rejection) {
    super(rejection.message);
  }

  /** What the refusal's kind answers over HTTP. */
  get status(): 403 | 404 | 409 | 422 {
    return statusOfKind[this.rejection.kind];
  }
}

@Catch()
export class DomainErrorsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(caught: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    // NestJS 12's Express adapter wraps body-parser's errors in an HttpException; answer them as before.
    const error = caught instanceof HttpException && (isClientHttpError(caught.cause) || caught.cause instanceof SyntaxError) ? caught.cause : caught;
    if (error instanceof HttpException) {
      const body = error.getResponse();
      res.status(error.getStatus()).json(typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : body);
      return;
    }
    if (error instanceof CommandRejectedError) {
      const { code, message, field } = error.rejection;
      res
        .status(error.status)
        .json({ statusCode: error.status, error: code, message: field ? `${field}: ${message}` : message, code, ...(field ? { field } : {}) });
      return;
    }
    if (error instanceof Error && error.name === 'WrongExpectedRevisionError') {
      res.status(409).json({ statusCode: 409, error: 'CONCURRENT_UPDATE', message: 'the case changed while this request was processed; retry' });
      return;
    }
    if (error instanceof SyntaxError && 'body' in error) {
      res.status(400).json({ statusCode: 400, error: 'Bad Request', message: `body: must be valid JSON (${error.message})` });
      return;
    }
    if (isClientHttpError(error)) {
      // A refusal raised by Express or one of its parsers (e.g. the form parser's limit): its own 4xx, not a 500.
      if (error.type === 'entity.too.large' && typeof error.limit === 'number') {
        const refusal = bodyTooLarge(error.limit);
        res.status(refusal.getStatus()).json(refusal.getResponse());
        return;
      }
      res
        .status(error.status)
        .json({ statusCode: error.status, error: error.name, message: `body: ${error.message}`, field: 'body', ...(error.type ? { code: error.type } : {}) });
      return;
    }
    const fault = classifyFault(error);
    if (fault.kind === 'transient') {
      this.logger.warn({ fault: fault.because }, 'a dependency is unavailable; answered 503');
      res.setHeader('retry-after', '5');
      res.status(503).json({
        statusCode: 503,
        error: 'SERVICE_UNAVAILABLE',
        message: 'a server this service depends on is unavailable; retry shortly',
        code: 'SERVICE_UNAVAILABLE',
      });
      return;
    }
    this.logger.error({ err: error }, 'unhandled error');
    res.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'unexpected error; it has been logged' });
  }
}

/** An `http-errors` error (what Express and body-parser raise): a status and a message meant for the client. */
function isClientHttpError(error: unknown): error is Error & { status: number; type?: string; limit?: number } {
  if (!(error instanceof Error)) return false;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}
