import { nodeHarness } from '../test/harness';
import { configContract } from './config.contract';

configContract(nodeHarness);
