import { fold } from '../shared/decider';
import {
  claimHistory,
  claimWas,
  factChecker,
  otherFactChecker,
  otherStandardsEditor,
  standardsEditor,
} from '../testing/fixtures';
import { claimDecider } from './claim.decide';
import type { ClaimEvent } from './claim.events';
import { type ClaimStatus, claimStatus } from './claim.state';

const decider = claimDecider();
const claimAfter = (events: readonly ClaimEvent[]) => fold(decider, events)!;
const statusAfter = (events: readonly ClaimEvent[]) => claimStatus(claimAfter(events));

describe('a claim’s status through its whole life', () => {
  it('goes open → assigned → in review → published, stays published while a new version is drafted, and returns to assigned on retraction', () => {
    const life: [ClaimEvent[], ClaimStatus][] = [
      [[claimWas.captured()], 'open'],
      [[claimWas.assigned(factChecker.sub)], 'assigned'],
      [[claimWas.drafted(1, factChecker.sub)], 'assigned'],
      [[claimWas.submitted(1, factChecker.sub)], 'in_review'],
      [[claimWas.rejected(1, standardsEditor.sub)], 'assigned'],
      [[claimWas.drafted(1, factChecker.sub)], 'assigned'],
      [[claimWas.submitted(1, factChecker.sub)], 'in_review'],
      [claimWas.published(1, standardsEditor.sub), 'published'],
      [[claimWas.drafted(2, otherFactChecker.sub)], 'published'],
      [[claimWas.submitted(2, otherFactChecker.sub)], 'in_review'],
      [[claimWas.rejected(2, otherStandardsEditor.sub)], 'published'],
      [[claimWas.submitted(2, otherFactChecker.sub)], 'in_review'],
      [claimWas.published(2, standardsEditor.sub, 1), 'published'],
      [[claimWas.retracted(2, standardsEditor.sub)], 'assigned'],
      [[claimWas.withdrawn()], 'withdrawn'],
    ];
    const seen: ClaimStatus[] = [];
    life.reduce<ClaimEvent[]>((history, [step]) => {
      const next = [...history, ...step];
      seen.push(statusAfter(next));
      return next;
    }, []);
    expect(seen).toEqual(life.map(([, status]) => status));
  });

  it('an unassigned claim whose verdict is retracted is open again', () => {
    const history = [
      claimWas.captured(),
      claimWas.drafted(1, factChecker.sub),
      claimWas.submitted(1, factChecker.sub),
      ...claimWas.published(1, standardsEditor.sub),
      claimWas.retracted(1, standardsEditor.sub),
    ];
    expect(statusAfter(history)).toBe('open');
  });

  it('a retraction during review leaves the claim in review', () => {
    const history = [
      ...claimHistory.published,
      claimWas.drafted(2, factChecker.sub),
      claimWas.submitted(2, factChecker.sub),
      claimWas.retracted(1, standardsEditor.sub),
    ];
    expect(statusAfter(history)).toBe('in_review');
  });

  it('withdrawn wins over every other status', () => {
    expect(statusAfter([...claimHistory.inReview, claimWas.withdrawn()])).toBe('withdrawn');
  });

  it('a rejection returns the draft to its author with the reviewer’s reason', () => {
    const claim = claimAfter([
      ...claimHistory.inReview,
      claimWas.rejected(1, standardsEditor.sub, '请补充国家统计局数据'),
    ]);
    expect(claim.draft).toEqual(
      expect.objectContaining({
        version: 1,
        drafters: [factChecker.sub],
        submitted: false,
        rejection: { reason: '请补充国家统计局数据', by: standardsEditor.sub },
      }),
    );
  });

  it('reworking a rejected draft clears the rejection and remembers every drafter', () => {
    const claim = claimAfter([
      ...claimHistory.inReview,
      claimWas.rejected(1, standardsEditor.sub),
      claimWas.drafted(1, otherFactChecker.sub),
    ]);
    expect(claim.draft).toEqual(
      expect.objectContaining({
        version: 1,
        drafters: [factChecker.sub, otherFactChecker.sub],
        rejection: null,
      }),
    );
  });

  it('publishing keeps the verdict as published and clears the draft', () => {
    const claim = claimAfter(claimHistory.published);
    expect(claim.draft).toBeNull();
    expect(claim.published).toEqual(expect.objectContaining({ version: 1, rating: 'true' }));
    expect(claim.lastVersion).toBe(1);
  });
});
