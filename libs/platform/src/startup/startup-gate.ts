/**
 * The service's HTTP port while it waits for its servers: liveness answers 200 (the process is
 * fine, do not restart it), readiness 503 naming what it waits for, every other route 503 with
 * Retry-After. Once the servers answer and the application has initialised, the gate closes and
 * the application listens on the same port.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';

export interface WaitingCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
}

type Phase = { readonly state: 'waiting'; readonly checks: readonly WaitingCheck[] } | { readonly state: 'starting' };

export class StartupGate {
  private phase: Phase = { state: 'waiting', checks: [] };
  private closed?: Promise<void>;

  private constructor(
    private readonly server: Server,
    /** The bound port (PORT=0 picks one; the application then takes the same). */
    readonly port: number,
  ) {}

  static open(host: string, port: number): Promise<StartupGate> {
    return new Promise((resolveOpen, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const gate = new StartupGate(server, (server.address() as { port: number }).port);
        server.on('request', (req, res) => gate.answer(req.url ?? '/', res));
        resolveOpen(gate);
      });
    });
  }

  waiting(checks: readonly WaitingCheck[]): void {
    this.phase = { state: 'waiting', checks };
  }

  /** The servers answer; the application is initialising (migrations, topics, consumers). */
  starting(): void {
    this.phase = { state: 'starting' };
  }

  close(): Promise<void> {
    this.closed ??= new Promise((resolveClose) => {
      this.server.close(() => resolveClose());
      this.server.closeAllConnections();
    });
    return this.closed;
  }

  private answer(url: string, res: ServerResponse): void {
    const path = url.split('?')[0];
    if (path === '/health/live') return send(res, 200, { status: 'ok' });
    const waitingFor = this.phase.state === 'waiting' ? this.phase.checks.filter((c) => !c.ok).map((c) => c.name) : [];
    const reason = this.phase.state === 'waiting' ? `waiting for ${waitingFor.join(', ') || 'its servers'}` : 'finishing start-up';
    if (path === '/health/ready') {
      return send(res, 503, {
        status: this.phase.state === 'waiting' ? 'waiting' : 'starting',
        reason,
        waitingFor,
        // Names only: why a dependency fails (hosts, errors) goes to the log, not to any caller.
        checks: this.phase.state === 'waiting' ? this.phase.checks.map(({ name, ok }) => ({ name, ok })) : [],
      });
    }
    res.setHeader('retry-after', '5');
    send(res, 503, { statusCode: 503, error: 'Service Unavailable', message: `the service is starting: ${reason}` });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
