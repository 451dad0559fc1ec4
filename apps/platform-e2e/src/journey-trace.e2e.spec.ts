/**
 * One application's journey is one trace: a request to intake carrying a W3C traceparent, the
 * event-store append, intake's relay, Kafka (ce_traceparent), verification's handler, its relay,
 * approval's handlers — the five services as separate processes exporting by OTLP/HTTP to a
 * receiver this test runs (the collector's place). Also scrapes every service's /metrics after the
 * journey: the relay and consumer lags are there, and no label carries a resident ID.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { eventually, freePort } from '@sa/testing';
import { Api, type ActorSpec, clockOperator } from './harness/api';
import { application, household } from './harness/households';
import { type RunningPlatform, startPlatform } from './harness/platform';

interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

/** Receives OTLP/HTTP JSON exports, as an OpenTelemetry collector would. */
async function otlpReceiver(): Promise<{ url: string; spans: ExportedSpan[]; server: Server }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = JSON.parse(body) as {
        resourceSpans: {
          resource: { attributes: { key: string; value: { stringValue: string } }[] };
          scopeSpans: { spans: Omit<ExportedSpan, 'service'>[] }[];
        }[];
      };
      for (const rs of request.resourceSpans) {
        const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
        for (const ss of rs.scopeSpans) for (const s of ss.spans) spans.push({ service, ...s });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${port}`, spans, server };
}

const intakeWorker: ActorSpec = { userId: 'li.na', role: 'intake-worker', orgUnit: '331002001' };
const reviewer: ActorSpec = { userId: 'zhao.lei', role: 'township-reviewer', orgUnit: '331002001' };

describe('one journey, one trace (five services, real Kafka, PostgreSQL, FerretDB; OTLP export)', () => {
  let platform: RunningPlatform;
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;

  beforeAll(async () => {
    receiver = await otlpReceiver();
    platform = await startPlatform({ PAYROLL_DAY_OF_MONTH: '28', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    for (const url of Object.values(platform.urls))
      expect((await new Api(url, clockOperator).put('/admin/clock', { now: '2026-03-02T09:00:00+08:00' })).status).toBe(200);
  }, 240_000);
  afterAll(async () => {
    await platform?.stop();
    receiver?.server.close();
  });

  it('follows an application from intake through verification to approval in the trace its request began', async () => {
    // Given a caller's trace
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const members = household([{ name: '王建国', relation: 'applicant', birthDate: '1978-04-12', workAbility: 'full', wageFen: 180_000 }]);

    // When intake takes an application in it
    const submitted = await new Api(platform.urls.intake as string, intakeWorker).post<{ applicationId: string }>(
      '/applications',
      application('dibao', '331002001001', members),
      { traceparent: `00-${traceId}-${callerSpan}-01` },
    );
    expect(submitted.status).toBe(201);
    const applicationId = submitted.body.applicationId;
    // And approval opens the case once the application and its check have arrived
    await eventually(
      async () =>
        expect((await new Api(platform.urls.approval as string, reviewer).get<{ status: string }>(`/cases/${applicationId}`)).body.status).toBe(
          'awaiting-review',
        ),
      90_000,
      250,
    );

    // Then the three services exported spans of that one trace: the request (a child of the caller's span), its append, each relay, each handler
    const inTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
    const names = () => inTrace().map((s) => `${s.service}: ${s.name}`);
    await eventually(
      () =>
        expect(names()).toEqual(
          expect.arrayContaining([
            'intake: POST /applications',
            'intake: event-store append',
            'intake: publish sa.intake.application-submitted',
            'verification: publish sa.verification.economic-check-completed',
            'verification: consume sa.intake.application-submitted',
            'approval: consume sa.intake.application-submitted',
            'approval: consume sa.verification.economic-check-completed',
          ]),
        ),
      30_000,
      250,
    );
    expect(inTrace().find((s) => s.name === 'POST /applications')?.parentSpanId).toBe(callerSpan);
    // And each consumer span descends from the relay span that published its message
    const publishSpans = new Set(
      inTrace()
        .filter((s) => s.name.startsWith('publish '))
        .map((s) => s.spanId),
    );
    for (const consumed of inTrace().filter((s) => s.name.startsWith('consume '))) expect(publishSpans).toContain(consumed.parentSpanId);
    process.stdout.write(`trace ${traceId}: ${inTrace().length} spans\n  ${[...new Set(names())].sort().join('\n  ')}\n`);

    // And every service's /metrics shows its relay and consumer lags, with no resident ID in any label
    for (const [service, url] of Object.entries(platform.urls)) {
      const text = await (await fetch(`${url}/metrics`)).text();
      expect(text).toMatch(/^sa_leader 1$/m);
      // No label value looks like a resident ID (18 characters: 17 digits and a check digit or X)
      expect(text).not.toMatch(/="[^"]*\d{17}[\dX][^"]*"/);
      const lags = text.split('\n').filter((l) => /^sa_(relay_lag_positions|consumer_lag_messages)\{/.test(l));
      if (service !== 'charity-referral' && service !== 'audit') expect(lags.length).toBeGreaterThan(0);
      process.stdout.write(`${service} /metrics lags:\n  ${lags.slice(0, 6).join('\n  ')}\n`);
    }
  }, 180_000);
});
