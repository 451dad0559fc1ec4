/**
 * Facts other departments' county systems report about residents (部门数据共享), as the register
 * folds them. One fact per inbound county message: `messageId` is the sender's id (unique per
 * topic), `recordedAt` is when this platform recorded it (passed in; the domain reads no clock).
 */
import type { Fen, RegionCode, ResidentId } from '@sa/domain-shared';

/** County department systems that send data. */
export type CountySource =
  | 'public-security' // 公安
  | 'housing' // 住建 / 不动产登记
  | 'hrss' // 人社
  | 'market-regulation' // 市场监管
  | 'disabled-persons' // 残联
  | 'medical-insurance' // 医保
  | 'emergency-management' // 应急管理
  | 'tax'
  | 'civil-affairs';

export interface CountyFactHeader {
  readonly messageId: string;
  readonly residentId: ResidentId;
  /** When this platform recorded the fact, ISO 8601. */
  readonly recordedAt: string;
}

type Fact<Type extends string, Data> = { readonly type: Type; readonly data: CountyFactHeader & Data };

/** 死亡注销户口. */
export type ResidentDeathReported = Fact<'ResidentDeathReported', { readonly dateOfDeath: string; readonly reportedAt: string }>;

/** A motor vehicle registered to the resident; a later message with deregisteredOn ends it. */
export type VehicleRegistrationReported = Fact<
  'VehicleRegistrationReported',
  {
    readonly plateNumber: string;
    readonly vehicleType: string;
    readonly registeredOn: string;
    readonly deregisteredOn?: string;
    readonly estimatedValueFen?: Fen;
  }
>;

/** 不动产登记; a later message with disposedOn ends it. */
export type PropertyRegistrationReported = Fact<
  'PropertyRegistrationReported',
  { readonly propertyId: string; readonly region: RegionCode; readonly floorAreaSqm: string; readonly acquiredOn: string; readonly disposedOn?: string }
>;

export type PensionScheme = 'resident-basic' | 'employee-basic' | 'other';

/** 养老金待遇. */
export type PensionBenefitReported = Fact<
  'PensionBenefitReported',
  { readonly scheme: PensionScheme; readonly monthlyAmountFen: Fen; readonly fromMonth: string; readonly toMonth?: string }
>;

/** 失业保险金. */
export type UnemploymentBenefitReported = Fact<
  'UnemploymentBenefitReported',
  { readonly monthlyAmountFen: Fen; readonly fromMonth: string; readonly toMonth?: string }
>;

/** A month's wage from the social-insurance contribution base or payroll tax. */
export type WageRecordReported = Fact<'WageRecordReported', { readonly employer: string; readonly monthlyWageFen: Fen; readonly month: string }>;

/** 个体工商户/企业 registration; a later message with deregisteredOn ends it. */
export type BusinessRegistrationReported = Fact<
  'BusinessRegistrationReported',
  { readonly unifiedSocialCreditCode: string; readonly businessName: string; readonly registeredOn: string; readonly deregisteredOn?: string }
>;

export type DisabilityCategory = 'visual' | 'hearing' | 'speech' | 'physical' | 'intellectual' | 'mental' | 'multiple';

/** 残疾人证. */
export type DisabilityRegistrationReported = Fact<
  'DisabilityRegistrationReported',
  { readonly grade: 1 | 2 | 3 | 4; readonly category: DisabilityCategory; readonly registeredOn: string }
>;

/** 重特大疾病. */
export type SeriousIllnessReported = Fact<'SeriousIllnessReported', { readonly diseaseCategory: string; readonly diagnosedOn: string }>;

/** 大额医疗费用 (out of pocket, after insurance). */
export type LargeMedicalBillReported = Fact<
  'LargeMedicalBillReported',
  { readonly outOfPocketFen: Fen; readonly periodFrom: string; readonly periodTo: string }
>;

/** 低保/特困/低收入 status held in a civil-affairs system (the supporter's own status, for the support rule). */
export type AssistanceStatusReported = Fact<
  'AssistanceStatusReported',
  { readonly status: 'dibao' | 'extreme-poverty' | 'low-income'; readonly issuingRegion: RegionCode; readonly fromDate: string; readonly toDate?: string }
>;

export type DisasterType = 'flood' | 'drought' | 'typhoon' | 'earthquake' | 'landslide' | 'fire' | 'snow-ice' | 'other';

/** 受灾人员. */
export type DisasterVictimReported = Fact<
  'DisasterVictimReported',
  { readonly disasterType: DisasterType; readonly occurredOn: string; readonly lossFen?: Fen }
>;

export type CountyFact =
  | ResidentDeathReported
  | VehicleRegistrationReported
  | PropertyRegistrationReported
  | PensionBenefitReported
  | UnemploymentBenefitReported
  | WageRecordReported
  | BusinessRegistrationReported
  | DisabilityRegistrationReported
  | SeriousIllnessReported
  | LargeMedicalBillReported
  | DisasterVictimReported
  | AssistanceStatusReported;

export type CountyFactType = CountyFact['type'];

const sources: Record<CountyFactType, CountySource> = {
  ResidentDeathReported: 'public-security',
  VehicleRegistrationReported: 'public-security',
  PropertyRegistrationReported: 'housing',
  PensionBenefitReported: 'hrss',
  UnemploymentBenefitReported: 'hrss',
  WageRecordReported: 'hrss',
  BusinessRegistrationReported: 'market-regulation',
  DisabilityRegistrationReported: 'disabled-persons',
  SeriousIllnessReported: 'medical-insurance',
  LargeMedicalBillReported: 'medical-insurance',
  DisasterVictimReported: 'emergency-management',
  AssistanceStatusReported: 'civil-affairs',
};

/** The department that reports a kind of fact. */
export function sourceOf(type: CountyFactType): CountySource {
  return sources[type];
}

/**
 * The key a redelivery repeats: message ids are unique per topic, and each fact type comes from
 * exactly one topic, so type + message id identifies a message.
 */
export function factKey(fact: CountyFact): string {
  return `${fact.type}:${fact.data.messageId}`;
}
