/** Stage runs of temporary assistance: issue the stages due, the bank file (payroll's format), the bank's results. */
import { Body, Controller, Get, Header, HttpCode, Param, Post, UnprocessableEntityException } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { disbursementControlLine, disbursementHeaderLine, disbursementLine } from '@sa/domain-payments';
import { fen, type Actor } from '@sa/domain-shared';
import { ApiContract, assertJurisdiction, type AuthenticatedActor, CurrentActor, refusals, Roles } from '@sa/platform';
import { bankResultsAnswer, stageDisbursementFile, bankResultsRequest, stageRunAnswer, stageRunParams, stageRunRequest } from './requests';
import { StagePayments } from './stage-payments';

const actorOf = (a: Actor): Actor => ({ userId: a.userId, role: a.role, orgUnit: a.orgUnit });

@ApiTags('temporary-assistance')
@ApiBearerAuth()
@Controller('temporary-stage-runs')
export class StageRunsController {
  constructor(private readonly stages: StagePayments) {}

  @Post()
  @HttpCode(200)
  @Roles('payments-officer')
  @ApiOperation({ summary: 'Issue every temporary-assistance stage due today in the region as a payment instruction, exactly once' })
  @ApiContract({ body: stageRunRequest, responses: { 200: stageRunAnswer }, errors: refusals })
  async run(@Body() body: { region: string }, @CurrentActor() actor: AuthenticatedActor) {
    assertJurisdiction(actor, body.region);
    return this.stages.run(body.region, actorOf(actor));
  }

  @Get(':runId/disbursement-file')
  @Roles('payments-officer')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The run’s disbursement file (代发文件) in payroll’s format' })
  @ApiContract({ params: stageRunParams, responses: { 200: stageDisbursementFile }, errors: [403] })
  async file(@Param('runId') runId: string, @CurrentActor() actor: AuthenticatedActor): Promise<string> {
    assertJurisdiction(actor, runId.split('-')[1] ?? '');
    const lines = await this.stages.issuedInRun(runId);
    const total = lines.reduce((sum, l) => sum + l.amountFen, 0);
    return disbursementHeaderLine() + lines.map((l) => disbursementLine(l)).join('') + disbursementControlLine(lines.length, fen(total));
  }

  @Post(':runId/bank-results')
  @HttpCode(200)
  @Roles('payments-officer')
  @ApiOperation({ summary: 'Record the bank’s result file (回盘文件) for the run: each stage paid or failed, once' })
  @ApiContract({ params: stageRunParams, body: bankResultsRequest, responses: { 200: bankResultsAnswer }, errors: refusals })
  async results(@Param('runId') runId: string, @Body() body: { resultFile: string }, @CurrentActor() actor: AuthenticatedActor) {
    assertJurisdiction(actor, runId.split('-')[1] ?? '');
    const outcome = await this.stages.recordResults(runId, body.resultFile, actorOf(actor));
    if ('problems' in outcome) throw new UnprocessableEntityException({ statusCode: 422, field: 'resultFile', message: outcome.problems.join('; ') });
    return outcome;
  }
}
