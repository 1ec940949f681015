// The edge's contract tests (edge/routes/*.contract.ts), the same suites Node runs, on the Workers runtime in workerd.
import { casesContract } from '../../routes/cases.contract';
import { configContract } from '../../routes/config.contract';
import { contentContract } from '../../routes/content.contract';
import { eventsContract } from '../../routes/events.contract';
import { describe, expect, it } from 'vitest';
import { workerHarness } from './test/harness';

eventsContract(workerHarness);
configContract(workerHarness);
contentContract(workerHarness);
casesContract(workerHarness);

describe('the contract on Workers', () => {
  it('runs through the Worker store and the queue, not a Node stand-in', async () => {
    const h = await workerHarness();
    expect([h.runtime, h.ingest]).toEqual(['workers', 'queue']);
  });
});
