/** Who audited what: the audit queries recorded in the audit service's own store (auditors are audited). */
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiContract, type AuthenticatedActor, CurrentActor, isInJurisdiction, Roles } from '@sa/platform';
import { auditLogQuery, type AuditLogQuery } from '../requests';
import { auditLogAnswer } from '../responses';
import { AuditLog, type AuditLogEntry } from './audit-log';
import { AuditRecorder } from './audit-recorder';

function within(actor: AuthenticatedActor, region: string | undefined): boolean {
  if (!region) return false;
  try {
    return isInJurisdiction(actor, region);
  } catch {
    return false;
  }
}

@ApiTags('audit-log')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditLogController {
  constructor(
    private readonly log: AuditLog,
    private readonly recorder: AuditRecorder,
  ) {}

  @Get()
  @Roles('auditor', 'civil-affairs-admin')
  @ApiOperation({ summary: 'Audit queries (who looked at which case, when, how), newest first: those by auditors of, or about cases in, the caller’s region' })
  @ApiContract({ query: auditLogQuery, responses: { 200: auditLogAnswer } })
  list(@Query() query: AuditLogQuery, @CurrentActor() actor: AuthenticatedActor) {
    // Reading the log is itself an audit query, recorded like any other.
    return this.recorder.run({ actor, channel: 'api', query: 'audit-log', parameters: { ...query } }, async () => {
      const visible = (entry: AuditLogEntry) => within(actor, entry.auditedBy.orgUnit) || within(actor, entry.region);
      const items = await this.log.list({ ...query, visible });
      return { value: { items }, result: { entries: items.length } };
    });
  }
}
