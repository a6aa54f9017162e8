import { hasMarker, markAs } from './provider-error.js';

const marker = Symbol.for('freechat.error.InvalidSettingError');

/** What an InvalidSettingError is constructed from. */
export interface InvalidSettingErrorOptions {
  /**
   * Whose setting it is: a provider's id (`free2gpt`), a fallback chain's (`fallback`), `server`,
   * `emulator`, or `freechat` (the command line's flags, variables and config file).
   */
  owner: string;
  /** The setting at fault, as a path (`timeout`, `providers[1].baseURL`, `--max-retries`). */
  field: string;
  /** What is wrong with it, without the setting's name (`expected …, got …`). */
  message: string;
}

/**
 * A bad setting: an option of a provider factory, a fallback chain, the server or the emulator, a
 * flag or a config file field. Thrown at creation, before any traffic, and never retried; found at
 * request time (a setting read then, such as a clock), it is the owner's fault, not the request's. It
 * is not a ProviderError: it names the setting's owner, not a provider that failed. Its message reads
 * `[owner] invalid field: expected …, got …`.
 *
 * Use the static `isInstance()` rather than `instanceof`: it also recognises errors thrown by another
 * copy of `@freechat/core` installed elsewhere in `node_modules`.
 */
export class InvalidSettingError extends Error {
  /** Whose setting it is: a provider's id, `fallback`, `server`, `emulator` or `freechat`. */
  readonly owner: string;
  /** The setting at fault, as a path. */
  readonly field: string;
  /** What is wrong with it, without the setting's name. */
  readonly detail: string;
  /** The message without the owner (`invalid timeout: expected …`): what a CLI line shows. */
  readonly summary: string;

  constructor({ owner, field, message }: InvalidSettingErrorOptions) {
    const summary = `invalid ${field}: ${message}`;
    super(`[${owner}] ${summary}`);
    this.name = 'InvalidSettingError';
    markAs(this, marker);
    this.owner = owner;
    this.field = field;
    this.detail = message;
    this.summary = summary;
  }

  /** Whether `error` is an InvalidSettingError, from this or any other copy of `@freechat/core`. */
  static isInstance(error: unknown): error is InvalidSettingError {
    return hasMarker(error, marker);
  }
}
