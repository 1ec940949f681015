import { describe, expect, it, vi } from 'vitest';
import { createTrail } from './trail';
import { emptyTrail } from './test/dom';

describe('createTrail', () => {
  it("merges the widget's tip outcomes and articles into the SDK's trail, in time order", () => {
    let t = 10;
    const base = { ...emptyTrail(), tips: [{ tipId: 'a', at: 5, outcome: 'shown' as const }, { tipId: 'a', at: 20, outcome: 'dismissed' as const }] };
    const trail = createTrail({ trail: vi.fn(() => base) }, () => t++);
    trail.tip('a', 'clicked');
    trail.article('art-1', 'Billing');
    expect(trail.current()).toEqual({
      ...emptyTrail(),
      tips: [
        { tipId: 'a', at: 5, outcome: 'shown' },
        { tipId: 'a', at: 10, outcome: 'clicked' },
        { tipId: 'a', at: 20, outcome: 'dismissed' },
      ],
      articles: [{ articleId: 'art-1', title: 'Billing', at: 11 }],
    });
  });

  it('stays within the 100 entries a kind the edge accepts', () => {
    const trail = createTrail({ trail: () => emptyTrail() });
    for (let i = 0; i < 250; i++) trail.tip('t' + i, 'helpful');
    const tips = trail.current().tips;
    expect(tips).toHaveLength(100);
    expect(tips.at(-1)!.tipId).toBe('t249');
  });
});
