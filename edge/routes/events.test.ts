import { describe, expect, it } from 'vitest';
import { batch, event, nodeHarness } from '../test/harness';
import { eventsContract, expectError, post } from './events.contract';

eventsContract(nodeHarness);

describe('POST /v1/events: the in-process token bucket (Node)', () => {
  it('says how long until the next token, and refills with time', async () => {
    const h = await nodeHarness({ rateLimit: { burst: 2, perSecond: 0.5 } });
    expect((await post(h, batch([event()]))).status).toBe(202);
    expect((await post(h, batch([event()]))).status).toBe(202);
    const res = await post(h, batch([event()]));
    await expectError(res, 429, 'rate_limited');
    expect(res.headers.get('retry-after')).toBe('2');
    h.clock.t += 2000;
    expect((await post(h, batch([event()]))).status).toBe(202);
  });
});
