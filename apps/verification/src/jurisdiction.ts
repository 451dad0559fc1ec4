/**
 * A user sees and acts only within their organisation unit's region. Local to this service because
 * @sa/platform's isInJurisdiction re-parses the actor's org unit, which the token has already
 * normalised: a city or province unit ("331000" → "3310") then fails with a 500 instead of being
 * compared. Here both codes are compared in normalised form.
 */
import { ForbiddenException } from '@nestjs/common';
import { isWithin, parseRegionCode, type RegionCode } from '@sa/domain-shared';

/** A region code in normalised form; city (4) and province (2) codes are normalised already. */
export function normalisedRegion(code: string): RegionCode {
  return (/^(\d{2}|\d{4})$/.test(code) ? code : parseRegionCode(code)) as RegionCode;
}

export function isInJurisdiction(actor: { orgUnit: string }, region: string): boolean {
  return isWithin(normalisedRegion(region), normalisedRegion(actor.orgUnit));
}

export function assertJurisdiction(actor: { orgUnit: string }, region: string): void {
  if (!isInJurisdiction(actor, region)) throw new ForbiddenException(`region ${region} is outside the jurisdiction of organisation unit ${actor.orgUnit}`);
}
