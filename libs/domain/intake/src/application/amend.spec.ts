import { fold, given } from '@sa/domain-shared';
import { applicant, applicationId, closed, granddaughter, household, intakeWorker, lodger, son, submitted, withdrawn } from './application.fixtures';
import type { AmendApplication, ApplicationChanges } from './commands';
import { applicationDecider } from './decider';
import type { ApplicationEvent } from './events';

const amendedAt = '2025-03-04T10:00:00+08:00';

function amend(changes: ApplicationChanges, extra: Partial<AmendApplication> = {}): AmendApplication {
  return { type: 'AmendApplication', applicationId, changes, reason: 'Corrected at the household visit', amendedBy: intakeWorker, amendedAt, ...extra };
}

function amended(changes: ApplicationChanges): ApplicationEvent {
  return { type: 'ApplicationAmended', data: { applicationId, changes, reason: 'Corrected at the household visit', amendedBy: intakeWorker, amendedAt } };
}

const correctedAssets = { ...household.declaredAssets, financialAssetsFen: 625_000 };

describe('amending an application before a decision', () => {
  it('records only the parts that changed', () => {
    given(applicationDecider, [submitted])
      .when(amend({ declaredAssets: correctedAssets, bankAccount: household.bankAccount, applicationLocation: 'hukou' }))
      .then([amended({ declaredAssets: correctedAssets })]);
  });

  it('refuses an amendment that changes nothing', () => {
    given(applicationDecider, [submitted])
      .when(amend({ bankAccount: household.bankAccount }))
      .thenRejects('NOTHING_TO_AMEND');
    given(applicationDecider, [submitted]).when(amend({})).thenRejects('NOTHING_TO_AMEND');
  });

  it('replaces the member list in full and the new state carries it', () => {
    const members = [applicant, son, granddaughter, lodger];
    const event = amended({ members });
    given(applicationDecider, [submitted]).when(amend({ members })).then([event]);
    const state = fold(applicationDecider, [submitted, event]);
    expect(state.status === 'submitted' && state.application.household.members).toEqual(members);
    expect(state.status === 'submitted' && state.application.amendments).toBe(1);
  });

  it('normalises a changed region code and refuses an invalid one', () => {
    given(applicationDecider, [submitted])
      .when(amend({ region: '330102002001' }))
      .then([amended({ region: '330102002001' })]);
    given(applicationDecider, [submitted])
      .when(amend({ region: '330102001001000' }))
      .thenRejects('INVALID_REGION_CODE');
  });

  it('validates new members as on submission', () => {
    given(applicationDecider, [submitted])
      .when(amend({ members: [son, granddaughter] }))
      .thenRejects('HOUSEHOLD_NEEDS_ONE_APPLICANT');
    const decision = given(applicationDecider, [submitted]).when(amend({ members: [applicant, { ...lodger, residentId: '330102199001010030' }] })).decision;
    expect(!decision.ok && decision.rejection.field).toBe('changes.members[1].residentId');
  });

  it('checks only added members against other active applications', () => {
    // The caller's list may include this application's own residents; they are no conflict.
    const activeElsewhere = [son.residentId, lodger.residentId];
    given(applicationDecider, [submitted])
      .when(amend({ members: [applicant, son] }, { residentsInActiveApplications: [son.residentId] }))
      .then([amended({ members: [applicant, son] })]);
    given(applicationDecider, [submitted])
      .when(amend({ members: [applicant, son, lodger] }, { residentsInActiveApplications: activeElsewhere }))
      .thenRejects('RESIDENT_ALREADY_IN_ACTIVE_APPLICATION');
  });

  it('keeps the economic-check authorisation mandatory', () => {
    given(applicationDecider, [submitted])
      .when(amend({ consents: { economicCheck: false, charityReferral: true } }))
      .thenRejects('ECONOMIC_CHECK_CONSENT_REQUIRED');
    given(applicationDecider, [submitted])
      .when(amend({ consents: { economicCheck: true, charityReferral: false } }))
      .then([amended({ consents: { economicCheck: true, charityReferral: false } })]);
  });

  it('flags the case when a near relation is declared later, once', () => {
    const nearRelative = { declared: true as const, relationToStaff: '配偶', staffName: '赵强', staffPost: '乡镇民政助理员' };
    const flagged: ApplicationEvent = {
      type: 'NearRelativeCaseFlagged',
      data: { applicationId, relationToStaff: '配偶', staffPost: '乡镇民政助理员', flaggedBy: intakeWorker, flaggedAt: amendedAt },
    };
    given(applicationDecider, [submitted])
      .when(amend({ nearRelative }))
      .then([amended({ nearRelative }), flagged]);
    const corrected = { ...nearRelative, staffPost: '民政办主任' };
    given(applicationDecider, [submitted, amended({ nearRelative }), flagged])
      .when(amend({ nearRelative: corrected }))
      .then([amended({ nearRelative: corrected })]);
  });

  it('never lets a near-relative filing be removed', () => {
    const nearRelative = { declared: true as const, relationToStaff: '配偶', staffName: '赵强', staffPost: '乡镇民政助理员' };
    given(applicationDecider, [submitted, amended({ nearRelative })])
      .when(amend({ nearRelative: { declared: false } }))
      .thenRejects('NEAR_RELATIVE_FILING_CANNOT_BE_REMOVED');
  });

  it('needs a reason', () => {
    given(applicationDecider, [submitted])
      .when(amend({ declaredAssets: correctedAssets }, { reason: ' ' }))
      .thenRejects('REASON_REQUIRED');
  });

  it('is refused once the application is decided, withdrawn, or for an unknown application', () => {
    given(applicationDecider, [submitted, closed('approved')])
      .when(amend({ declaredAssets: correctedAssets }))
      .thenRejects('APPLICATION_ALREADY_DECIDED');
    given(applicationDecider, [submitted, withdrawn])
      .when(amend({ declaredAssets: correctedAssets }))
      .thenRejects('APPLICATION_WITHDRAWN');
    given(applicationDecider, [])
      .when(amend({ declaredAssets: correctedAssets }))
      .thenRejects('APPLICATION_NOT_FOUND');
    given(applicationDecider, [submitted])
      .when(amend({ declaredAssets: correctedAssets }, { applicationId: 'another' }))
      .thenRejects('APPLICATION_NOT_FOUND');
  });
});
