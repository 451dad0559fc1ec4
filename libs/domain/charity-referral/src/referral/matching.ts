/**
 * Which organisations to offer a referral to, best first. Pure: the registry, the household's
 * region and needs, and the organisations already tried all come in as arguments.
 */
import { isWithin, type RegionCode } from '@sa/domain-shared';
import type { Need } from './needs';
import type { CharityOrganisation } from './organisation';

export interface MatchRequest {
  readonly householdRegion: RegionCode;
  readonly needs: readonly Need[];
  /** Organisations already offered this referral, whatever they answered: never asked twice. */
  readonly alreadyTried: readonly string[];
  readonly organisations: readonly CharityOrganisation[];
}

export interface OrganisationMatch {
  readonly organisationId: string;
  /** The household's needs this organisation provides for, in the household's order. */
  readonly coveredNeeds: Need[];
  /** Its most local service region containing the household. */
  readonly servedRegion: RegionCode;
}

/**
 * Ranks organisations that serve the household's region and provide for at least one of its needs:
 * more needs covered first (one partner for the whole household beats several partial ones), then
 * the more local organisation (a village or township group can visit more easily than a city-wide
 * one), then organisation id so the order never depends on the registry's order.
 */
export function rankOrganisations(request: MatchRequest): OrganisationMatch[] {
  const tried = new Set(request.alreadyTried);
  const seen = new Set<string>();
  const matches: OrganisationMatch[] = [];
  for (const organisation of request.organisations) {
    if (tried.has(organisation.organisationId) || seen.has(organisation.organisationId)) continue;
    seen.add(organisation.organisationId);
    const match = matchOf(organisation, request);
    if (match) matches.push(match);
  }
  return matches.sort(byRank);
}

function matchOf(organisation: CharityOrganisation, request: MatchRequest): OrganisationMatch | undefined {
  const servedRegion = mostLocalServiceRegion(organisation, request.householdRegion);
  if (servedRegion === undefined) return undefined;
  const coveredNeeds = request.needs.filter((need) => organisation.provides.includes(need));
  if (coveredNeeds.length === 0) return undefined;
  return { organisationId: organisation.organisationId, coveredNeeds, servedRegion };
}

function mostLocalServiceRegion(organisation: CharityOrganisation, householdRegion: RegionCode): RegionCode | undefined {
  let best: RegionCode | undefined;
  for (const region of organisation.serviceRegions) {
    if (isWithin(householdRegion, region) && (best === undefined || region.length > best.length)) best = region;
  }
  return best;
}

function byRank(a: OrganisationMatch, b: OrganisationMatch): number {
  return (
    b.coveredNeeds.length - a.coveredNeeds.length ||
    b.servedRegion.length - a.servedRegion.length ||
    (a.organisationId < b.organisationId ? -1 : a.organisationId > b.organisationId ? 1 : 0)
  );
}
