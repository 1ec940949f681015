import { nodeHarness } from '../test/harness';
import { casesContract } from './cases.contract';

casesContract(nodeHarness);
