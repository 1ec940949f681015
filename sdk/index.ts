// The npm entry: `import { createForestall } from 'forestall'`.
export { createForestall } from './client';
export type { Forestall, ForestallEvents, ForestallOptions, IdentifyInput } from './client';
export type {
  DetectorOverrides,
  DetectorThresholds,
  FrictionSignal,
  RemoteConfig,
  SdkEvent,
  SignalType,
  Tip,
  TipWhen,
  TraitCondition,
} from './wire';
