import { Controller, Get, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { Scheduler } from './scheduler';

/** Operators (and tests) run a time-driven job now instead of waiting for its next tick. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/jobs')
export class JobsController {
  constructor(private readonly scheduler: Scheduler) {}

  @Get()
  @Roles('civil-affairs-admin', 'payments-officer', 'county-approver')
  @ApiOperation({ summary: 'List the scheduled jobs of this service' })
  list() {
    return { jobs: this.scheduler.jobNames };
  }

  @Post(':name/run')
  @Roles('civil-affairs-admin', 'payments-officer', 'county-approver')
  @ApiOperation({ summary: 'Run a scheduled job now (jobs are idempotent)' })
  async run(@Param('name') name: string) {
    if (!this.scheduler.jobNames.includes(name)) throw new NotFoundException(`no job named ${name}`);
    return { job: name, result: (await this.scheduler.run(name)) ?? {} };
  }
}
