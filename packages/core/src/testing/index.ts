export type {
  ConformanceEmulator,
  ConformanceRequest,
  ConformanceStep,
} from './conformance-emulator.js';
export {
  type ConformanceOptions,
  describeProviderConformance,
} from './describe-provider-conformance.js';
