export type {
  ConformanceEmulator,
  ConformanceRequest,
  ConformanceStep,
} from './conformance-emulator.js';
export {
  type ConformanceOptions,
  describeProviderConformance,
} from './describe-provider-conformance.js';
export {
  describeWireFormat,
  WIRE_TEST_CONVERSATION,
  WIRE_TEST_NOW,
  type WireFormatOptions,
} from './describe-wire-format.js';
