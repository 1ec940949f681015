// The edge's contract tests (edge/routes/*.contract.ts), the same suites Node runs, on the Workers runtime in workerd.
import { casesContract } from '../../routes/cases.contract';
import { configContract } from '../../routes/config.contract';
import { contentContract } from '../../routes/content.contract';
import { eventsContract } from '../../routes/events.contract';
import { workerHarness } from './test/harness';

eventsContract(workerHarness);
configContract(workerHarness);
contentContract(workerHarness);
casesContract(workerHarness);
