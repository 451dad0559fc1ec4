import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import './payroll/fast-digest';
import { ServiceMessaging } from '@sa/platform';
import { CaseApprovals } from './entitlements/case-approvals';
import { DeathReports } from './entitlements/death-reports';
import { ReviewOutcomes } from './entitlements/review-outcomes';
import { EntitlementCommands } from './entitlements/entitlement-commands';
import { EntitlementReadModel } from './entitlements/entitlement-read-model';
import { EntitlementsController } from './entitlements/entitlements.controller';
import { ResidentBenefitClaims } from './entitlements/resident-benefit-claims';
import { ResidentDeaths } from './entitlements/resident-deaths';
import { PaymentsEventsController } from './payments-events.controller';
import { caseApprovalConsumption, paymentsPublication, periodicReviewConsumption, residentDeathConsumption } from './integration';
import { BankResultsImport } from './payroll/bank-results-import';
import { EntitlementTableProjection } from './payroll/entitlement-table-projection';
import { entitlementTableProvider } from './payroll/entitlement-table.provider';
import { MonthlyPayroll } from './payroll/monthly-payroll';
import { PaymentFeedback } from './payroll/payment-feedback';
import { PayrollActivity } from './payroll/payroll-activity';
import { PayrollCandidates } from './payroll/payroll-candidates';
import { PayrollCommands } from './payroll/payroll-commands';
import { PayrollQueries } from './payroll/payroll-queries';
import { PayrollRun } from './payroll/payroll-run';
import { PayrollsController } from './payroll/payrolls.controller';
import { ReadBarrier } from './payroll/read-barrier';
import { TextBodyMiddleware } from './payroll/text-body.middleware';

@Module({
  controllers: [EntitlementsController, PayrollsController, PaymentsEventsController],
  providers: [
    EntitlementReadModel,
    ResidentDeaths,
    EntitlementCommands,
    ResidentBenefitClaims,
    DeathReports,
    ReviewOutcomes,
    CaseApprovals,
    ReadBarrier,
    PayrollActivity,
    PaymentFeedback,
    entitlementTableProvider,
    EntitlementTableProjection,
    PayrollCandidates,
    PayrollRun,
    PayrollCommands,
    PayrollQueries,
    BankResultsImport,
    MonthlyPayroll,
  ],
})
export class PaymentsModule implements NestModule {
  constructor(messaging: ServiceMessaging) {
    messaging.publish(paymentsPublication);
    messaging.consume(caseApprovalConsumption);
    messaging.consume(residentDeathConsumption);
    messaging.consume(periodicReviewConsumption);
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(TextBodyMiddleware).forRoutes({ path: 'payrolls/:payrollId/bank-results', method: RequestMethod.POST });
  }
}
