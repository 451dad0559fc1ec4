import { countyDepartments, departmentPrincipal, kafkaAccessPlan } from './kafka-access-plan';

describe('county departments in the Kafka access plan', () => {
  it('lets each department write only county.<its department>.* topics', () => {
    // Given the plan on a deployment prefix
    const acls = kafkaAccessPlan({ topicPrefix: 'run1.', groupPrefix: 'run1.' });
    // Then each department's writes are one prefixed grant on its own topics
    for (const department of countyDepartments) {
      const writes = acls.filter((acl) => acl.principal === `User:${departmentPrincipal(department)}` && acl.operation === 4);
      expect(writes).toEqual([expect.objectContaining({ resourceType: 2, resourceName: `run1.county.${department}.`, resourcePatternType: 4 })]);
    }
  });

  it('lets a department read the receipts and nothing else', () => {
    const reads = kafkaAccessPlan().filter((acl) => acl.principal === 'User:county-housing' && acl.operation === 3);
    expect(reads.map((acl) => acl.resourceName).sort()).toEqual(['county-housing.', 'sa.county-data.receipts.v1']);
  });

  it('knows the departments of the catalogue', () => {
    expect(countyDepartments).toEqual(
      expect.arrayContaining(['public-security', 'housing', 'hrss', 'market-regulation', 'disabled-persons', 'medical-insurance', 'emergency-management']),
    );
  });
});
