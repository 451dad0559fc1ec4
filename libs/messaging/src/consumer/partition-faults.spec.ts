import { describeFaults, PartitionFaults } from './partition-faults';

describe('PartitionFaults', () => {
  it('pauses a partition while any of its messages waits, and resumes it (asking for a refetch if messages were left out) when the last is through', () => {
    // Given two messages of partition 0 waiting on the same fault
    const resumed: [string, boolean][] = [];
    const faults = new PartitionFaults((partition, refetch) => resumed.push([partition, refetch]));
    const first = {};
    const second = {};
    faults.report('deaths:0', first, { error: 'Error: connect ECONNREFUSED', because: 'ECONNREFUSED' });
    faults.report('deaths:0', second, { error: 'error: terminating connection', because: 'postgres 57P01' });
    expect(faults.isPaused('deaths:0')).toBe(true);
    expect(faults.isPaused('deaths:1')).toBe(false);

    // When a later message of the partition is left out, and the first waiter is through
    faults.leaveOut('deaths:0');
    faults.clear('deaths:0', first);

    // Then the partition stays paused until the second is through too, and resumes with a refetch
    expect(faults.isPaused('deaths:0')).toBe(true);
    expect(resumed).toEqual([]);
    faults.clear('deaths:0', second);
    expect(faults.isPaused('deaths:0')).toBe(false);
    expect(resumed).toEqual([['deaths:0', true]]);
  });

  it('resumes without a refetch when nothing was left out, and ignores a waiter that never reported', () => {
    const resumed: [string, boolean][] = [];
    const faults = new PartitionFaults((partition, refetch) => resumed.push([partition, refetch]));
    faults.clear('deaths:0', {});
    const waiter = {};
    faults.report('deaths:0', waiter, { error: 'e', because: 'ECONNRESET' });
    faults.clear('deaths:0', waiter);
    expect(resumed).toEqual([['deaths:0', false]]);
  });

  it('lists each paused partition with its latest error and the time it began waiting, for readiness', () => {
    const faults = new PartitionFaults(() => undefined);
    const waiter = {};
    faults.report('sa.approval.cases.v1:2', waiter, { error: 'Error: connect ECONNREFUSED 127.0.0.1:55432', because: 'ECONNREFUSED' });
    const since = faults.list()[0]?.since;
    faults.report('sa.approval.cases.v1:2', waiter, { error: 'error: the database system is starting up', because: 'postgres 57P03' });
    const [fault] = faults.list();
    expect(fault).toEqual({
      topic: 'sa.approval.cases.v1',
      partition: 2,
      error: 'error: the database system is starting up',
      because: 'postgres 57P03',
      since,
      waiting: 1,
    });
    expect(describeFaults('payments-approvals', faults.list())).toBe(
      `consumer payments-approvals waiting on a transient fault since ${since?.toISOString()} (postgres 57P03: error: the database system is starting up); paused partitions: sa.approval.cases.v1:2`,
    );
    expect(describeFaults('payments-approvals', [])).toBeUndefined();
  });
});
