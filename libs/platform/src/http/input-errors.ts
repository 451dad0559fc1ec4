/**
 * Refusals of malformed HTTP input, in the shape every service already answers with (see
 * zod-validation.ts and domain-errors.filter.ts): a status, a code, the field or header at fault
 * and the rule it breaks, so a client can fix the request without reading our logs.
 */
import { HttpException } from '@nestjs/common';

export type InputErrorCode =
  | 'BODY_TOO_LARGE'
  | 'UNSUPPORTED_CHARSET'
  | 'UNSUPPORTED_CONTENT_ENCODING'
  | 'CORRUPT_CONTENT_ENCODING'
  | 'BODY_NOT_UTF8'
  | 'BODY_ABORTED'
  | 'INVALID_JSON'
  | 'NUL_CHARACTER';

const statusNames: Record<number, string> = { 400: 'Bad Request', 413: 'Payload Too Large', 415: 'Unsupported Media Type' };

export class InputRefusedException extends HttpException {
  constructor(status: 400 | 413 | 415, code: InputErrorCode, field: string, rule: string, extra: Record<string, unknown> = {}) {
    super({ statusCode: status, error: statusNames[status], message: `${field}: ${rule}`, code, field, problems: [{ field, rule }], ...extra }, status);
  }
}

export const bodyTooLarge = (limitBytes: number) =>
  new InputRefusedException(413, 'BODY_TOO_LARGE', 'body', `must be at most ${limitBytes} bytes (${Math.round(limitBytes / 1024)} kB), decoded`, {
    limitBytes,
  });
