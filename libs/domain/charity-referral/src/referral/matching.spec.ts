import { parseRegionCode } from '@sa/domain-shared';
import { rankOrganisations } from './matching';
import { cityVisitors, countyCharity, registry, villageVolunteers } from './referral.fixtures';

const householdRegion = parseRegionCode('330102001001');

describe('matching charity organisations to a household', () => {
  it('keeps organisations serving the household’s region and at least one need, most needs then most local first', () => {
    expect(rankOrganisations({ householdRegion, needs: ['visits', 'tutoring'], alreadyTried: [], organisations: registry })).toEqual([
      { organisationId: 'org-village', coveredNeeds: ['visits', 'tutoring'], servedRegion: '330102001001' },
      { organisationId: 'org-county', coveredNeeds: ['visits', 'tutoring'], servedRegion: '330102' },
      { organisationId: 'org-city', coveredNeeds: ['visits'], servedRegion: '3301' },
    ]);
  });

  it('prefers covering more needs to being more local', () => {
    const ranked = rankOrganisations({ householdRegion, needs: ['money', 'tutoring'], alreadyTried: [], organisations: registry });
    expect(ranked.map((m) => m.organisationId)).toEqual(['org-county', 'org-village']);
    expect(ranked[0]?.coveredNeeds).toEqual(['money', 'tutoring']);
  });

  it('excludes organisations already tried', () => {
    const ranked = rankOrganisations({ householdRegion, needs: ['visits'], alreadyTried: ['org-village', 'org-county'], organisations: registry });
    expect(ranked.map((m) => m.organisationId)).toEqual(['org-city']);
  });

  it('is independent of registry order, breaking ties by organisation id, and ignores duplicates', () => {
    const twin = { ...countyCharity, organisationId: 'org-county-2' };
    const request = { householdRegion, needs: ['visits' as const], alreadyTried: [], organisations: [twin, cityVisitors, countyCharity, countyCharity] };
    expect(rankOrganisations(request).map((m) => m.organisationId)).toEqual(['org-county', 'org-county-2', 'org-city']);
    expect(rankOrganisations({ ...request, organisations: [...request.organisations].reverse() })).toEqual(rankOrganisations(request));
  });

  it('uses the most local of several service regions', () => {
    const both = { ...cityVisitors, serviceRegions: [parseRegionCode('330100'), parseRegionCode('330102001')] };
    expect(rankOrganisations({ householdRegion, needs: ['visits'], alreadyTried: [], organisations: [both] })[0]?.servedRegion).toBe('330102001');
  });

  it('finds nothing for a household outside every service region', () => {
    expect(
      rankOrganisations({ householdRegion: parseRegionCode('440305'), needs: ['visits'], alreadyTried: [], organisations: [villageVolunteers, countyCharity] }),
    ).toEqual([]);
  });
});
