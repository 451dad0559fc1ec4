import { fold, given, type Actor } from '@sa/domain-shared';
import type { ConvertLeadToApplication, DismissLead, RaiseLead } from './commands';
import { leadDecider } from './decider';
import type { LeadEvent } from './events';
import { applicationChannelFor } from './state';

const gridWorker: Actor = { userId: 'u-grid-0101', role: 'intake-worker', orgUnit: '330102001' };
const leadId = 'lead-0001';

const raise: RaiseLead = {
  type: 'RaiseLead',
  leadId,
  source: 'grid-worker',
  region: '330102001001',
  subject: { residentId: '11010519491231002x', name: '周老汉', address: '3组12号' },
  concern: 'Lives alone since his wife died; no income seen',
  raisedBy: gridWorker,
  raisedAt: '2025-03-10T16:00:00+08:00',
};

const { type: _raiseType, ...raiseData } = raise;
const raised: LeadEvent = { type: 'LeadRaised', data: { ...raiseData, subject: { ...raise.subject, residentId: '11010519491231002X' } } };

const convert: ConvertLeadToApplication = {
  type: 'ConvertLeadToApplication',
  leadId,
  applicationId: 'app-1',
  convertedBy: gridWorker,
  convertedAt: '2025-03-12T09:00:00+08:00',
};
const converted: LeadEvent = {
  type: 'LeadConvertedToApplication',
  data: { leadId, applicationId: 'app-1', convertedBy: gridWorker, convertedAt: '2025-03-12T09:00:00+08:00' },
};
const dismiss: DismissLead = {
  type: 'DismissLead',
  leadId,
  reason: 'Son supports him; income above standard',
  dismissedBy: gridWorker,
  dismissedAt: '2025-03-12T09:00:00+08:00',
};
const dismissed: LeadEvent = { type: 'LeadDismissed', data: { leadId, reason: dismiss.reason, dismissedBy: gridWorker, dismissedAt: dismiss.dismissedAt } };

describe('active-discovery lead (主动发现)', () => {
  it('is raised with the person it concerns, resident ID normalised', () => {
    given(leadDecider, []).when(raise).then([raised]);
  });

  it('may name the person without a resident ID, but not nobody', () => {
    const byName: RaiseLead = { ...raise, source: 'hotline-12345', subject: { name: '周老汉', phone: '13800000000' } };
    const { type: _type, ...data } = byName;
    given(leadDecider, [])
      .when(byName)
      .then([{ type: 'LeadRaised', data }]);
    given(leadDecider, [])
      .when({ ...raise, subject: { address: '3组12号' } })
      .thenRejects('LEAD_SUBJECT_REQUIRED');
    given(leadDecider, [])
      .when({ ...raise, subject: { residentId: '110105194912310021' } })
      .thenRejects('INVALID_RESIDENT_ID');
  });

  it.each([
    ['LEAD_ID_REQUIRED', { leadId: ' ' }],
    ['INVALID_LEAD_SOURCE', { source: 'newspaper' }],
    ['INVALID_REGION_CODE', { region: 'x' }],
    ['LEAD_CONCERN_REQUIRED', { concern: '' }],
  ])('rejects %s', (code, change) => {
    given(leadDecider, [])
      .when({ ...raise, ...change } as RaiseLead)
      .thenRejects(code);
  });

  it('is raised once', () => {
    given(leadDecider, [raised]).when(raise).thenRejects('LEAD_ALREADY_RAISED');
  });

  it('is converted into an application', () => {
    given(leadDecider, [raised]).when(convert).then([converted]);
    const state = fold(leadDecider, [raised, converted]);
    expect(state.status === 'converted' && state.applicationId).toBe('app-1');
    given(leadDecider, [raised])
      .when({ ...convert, applicationId: '' })
      .thenRejects('APPLICATION_ID_REQUIRED');
  });

  it('is dismissed only with a reason', () => {
    given(leadDecider, [raised]).when(dismiss).then([dismissed]);
    given(leadDecider, [raised])
      .when({ ...dismiss, reason: '' })
      .thenRejects('REASON_REQUIRED');
  });

  it('is settled once: converted or dismissed, not both', () => {
    given(leadDecider, [raised, converted]).when(dismiss).thenRejects('LEAD_ALREADY_CONVERTED');
    given(leadDecider, [raised, dismissed]).when(convert).thenRejects('LEAD_ALREADY_DISMISSED');
    given(leadDecider, []).when(convert).thenRejects('LEAD_NOT_FOUND');
  });

  it('tells the application which channel it came by', () => {
    expect(applicationChannelFor('grid-worker')).toBe('village-report');
    expect(applicationChannelFor('hotline-12345')).toBe('hotline-12345');
    expect(applicationChannelFor('data-alert')).toBe('data-alert');
  });
});
