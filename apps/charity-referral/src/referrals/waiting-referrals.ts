/**
 * Referrals every matching organisation declined or let lapse (exhausted) wait for help. When an
 * organisation that serves their region registers, the service offers them again at once, instead
 * of waiting for a case worker to notice ("百社助千户": new partners take up waiting households).
 * Best effort: a failure is logged, and a case worker can still offer with POST /referrals/:id/offers.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { CharityOrganisation } from '@sa/domain-charity-referral';
import { CommandRejectedError, type Logger, LOGGER } from '@sa/platform';
import { OrganisationCommands } from '../organisations/organisation-commands';
import { ReferralCommands } from './referral-commands';
import { ReferralReadModel } from './referral-read-model';

/** Per registration; more waiting referrals than this are left to case workers. */
const batchSize = 500;

@Injectable()
export class WaitingReferrals implements OnModuleInit {
  constructor(
    private readonly organisations: OrganisationCommands,
    private readonly readModel: ReferralReadModel,
    private readonly commands: ReferralCommands,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.organisations.whenRegistered((newcomer) =>
      this.offerTo(newcomer).catch((error: unknown) =>
        this.logger.error({ err: error, organisationId: newcomer.organisationId }, 'offering waiting referrals failed'),
      ),
    );
  }

  async offerTo(newcomer: CharityOrganisation): Promise<void> {
    let offered = 0;
    for (const waiting of await this.readModel.exhaustedIn(newcomer.serviceRegions, newcomer.organisationId, batchSize)) {
      try {
        const state = await this.commands.offerToNewcomer(waiting._id, waiting.region, newcomer);
        if (state.status === 'offered') offered++;
      } catch (error) {
        // Offered or closed meanwhile, or the newcomer does not meet this household's needs.
        if (!(error instanceof CommandRejectedError)) throw error;
      }
    }
    if (offered > 0) this.logger.info({ organisationId: newcomer.organisationId, offered }, 'waiting referrals offered to a newly registered organisation');
  }
}
