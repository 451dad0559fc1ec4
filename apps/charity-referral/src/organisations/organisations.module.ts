import { Module } from '@nestjs/common';
import { OrganisationCommands } from './organisation-commands';
import { OrganisationRegistry } from './organisation-registry';
import { OrganisationsController } from './organisations.controller';

@Module({
  controllers: [OrganisationsController],
  providers: [OrganisationCommands, OrganisationRegistry],
  exports: [OrganisationRegistry, OrganisationCommands],
})
export class OrganisationsModule {}
