import { type RunningService, startService } from '@sa/platform';
import { eventually, serviceTestEnv } from '@sa/testing';
import { service } from '../service';
import { adminToken, Api, token, uniqueOrganisationId, uniqueVillage } from '../test-support';

describe('organisation registry API (real PostgreSQL event store, FerretDB read model)', () => {
  let running: RunningService;
  let api: Api;

  beforeAll(async () => {
    running = await startService(service, serviceTestEnv('charity-referral'));
    api = new Api(running.url);
  });
  afterAll(async () => {
    await running?.app.close();
  });

  it('registers organisations and lists those working in or covering a region', async () => {
    // Given a village and its township
    const { township, village } = uniqueVillage();
    const villageGroup = uniqueOrganisationId('village');
    const townshipGroup = uniqueOrganisationId('township');
    // When civil affairs registers a village group and a township-wide one (with the brief's short field names)
    const first = await api.post(
      '/organisations',
      { organisationId: villageGroup, name: '村爱心志愿服务队', serviceRegions: [village], needs: ['visits'] },
      adminToken(),
    );
    const second = await api.post(
      '/organisations',
      { id: townshipGroup, name: '街道慈善分会', serviceRegion: township, needs: ['money', 'goods'] },
      adminToken(),
    );
    expect([first.status, second.status]).toEqual([201, 201]);

    // Then the village lists both, the township both, and the organisation reads back as registered
    await eventually(async () => {
      const inVillage = await api.get<{ items: { organisationId: string }[] }>(`/organisations?region=${village}`, adminToken());
      expect(inVillage.body.items.map((o) => o.organisationId).sort()).toEqual([townshipGroup, villageGroup].sort());
    });
    const inTownship = await api.get<{ items: { organisationId: string; needs: string[] }[] }>(
      `/organisations?region=${township}`,
      token('county-approver', 'zhao.lei'),
    );
    expect(inTownship.body.items.find((o) => o.organisationId === townshipGroup)?.needs).toEqual(['money', 'goods']);
    expect((await api.get(`/organisations/${villageGroup}`, adminToken())).body).toMatchObject({
      organisationId: villageGroup,
      serviceRegions: [village],
      needs: ['visits'],
      status: 'active',
    });

    // And once taken out of the registry it is no longer listed
    expect((await api.post(`/organisations/${villageGroup}/deregistration`, { reason: '服务队已解散' }, adminToken())).status).toBe(200);
    await eventually(async () => {
      const listed = await api.get<{ items: { organisationId: string }[] }>(`/organisations?region=${village}`, adminToken());
      expect(listed.body.items.map((o) => o.organisationId)).toEqual([townshipGroup]);
    });
  });

  it('refuses bad input naming the field, a second registration, other counties and other roles', async () => {
    const { village } = uniqueVillage();
    const id = uniqueOrganisationId('checks');
    const badRegion = await api.post('/organisations', { organisationId: id, name: '某协会', serviceRegions: ['3310020010'], needs: ['visits'] }, adminToken());
    expect(badRegion.status).toBe(400);
    expect(badRegion.body.message).toMatch(/serviceRegions\.0: /);
    const badNeed = await api.post('/organisations', { organisationId: id, name: '某协会', serviceRegions: [village], needs: ['housing'] }, adminToken());
    expect(badNeed.status).toBe(400);
    expect(badNeed.body.message).toMatch(/needs\.0: /);

    expect((await api.post('/organisations', { organisationId: id, name: '某协会', serviceRegions: [village], needs: ['visits'] }, adminToken())).status).toBe(
      201,
    );
    const again = await api.post('/organisations', { organisationId: id, name: '某协会', serviceRegions: [village], needs: ['visits'] }, adminToken());
    expect(again).toMatchObject({ status: 409, body: { code: 'ORGANISATION_ALREADY_REGISTERED' } });

    expect(
      (
        await api.post(
          '/organisations',
          { organisationId: uniqueOrganisationId('x'), name: '某协会', serviceRegions: ['330102'], needs: ['visits'] },
          adminToken(),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await api.post(
          '/organisations',
          { organisationId: uniqueOrganisationId('y'), name: '某协会', serviceRegions: [village], needs: ['visits'] },
          token('county-approver', 'zhao.lei'),
        )
      ).status,
    ).toBe(403);
    expect((await api.get('/organisations/no-such-organisation', adminToken())).status).toBe(404);
  });
});
