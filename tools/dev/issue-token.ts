/**
 * Issues a development bearer token signed with the local platform's secret.
 *
 *   npx tsx tools/dev/issue-token.ts --role intake-worker --org 331002001 --user wang.fang [--name 王芳] [--hours 8] [--service intake]
 *
 * The token names every local service's audience (sa-<service>), or only --service's. --hours is
 * at most 12: services refuse tokens that live longer (JWT_MAX_LIFETIME_SECONDS).
 *
 * Roles: intake-worker, investigator, township-reviewer, county-approver, payments-officer,
 * charity-organisation, auditor, county-system, civil-affairs-admin, platform-operator (operations
 * over every region: all-region jobs, verifying every store). --org is the organisation unit's
 * region code (6, 9 or 12 digits): the user sees and acts only within it.
 */
import { isRegionCode, isRole, roles } from '@sa/domain-shared';
import { signDevToken } from '@sa/platform';
import { devJwtAudiences, devJwtIssuer, devJwtSecret, serviceAudience, services } from '../platform/services';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

const role = option('role');
const org = option('org');
const user = option('user');
if (!role || !isRole(role)) {
  console.error(`--role must be one of: ${roles.join(', ')}`);
  process.exit(2);
}
if (!org || !isRegionCode(org)) {
  console.error('--org must be a 6, 9 or 12-digit region code, e.g. 331002 (a county) or 331002001 (a township)');
  process.exit(2);
}
if (!user) {
  console.error('--user is required (the user id that goes into every event this user causes)');
  process.exit(2);
}
const name = option('name');
const hours = Number(option('hours') ?? 8);
if (!(hours > 0 && hours <= 12)) {
  console.error('--hours must be more than 0 and at most 12 (services refuse longer-lived tokens)');
  process.exit(2);
}
const service = option('service');
if (service !== undefined && !services.some((s) => s.name === service)) {
  console.error(`--service must be one of: ${services.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const audience = service ? [serviceAudience(service)] : devJwtAudiences;
console.log(
  signDevToken(
    { userId: user, role, orgUnit: org, ...(name ? { name } : {}) },
    { secret: process.env.JWT_SECRET ?? devJwtSecret, issuer: devJwtIssuer, audience, expiresInSeconds: hours * 3600 },
  ),
);
