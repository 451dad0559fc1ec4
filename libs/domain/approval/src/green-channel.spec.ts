import { fen, fold, given } from '@sa/domain-shared';
import type { GrantGreenChannelRelief } from './commands';
import { caseDecider } from './decider';
import type { CaseEvent } from './events';
import { actors, applicationId, caseOpened, openCase, village } from './test-support/case-fixtures';

const grant: GrantGreenChannelRelief = {
  type: 'GrantGreenChannelRelief',
  applicationId,
  programme: 'dibao',
  region: '330102001001',
  amountFen: fen(50_000),
  reason: '突发重病，家庭生活陷入困境',
  grantedBy: actors.county,
  grantedAt: '2025-03-02T10:00:00+08:00',
};
const granted: CaseEvent = {
  type: 'GreenChannelReliefGranted',
  data: {
    applicationId,
    programme: 'dibao',
    region: village,
    amountFen: fen(50_000),
    reason: '突发重病，家庭生活陷入困境',
    grantedBy: actors.county,
    grantedAt: '2025-03-02T10:00:00+08:00',
  },
};

describe('green channel (先行救助)', () => {
  it('grants relief before the case is even opened', () => {
    given(caseDecider, []).when(grant).then([granted]);
  });

  it('does not replace the procedure: the case still opens and awaits review', () => {
    given(caseDecider, [granted]).when(openCase).then([caseOpened()]);
    const state = fold(caseDecider, [granted, caseOpened()]);
    expect(state).toMatchObject({ phase: 'awaiting-review', greenChannel: { amountFen: 50_000 } });
  });

  it('is granted once, by the county or the township, within their area', () => {
    given(caseDecider, [granted]).when(grant).thenRejects('GREEN_CHANNEL_ALREADY_GRANTED');
    given(caseDecider, [])
      .when({ ...grant, grantedBy: actors.reviewer })
      .then([{ ...granted, data: { ...granted.data, grantedBy: actors.reviewer } } as CaseEvent]);
    given(caseDecider, [])
      .when({ ...grant, grantedBy: actors.otherTownshipReviewer })
      .thenRejects('OUTSIDE_JURISDICTION');
    given(caseDecider, [])
      .when({ ...grant, amountFen: fen(0) })
      .thenRejects('INVALID_AMOUNT');
  });
});
