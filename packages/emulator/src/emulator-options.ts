import { createOptionChecker, type OptionChecker } from '@freechat/core/internal';
import { selfSignedCertificate } from './http/self-signed-certificate.js';
import type { DeploymentOptions } from './sites/deployment-options.js';

/** Settings of `startEmulator`; every field is optional. */
export interface EmulatorOptions {
  /**
   * Strict mode: besides the templates' own checks, insist on exactly what a correct client sends
   * (exact keys, `pass: null` without a site password, an integer `time` in the site's unit within
   * `timeWindowMs`, the site's exact message form) and add a `detail` to every JSON rejection. For
   * testing a client's exact request. Default `false`: every site answers exactly as its template does.
   */
  strict?: boolean;
  /**
   * Deployments to serve at `${url}/${id}` besides the four built-in sites, or overrides of those
   * (`{ aichatfree: { password: 'pw' } }`). Default none.
   */
  sites?: Readonly<Record<string, DeploymentOptions>>;
  /** The interface to listen on. Default `'127.0.0.1'`. */
  host?: string;
  /** The port to listen on; `0` picks a free one. Default `0`. */
  port?: number;
  /**
   * Strict mode only: how far, in milliseconds, a request's `time` may be from now, compared in the
   * site's own unit (FreeGpt counts seconds, so the window is divided by 1000 there). Default `300_000`
   * (five minutes). The templates themselves have no window.
   */
  timeWindowMs?: number;
  /** Bytes per written reply chunk; chunks split multi-byte characters. Default `16`. */
  chunkSize?: number;
  /** Milliseconds between reply chunks. Default `0`. */
  delayMs?: number;
  /** The clock, in milliseconds, used by strict mode's time-window check. Default `Date.now`. */
  now?: () => number;
  /** How many requests the log keeps, oldest dropped first; `0` disables the log. Default `10_000`. */
  maxLogEntries?: number;
  /**
   * Serve HTTPS (the emulator's `url` then starts with `https://`), speaking HTTP/2 or HTTP/1.1 as each
   * client's ALPN asks, with the same replies and faults on both: with this PEM key and certificate,
   * or, given `true`, with a self-signed one made for `host` at start (the emulator's `certificate`).
   * Default none: cleartext HTTP/1.1.
   */
  tls?: EmulatorTls | true;
}

/** The key and certificate the emulator serves HTTPS with (PEM). */
export interface EmulatorTls {
  /** The private key, PEM. */
  key: string | Buffer;
  /** The certificate, PEM. */
  cert: string | Buffer;
}

/** Emulator options with every default filled in (`sites` resolved apart, by `resolveDeployments`). */
export type ResolvedEmulatorOptions = Required<Omit<EmulatorOptions, 'sites' | 'tls'>> & {
  /** The key and certificate (made when `tls` was `true`), or undefined for cleartext HTTP/1.1. */
  tls: EmulatorTls | undefined;
};

/**
 * Fills in the defaults and checks every value.
 *
 * @throws InvalidSettingError (owner `emulator`) naming the first bad option in its `field`.
 */
export function resolveEmulatorOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  const check = createOptionChecker('emulator');
  const anyWait = { min: 0 };
  const host = check.string('host', options.host, '127.0.0.1', { nonEmpty: true });
  return {
    strict: check.boolean('strict', options.strict, false),
    host,
    port: check.count('port', options.port, 0, { max: 65_535 }),
    timeWindowMs: check.duration('timeWindowMs', options.timeWindowMs, 300_000, anyWait),
    chunkSize: check.size('chunkSize', options.chunkSize, 16),
    delayMs: check.duration('delayMs', options.delayMs, 0, anyWait),
    now: check.func('now', options.now, Date.now),
    maxLogEntries: check.count('maxLogEntries', options.maxLogEntries, 10_000, {
      max: Number.MAX_SAFE_INTEGER,
    }),
    tls:
      options.tls === undefined
        ? undefined
        : options.tls === true
          ? selfSignedCertificate(host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host)
          : resolveTls(options.tls, check),
  };
}

function resolveTls(tls: unknown, check: OptionChecker): EmulatorTls {
  if (typeof tls !== 'object' || tls === null) {
    return check.fail('tls', 'expected true or { key, cert } (PEM strings or Buffers)');
  }
  const pem = (field: 'key' | 'cert'): string | Buffer => {
    const value = (tls as Record<string, unknown>)[field];
    if (Buffer.isBuffer(value) && value.length > 0) return value;
    return check.string(`tls.${field}`, value, undefined, { nonEmpty: true });
  };
  return { key: pem('key'), cert: pem('cert') };
}
