/**
 * `@freechat/core/internal`: what freechat's own packages (the providers, the server, the emulator and
 * the CLI) share beyond the public API. Not covered by semver: an application should not import it.
 *
 * @packageDocumentation
 */

export { type ProviderWrapping, wrapProvider } from './provider/wrap-provider.js';
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
export { baseURLSetting, PROVIDER_SETTINGS_SCHEMA } from './settings/provider-settings-schema.js';
export { proxySetting } from './settings/proxy-setting.js';
export { setting } from './settings/setting-kinds.js';
export {
  describeKind,
  type FailSetting,
  failExpected,
  listFromText,
  type RequiredSpec,
  type SettingSpec,
} from './settings/setting-spec.js';
export {
  type CheckedSettings,
  checkSettings,
  objectSetting,
  omitSettings,
  pickSettings,
  type SettingsObjectRules,
  type SettingsSchema,
  settingFromText,
} from './settings/settings-schema.js';
