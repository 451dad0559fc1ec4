import { assembleCaseHistory } from '../case-history';
import { HistoryWriter, people } from '../test-support/histories';
import { detectTemporaryAssistancePatterns } from './temporary-assistance';

const household = '410783198506151239';
const trace = { policyId: 'taizhou-2025', yearlyCapFen: 1_428_000, townshipApprovalLimitFen: 300_000 };

/** One temporary case approved for the household on a day (China time 10:00). */
function approved(w: HistoryWriter, caseId: string, day: string, totalFen: number, tier: 'township' | 'county', key = household) {
  const decidedBy = tier === 'township' ? people.reviewer : people.countyApprover;
  w.add(
    'approval',
    `temporary-decision-${caseId}`,
    'TemporaryAssistanceApproved',
    { caseId, township: '331002001', householdKey: key, tier, totalFen, urgentAdvanceFen: 0, stages: [], trace, decidedAt: `${day}T02:00:00.000Z` },
    decidedBy,
    `${day}T02:00:00.000Z`,
  );
  return caseId;
}

const histories = (w: HistoryWriter, ids: string[]) => ids.map((id) => assembleCaseHistory(id, w.events));

describe('temporary-assistance detectors (临时救助)', () => {
  it('flags a household approved beyond the yearly cap over several cases, with every approval as evidence', () => {
    // Given three approvals for one household in 2026 adding up to 15,000.00 (cap 14,280.00), and one in 2025
    const w = new HistoryWriter();
    const ids = [
      approved(w, 'ta-1', '2026-02-01', 600_000, 'county'),
      approved(w, 'ta-2', '2026-06-01', 600_000, 'county'),
      approved(w, 'ta-3', '2026-11-01', 300_000, 'township'),
    ];
    ids.push(approved(w, 'ta-0', '2025-12-20', 600_000, 'county'));
    // When the detectors run
    const found = detectTemporaryAssistancePatterns(histories(w, ids)).filter((f) => f.kind === 'temporary-assistance-beyond-yearly-cap');
    // Then one finding for 2026 names the three cases and the figures
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ applicationIds: ['ta-1', 'ta-2', 'ta-3'], details: { year: '2026', totalFen: 1_500_000, yearlyCapFen: 1_428_000 } });
    expect(found[0]?.summary).toContain('15000.00');
    expect(found[0]?.evidence).toHaveLength(3);
  });

  it('does not flag a household within the cap', () => {
    const w = new HistoryWriter();
    const ids = [approved(w, 'ta-1', '2026-02-01', 600_000, 'county'), approved(w, 'ta-2', '2026-06-01', 600_000, 'county')];
    expect(detectTemporaryAssistancePatterns(histories(w, ids))).toEqual([]);
  });

  it('flags township approvals split to stay under the township limit within the window, not ones far apart or for other households', () => {
    // Given two township approvals of 2,500.00 ten days apart (limit 3,000.00) for one household
    const w = new HistoryWriter();
    const ids = [approved(w, 'ta-1', '2026-03-01', 250_000, 'township'), approved(w, 'ta-2', '2026-03-11', 250_000, 'township')];
    // and the same pattern for another household, months apart, and a third household's single approval
    ids.push(
      approved(w, 'ta-3', '2026-03-01', 250_000, 'township', '331002197001010011'),
      approved(w, 'ta-4', '2026-09-01', 250_000, 'township', '331002197001010011'),
    );
    ids.push(approved(w, 'ta-5', '2026-03-02', 290_000, 'township', 'case:ta-5'));
    // When the detectors run
    const found = detectTemporaryAssistancePatterns(histories(w, ids));
    // Then only the first household is flagged, with both approvals
    expect(found.map((f) => [f.kind, f.applicationIds])).toEqual([['temporary-assistance-split-under-township-limit', ['ta-1', 'ta-2']]]);
    expect(found[0]?.details).toMatchObject({ from: '2026-03-01', totalFen: 500_000, townshipLimitFen: 300_000 });
    expect(found[0]?.summary).not.toContain(household);
  });
});
