/**
 * Makes a service a hybrid application: its consumers run as a @nestjs/microservices transport
 * (IntegrationEventsTransport) beside the HTTP server, their handlers `@EventPattern` methods on the
 * service's controllers. Called while the application starts, before it listens: a broker that
 * went away meanwhile fails the start and the start-up gate waits again (bootstrap.ts).
 */
import type { INestApplication, INestMicroservice } from '@nestjs/common';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { RethrowToTransport } from '@sa/messaging';
import { ConsumerTracingInterceptor } from '../tracing/consumer-tracing.interceptor';
import { Tracer } from '../tracing/tracer';
import { ServiceMessaging } from './service-messaging';

export async function connectIntegrationEvents(app: INestApplication): Promise<void> {
  const strategy = await app.get(ServiceMessaging, { strict: false }).transport();
  if (!strategy) return;
  // Deferred, so the filter is in place before the handlers are wrapped (Nest binds filters then).
  const microservice = app.connectMicroservice<MicroserviceOptions>({ strategy }, { deferInitialization: true }) as INestMicroservice & {
    setIsInitHookCalled(called: boolean): void;
  };
  microservice.useGlobalFilters(new RethrowToTransport());
  microservice.useGlobalInterceptors(new ConsumerTracingInterceptor(app.get(Tracer)));
  // The application's init hooks already ran (relay, topics, projections): the microservice must not run them again.
  microservice.setIsInitHookCalled(true);
  await app.startAllMicroservices();
}
