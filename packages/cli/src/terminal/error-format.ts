import {
  AuthRejectedError,
  CloudflareError,
  ConnectionError,
  FallbackError,
  InvalidRequestError,
  InvalidSettingError,
  ModelFailedMidReplyError,
  ModelNotFoundError,
  ProviderError,
  ProxyError,
  RateLimitError,
  ResponseStatusError,
  TEMPLATE_IDS,
  type TemplateId,
  TimeoutError,
} from '@freechat/core';
import { CommanderError } from 'commander';
import { UsageError } from '../commands/usage-error.js';
import { CLI_OWNER } from '../connection/option-values.js';
import { escapeControls } from './escape-controls.js';

/** An error as the command reports it: one line for stderr and the exit code. */
export interface FormattedError {
  /**
   * One line, without the trailing newline: who failed, what happened, what to try. Its control
   * characters are shown escaped ({@link escapeControls}): an error may quote a site's body.
   */
  line: string;
  /** 2 for a usage mistake or an invalid request, 1 for everything else. */
  exitCode: number;
}

/** What the command knows beyond an error, for the hint that follows it. */
export interface ErrorContext {
  /**
   * Where the proxy of the provider `id` was set (`--proxy`, `FREECHAT_PROXY`, `HTTPS_PROXY`, …), or
   * undefined when not known.
   */
  proxySource?(id: string): string | undefined;
  /**
   * The `--template` the `--site` deployment `id` was reached with, or undefined for a built-in
   * provider: a deployment that fails every request may run the other template.
   */
  siteTemplate?(id: string): TemplateId | undefined;
}

const TRY_ANOTHER =
  'try another provider (-p freegpt, -p free2gpt,aichatfree, …) or run `freechat check`';

/**
 * Turns any error into one line a person can act on: the provider, the error class and what it said,
 * then what to try (for a proxy's failure, where that proxy was set, from `context`). Usage mistakes
 * and invalid requests exit with 2, everything else with 1.
 */
export function formatError(error: unknown, context: ErrorContext = {}): FormattedError {
  const { line, exitCode } = describeError(error, context);
  return { line: escapeControls(line), exitCode };
}

function describeError(error: unknown, context: ErrorContext): FormattedError {
  if (error instanceof UsageError) return { line: error.message, exitCode: 2 };
  if (error instanceof CommanderError) return { line: error.message, exitCode: 2 };
  if (InvalidSettingError.isInstance(error)) {
    // A bad option of the CLI's own (`--timeout soon`): the option checker's words, as a usage mistake.
    if (error.owner === CLI_OWNER) return { line: error.summary, exitCode: 2 };
    return { line: `${error.owner}: ${error.name}: ${error.summary} (see --help)`, exitCode: 2 };
  }
  if (!ProviderError.isInstance(error)) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { line: `unexpected error: ${firstLine(message)}`, exitCode: 1 };
  }
  const head = `${error.provider}: ${error.name}: ${error.summary}`;
  if (ModelNotFoundError.isInstance(error)) {
    return { line: `${head} (\`freechat providers\` lists each provider's models)`, exitCode: 2 };
  }
  if (InvalidRequestError.isInstance(error)) {
    return { line: `${head} (see --help)`, exitCode: 2 };
  }
  const advice = ProxyError.isInstance(error)
    ? proxyHint(error, context.proxySource?.(error.provider))
    : hint(error, context.siteTemplate?.(error.provider));
  return { line: `${head}${attemptsNote(error)}; ${advice}`, exitCode: 1 };
}

/**
 * How long the request was tried, when more than once: `; gave up after 3 attempts (up to 60 s
 * each)` for a response that never started (each attempt waited its whole `timeout`), `; gave up
 * after 3 attempts` for any other failure. Empty after a single attempt.
 */
function attemptsNote(error: ProviderError): string {
  if (error.attemptsMade <= 1) return '';
  const each =
    TimeoutError.isInstance(error) && error.phase === 'response'
      ? ` (up to ${formatDuration(error.timeout)} each)`
      : '';
  return `; gave up after ${error.attemptsMade} attempts${each}`;
}

/** Milliseconds as a person reads them: `250 ms`, `2 s`, `1.5 s`. */
function formatDuration(milliseconds: number): string {
  return milliseconds < 1000 ? `${milliseconds} ms` : `${milliseconds / 1000} s`;
}

/**
 * A few words on why a provider failed, for a table cell: `ECONNREFUSED`, `HTTP 429`, … Its control
 * characters are shown escaped.
 */
export function shortReason(error: unknown): string {
  return escapeControls(describeReason(error));
}

