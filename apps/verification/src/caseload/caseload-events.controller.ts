/**
 * Payments' entitlement events as verification's caseload: a grant covers the residents of the
 * application's household (from this service's own check stream); a stop frees them from the month
 * it takes effect (they are still paid until then).
 */
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { entitlementGrantedV1, entitlementStoppedV1, entitlementsTopicV1, paymentsContracts } from '@sa/contracts';
import { ContractEventPattern, type PayloadOf } from '@sa/messaging';
import type { ConsumptionDefinition } from '@sa/platform';
import { CheckRunner } from '../checks/check-runner';
import { LiveBenefits } from './live-benefits';

export const caseloadConsumption: ConsumptionDefinition = {
  name: 'verification-caseload',
  inbox: 'read-model',
  handles: [entitlementGrantedV1, entitlementStoppedV1],
  // Anything else payments adds to this topic is not the caseload's business (never dead-lettered as unknown).
  ignore: paymentsContracts.filter((c) => c.topic === entitlementsTopicV1 && c !== entitlementGrantedV1 && c !== entitlementStoppedV1),
};

@Controller()
export class CaseloadEventsController {
  constructor(
    private readonly runner: CheckRunner,
    private readonly live: LiveBenefits,
  ) {}

  @ContractEventPattern(entitlementGrantedV1)
  async onGranted(@Payload() payload: PayloadOf<typeof entitlementGrantedV1>): Promise<void> {
    // 单人保: the case is approval's, for one member of a household this service checked.
    const single = payload.singlePersonCoverage;
    const { state } = await this.runner.load(single?.householdApplicationId ?? payload.applicationId);
    // An entitlement whose application this service never checked has no household here: nothing to learn.
    if (state.status === 'not-requested') return;
    const counted = single
      ? new Set([single.memberId])
      : new Set(state.round.assessed?.assessment.countedMemberIds ?? state.application.household.members.map((m) => m.memberId));
    const residents = state.application.household.members.filter((m) => counted.has(m.memberId)).map((m) => m.residentId);
    const { applicationId, entitlementId, programme, startMonth } = payload;
    await this.live.granted(residents, { applicationId, entitlementId, programme, since: startMonth });
  }

  @ContractEventPattern(entitlementStoppedV1)
  onStopped(@Payload() payload: PayloadOf<typeof entitlementStoppedV1>): Promise<void> {
    return this.live.stopped(payload.applicationId, payload.effectiveMonth);
  }
}
