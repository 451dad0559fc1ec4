import { fold, given, type Actor } from '@sa/domain-shared';
import type { DeregisterOrganisation, RegisterOrganisation } from './commands';
import { organisationDecider } from './decider';
import type { OrganisationEvent } from './events';

const admin: Actor = { userId: 'li.min', role: 'civil-affairs-admin', orgUnit: '331002' };
const register: RegisterOrganisation = {
  type: 'RegisterOrganisation',
  organisationId: '53331002MJ0000001A',
  name: ' 椒江区爱心志愿者协会 ',
  serviceRegions: ['331002001000', '331002002'],
  provides: ['money', 'visits'],
  registeredBy: admin,
  registeredAt: '2025-03-01T09:00:00+08:00',
};
const registered: OrganisationEvent = {
  type: 'OrganisationRegistered',
  data: {
    organisationId: '53331002MJ0000001A',
    name: '椒江区爱心志愿者协会',
    serviceRegions: ['331002001', '331002002'],
    provides: ['money', 'visits'],
    registeredBy: admin,
    registeredAt: '2025-03-01T09:00:00+08:00',
  },
};
const deregister: DeregisterOrganisation = {
  type: 'DeregisterOrganisation',
  organisationId: register.organisationId,
  reason: '组织已注销',
  deregisteredBy: admin,
  deregisteredAt: '2025-06-01T09:00:00+08:00',
};

describe('the organisation registry', () => {
  it('registers an organisation with normalised service regions and a trimmed name', () => {
    given(organisationDecider, []).when(register).then([registered]);
    expect(fold(organisationDecider, [registered])).toEqual({
      status: 'registered',
      organisation: {
        organisationId: register.organisationId,
        name: '椒江区爱心志愿者协会',
        serviceRegions: ['331002001', '331002002'],
        provides: ['money', 'visits'],
      },
    });
  });

  it('registers each organisation once', () => {
    given(organisationDecider, [registered]).when(register).thenRejects('ORGANISATION_ALREADY_REGISTERED');
  });

  it.each<[string, Partial<RegisterOrganisation>]>([
    ['INVALID_ORGANISATION_ID', { organisationId: 'has space' }],
    ['INVALID_ORGANISATION_ID', { organisationId: 'x'.repeat(65) }],
    ['ORGANISATION_NAME_REQUIRED', { name: '  ' }],
    ['SERVICE_REGION_REQUIRED', { serviceRegions: [] }],
    ['INVALID_REGION_CODE', { serviceRegions: ['33'] }],
    ['DUPLICATE_SERVICE_REGION', { serviceRegions: ['331002', '331002000000'] }],
    ['NEEDS_REQUIRED', { provides: [] }],
    ['INVALID_NEED', { provides: ['housing' as 'visits'] }],
    ['INVALID_TIMESTAMP', { registeredAt: '2025-03-01' }],
  ])('refuses %s', (code, change) => {
    given(organisationDecider, [])
      .when({ ...register, ...change })
      .thenRejects(code);
  });

  it('takes an organisation out of the registry once, with a reason', () => {
    const deregistered: OrganisationEvent = {
      type: 'OrganisationDeregistered',
      data: { organisationId: register.organisationId, reason: '组织已注销', deregisteredBy: admin, deregisteredAt: deregister.deregisteredAt },
    };
    given(organisationDecider, [registered]).when(deregister).then([deregistered]);
    expect(fold(organisationDecider, [registered, deregistered]).status).toBe('deregistered');
    given(organisationDecider, [registered, deregistered]).when(deregister).thenRejects('ORGANISATION_DEREGISTERED');
    given(organisationDecider, [registered])
      .when({ ...deregister, reason: '' })
      .thenRejects('REASON_REQUIRED');
    given(organisationDecider, []).when(deregister).thenRejects('ORGANISATION_NOT_FOUND');
  });

  it('is taken out only by an administrator whose county holds every region it serves (403 otherwise)', () => {
    // Given an organisation serving two townships of 椒江区 (331002)
    // When an administrator of 黄岩区 (331003), or of one of the two townships only, takes it out
    const by = (orgUnit: string) => ({ ...deregister, deregisteredBy: { ...admin, orgUnit } });
    const outside = given(organisationDecider, [registered]).when(by('331003')).decision;

    // Then the decider refuses as forbidden, naming the organisation; the city's administrator may
    expect(outside).toMatchObject({ ok: false, rejection: { code: 'OUTSIDE_JURISDICTION', kind: 'forbidden', field: 'organisationId' } });
    given(organisationDecider, [registered]).when(by('331002001')).thenRejects('OUTSIDE_JURISDICTION');
    expect(given(organisationDecider, [registered]).when(by('3310')).decision.ok).toBe(true);
  });
});
