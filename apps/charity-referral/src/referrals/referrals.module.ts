import { Module } from '@nestjs/common';
import { ServiceMessaging } from '@sa/platform';
import { OrganisationsModule } from '../organisations/organisations.module';
import { CaseDecisionsController } from './case-decisions.controller';
import { referralConsumption, referralPublication } from './integration';
import { OfferTimeouts } from './offer-timeouts';
import { ReferralCommands } from './referral-commands';
import { ReferralReadModel } from './referral-read-model';
import { ReferralsController } from './referrals.controller';
import { TemporaryDecisionsController, temporaryDecisionConsumption } from './temporary-decisions.controller';
import { WaitingReferrals } from './waiting-referrals';

@Module({
  imports: [OrganisationsModule],
  controllers: [ReferralsController, CaseDecisionsController, TemporaryDecisionsController],
  providers: [ReferralCommands, ReferralReadModel, OfferTimeouts, WaitingReferrals],
})
export class ReferralsModule {
  constructor(messaging: ServiceMessaging) {
    messaging.publish(referralPublication);
    messaging.consume(referralConsumption);
    messaging.consume(temporaryDecisionConsumption);
  }
}
