/**
 * The error answers of every service, for the OpenAPI documents: one body shape (what
 * domain-errors.filter.ts, zod-validation.ts and input-errors.ts answer) and, per status, what it
 * means and which codes it carries. Statuses are documented by what a route can answer, not by
 * which refusal code maps to which status today, so the documents stay right when codes change kind.
 */
import { z } from 'zod';

export const errorBody = z
  .looseObject({
    statusCode: z.int().describe('The HTTP status again.'),
    error: z.string().describe('The status name, or the refusal code of a refused command.'),
    message: z.string().describe('What is wrong, naming the field and the rule (field: rule; …).'),
    code: z.string().optional().describe('A stable code to act on, e.g. BODY_TOO_LARGE, CONCURRENT_UPDATE, or the domain refusal code.'),
    field: z.string().optional().describe('The field, header or part of the request at fault.'),
    problems: z
      .array(z.object({ field: z.string(), rule: z.string() }))
      .optional()
      .describe('Every field at fault and the rule it breaks (input validation).'),
  })
  .describe('The body of every error answer.');

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 503;

export const errorDescriptions: Record<ErrorStatus, string> = {
  400:
    'Bad input: `problems` names each field (body, path or query parameter) and the rule it breaks. ' +
    'Codes when the body cannot be read: INVALID_JSON, NUL_CHARACTER, BODY_NOT_UTF8, BODY_ABORTED, CORRUPT_CONTENT_ENCODING.',
  401: 'No bearer token, or one that is expired, badly signed or for another issuer or audience.',
  403: 'The caller may not do this: their role, their jurisdiction (organisation unit), or a refusal of kind forbidden (its code, e.g. SEGREGATION_OF_DUTIES).',
  404: 'Nothing with this id exists, or none the caller may see (a refusal of kind not-found carries its code).',
  409: 'A conflict with the current state: a refusal of kind conflict (its code), or CONCURRENT_UPDATE when the case changed meanwhile (retry).',
  413: 'BODY_TOO_LARGE: the decoded body is over the limit (`limitBytes`).',
  415: 'UNSUPPORTED_CONTENT_ENCODING or UNSUPPORTED_CHARSET: the body cannot be decoded (UTF-8 only; identity, gzip, deflate or br).',
  422: 'The command breaks a rule of the domain: a refusal of kind invalid, with its code and, where one is at fault, its field.',
  503: 'SERVICE_UNAVAILABLE: a server this service depends on is unavailable; retry after the Retry-After seconds.',
};
