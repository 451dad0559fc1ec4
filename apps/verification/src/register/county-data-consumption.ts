/**
 * Inbound county data (部门数据共享): every message on the twelve county topics is filed in the
 * resident register and answered with a receipt on sa.county-data.receipts.v1 — ACK, ACK DUPLICATE
 * for a redelivered message id, or NACK with a reason code (a bad resident ID, a broken field, an
 * unknown type) while the message itself is parked on the topic's dead-letter topic. Validation,
 * receipts and dead-lettering are the messaging consumer's; this file only says what a valid
 * message does (CountyDataController, an @nestjs/microservices handler). The inbox record commits with the fact's append, so a message is filed once.
 */
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { contractName, type CountyMessage } from '@sa/contracts';
import { isRegionCode, parseRegionCode } from '@sa/domain-shared';
import { ContractEventPattern, type IntegrationEventContext } from '@sa/messaging';
import { Clock, type CommandContext, type ConsumptionDefinition } from '@sa/platform';
import { countyTopics, factHeader } from './county-facts-from-contracts';
import { ResidentRegister } from './resident-register';

/** The county a sending system speaks for: from a ce_source like /county/331002/public-security, else the resident's address code. */
export function countyOf(source: string, residentId: string): string {
  const fromSource = /^\/county\/(\d{6}|\d{9}|\d{12})(\/|$)/.exec(source)?.[1];
  if (fromSource !== undefined && isRegionCode(fromSource)) return parseRegionCode(fromSource);
  return parseRegionCode(residentId.slice(0, 6));
}

export const countyDataConsumption: ConsumptionDefinition = {
  name: 'verification-county-data',
  inbox: 'event-store',
  receipts: { source: '/sa/verification' },
  handles: countyTopics.map((topic) => topic.contract),
};

/** Every county topic, handled the same way: the message's fact filed in the register. */
@Controller()
export class CountyDataController {
  constructor(
    private readonly register: ResidentRegister,
    private readonly clock: Clock,
  ) {}

  @ContractEventPattern(...countyTopics.map((topic) => topic.contract))
  async onCountyMessage(@Payload() payload: CountyMessage, @Ctx() ctx: IntegrationEventContext<CountyMessage>): Promise<void> {
    const event = ctx.event;
    const topic = countyTopics.find((t) => t.contract.type === event.contract.type && t.contract.version === event.contract.version);
    if (!topic) throw new Error(`no county topic for ${contractName(event.contract)}`); // cannot happen: the patterns are these contracts
    const fact = topic.toFact(payload, factHeader(payload, this.clock.now()));
    const commandContext: CommandContext = {
      // The county department's system is the actor: its ce_source is who said so.
      actor: { userId: event.source.slice(0, 200), role: 'county-system', orgUnit: countyOf(event.source, payload.residentId) },
      correlationId: event.correlationId ?? event.id,
      causationId: event.id,
      handledMessage: ctx.handledMessage,
      // No idempotencyKey: recordedAt comes from the clock, so a retry's event would differ;
      // the inbox (committed with the append) and the register's own message-id check make it once.
    };
    await this.register.file(fact, commandContext);
  }
}
