/** A temporary case's account for its stages, corrected: stages the bank refused are issued again, once. */
import { Body, Controller, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@sa/domain-shared';
import { stagePaymentDecider } from '@sa/domain-temporary-assistance';
import type { EventStore } from '@sa/event-store';
import {
  ApiContract,
  assertJurisdiction,
  type AuthenticatedActor,
  Clock,
  CurrentActor,
  EVENT_STORE,
  executeCommand,
  loadAggregate,
  refusals,
  Roles,
} from '@sa/platform';
import type { z } from 'zod';
import { payeeCorrectionAnswer, payeeCorrectionRequest, stageCaseParams } from './requests';
import { stageStream } from './stage-payments';

const actorOf = (a: Actor): Actor => ({ userId: a.userId, role: a.role, orgUnit: a.orgUnit });

@ApiTags('temporary-assistance')
@ApiBearerAuth()
@Controller('temporary-stages')
export class StagePayeesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  @Post(':caseId/payee-correction')
  @HttpCode(200)
  @Roles('payments-officer')
  @ApiOperation({ summary: 'Correct the account a case’s stages are paid to; the stages the bank refused are issued again by the next stage run' })
  @ApiContract({ params: stageCaseParams, body: payeeCorrectionRequest, responses: { 200: payeeCorrectionAnswer }, errors: refusals })
  async correct(@Param('caseId') caseId: string, @Body() body: z.infer<typeof payeeCorrectionRequest>, @CurrentActor() actor: AuthenticatedActor) {
    const loaded = await loadAggregate(this.store, stageStream(caseId), stagePaymentDecider);
    if (loaded.state.status !== 'scheduled') throw new NotFoundException(`temporary-assistance case ${caseId} has no stages scheduled`);
    assertJurisdiction(actor, loaded.state.township);
    const command = {
      type: 'CorrectStagePayee' as const,
      caseId,
      payee: { accountHolder: body.accountHolder, accountNumber: body.accountNumber },
      reason: body.reason,
      correctedBy: actorOf(actor),
      correctedAt: this.clock.now().toISOString(),
    };
    const { events } = await executeCommand(
      this.store,
      stageStream(caseId),
      stagePaymentDecider,
      command,
      { actor: actorOf(actor), correlationId: caseId },
      { from: loaded },
    );
    const corrected = events.find((e) => e.type === 'StagePayeeCorrected');
    return { caseId, reissuedStageNos: corrected?.type === 'StagePayeeCorrected' ? [...corrected.data.reissuedStageNos] : [] };
  }
}