function describeReason(error: unknown): string {
  if (ProxyError.isInstance(error) && error.authFailed) return 'the proxy rejected the credentials';
  if (ConnectionError.isInstance(error)) {
    const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
    const proxy = ProxyError.isInstance(error) ? 'proxy: ' : '';
    if (typeof cause?.code === 'string') return `${proxy}${cause.code}`;
    return typeof cause?.message === 'string'
      ? `${proxy}${firstLine(cause.message)}`
      : `${proxy}connection failed`;
  }
  if (TimeoutError.isInstance(error)) {
    return error.phase === 'response'
      ? `no response in ${error.timeout} ms`
      : `silent for ${error.timeout} ms`;
  }
  if (RateLimitError.isInstance(error)) {
    return error.quotaExhausted ? 'quota spent' : `HTTP ${error.status}, rate limited`;
  }
  if (CloudflareError.isInstance(error)) return `HTTP ${error.status}, Cloudflare challenge`;
  if (ResponseStatusError.isInstance(error)) return `HTTP ${error.status}`;
  if (ProviderError.isInstance(error)) return error.summary;
  return error instanceof Error ? firstLine(error.message) : String(error);
}

/** The class name of an error, `AbortError` included; `Error` for a thrown non-error. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

/**
 * What to try after `error`; `template` is the `--template` of a `--site` deployment, which has no
 * other provider or mirror to try, but may run the other template.
 */
function hint(error: ProviderError, template: TemplateId | undefined): string {
  const instead = template === undefined ? TRY_ANOTHER : otherTemplateHint(template);
  const elsewhere =
    template === undefined
      ? `--base-url <mirror> (or FREECHAT_${error.provider.toUpperCase()}_BASE_URL)`
      : 'another --site URL';
  if (FallbackError.isInstance(error)) {
    return `${error.attempts
      .map(
        ({ provider, error: attempt }) =>
          `${provider}: ${errorName(attempt)} (${describeReason(attempt)}${attemptCount(attempt)})`,
      )
      .join(', ')}; run \`freechat check\` to see which providers answer right now`;
  }
  if (RateLimitError.isInstance(error)) {
    const wait =
      error.retryAfter === undefined ? '' : `wait ${Math.ceil(error.retryAfter / 1000)} s, or `;
    return error.quotaExhausted
      ? `the site's quota is spent for now; ${instead}`
      : `the site is rate-limiting; ${wait}${instead}`;
  }
  if (CloudflareError.isInstance(error)) {
    const mirror =
      template === undefined
        ? `${TRY_ANOTHER}, or point it at a mirror with --base-url`
        : 'reach the deployment at another --site URL';
    return `the site is behind a Cloudflare challenge that freechat cannot pass; ${mirror}`;
  }
  if (AuthRejectedError.isInstance(error)) {
    if (error.credential === 'password') {
      return 'the site wants a password, or another one: --password <password> or FREECHAT_PASSWORD';
    }
    return error.credential === 'signature'
      ? `the site refused the request's signature: check --secret (a deployment's PUBLIC_SECRET_KEY), or ${instead}`
      : `the site refused the request's credentials; ${instead}`;
  }
  if (ModelFailedMidReplyError.isInstance(error)) {
    return "the site's model failed mid-reply; ask again";
  }
  if (ConnectionError.isInstance(error)) {
    const check = template === undefined ? ', or run `freechat check`' : '';
    return `the site may have moved or be down; try ${elsewhere} or --proxy <url>${check}`;
  }
  if (TimeoutError.isInstance(error)) {
    return `try a larger --timeout, ${elsewhere} or --proxy <url>`;
  }
  if (ResponseStatusError.isInstance(error)) {
    return error.isRetryable ? `try again later, or ${instead}` : instead;
  }
  return instead;
}

/** For a `--site` deployment: the other template, which a deployment that refuses every request may run. */
function otherTemplateHint(template: TemplateId): string {
  const other = TEMPLATE_IDS.find((id) => id !== template)!;
  return `check --template: a deployment of ${other} needs --template ${other}`;
}

/**
 * What to try after a proxy's failure, naming where the proxy was set (`source`): a variable of the
 * environment can also be left by NO_PROXY, and any of them is replaced by `--proxy`.
 */
function proxyHint(error: ProxyError, source: string | undefined): string {
  if (source === undefined) {
    return error.authFailed
      ? "correct the proxy's credentials"
      : 'check that the proxy runs and lets the site through';
  }
  if (error.authFailed) return `correct the credentials in ${source}`;
  if (source === '--proxy') {
    return 'check that the proxy of --proxy runs and lets the site through, or leave --proxy out';
  }
  const exempt = source === 'FREECHAT_PROXY' ? '' : ', list the site in NO_PROXY';
  return `check that the proxy of ${source} runs and lets the site through, unset ${source}${exempt}, or give another with --proxy <url>`;
}

/** `, 3 attempts` for a fallback member's error that came after several attempts, else empty. */
function attemptCount(error: unknown): string {
  return ProviderError.isInstance(error) && error.attemptsMade > 1
    ? `, ${error.attemptsMade} attempts`
    : '';
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}
