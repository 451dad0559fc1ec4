import { Module } from '@nestjs/common';
import { OrganisationsModule } from './organisations/organisations.module';
import { ReferralsModule } from './referrals/referrals.module';

@Module({ imports: [OrganisationsModule, ReferralsModule] })
export class AppModule {}
