import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@sa/domain-shared';
import type { Request } from 'express';
import { IS_PUBLIC } from './public.decorator';
import { ROLES } from './roles.decorator';
import { TokenError, verifyToken, type AuthenticatedActor, type TokenSettings } from './tokens';

export const TOKEN_SETTINGS = Symbol('TOKEN_SETTINGS');

export interface AuthenticatedRequest extends Request {
  actor?: AuthenticatedActor;
}

/** Every route needs a valid bearer token unless @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_SETTINGS) private readonly settings: TokenSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer (\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('Authorization header must be "Bearer <token>"');
    try {
      request.actor = await verifyToken(match[1] as string, this.settings);
    } catch (error) {
      throw new UnauthorizedException(error instanceof TokenError ? error.message : 'bearer token rejected');
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (allowed && !allowed.includes(request.actor.role)) {
      throw new ForbiddenException(`role ${request.actor.role} may not do this; allowed: ${allowed.join(', ')}`);
    }
    return true;
  }
}
