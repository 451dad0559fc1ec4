import { fold, given } from '@sa/domain-shared';
import { son, submit, submitted, withdrawn } from './application.fixtures';
import { activeApplicationConflict, activeResidentIds } from './active-application';
import { applicationDecider } from './decider';

describe('no second active application for a resident already in one', () => {
  it('names the resident by masked ID and position', () => {
    expect(activeApplicationConflict(submit.household.members, new Set([son.residentId]))).toEqual({
      code: 'RESIDENT_ALREADY_IN_ACTIVE_APPLICATION',
      kind: 'conflict',
      message: 'Resident 330102************ (household member 2) is already in another active application; that one must be decided or withdrawn first',
      field: 'household.members[1].residentId',
    });
  });

  it('finds nothing when no member is in another active application', () => {
    expect(activeApplicationConflict(submit.household.members, [])).toBeUndefined();
    expect(activeApplicationConflict(submit.household.members, ['110105194912310020'])).toBeUndefined();
  });

  it('compares IDs whatever the case of the check character', () => {
    const elder = [{ residentId: '11010519491231002x' }];
    expect(activeApplicationConflict(elder, ['11010519491231002X'])?.code).toBe('RESIDENT_ALREADY_IN_ACTIVE_APPLICATION');
  });

  it('is applied on submission when the caller passes the residents of other active applications', () => {
    given(applicationDecider, [])
      .when({ ...submit, residentsInActiveApplications: [son.residentId] })
      .thenRejects('RESIDENT_ALREADY_IN_ACTIVE_APPLICATION');
  });

  it('lists the residents an application holds only while it is active', () => {
    expect(activeResidentIds(fold(applicationDecider, [submitted]))).toEqual(submit.household.members.map((m) => m.residentId));
    expect(activeResidentIds(fold(applicationDecider, [submitted, withdrawn]))).toEqual([]);
    expect(activeResidentIds(applicationDecider.initialState)).toEqual([]);
  });
});
