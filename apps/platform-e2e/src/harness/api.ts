/** A small REST client for the tests: bearer token per actor, JSON in and out, status kept. */
import { signDevToken } from '@sa/platform';
// The end-to-end run starts the services exactly as `npm start` does: one list, one environment.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { devJwtAudiences, devJwtIssuer, devJwtSecret } from '../../../../tools/platform/services';

export interface ActorSpec {
  readonly userId: string;
  readonly role: string;
  readonly orgUnit: string;
}

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
}

/** Moves the services' clocks in the journeys: PUT /admin/clock needs a platform operator. */
export const clockOperator: ActorSpec = { userId: 'ops.chen', role: 'platform-operator', orgUnit: '331002' };

export function tokenFor(actor: ActorSpec): string {
  return signDevToken(actor, { secret: devJwtSecret, issuer: devJwtIssuer, audience: devJwtAudiences });
}

export class Api {
  constructor(
    private readonly baseUrl: string,
    private readonly actor?: ActorSpec,
  ) {}

  as(actor: ActorSpec): Api {
    return new Api(this.baseUrl, actor);
  }

  get<T = unknown>(path: string): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body, headers);
  }

  put<T = unknown>(path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('PUT', path, body);
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : typeof body === 'string' ? { 'content-type': 'text/csv' } : { 'content-type': 'application/json' }),
        ...(this.actor ? { authorization: `Bearer ${tokenFor(this.actor)}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (a CSV file, say)
    }
    return { status: res.status, body: parsed as T };
  }
}
