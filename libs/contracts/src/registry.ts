/** Every contract in one place: lookup by type and version, or by topic. */
import { contractName, type IntegrationContract } from './contract';
import { countyDataContracts } from './inbound/county-data';
import { countyDataReceiptV1 } from './inbound/receipts';
import { approvalContracts } from './outbound/approval';
import { auditContracts } from './outbound/audit';
import { charityReferralContracts } from './outbound/charity-referral';
import { intakeContracts } from './outbound/intake';
import { paymentsContracts } from './outbound/payments';
import { temporaryDecisionContracts } from './outbound/temporary-assistance-decisions';
import { periodicReviewContracts } from './outbound/periodic-reviews';
import { temporaryIntakeContracts } from './outbound/temporary-assistance-intake';
import { temporaryAssistancePaymentContracts } from './outbound/temporary-assistance-payments';
import { verificationContracts } from './outbound/verification';

export class UnknownContractError extends Error {
  override readonly name = 'UnknownContractError';
  constructor(
    readonly type: string,
    readonly version: number,
  ) {
    super(`no contract ${type} v${version} in the catalogue`);
  }
}

export class ContractRegistry {
  private readonly byName = new Map<string, IntegrationContract>();
  private readonly topicContracts = new Map<string, IntegrationContract[]>();

  constructor(contracts: readonly IntegrationContract[]) {
    for (const contract of contracts) {
      const name = contractName(contract);
      if (this.byName.has(name)) throw new Error(`contract ${name} is registered twice`);
      this.byName.set(name, contract);
      const sameTopic = this.topicContracts.get(contract.topic) ?? [];
      const other = sameTopic.find((c) => c.keyField !== contract.keyField);
      // One topic, one key: otherwise one case's events could land on different partitions and lose order.
      if (other) throw new Error(`topic ${contract.topic}: ${name} is keyed by ${contract.keyField} but ${contractName(other)} by ${other.keyField}`);
      this.topicContracts.set(contract.topic, [...sameTopic, contract]);
    }
  }

  find(type: string, version: number): IntegrationContract | undefined {
    return this.byName.get(contractName({ type, version }));
  }

  get(type: string, version: number): IntegrationContract {
    const contract = this.find(type, version);
    if (!contract) throw new UnknownContractError(type, version);
    return contract;
  }

  byTopic(topic: string): readonly IntegrationContract[] {
    return this.topicContracts.get(topic) ?? [];
  }

  topics(): string[] {
    return [...this.topicContracts.keys()];
  }

  all(): readonly IntegrationContract[] {
    return [...this.byName.values()];
  }
}

export const outboundContracts: readonly IntegrationContract[] = [
  ...intakeContracts,
  ...verificationContracts,
  ...approvalContracts,
  ...paymentsContracts,
  ...charityReferralContracts,
  ...auditContracts,
  ...temporaryIntakeContracts,
  ...temporaryDecisionContracts,
  ...periodicReviewContracts,
  ...temporaryAssistancePaymentContracts,
];

export const allContracts: readonly IntegrationContract[] = [...outboundContracts, ...countyDataContracts, countyDataReceiptV1];

/** The platform's catalogue. */
export const contractRegistry = new ContractRegistry(allContracts);
