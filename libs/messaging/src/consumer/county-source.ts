/**
 * A county message speaks for the department that owns its topic, and only for it: its
 * `ce_source` must be `/county/<region code>/<department>` (optionally followed by the sending
 * system's own path), the department being the one in its type, county.<department>.<event>.
 * The broker's ACLs already keep a department's principal off the others' topics; this check keeps
 * the recorded actor honest when a message arrives another way (an operator's replay, a
 * misconfigured bridge), so the register never files a death "from public security" that the
 * housing department sent.
 */
import type { ContractProblem, IntegrationContract } from '@sa/contracts';

const regionCode = String.raw`(\d{6}|\d{9}|\d{12})`;

/** The problem with a county message's ce_source, or undefined when it names the owning department (or the message is not a county one). */
export function countySourceProblem(contract: IntegrationContract, source: string): ContractProblem | undefined {
  const [scope, department] = contract.type.split('.');
  if (contract.direction !== 'inbound' || scope !== 'county' || !department) return undefined;
  const owner = new RegExp(`^/county/${regionCode}/${department.replace(/[-.]/g, '\\$&')}(/[^\\s/]+)*$`);
  if (owner.test(source)) return undefined;
  return {
    field: 'ce_source',
    rule: `must be /county/<region code>/${department}: only the ${department} department publishes ${contract.type}`,
  };
}
