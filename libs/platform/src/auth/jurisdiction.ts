import { ForbiddenException } from '@nestjs/common';
import { isWithin, parseRegionCode, type Actor } from '@sa/domain-shared';

/** A user sees and acts only within their organisation unit's region (a county covers its townships and villages). */
export function isInJurisdiction(actor: Pick<Actor, 'orgUnit'>, region: string): boolean {
  return isWithin(parseRegionCode(region), parseRegionCode(actor.orgUnit));
}

export function assertJurisdiction(actor: Pick<Actor, 'orgUnit' | 'userId'>, region: string): void {
  if (!isInJurisdiction(actor, region)) {
    throw new ForbiddenException(`region ${region} is outside the jurisdiction of organisation unit ${actor.orgUnit}`);
  }
}
