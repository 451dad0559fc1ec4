import { SetMetadata } from '@nestjs/common';
import type { Role } from '@sa/domain-shared';

export const ROLES = 'sa:roles';
/** The roles allowed to call a route; the guard answers 403 naming them otherwise. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
