/**
 * GET /residents/:residentId/records: the county facts the register holds about one person, for
 * investigators and auditors within their jurisdiction. Every read is logged (who, whose records,
 * masked), because this is personal data from other departments.
 */
import { Controller, ForbiddenException, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { chinaDate, maskResidentId, parseResidentId } from '@sa/domain-shared';
import { sourceOf, type CountyFact } from '@sa/domain-verification';
import { recordedAs } from '@sa/messaging';
import { ApiContract, type AuthenticatedActor, Clock, CurrentActor, LOGGER, type Logger, Roles } from '@sa/platform';
import { CheckReadModel } from '../checks/check-read-model';
import { LiveBenefits } from '../caseload/live-benefits';
import { ResidentRegister } from '../register/resident-register';
import { mayReadResident } from './resident-access';
import { residentBenefit, residentParams, residentRecords } from './responses';

@ApiTags('residents')
@ApiBearerAuth()
@Controller('residents')
export class ResidentsController {
  constructor(
    private readonly register: ResidentRegister,
    private readonly checks: CheckReadModel,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly live: LiveBenefits,
    private readonly clock: Clock,
  ) {}

  private async assertMayRead(actor: AuthenticatedActor, residentId: ReturnType<typeof parseResidentId>): Promise<void> {
    if (!mayReadResident(actor, residentId, await this.checks.regionsOfResident(residentId))) {
      throw new ForbiddenException(`resident ${maskResidentId(residentId)} is in no application within the jurisdiction of organisation unit ${actor.orgUnit}`);
    }
  }

  @Get(':residentId/benefit')
  @Roles('investigator', 'auditor')
  @ApiOperation({
    summary: 'Whether the platform’s caseload covers the resident by a live dibao or 特困 entitlement (an obliged supporter’s own status), with its source',
  })
  @ApiContract({ params: residentParams, responses: { 200: residentBenefit } })
  async benefit(@Param() params: { residentId: string }, @CurrentActor() actor: AuthenticatedActor) {
    const residentId = parseResidentId(params.residentId);
    await this.assertMayRead(actor, residentId);
    // Live this month: a benefit stopped from a later month is still the resident's until then.
    const found = (await this.live.of([residentId], chinaDate(this.clock.now()).slice(0, 7))).get(residentId);
    return { residentIdMasked: maskResidentId(residentId), liveBenefit: found ? { ...found, source: 'platform-caseload' as const } : null };
  }

  @Get(':residentId/records')
  @Roles('investigator', 'auditor')
  @ApiOperation({ summary: 'County department facts the register holds about a resident (部门数据), in jurisdiction' })
  @ApiContract({ params: residentParams, responses: { 200: residentRecords } })
  async records(@Param() params: { residentId: string }, @CurrentActor() actor: AuthenticatedActor) {
    const residentId = parseResidentId(params.residentId);
    await this.assertMayRead(actor, residentId);
    this.logger.info({ reader: actor.userId, role: actor.role, orgUnit: actor.orgUnit, resident: maskResidentId(residentId) }, 'resident records read');
    const { records, facts } = await this.register.history(residentId);
    const { seenFactKeys: _seen, ...held } = records;
    return {
      ...held,
      facts: recordedAs<CountyFact>(facts).map((e) => ({
        type: e.type,
        source: sourceOf(e.type),
        messageId: e.data.messageId,
        recordedAt: e.recordedAt,
        reportedBy: e.actor.userId,
        eventId: e.eventId,
      })),
    };
  }
}
