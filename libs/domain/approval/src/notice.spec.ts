import { given } from '@sa/domain-shared';
import type { PostPublicNotice } from './commands';
import { caseDecider } from './decider';
import { isDuringNotice, noticeHasEnded, publicNoticePeriod } from './notice';
import { actors, applicationId, caseOpened, noticePosted, reviewed, village } from './test-support/case-fixtures';

function post(overrides: Partial<PostPublicNotice> = {}): PostPublicNotice {
  return {
    type: 'PostPublicNotice',
    applicationId,
    startsOn: '2025-03-13',
    noticeDays: 7,
    postedBy: actors.reviewer,
    postedAt: '2025-03-13T08:30:00+08:00',
    ...overrides,
  };
}

describe('public notice period (公示期)', () => {
  it('counts the first day: seven days from 13 March end on 19 March', () => {
    expect(publicNoticePeriod('2025-03-13', 7)).toEqual({ startsOn: '2025-03-13', endsOn: '2025-03-19' });
    expect(publicNoticePeriod('2025-03-13')).toEqual({ startsOn: '2025-03-13', endsOn: '2025-03-19' });
  });

  it('runs across month and leap-year ends', () => {
    expect(publicNoticePeriod('2024-02-26', 7).endsOn).toBe('2024-03-03');
    expect(publicNoticePeriod('2025-12-29', 5).endsOn).toBe('2026-01-02');
    expect(() => publicNoticePeriod('2025-03-13', 0)).toThrow(/at least 1/);
  });

  it('has ended only from the day after its last day', () => {
    const period = publicNoticePeriod('2025-03-13', 7);
    expect(noticeHasEnded(period, '2025-03-19')).toBe(false);
    expect(noticeHasEnded(period, '2025-03-20')).toBe(true);
    expect(isDuringNotice(period, '2025-03-13')).toBe(true);
    expect(isDuringNotice(period, '2025-03-12')).toBe(false);
  });
});

describe('posting the public notice (公示)', () => {
  it('posts in the household\u2019s village for the policy\u2019s days, published', () => {
    given(caseDecider, [caseOpened(), reviewed()]).when(post()).then([noticePosted()]);
  });

  it('uses the days on the command, and 7 when none are given', () => {
    const five = given(caseDecider, [caseOpened(), reviewed()]).when(post({ noticeDays: 5 }));
    expect(five.decision.ok && five.decision.events[0]).toMatchObject({ data: { endsOn: '2025-03-17', noticeDays: 5 } });
    const { noticeDays: _omitted, ...withoutDays } = post();
    const seven = given(caseDecider, [caseOpened(), reviewed()]).when(withoutDays);
    expect(seven.decision.ok && seven.decision.events[0]).toMatchObject({ data: { endsOn: '2025-03-19', noticeDays: 7, region: village } });
  });

  it('notices minors\u2019 cases without publishing them', () => {
    given(caseDecider, [caseOpened({ involvesMinor: true }), reviewed()])
      .when(post())
      .then([noticePosted('2025-03-13', '2025-03-19', false)]);
  });

  it('comes after the review (order enforced)', () => {
    given(caseDecider, [caseOpened()]).when(post()).thenRejects('REVIEW_REQUIRED');
  });

  it('is not posted for a case the township recommends rejecting', () => {
    given(caseDecider, [caseOpened(), reviewed('reject')])
      .when(post())
      .thenRejects('REVIEW_RECOMMENDED_REJECTION');
  });

  it('is posted once', () => {
    given(caseDecider, [caseOpened(), reviewed(), noticePosted()]).when(post()).thenRejects('NOTICE_ALREADY_POSTED');
  });

  it('refuses a period of no days, and a start before the posting day', () => {
    given(caseDecider, [caseOpened(), reviewed()])
      .when(post({ noticeDays: 0 }))
      .thenRejects('INVALID_NOTICE_DAYS');
    given(caseDecider, [caseOpened(), reviewed()])
      .when(post({ startsOn: '2025-03-12' }))
      .thenRejects('INVALID_DATE');
  });
});
