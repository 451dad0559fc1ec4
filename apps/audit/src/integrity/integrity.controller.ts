/** Hash-chain integrity of one case's streams, or of every stream of every service (a background run). */
import { Controller, Get, HttpCode, HttpStatus, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedActor, CurrentActor, Roles, validate } from '@sa/platform';
import { CaseAudit } from '../cases/case-audit';
import { caseParams, runParams } from '../requests';
import { type IntegrityRun, IntegrityRuns, keptRuns, summary } from './integrity-runs';

/** Runs GET /integrity/runs lists. */
const listedRuns = 20;

const runUrl = (runId: string) => `/integrity/runs/${runId}`;

@ApiTags('integrity')
@ApiBearerAuth()
@Controller('integrity')
export class IntegrityController {
  constructor(
    private readonly cases: CaseAudit,
    private readonly runs: IntegrityRuns,
  ) {}

  @Get('cases/:id')
  @Roles('auditor')
  @ApiOperation({ summary: 'Verify the hash chains of every stream a case touches; the first broken link of each, with source, stream and revision' })
  caseIntegrity(@Param(validate(caseParams)) params: { id: string }, @CurrentActor() actor: AuthenticatedActor) {
    return this.cases.integrity(params.id, actor, 'api');
  }

  @Post('verify-all')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles('auditor', 'civil-affairs-admin')
  @ApiOperation({
    summary:
      'Start verifying the hash chains of every stream of every service (and that no stream lost its last events) in the background; poll statusUrl. ' +
      'While a run is going this answers 202 with that same run instead of starting a second one (verification is CPU-heavy). ' +
      'The outcome is recorded in the audit log when the run ends.',
  })
  @ApiAcceptedResponse({ description: '{ runId, status: "running", startedAt, requestedBy, statusUrl }: the run started, or the one already running' })
  verifyAll(@CurrentActor() actor: AuthenticatedActor) {
    const { run } = this.runs.start(actor);
    return { runId: run.runId, status: run.status, startedAt: run.startedAt, requestedBy: run.requestedBy, statusUrl: runUrl(run.runId) };
  }

  @Get('runs')
  @Roles('auditor', 'civil-affairs-admin')
  @ApiOperation({
    summary: `The last ${listedRuns} verification runs since the service started, newest first, with their figures (the breaks are on each run)`,
  })
  listRuns() {
    return { items: this.runs.recent(listedRuns).map(listed) };
  }

  @Get('runs/:runId')
  @Roles('auditor', 'civil-affairs-admin')
  @ApiOperation({ summary: 'A verification run: running, succeeded (with every source’s figures and every break found) or failed (with the error)' })
  @ApiNotFoundResponse({ description: `no such run (only the last ${keptRuns} since the service started are kept)` })
  run(@Param(validate(runParams)) params: { runId: string }): IntegrityRun & { statusUrl: string } {
    const run = this.runs.get(params.runId);
    if (!run) throw new NotFoundException(`no integrity verification run ${params.runId}: only the last ${keptRuns} runs since the service started are kept`);
    return { ...run, statusUrl: runUrl(run.runId) };
  }
}

/** A run in the list: its figures, not its breaks. */
function listed({ result, ...run }: IntegrityRun) {
  return { ...run, statusUrl: runUrl(run.runId), ...(result ? { summary: { ...summary(result), eventsPerSecond: result.eventsPerSecond } } : {}) };
}
