/**
 * The thin NestJS side: a provider that starts registered relays and consumers once the
 * application has bootstrapped and stops them (in reverse order) on shutdown, so in-flight
 * messages finish and offsets are committed before the process exits. Everything it runs is
 * framework-free and works without it.
 */
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

export interface MessagingComponent {
  start(): void | Promise<void>;
  stop(): Promise<void>;
  status(): { readonly state: string };
}

@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly components: { name: string; component: MessagingComponent }[] = [];
  private started = false;

  /** Registers a relay or consumer; call it before bootstrap (e.g. from a module's onModuleInit). */
  register(name: string, component: MessagingComponent): this {
    if (this.started) throw new Error(`messaging component ${name} registered after start`);
    this.components.push({ name, component });
    return this;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.started = true;
    for (const { component } of this.components) await component.start();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const { component } of [...this.components].reverse()) await component.stop();
  }

  /** For a readiness check: every component's state by name. */
  states(): Record<string, string> {
    return Object.fromEntries(this.components.map(({ name, component }) => [name, component.status().state]));
  }
}
