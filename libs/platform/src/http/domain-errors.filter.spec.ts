import type { ArgumentsHost } from '@nestjs/common';
import type { RefusalKind } from '@sa/domain-shared';
import type { Logger } from '../logging/logger';
import { CommandRejectedError, DomainErrorsFilter } from './domain-errors.filter';

/** What the filter wrote: the status and the body (a recording response, no server). */
function answer(error: unknown): { status: number; body: Record<string, unknown> } {
  const written: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  const res = {
    status(code: number) {
      written.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      written.body = body;
      return this;
    },
    setHeader: () => undefined,
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  new DomainErrorsFilter({ warn: () => undefined, error: () => undefined } as unknown as Logger).catch(error, host);
  return written;
}

const refused = (code: string, kind: RefusalKind, field?: string) =>
  new CommandRejectedError({ code, kind, message: 'because', ...(field === undefined ? {} : { field }) });

describe('a refused command answers by the kind its code was declared with', () => {
  it.each([
    ['not-found', 404],
    ['forbidden', 403],
    ['conflict', 409],
    ['invalid', 422],
  ] as const)('%s → %i', (kind, status) => {
    // Given a refusal of that kind; When the filter answers it; Then the status is the kind's
    expect(answer(refused('SOME_CODE', kind)).status).toBe(status);
  });

  it('names the code, and for a forbidden refusal (segregation of duties) the reason and the field', () => {
    // Given segregation of duties refusing the person who took the application
    const written = answer(refused('SEGREGATION_OF_DUTIES', 'forbidden', 'reviewedBy.userId'));

    // Then 403 says which rule and about which field, as the role guard's 403 cannot
    expect(written).toEqual({
      status: 403,
      body: {
        statusCode: 403,
        error: 'SEGREGATION_OF_DUTIES',
        code: 'SEGREGATION_OF_DUTIES',
        message: 'reviewedBy.userId: because',
        field: 'reviewedBy.userId',
      },
    });
  });

  it('does not go by the spelling of the code: a conflict named *_NOT_FOUND is still 409', () => {
    expect(answer(refused('OFFER_NOT_FOUND', 'conflict')).status).toBe(409);
  });
});
