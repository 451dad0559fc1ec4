/**
 * REST calls of the journey, as a county's staff would make them through a flaky network: a
 * request that finds the service down, restarting or answering 5xx is tried again until its
 * deadline. 4xx answers are returned to the caller, who knows which of them mean "already done".
 */
import { signDevToken } from '@sa/platform';
import { devJwtAudiences, devJwtIssuer, devJwtSecret } from '../platform/services';

export interface Actor {
  readonly userId: string;
  readonly role: string;
  readonly orgUnit: string;
}

export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
}

const township = '331002001';
/** Taizhou, Jiaojiang district (椒江区 331002): the staff who act on every application of the run. */
export const staff = {
  intake: { userId: 'chaos.intake', role: 'intake-worker', orgUnit: township },
  reviewer: { userId: 'chaos.reviewer', role: 'township-reviewer', orgUnit: township },
  approver: { userId: 'chaos.approver', role: 'county-approver', orgUnit: '331002' },
  payments: { userId: 'chaos.payments', role: 'payments-officer', orgUnit: '331002' },
  /** Moves the services' clocks (PUT /admin/clock needs a platform operator). */
  operator: { userId: 'chaos.operator', role: 'platform-operator', orgUnit: '331002' },
} satisfies Record<string, Actor>;

const tokens = new Map<string, string>();
export function token(actor: Actor): string {
  let value = tokens.get(actor.userId);
  if (!value) {
    value = signDevToken(actor, { secret: devJwtSecret, issuer: devJwtIssuer, audience: devJwtAudiences, expiresInSeconds: 4 * 3600 });
    tokens.set(actor.userId, value);
  }
  return value;
}

export class Unreachable extends Error {}

/** Counts failed attempts, so the report can say how often the journey met a fault. */
export const attempts = { failed: 0 };

async function once<T>(method: string, url: string, actor: Actor, body?: unknown): Promise<Answer<T> | Error> {
  try {
    const res = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token(actor)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // a CSV disbursement file
    }
    return { status: res.status, body: parsed as T };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export async function call<T = unknown>(method: string, url: string, actor: Actor, body?: unknown, deadlineMs = 300_000): Promise<Answer<T>> {
  const began = Date.now();
  let last = '';
  for (let delay = 200; Date.now() - began < deadlineMs; delay = Math.min(delay * 2, 3000)) {
    const answer = await once<T>(method, url, actor, body);
    if (!(answer instanceof Error) && answer.status < 500) return answer;
    attempts.failed += 1;
    last = answer instanceof Error ? answer.message : `HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`;
    await new Promise((r) => setTimeout(r, delay));
  }
  throw new Unreachable(`${method} ${new URL(url).pathname}: no answer below 500 within ${deadlineMs / 1000} s (last: ${last})`);
}

/** Polls until the check holds; returns the last answer either way. */
export async function until<T>(get: () => Promise<Answer<T>>, holds: (a: Answer<T>) => boolean, deadlineMs: number): Promise<Answer<T>> {
  const began = Date.now();
  let answer = await get();
  while (!holds(answer) && Date.now() - began < deadlineMs) {
    await new Promise((r) => setTimeout(r, 500));
    answer = await get();
  }
  return answer;
}
