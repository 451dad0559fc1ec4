/** Test data for the referral specs. */
import { parseRegionCode, type Actor } from '@sa/domain-shared';
import type { OfferReferral, OpenReferral } from './commands';
import type { OfferTrigger, ReferralEvent, ReferralOffered } from './events';
import type { CharityOrganisation } from './organisation';

export const referralId = '0195f4f4-5e6f-7a7b-8c8d-9e0f1a2b3c4d';
export const applicationId = '0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e';
export const caseWorker: Actor = { userId: 'u-county-0002', role: 'county-approver', orgUnit: '330102' };
export const scheduler: Actor = { userId: 'charity-referral-scheduler', role: 'county-system', orgUnit: '330102' };
export const charityActor = (organisationId: string): Actor => ({ userId: `user-of-${organisationId}`, role: 'charity-organisation', orgUnit: '330102' });

const organisation = (organisationId: string, regions: string[], provides: CharityOrganisation['provides']): CharityOrganisation => ({
  organisationId,
  name: organisationId,
  serviceRegions: regions.map(parseRegionCode),
  provides,
});

/** The household lives in village 330102001001 and needs visits and tutoring. */
export const villageVolunteers = organisation('org-village', ['330102001001'], ['visits', 'tutoring']);
export const countyCharity = organisation('org-county', ['330102'], ['money', 'tutoring', 'visits']);
export const cityVisitors = organisation('org-city', ['330100'], ['visits']);
export const neighbouringCounty = organisation('org-elsewhere', ['330103'], ['money', 'goods', 'visits', 'tutoring']);
export const foodBank = organisation('org-goods', ['330102'], ['goods']);
export const registry = [neighbouringCounty, foodBank, cityVisitors, countyCharity, villageVolunteers];

export const openedAt = '2025-03-22T09:00:00+08:00';
export const contact = { name: '王秀英', phone: '0571-8888 0000', address: '某社区3幢2单元101' };
export const consentRecordedAt = '2025-03-03T09:15:00+08:00';

export const open: OpenReferral = {
  type: 'OpenReferral',
  referralId,
  applicationId,
  caseOutcome: { outcome: 'rejected' },
  consent: { charityReferral: true, recordedAt: consentRecordedAt },
  region: '330102001001',
  needs: ['visits', 'tutoring'],
  contact,
  openedBy: caseWorker,
  openedAt,
};

export const opened: ReferralEvent = {
  type: 'ReferralOpened',
  data: {
    referralId,
    applicationId,
    basis: 'case-rejected',
    region: '330102001001',
    needs: ['visits', 'tutoring'],
    contact,
    consentRecordedAt,
    openedBy: caseWorker,
    openedAt,
  },
};

export const offer: OfferReferral = {
  type: 'OfferReferral',
  referralId,
  organisations: registry,
  responseWindowHours: 72,
  offeredBy: caseWorker,
  offeredAt: openedAt,
};

export function offered(
  organisationId: string,
  options: {
    attempt?: number;
    trigger?: OfferTrigger;
    at?: string;
    deadline?: string;
    by?: Actor;
    coveredNeeds?: ReferralOffered['data']['coveredNeeds'];
  } = {},
): ReferralEvent {
  return {
    type: 'ReferralOffered',
    data: {
      referralId,
      applicationId,
      organisationId,
      coveredNeeds: options.coveredNeeds ?? ['visits', 'tutoring'],
      attempt: options.attempt ?? 1,
      trigger: options.trigger ?? 'case-worker',
      region: '330102001001',
      needs: ['visits', 'tutoring'],
      contact,
      consentRecordedAt,
      deadline: options.deadline ?? '2025-03-25T01:00:00.000Z',
      offeredBy: options.by ?? caseWorker,
      offeredAt: options.at ?? openedAt,
    },
  };
}

export const acceptedAt = '2025-03-23T10:00:00+08:00';

export function accepted(organisationId: string): ReferralEvent {
  return { type: 'ReferralAccepted', data: { referralId, applicationId, organisationId, acceptedBy: charityActor(organisationId), acceptedAt } };
}
