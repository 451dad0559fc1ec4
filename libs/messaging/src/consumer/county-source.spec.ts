import { countyDataReceiptV1, propertyRegistrationV1, residentDeathV1 } from '@sa/contracts';
import { countySourceProblem } from './county-source';

describe('countySourceProblem', () => {
  it('accepts the owning department of a county, city or township, with a sub-path', () => {
    for (const source of ['/county/331002/public-security', '/county/331000/public-security', '/county/331002001/public-security/hukou-system']) {
      expect(countySourceProblem(residentDeathV1, source)).toBeUndefined();
    }
  });

  it('refuses another department, a missing region and look-alikes, naming the field and rule', () => {
    for (const source of ['/county/331002/housing', '/county/public-security', '/county/e2e', '/county/331002/public-security-x', '/sa/verification']) {
      expect(countySourceProblem(residentDeathV1, source)).toEqual({
        field: 'ce_source',
        rule: 'must be /county/<region code>/public-security: only the public-security department publishes county.public-security.resident-death',
      });
    }
    expect(countySourceProblem(propertyRegistrationV1, '/county/331002/public-security')?.rule).toContain('only the housing department');
  });

  it('leaves messages that are not county data alone', () => {
    expect(countySourceProblem(countyDataReceiptV1, '/sa/verification')).toBeUndefined();
  });
});
