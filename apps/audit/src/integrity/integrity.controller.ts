/**
 * Hash-chain integrity of one case's streams, or of every stream of every service (a background run).
 * Verifying every store covers every region of the deployment, so only a platform operator starts
 * it; a run is shown to a platform operator, and otherwise only within the jurisdiction it was
 * started in (another county's auditor gets 404, as for a run that never was).
 */
import { Controller, Get, HttpCode, HttpStatus, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiContract, type AuthenticatedActor, CurrentActor, isInJurisdiction, Roles, Expensive } from '@sa/platform';
import { AuditRecorder } from '../audit-log/audit-recorder';
import { CaseAudit } from '../cases/case-audit';
import { caseParams, runParams } from '../requests';
import { caseIntegrityAnswer, runAnswer, runsAnswer, runStartedAnswer } from '../responses';
import { type IntegrityRun, IntegrityRuns, keptRuns, summary } from './integrity-runs';

/** Runs GET /integrity/runs lists. */
const listedRuns = 20;

const runUrl = (runId: string) => `/integrity/runs/${runId}`;

/** Whether the caller may see a run: a platform operator every run, anyone else the runs started within their jurisdiction. */
function maySee(actor: AuthenticatedActor, run: IntegrityRun): boolean {
  return actor.role === 'platform-operator' || isInJurisdiction(actor, run.requestedBy.orgUnit);
}

@ApiTags('integrity')
@ApiBearerAuth()
@Controller('integrity')
export class IntegrityController {
  constructor(
    private readonly cases: CaseAudit,
    private readonly runs: IntegrityRuns,
    private readonly recorder: AuditRecorder,
  ) {}

  @Get('cases/:id')
  @Expensive()
  @Roles('auditor')
  @ApiOperation({ summary: 'Verify the hash chains of every stream a case touches; the first broken link of each, with source, stream and revision' })
  @ApiContract({ params: caseParams, responses: { 200: caseIntegrityAnswer }, errors: [404] })
  caseIntegrity(@Param() params: { id: string }, @CurrentActor() actor: AuthenticatedActor) {
    return this.cases.integrity(params.id, actor, 'api');
  }

  @Post('verify-all')
  @Expensive()
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles('platform-operator')
  @ApiOperation({
    summary:
      'Start verifying the hash chains of every stream of every service (and that no stream lost its last events) in the background; poll statusUrl. ' +
      'While a run is going this answers 202 with that same run instead of starting a second one (verification is CPU-heavy). ' +
      'The outcome is recorded in the audit log when the run ends.',
  })
  @ApiContract({ body: null, responses: { 202: runStartedAnswer } })
  verifyAll(@CurrentActor() actor: AuthenticatedActor) {
    const { run } = this.runs.start(actor);
    return { runId: run.runId, status: run.status, startedAt: run.startedAt, requestedBy: run.requestedBy, statusUrl: runUrl(run.runId) };
  }

  @Get('runs')
  @Roles('auditor', 'civil-affairs-admin', 'platform-operator')
  @ApiOperation({
    summary: `The last ${listedRuns} verification runs the caller may see (all for a platform operator, else those started within their jurisdiction), newest first, with their figures`,
  })
  @ApiContract({ responses: { 200: runsAnswer } })
  listRuns(@CurrentActor() actor: AuthenticatedActor) {
    // Reading runs shows what verification found: an audit query, recorded like any other.
    return this.recorder.run({ actor, channel: 'api', query: 'integrity-runs' }, async () => {
      const items = this.runs
        .recent()
        .filter((run) => maySee(actor, run))
        .slice(0, listedRuns)
        .map(listed);
      return { value: { items }, result: { runs: items.length } };
    });
  }

  @Get('runs/:runId')
  @Roles('auditor', 'civil-affairs-admin', 'platform-operator')
  @ApiOperation({ summary: 'A verification run: running, succeeded (with every source’s figures and every break found) or failed (with the error)' })
  @ApiContract({ params: runParams, responses: { 200: runAnswer }, errors: [404] })
  async run(@Param() params: { runId: string }, @CurrentActor() actor: AuthenticatedActor): Promise<IntegrityRun & { statusUrl: string }> {
    const found = this.runs.get(params.runId);
    const run = found && maySee(actor, found) ? found : undefined;
    // Polling a running verification shows nothing found yet, so only a look at an ended one (or a miss) is recorded.
    if (run?.status === 'running') return { ...run, statusUrl: runUrl(run.runId) };
    return this.recorder.run({ actor, channel: 'api', query: 'integrity-run', parameters: { runId: params.runId } }, async () => {
      if (!run) throw new NotFoundException(`no integrity verification run ${params.runId}: only the last ${keptRuns} runs since the service started are kept`);
      const figures = run.result ? { ok: run.result.ok, breaks: run.result.breaks.length } : {};
      return { value: { ...run, statusUrl: runUrl(run.runId) }, result: { status: run.status, ...figures } };
    });
  }
}

/** A run in the list: its figures, not its breaks. */
function listed({ result, ...run }: IntegrityRun) {
  return { ...run, statusUrl: runUrl(run.runId), ...(result ? { summary: { ...summary(result), eventsPerSecond: result.eventsPerSecond } } : {}) };
}
