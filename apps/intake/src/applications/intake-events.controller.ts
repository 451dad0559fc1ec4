/**
 * Intake's inbound events as @nestjs/microservices handlers (the platform's Kafka transport):
 * approval's decisions close the application (a rejection frees its residents); payments'
 * entitlement events keep the residents reserved while a benefit lives. Consumer groups in integration.ts.
 */
import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { caseApprovedV1, caseRejectedV1, entitlementGrantedV1, entitlementRefusedV1, entitlementStoppedV1 } from '@sa/contracts';
import { applicationDecider } from '@sa/domain-intake';
import type { EventStore } from '@sa/event-store';
import { ContractEventPattern, type IntegrationEventContext, type PayloadOf } from '@sa/messaging';
import { CommandRejectedError, EVENT_STORE, executeCommand } from '@sa/platform';
import { applicationStream } from './application-commands';
import { ResidentReservations } from './resident-reservations';

/** The service acting on another service's decision, in the region of the case. */
const system = (region: string) => ({ userId: 'intake-service', role: 'county-system', orgUnit: region }) as const;

@Controller()
export class IntakeEventsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reservations: ResidentReservations,
  ) {}

  @ContractEventPattern(caseApprovedV1)
  onCaseApproved(@Payload() payload: PayloadOf<typeof caseApprovedV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    return this.close(payload, 'approved', payload.confirmedAt, ctx.event, ctx.handledMessage);
  }

  @ContractEventPattern(caseRejectedV1)
  onCaseRejected(@Payload() payload: PayloadOf<typeof caseRejectedV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    return this.close(payload, 'rejected', payload.rejectedAt, ctx.event, ctx.handledMessage);
  }

  @ContractEventPattern(entitlementGrantedV1)
  onEntitlementGranted(@Payload() payload: PayloadOf<typeof entitlementGrantedV1>): Promise<void> {
    return this.reservations.markOnBenefit(payload.applicationId);
  }

  @ContractEventPattern(entitlementStoppedV1)
  onEntitlementStopped(@Payload() payload: PayloadOf<typeof entitlementStoppedV1>): Promise<void> {
    return this.reservations.release(payload.applicationId);
  }

  @ContractEventPattern(entitlementRefusedV1)
  onEntitlementRefused(@Payload() payload: PayloadOf<typeof entitlementRefusedV1>): Promise<void> {
    return this.reservations.release(payload.applicationId);
  }

  private async close(
    p: { applicationId: string; region: string },
    outcome: 'approved' | 'rejected',
    decidedAt: string,
    e: { id: string; correlationId?: string },
    handledMessage: { consumer: string; messageId: string },
  ): Promise<void> {
    const { applicationId } = p;
    const actor = system(p.region);
    try {
      await executeCommand(
        this.store,
        applicationStream(applicationId),
        applicationDecider,
        { type: 'RecordApplicationOutcome', applicationId, outcome, decidedAt, recordedBy: actor, recordedAt: decidedAt },
        { actor, correlationId: e.correlationId ?? e.id, causationId: e.id, handledMessage, idempotencyKey: e.id },
      );
    } catch (error) {
      // An application withdrawn meanwhile, or one this intake never took, has nothing to close.
      if (!(error instanceof CommandRejectedError)) throw error;
    }
  }
}
