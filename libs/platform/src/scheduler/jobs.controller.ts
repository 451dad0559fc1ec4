import { Controller, ForbiddenException, Get, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { normalisedRegionCode } from '@sa/domain-shared';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import type { AuthenticatedActor } from '../auth/tokens';
import { ApiContract } from '../http/api-contract';
import { Expensive } from '../http/rate-limit';
import { jobParams, jobRunAnswer, jobsAnswer } from './jobs-responses';
import { type JobScope, Scheduler } from './scheduler';

/**
 * Operators (and tests) run a time-driven job now instead of waiting for its next tick. A job acts
 * on every region only when a platform operator runs it; anyone else's run is limited to their
 * organisation unit's region (a county officer's monthly payroll pays their county only), and a
 * job that cannot be limited to a region is a platform operator's alone.
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/jobs')
export class JobsController {
  constructor(private readonly scheduler: Scheduler) {}

  @Get()
  @Roles('civil-affairs-admin', 'payments-officer', 'county-approver', 'platform-operator')
  @ApiOperation({ summary: 'List the scheduled jobs of this service, and whether a run can be limited to the caller’s region' })
  @ApiContract({ responses: { 200: jobsAnswer } })
  list() {
    return { jobs: this.scheduler.jobNames, regional: this.scheduler.jobNames.filter((name) => this.scheduler.isRegional(name)) };
  }

  @Post(':name/run')
  @Expensive()
  @Roles('civil-affairs-admin', 'payments-officer', 'county-approver', 'platform-operator')
  @ApiOperation({
    summary:
      'Run a scheduled job now (jobs are idempotent): for every region when a platform operator asks, otherwise for the caller’s region only; ' +
      'a job that cannot be limited to a region answers 403 unless a platform operator asks',
  })
  @ApiContract({ params: jobParams, body: null, responses: { 201: jobRunAnswer }, errors: [404] })
  async run(@Param('name') name: string, @CurrentActor() actor: AuthenticatedActor) {
    if (!this.scheduler.jobNames.includes(name)) throw new NotFoundException(`no job named ${name}`);
    const scope = scopeOf(actor);
    if (scope.region !== undefined && !this.scheduler.isRegional(name)) {
      throw new ForbiddenException(
        `job ${name} acts on every region; only a platform-operator may run it (role ${actor.role} acts for region ${actor.orgUnit})`,
      );
    }
    return { job: name, ...(scope.region !== undefined ? { region: scope.region } : {}), result: (await this.scheduler.run(name, scope)) ?? {} };
  }
}

/** A platform operator acts everywhere; anyone else within their organisation unit's region. */
export function scopeOf(actor: Pick<AuthenticatedActor, 'role' | 'orgUnit'>): JobScope {
  return actor.role === 'platform-operator' ? {} : { region: normalisedRegionCode(actor.orgUnit) };
}
