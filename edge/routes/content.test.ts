import { nodeHarness } from '../test/harness';
import { contentContract } from './content.contract';

contentContract(nodeHarness);
