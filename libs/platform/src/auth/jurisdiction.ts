import { ForbiddenException } from '@nestjs/common';
import { isWithin, normalisedRegionCode, type Actor } from '@sa/domain-shared';

/**
 * A user sees and acts only within their organisation unit's region (a county covers its
 * townships and villages; a city or province unit, carried normalised as 4 or 2 digits, its counties).
 */
export function isInJurisdiction(actor: Pick<Actor, 'orgUnit'>, region: string): boolean {
  return isWithin(normalisedRegionCode(region), normalisedRegionCode(actor.orgUnit));
}

export function assertJurisdiction(actor: Pick<Actor, 'orgUnit' | 'userId'>, region: string): void {
  if (!isInJurisdiction(actor, region)) {
    throw new ForbiddenException(`region ${region} is outside the jurisdiction of organisation unit ${actor.orgUnit}`);
  }
}
