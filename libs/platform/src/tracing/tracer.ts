/**
 * The service's tracer: spans of HTTP requests, event-store appends, the relay's publications and
 * the consumers' handlers, exported in batches by OTLP/HTTP (JSON) to OTEL_EXPORTER_OTLP_ENDPOINT
 * (`<endpoint>/v1/traces`). Off unless that variable is set. The current span travels with the
 * work through AsyncLocalStorage, so an append inside a request or a handler becomes its child.
 * An exporter that cannot be reached loses spans (counted, logged once), never slows the work.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { FinishedSpan, SpanSink, TraceContext } from '@sa/messaging';
import type { BaseConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import { CONFIG, LOGGER, SERVICE_NAME } from '../platform.tokens';
import { otlpBody } from './otlp-json';

/** The span the current work belongs to (its children name it as their parent). */
export const currentSpan = new AsyncLocalStorage<TraceContext>();

const maxBuffered = 10_000;

@Injectable()
export class Tracer implements SpanSink, OnApplicationShutdown {
  private buffer: FinishedSpan[] = [];
  private timer?: NodeJS.Timeout;
  private dropped = 0;
  private warned = false;
  private readonly endpoint?: string;

  constructor(
    @Inject(CONFIG) config: BaseConfig,
    @Inject(SERVICE_NAME) private readonly serviceName: string,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    if (config.OTEL_EXPORTER_OTLP_ENDPOINT) this.endpoint = `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
    this.serviceName = config.OTEL_SERVICE_NAME ?? serviceName;
  }

  get enabled(): boolean {
    return this.endpoint !== undefined;
  }

  record(span: FinishedSpan): void {
    if (!this.endpoint) return;
    if (this.buffer.length >= maxBuffered) {
      this.dropped += 1;
      return;
    }
    this.buffer.push(span);
    if (this.buffer.length >= 512) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), 1000);
      this.timer.unref();
    }
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.endpoint || this.buffer.length === 0) return;
    const spans = this.buffer;
    this.buffer = [];
    try {
      const response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(otlpBody(this.serviceName, spans)),
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) throw new Error(`the collector answered ${response.status}`);
      this.warned = false;
    } catch (error) {
      this.dropped += spans.length;
      if (!this.warned)
        this.logger.warn({ err: error, endpoint: this.endpoint, dropped: this.dropped }, 'trace export failed; spans are dropped until it works');
      this.warned = true;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
