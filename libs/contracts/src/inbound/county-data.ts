/**
 * Inbound county data (部门数据共享): facts other departments' systems publish about residents,
 * which the verification service compares with what households declare and which raise early
 * warnings (低收入人口动态监测). Keyed by resident ID so one person's facts stay in order; every
 * message carries a messageId (equal to its ce_id) so a redelivery has no second effect, and gets
 * a receipt (ACK/NACK) on sa.county-data.receipts.v1.
 */
import { z } from 'zod';
import type { IntegrationContract } from '../contract';
import { assetFenField, dateField, instantField, monthlyFenField, monthField, regionCodeField, textField } from '../fields/common';
import { assistanceStatusV1 } from './civil-affairs';
import { countyContract, countySchema } from './county-contract';

export type { CountyMessage } from './county-contract';

const optionalDate = (description: string) => dateField(description).optional();

export const residentDeathV1 = countyContract({
  type: 'county.public-security.resident-death',
  topic: 'county.public-security.resident-deaths.v1',
  producer: 'county public security (公安) hukou system',
  description: 'A resident died (死亡注销户口). Stops benefits from the following month and flags payments made after the date of death for recovery.',
  schema: countySchema({
    dateOfDeath: dateField('Date of death.'),
    reportedAt: instantField('When public security recorded the death.'),
    certificateNo: textField('Death certificate number (死亡医学证明编号). Personal data.', 64).optional(),
  }),
  example: {
    messageId: 'gaj-20250501-000123',
    residentId: '330102195806120026',
    dateOfDeath: '2025-04-28',
    reportedAt: '2025-05-01T08:00:00+08:00',
    certificateNo: 'Q330102250001234',
  },
  personalData: ['dateOfDeath', 'certificateNo'],
});

export const vehicleRegistrationV1 = countyContract({
  type: 'county.public-security.vehicle-registration',
  topic: 'county.public-security.vehicle-registrations.v1',
  producer: 'county public security (公安) traffic-management system',
  description: 'A motor vehicle registered to the resident, or its deregistration (deregisteredOn set).',
  schema: countySchema({
    plateNumber: textField('Plate number (号牌号码). Personal data.', 16),
    vehicleType: textField('Vehicle type (车辆类型), e.g. 小型轿车.', 50),
    registeredOn: dateField('Registration date.'),
    deregisteredOn: optionalDate('Deregistration (注销) date, when deregistered.'),
    estimatedValueFen: assetFenField('Estimated value, when known.').optional(),
  }),
  example: {
    messageId: 'gaj-vh-20250302-000088',
    residentId: '330102198511200014',
    plateNumber: '浙A·12345',
    vehicleType: '小型普通客车',
    registeredOn: '2019-07-15',
    estimatedValueFen: 3_500_000,
  },
  personalData: ['plateNumber'],
});

export const propertyRegistrationV1 = countyContract({
  type: 'county.housing.property-registration',
  topic: 'county.housing.property-registrations.v1',
  producer: 'county housing / real-estate registration (不动产登记) system',
  description: 'A dwelling or other real property registered to the resident, or its disposal (disposedOn set).',
  schema: countySchema({
    propertyId: textField('Property certificate or unit number (不动产单元号). Personal data.', 64),
    region: regionCodeField,
    floorAreaSqm: z
      .string()
      .regex(/^\d{1,6}(\.\d{1,2})?$/, 'must be a decimal number of square metres with at most 2 decimals, as a string')
      .meta({ description: 'Floor area in m², decimal string (e.g. "56.30") so no float rounding creeps in.' }),
    acquiredOn: dateField('Acquisition date.'),
    disposedOn: optionalDate('Disposal date, when disposed of.'),
  }),
  example: {
    messageId: 'bdc-20250302-004512',
    residentId: '330102195806120026',
    propertyId: '330102001001GB00012F00010001',
    region: '330102001',
    floorAreaSqm: '56.30',
    acquiredOn: '1998-05-20',
  },
  personalData: ['propertyId'],
});

export const pensionBenefitV1 = countyContract({
  type: 'county.hrss.pension-benefit',
  topic: 'county.hrss.pension-benefits.v1',
  producer: 'county human resources & social security (人社) pension system',
  description:
    'A pension the resident receives (养老金待遇). The resident basic pension is not counted as income during the 14th Five-Year Plan period; employee pensions are.',
  schema: countySchema({
    scheme: z.enum(['resident-basic', 'employee-basic', 'other']).meta({ description: 'Pension scheme: 城乡居民基本养老保险, 职工基本养老保险, or other.' }),
    monthlyAmountFen: monthlyFenField('Monthly amount paid.'),
    fromMonth: monthField('First month paid.'),
    toMonth: monthField('Last month paid, when it ended.').optional(),
  }),
  example: { messageId: 'rs-20250308-000441', residentId: '330102195806120026', scheme: 'resident-basic', monthlyAmountFen: 26_000, fromMonth: '2018-07' },
});

export const unemploymentBenefitV1 = countyContract({
  type: 'county.hrss.unemployment-benefit',
  topic: 'county.hrss.unemployment-benefits.v1',
  producer: 'county human resources & social security (人社) unemployment-insurance system',
  description: 'Unemployment insurance benefit (失业保险金) paid to the resident; also raises an early warning for monitoring.',
  schema: countySchema({
    monthlyAmountFen: monthlyFenField('Monthly amount paid.'),
    fromMonth: monthField('First month paid.'),
    toMonth: monthField('Last month paid, when it ended.').optional(),
  }),
  example: { messageId: 'rs-sy-20250308-000017', residentId: '330102198511200014', monthlyAmountFen: 180_000, fromMonth: '2025-01', toMonth: '2025-06' },
});

