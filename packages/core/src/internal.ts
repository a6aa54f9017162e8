/**
 * `@freechat/core/internal`: what freechat's own packages (the providers, the server, the emulator and
 * the CLI) share beyond the public API. Not covered by semver: an application should not import it.
 *
 * @packageDocumentation
 */

export { describeValue } from './settings/describe-value.js';
export {
  createOptionChecker,
  MAX_DURATION,
  type NumberRange,
  numberFromText,
  type OptionChecker,
  type OptionKind,
  type StringRules,
  type UrlRules,
} from './settings/option-check.js';
