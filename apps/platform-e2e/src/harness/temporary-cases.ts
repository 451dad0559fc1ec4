/** What the temporary-assistance journeys send and read back. */
import { checkCharacter } from '@sa/domain-shared';
import { randomInt } from 'node:crypto';

/** A non-resident: hukou in Changyuan, Henan (410783), far from where the emergency happened. */
export function henanResidentId(): string {
  const first17 = `41078319850615${String(randomInt(100, 999))}`;
  return first17 + checkCharacter(first17);
}

export interface CaseAnswer {
  caseId: string;
  urgentPayment?: { amountFen: number; documentsDueBy: string };
  documentsReceived: boolean;
  documentsOverdue: boolean;
  convertedTo?: string;
}
export interface DecisionAnswer {
  status: string;
  urgentAdvanceFen: number;
}
export interface StageRun {
  runId: string;
  issued: number;
  instructions: { caseId: string; stageNo: number; instructionId: string; amountFen: number }[];
}

/** A worker's request for an injured non-resident at `village` (an emergency on 2 March 2026); `body` overrides. */
export function temporaryCaseRequest(village: string, body: Record<string, unknown>): Record<string, unknown> {
  return {
    category: 'emergency',
    circumstance: 'accident',
    severity: 'serious',
    description: '外地务工人员在工地受伤，无力支付急诊费用',
    emergencyLocation: village,
    emergencyDate: '2026-03-02',
    applicant: {
      name: '李明',
      residentId: henanResidentId(),
      hukouRegion: '410783',
      bankAccount: { accountHolder: '李明', accountNumber: '6222000012345678' },
    },
    householdSize: 3,
    amountAskedFen: 600_000,
    channel: 'worker',
    ...body,
  };
}