export const wageRecordV1 = countyContract({
  type: 'county.hrss.wage-record',
  topic: 'county.hrss.wage-records.v1',
  producer: 'county human resources & social security (人社) social-insurance contribution system, or tax',
  description: 'A monthly wage found from the social-insurance contribution base or payroll tax (社保缴费基数/个税).',
  schema: countySchema({
    employer: textField('Employer name.', 200),
    monthlyWageFen: monthlyFenField('Monthly wage.'),
    month: monthField('Month the wage is for.'),
  }),
  example: { messageId: 'rs-gz-202502-009812', residentId: '330102198511200014', employer: '杭州某包装厂', monthlyWageFen: 150_000, month: '2025-02' },
});

export const businessRegistrationV1 = countyContract({
  type: 'county.market-regulation.business-registration',
  topic: 'county.market-regulation.business-registrations.v1',
  producer: 'county market regulation (市场监管) registration system',
  description: 'A business (个体工商户 or company) registered with the resident as owner or legal representative, or its deregistration.',
  schema: countySchema({
    unifiedSocialCreditCode: z
      .string()
      .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, 'must be an 18-character unified social credit code (GB 32100)')
      .meta({ description: 'Unified social credit code (统一社会信用代码).' }),
    businessName: textField('Registered business name.', 200),
    registeredOn: dateField('Registration date.'),
    deregisteredOn: optionalDate('Deregistration date, when deregistered.'),
  }),
  example: {
    messageId: 'scjg-20250301-000302',
    residentId: '330102198511200014',
    unifiedSocialCreditCode: '92330102MA2ABCDE1X',
    businessName: '上城区李明便利店',
    registeredOn: '2021-03-01',
    deregisteredOn: '2023-08-31',
  },
});

export const disabilityRegistrationV1 = countyContract({
  type: 'county.disabled-persons.disability-registration',
  topic: 'county.disabled-persons.disability-registrations.v1',
  producer: 'county disabled persons\u2019 federation (残联) registration system',
  description:
    'A disability registration (残疾人证) for the resident; a new grade 1-2 registration raises an early warning and allows single-person coverage (单人保).',
  schema: countySchema({
    grade: z.literal([1, 2, 3, 4]).meta({ description: 'Disability grade, 1 most severe.' }),
    category: z
      .enum(['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'])
      .meta({ description: 'Disability category (残疾类别).' }),
    registeredOn: dateField('Registration date.'),
  }),
  example: { messageId: 'cl-20250305-000077', residentId: '330102198511200014', grade: 2, category: 'physical', registeredOn: '2024-11-02' },
  personalData: ['grade', 'category'],
});

export const seriousIllnessV1 = countyContract({
  type: 'county.medical-insurance.serious-illness',
  topic: 'county.medical-insurance.serious-illness.v1',
  producer: 'county medical insurance (医保) system',
  description: 'A serious illness (重特大疾病) diagnosed for the resident; raises an early warning for rigid-expenditure hardship.',
  schema: countySchema({
    diseaseCategory: textField('Disease category from the medical-insurance catalogue (病种).', 100),
    diagnosedOn: dateField('Diagnosis date.'),
  }),
  example: { messageId: 'yb-zb-20250306-000015', residentId: '330102195806120026', diseaseCategory: '恶性肿瘤', diagnosedOn: '2025-02-20' },
  personalData: ['diseaseCategory', 'diagnosedOn'],
});

export const largeMedicalBillV1 = countyContract({
  type: 'county.medical-insurance.large-medical-bill',
  topic: 'county.medical-insurance.large-medical-bills.v1',
  producer: 'county medical insurance (医保) settlement system',
  description: 'Large out-of-pocket medical spending (大额医疗费用) over a period; deducted as rigid expenditure and raises an early warning.',
  schema: countySchema({
    outOfPocketFen: assetFenField('Out-of-pocket spending after insurance in the period.'),
    periodFrom: dateField('First day of the period.'),
    periodTo: dateField('Last day of the period.'),
  }),
  example: {
    messageId: 'yb-de-20250306-000230',
    residentId: '330102195806120026',
    outOfPocketFen: 4_820_000,
    periodFrom: '2024-03-01',
    periodTo: '2025-02-28',
  },
  personalData: ['outOfPocketFen'],
});

export const disasterVictimV1 = countyContract({
  type: 'county.emergency-management.disaster-victim',
  topic: 'county.emergency-management.disaster-victims.v1',
  producer: 'county emergency management (应急管理) disaster-relief system',
  description: 'The resident was affected by a disaster (受灾人员); raises an early warning and may lead to temporary assistance.',
  schema: countySchema({
    disasterType: z.enum(['flood', 'drought', 'typhoon', 'earthquake', 'landslide', 'fire', 'snow-ice', 'other']),
    occurredOn: dateField('Day the disaster happened.'),
    lossFen: assetFenField('Assessed loss, when known.').optional(),
  }),
  example: { messageId: 'yj-20250710-000005', residentId: '330102198511200014', disasterType: 'flood', occurredOn: '2025-07-08', lossFen: 2_000_000 },
});

export const countyDataContracts: readonly IntegrationContract[] = [
  residentDeathV1,
  vehicleRegistrationV1,
  propertyRegistrationV1,
  pensionBenefitV1,
  unemploymentBenefitV1,
  wageRecordV1,
  businessRegistrationV1,
  disabilityRegistrationV1,
  seriousIllnessV1,
  largeMedicalBillV1,
  disasterVictimV1,
  assistanceStatusV1,
];
