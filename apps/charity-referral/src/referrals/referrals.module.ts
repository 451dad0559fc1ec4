import { Inject, Module } from '@nestjs/common';
import { type Logger, LOGGER, ServiceMessaging } from '@sa/platform';
import { OrganisationsModule } from '../organisations/organisations.module';
import { referralConsumption, referralPublication } from './integration';
import { OfferTimeouts } from './offer-timeouts';
import { ReferralCommands } from './referral-commands';
import { ReferralReadModel } from './referral-read-model';
import { ReferralsController } from './referrals.controller';
import { WaitingReferrals } from './waiting-referrals';

@Module({
  imports: [OrganisationsModule],
  controllers: [ReferralsController],
  providers: [ReferralCommands, ReferralReadModel, OfferTimeouts, WaitingReferrals],
})
export class ReferralsModule {
  constructor(messaging: ServiceMessaging, commands: ReferralCommands, @Inject(LOGGER) logger: Logger) {
    messaging.publish(referralPublication);
    messaging.consume(referralConsumption(commands, logger));
  }
}
