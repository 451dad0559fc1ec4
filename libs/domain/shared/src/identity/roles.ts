/**
 * The roles of the people and systems that act on cases. Every signed token carries one role and
 * an organisation unit (a region code); every event records both in its envelope.
 */
export const roles = [
  'intake-worker', // 受理人员: takes applications at village/community or township
  'investigator', // 调查核实人员: household visits and economic checks
  'township-reviewer', // 乡镇(街道)审核
  'county-approver', // 县级民政部门确认/审批
  'payments-officer', // 资金发放
  'charity-organisation', // 慈善组织/社会组织 receiving referrals
  'auditor', // 审计、纪检监察: read-only, every read recorded
  'county-system', // other departments' systems exchanging data
  'civil-affairs-admin', // 民政管理: policies, organisation registry
  'platform-operator', // 平台运维: operations over every region of the deployment (all-region jobs, verifying every store)
] as const;

export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Who acts: a user (or system) id, its role, and the organisation unit it acts for. */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
  readonly orgUnit: string;
}
