import { given } from '@sa/domain-shared';
import { applicationId, entitlementId, granted, officer } from '../test-support/payment-fixtures';
import type { RefuseEntitlement } from './commands';
import { entitlementDecider } from './decider';
import type { EntitlementEvent } from './events';

const refuse: RefuseEntitlement = {
  type: 'RefuseEntitlement',
  entitlementId,
  applicationId,
  programme: 'dibao',
  region: '330102001001',
  memberId: 'm-applicant',
  heldByApplicationId: 'case-holding',
  detail: 'the resident is covered by the entitlement of case case-holding, which is live',
  refusedBy: officer,
  refusedAt: '2025-03-21T11:00:00+08:00',
};

const refused: EntitlementEvent = {
  type: 'EntitlementRefused',
  data: {
    entitlementId,
    applicationId,
    programme: 'dibao',
    region: '330102001001' as never,
    reason: 'resident-already-on-benefit',
    memberId: 'm-applicant',
    heldByApplicationId: 'case-holding',
    detail: refuse.detail,
    refusedBy: officer,
    refusedAt: '2025-03-21T11:00:00+08:00',
  },
};

describe('refusing an approved case as an entitlement (一人一保)', () => {
  it('records the refusal, naming the member and the case holding them', () => {
    given(entitlementDecider, []).when(refuse).then([refused]);
  });

  it('records it once (a replayed approval adds nothing)', () => {
    given(entitlementDecider, [refused]).when(refuse).then([]);
  });

  it('cannot refuse an entitlement already granted', () => {
    given(entitlementDecider, [granted()]).when(refuse).thenRejects('ENTITLEMENT_ALREADY_GRANTED');
  });

  it('needs the case holding the member', () => {
    given(entitlementDecider, [])
      .when({ ...refuse, heldByApplicationId: '' })
      .thenRejects('ID_REQUIRED');
  });
});
