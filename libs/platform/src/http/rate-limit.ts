/**
 * Rate limits on expensive routes (integrity runs, scans, payroll starts, job runs, bank-result
 * imports): each caller may start at most RATE_LIMIT_EXPENSIVE_PER_MINUTE of one such route per
 * minute; the next answers 429 with Retry-After. Counted per service instance, in memory: behind a
 * load balancer with n instances a caller gets up to n times the limit, which still bounds the load
 * one stolen or runaway token can cause. A route opts in with @Expensive().
 */
import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { CONFIG } from '../platform.tokens';

const EXPENSIVE = Symbol('EXPENSIVE');

/** Marks a route whose every call costs much (CPU, a whole-store read, a payroll). */
export const Expensive = (): MethodDecorator => SetMetadata(EXPENSIVE, true);

/** Calls per key within a sliding window; keys with no recent call are forgotten, so memory follows the active callers. */
export class SlidingWindowLimiter {
  private readonly calls = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records a call now and says whether it is allowed, or in how many ms the oldest call leaves the window. */
  take(key: string, nowMs: number): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const recent = (this.calls.get(key) ?? []).filter((at) => at > nowMs - this.windowMs);
    if (recent.length >= this.limit) {
      this.calls.set(key, recent);
      return { allowed: false, retryAfterMs: (recent[0] as number) + this.windowMs - nowMs };
    }
    recent.push(nowMs);
    this.calls.set(key, recent);
    if (this.calls.size > 10_000) this.forgetIdle(nowMs);
    return { allowed: true };
  }

  private forgetIdle(nowMs: number): void {
    for (const [key, times] of this.calls) if ((times[times.length - 1] ?? 0) <= nowMs - this.windowMs) this.calls.delete(key);
  }
}

@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiter: SlidingWindowLimiter;
  private readonly perMinute: number;

  constructor(
    private readonly reflector: Reflector,
    @Inject(CONFIG) config: { RATE_LIMIT_EXPENSIVE_PER_MINUTE: number },
  ) {
    this.perMinute = config.RATE_LIMIT_EXPENSIVE_PER_MINUTE;
    this.limiter = new SlidingWindowLimiter(this.perMinute, 60_000);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.reflector.get<boolean>(EXPENSIVE, context.getHandler())) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = request.actor?.userId ?? `ip:${request.ip}`;
    const route = `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`;
    const taken = this.limiter.take(`${caller}|${route}`, Date.now());
    if (taken.allowed) return true;
    const seconds = Math.ceil(taken.retryAfterMs / 1000);
    context.switchToHttp().getResponse<Response>().setHeader('retry-after', String(seconds));
    throw new HttpException(
      { statusCode: 429, error: 'Too Many Requests', message: `${route} is limited to ${this.perMinute} calls a minute per caller; try again in ${seconds} s` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
