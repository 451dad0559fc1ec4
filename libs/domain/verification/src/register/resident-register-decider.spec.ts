import { given } from '@sa/domain-shared';
import { facts, residents } from '../testing/fixtures';
import { residentRecordsDecider } from './resident-register-decider';

const { father, neighbour } = residents;

describe('a resident’s register stream (部门数据归集)', () => {
  const decider = residentRecordsDecider(father);
  const vehicle = facts.vehicle(father, '2019-07-15', undefined, 'gaj-vh-1');

  it('files a county message as a fact of the resident’s records', () => {
    given(decider, []).when({ type: 'RecordCountyFact', fact: vehicle }).then([vehicle]);
  });

  it('files a redelivered message once: the second time has no new event', () => {
    given(decider, [vehicle]).when({ type: 'RecordCountyFact', fact: vehicle }).then([]);
  });

  it('files a later report about the same vehicle (its deregistration) as a new fact', () => {
    const deregistered = facts.vehicle(father, '2019-07-15', '2023-08-31', 'gaj-vh-2');
    given(decider, [vehicle]).when({ type: 'RecordCountyFact', fact: deregistered }).then([deregistered]);
  });

  it('refuses a fact about another resident', () => {
    given(decider, [])
      .when({ type: 'RecordCountyFact', fact: facts.vehicle(neighbour) })
      .thenRejects('RESIDENT_MISMATCH');
  });
});
