/**
 * The inbound county contracts (部门数据) as the register's facts: one translation per topic, so
 * the register speaks the domain's language and a contract change touches one line here. Fields a
 * check never uses are not kept (the death certificate number), in the spirit of data minimisation.
 */
import {
  assistanceStatusV1,
  businessRegistrationV1,
  disabilityRegistrationV1,
  disasterVictimV1,
  largeMedicalBillV1,
  pensionBenefitV1,
  propertyRegistrationV1,
  residentDeathV1,
  seriousIllnessV1,
  unemploymentBenefitV1,
  vehicleRegistrationV1,
  wageRecordV1,
  type CountyMessage,
  type IntegrationContract,
} from '@sa/contracts';
import { fen, parseRegionCode, parseResidentId } from '@sa/domain-shared';
import type { CountyFact, CountyFactHeader } from '@sa/domain-verification';

export interface CountyTopic<Payload extends CountyMessage = CountyMessage> {
  readonly contract: IntegrationContract<Payload>;
  readonly toFact: (payload: Payload, header: CountyFactHeader) => CountyFact;
}

function countyTopic<Payload extends CountyMessage>(contract: IntegrationContract<Payload>, toFact: CountyTopic<Payload>['toFact']): CountyTopic {
  return { contract, toFact } as unknown as CountyTopic;
}

/** `{ key: value }` when the value is present, so optional fields stay absent in the stored fact. */
const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

export const countyTopics: readonly CountyTopic[] = [
  countyTopic(residentDeathV1, (p, h) => ({ type: 'ResidentDeathReported', data: { ...h, dateOfDeath: p.dateOfDeath, reportedAt: p.reportedAt } })),
  countyTopic(vehicleRegistrationV1, (p, h) => ({
    type: 'VehicleRegistrationReported',
    data: {
      ...h,
      plateNumber: p.plateNumber,
      vehicleType: p.vehicleType,
      registeredOn: p.registeredOn,
      ...optional('deregisteredOn', p.deregisteredOn),
      ...optional('estimatedValueFen', p.estimatedValueFen === undefined ? undefined : fen(p.estimatedValueFen)),
    },
  })),
  countyTopic(propertyRegistrationV1, (p, h) => ({
    type: 'PropertyRegistrationReported',
    data: {
      ...h,
      propertyId: p.propertyId,
      region: parseRegionCode(p.region),
      floorAreaSqm: p.floorAreaSqm,
      acquiredOn: p.acquiredOn,
      ...optional('disposedOn', p.disposedOn),
    },
  })),
  countyTopic(pensionBenefitV1, (p, h) => ({
    type: 'PensionBenefitReported',
    data: { ...h, scheme: p.scheme, monthlyAmountFen: fen(p.monthlyAmountFen), fromMonth: p.fromMonth, ...optional('toMonth', p.toMonth) },
  })),
  countyTopic(unemploymentBenefitV1, (p, h) => ({
    type: 'UnemploymentBenefitReported',
    data: { ...h, monthlyAmountFen: fen(p.monthlyAmountFen), fromMonth: p.fromMonth, ...optional('toMonth', p.toMonth) },
  })),
  countyTopic(wageRecordV1, (p, h) => ({
    type: 'WageRecordReported',
    data: { ...h, employer: p.employer, monthlyWageFen: fen(p.monthlyWageFen), month: p.month },
  })),
  countyTopic(businessRegistrationV1, (p, h) => ({
    type: 'BusinessRegistrationReported',
    data: {
      ...h,
      unifiedSocialCreditCode: p.unifiedSocialCreditCode,
      businessName: p.businessName,
      registeredOn: p.registeredOn,
      ...optional('deregisteredOn', p.deregisteredOn),
    },
  })),
  countyTopic(disabilityRegistrationV1, (p, h) => ({
    type: 'DisabilityRegistrationReported',
    data: { ...h, grade: p.grade, category: p.category, registeredOn: p.registeredOn },
  })),
  countyTopic(seriousIllnessV1, (p, h) => ({ type: 'SeriousIllnessReported', data: { ...h, diseaseCategory: p.diseaseCategory, diagnosedOn: p.diagnosedOn } })),
  countyTopic(largeMedicalBillV1, (p, h) => ({
    type: 'LargeMedicalBillReported',
    data: { ...h, outOfPocketFen: fen(p.outOfPocketFen), periodFrom: p.periodFrom, periodTo: p.periodTo },
  })),
  countyTopic(disasterVictimV1, (p, h) => ({
    type: 'DisasterVictimReported',
    data: { ...h, disasterType: p.disasterType, occurredOn: p.occurredOn, ...optional('lossFen', p.lossFen === undefined ? undefined : fen(p.lossFen)) },
  })),
  countyTopic(assistanceStatusV1, (p, h) => ({
    type: 'AssistanceStatusReported',
    data: { ...h, status: p.status, issuingRegion: parseRegionCode(p.issuingRegion), fromDate: p.fromDate, ...optional('toDate', p.toDate) },
  })),
];

/** The header every fact carries: the county's message id, the resident, when this platform recorded it. */
export function factHeader(payload: CountyMessage, recordedAt: Date): CountyFactHeader {
  return { messageId: payload.messageId, residentId: parseResidentId(payload.residentId), recordedAt: recordedAt.toISOString() };
}
