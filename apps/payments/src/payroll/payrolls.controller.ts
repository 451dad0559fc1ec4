/** The payroll REST API (资金发放): monthly runs, the bank disbursement file, the bank's results. */
import { Body, Controller, Get, HttpCode, HttpException, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiContract, assertJurisdiction, type AuthenticatedActor, CurrentActor, refusals, Roles, validate, Expensive } from '@sa/platform';
import type { Request, Response } from 'express';
import { BankResultsImport } from './bank-results-import';
import { StreamedTextBody } from './text-lines';
import { PayrollCommands } from './payroll-commands';
import { PayrollQueries } from './payroll-queries';
import type { PayrollView } from './payroll-view';
import { bankResultsJsonRequest, disbursementFileQuery, startPayrollRequest, type StartPayrollRequest } from './requests';
import { bankResultsAnswer, bankResultsBody, disbursementFile, payrollAnswer, payrollExisting, payrollParams, payrollStarted } from './responses';

const actorOf = (a: AuthenticatedActor) => ({ userId: a.userId, role: a.role, orgUnit: a.orgUnit });

@ApiTags('payrolls')
@ApiBearerAuth()
@Controller('payrolls')
export class PayrollsController {
  constructor(
    private readonly payrolls: PayrollCommands,
    private readonly queries: PayrollQueries,
    private readonly bankResults: BankResultsImport,
  ) {}

  @Post()
  @Expensive()
  @Roles('payments-officer')
  @ApiOperation({ summary: 'Run the payroll of a region for a month (idempotent: the same region and month again answers the existing run)' })
  @ApiContract({ body: startPayrollRequest, responses: { 201: payrollStarted, 200: payrollExisting }, errors: refusals })
  async start(
    @Body() body: StartPayrollRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() req: Request & { correlationId?: string },
    @Res({ passthrough: true }) res: Response,
  ) {
    assertJurisdiction(actor, body.region);
    const { outcome, payrollId } = await this.payrolls.start(body.region, body.month, actorOf(actor), req.correlationId);
    res.status(outcome === 'started' ? 201 : 200);
    return { outcome, ...(await this.view(payrollId, actor)) };
  }

  @Get(':payrollId')
  @Roles('payments-officer', 'auditor')
  @ApiOperation({ summary: 'A payroll run: progress (batches done of planned), totals, bank outcomes; instructions (accounts masked) for runs up to 5,000' })
  @ApiContract({ params: payrollParams, responses: { 200: payrollAnswer }, errors: [404] })
  async get(@Param('payrollId') payrollId: string, @CurrentActor() actor: AuthenticatedActor) {
    return this.view(payrollId, actor);
  }

  @Get(':payrollId/disbursement-file')
  @Roles('payments-officer', 'auditor')
  @ApiOperation({ summary: 'The bank disbursement file (代发文件, CSV with a control total), streamed; auditors always get account numbers masked' })
  @ApiContract({ params: payrollParams, query: disbursementFileQuery, responses: { 200: disbursementFile }, errors: [404, 409] })
  async disbursementFile(
    @Param('payrollId') payrollId: string,
    @Query() query: { accountNumbers: 'full' | 'masked' },
    @CurrentActor() actor: AuthenticatedActor,
    @Res() res: Response,
  ): Promise<void> {
    const view = await this.view(payrollId, actor);
    const accountNumbers = actor.role === 'auditor' ? 'masked' : query.accountNumbers;
    if (!view.progress.closed) await this.queries.writeDisbursementFile(view, accountNumbers, async () => undefined); // throws 409
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="disbursement-${view.region}-${view.month}${accountNumbers === 'masked' ? '-masked' : ''}.csv"`);
    try {
      await this.queries.writeDisbursementFile(view, accountNumbers, (chunk) => writeWithBackpressure(res, chunk));
      res.end();
    } catch (error) {
      // Headers are gone: cutting the connection is the only way to tell the client the file is incomplete.
      res.destroy(error as Error);
    }
  }

  @Post(':payrollId/bank-results')
  @Expensive()
  @HttpCode(200)
  @Roles('payments-officer')
  @ApiOperation({ summary: 'Import the bank’s result file (回盘文件): paid, or failed with the bank’s reason; importing it again changes nothing' })
  @ApiContract({ params: payrollParams, bodyContent: bankResultsBody, responses: { 200: bankResultsAnswer }, errors: refusals })
  async importBankResults(@Param('payrollId') payrollId: string, @Body() body: unknown, @CurrentActor() actor: AuthenticatedActor) {
    // The run is looked up first, so the file is checked against it as it is read; a wrong file is
    // still answered (4xx naming the rule) before an absent or foreign run is.
    const refusal = await this.view(payrollId, actor).then(
      () => undefined,
      (error: unknown) => (error instanceof HttpException ? error : Promise.reject(error)),
    );
    const outcome = await this.bankResults.import(payrollId, linesOf(body), actorOf(actor), refusal);
    return { payrollId, ...outcome, payroll: await this.view(payrollId, actor) };
  }

  private async view(payrollId: string, actor: AuthenticatedActor): Promise<PayrollView> {
    const view = await this.queries.view(payrollId);
    if (!view) throw new NotFoundException(`payroll run ${payrollId} does not exist`);
    assertJurisdiction(actor, view.region);
    return view;
  }
}

/** The file's lines: as text/csv, read as it arrives; or inside JSON as { content } (or { file }). */
function linesOf(body: unknown): AsyncIterable<string> | Iterable<string> {
  if (body instanceof StreamedTextBody) return body.lines();
  const json = validate(bankResultsJsonRequest).transform(body ?? {});
  return ((json.content ?? json.file) as string).split('\n');
}

function writeWithBackpressure(res: Response, chunk: string): Promise<void> {
  return res.write(chunk) ? Promise.resolve() : new Promise((resolve) => res.once('drain', resolve));
}
