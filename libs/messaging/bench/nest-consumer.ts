/**
 * The benchmark's consumer the way a service runs it (`--via nest`): the @nestjs/microservices
 * transport over the same consumer, the handler an `@EventPattern` method of a controller.
 */
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { ContractEventPattern } from '../src/nest/contract-event-pattern';
import { type IntegrationContract } from '@sa/contracts';
import type { IntegrationEventContext } from '../src/nest/integration-event-context';
import { IntegrationEventsTransport, type TransportConsumption } from '../src/nest/integration-events-transport';
import { RethrowToTransport } from '../src/nest/rethrow-to-transport.filter';
import type { ReceivedEvent } from '../src/consumer/consumer-options';

export async function startNestConsumer(
  consumption: TransportConsumption,
  contract: IntegrationContract,
  onEvent: (event: ReceivedEvent) => void,
): Promise<{ stop(): Promise<void> }> {
  @Controller()
  class BenchController {
    @ContractEventPattern(contract)
    onEvent(@Payload() _payload: unknown, @Ctx() ctx: IntegrationEventContext): void {
      onEvent(ctx.event);
    }
  }
  @Module({ controllers: [BenchController] })
  class BenchModule {}
  const app = await NestFactory.createMicroservice(BenchModule, { strategy: new IntegrationEventsTransport([consumption]), logger: false });
  app.useGlobalFilters(new RethrowToTransport());
  await app.listen();
  return { stop: () => app.close() };
}
