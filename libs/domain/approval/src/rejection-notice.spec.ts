import { chineseDate, rejectionNoticeText } from './rejection-notice';

describe('written rejection notice (不予批准通知书)', () => {
  const text = rejectionNoticeText({
    applicantName: '王秀英',
    programme: 'extreme-poverty',
    reasons: [
      { code: 'has-supporter', message: '有法定赡养义务人且具备赡养能力' },
      { code: 'income-above-standard', message: '本人月收入高于特困供养标准' },
    ],
    decidedOn: '2025-03-05',
    level: 'township',
  });

  it('names the applicant, the programme and every reason, numbered', () => {
    expect(text.startsWith('王秀英：')).toBe(true);
    expect(text).toContain('特困人员救助供养');
    expect(text).toContain('1. 有法定赡养义务人且具备赡养能力');
    expect(text).toContain('2. 本人月收入高于特困供养标准');
  });

  it('tells the applicant how to challenge the decision, and when', () => {
    expect(text).toContain('60日内依法申请行政复议');
    expect(text).toContain('6个月内依法向人民法院提起行政诉讼');
  });

  it('is signed by the deciding authority and dated', () => {
    expect(text).toContain('乡镇人民政府（街道办事处）');
    expect(text.endsWith('2025年3月5日')).toBe(true);
    expect(chineseDate('2025-12-31')).toBe('2025年12月31日');
  });
});
