import type { ResolvedEmulatorOptions } from '../emulator-options.js';
import { playFault } from '../faults/play-fault.js';
import { badRequest, type Rejection } from '../faults/rejection.js';
import { SCENARIO_HEADER, scenarioFromHeaders } from '../faults/scenario-header.js';
import type { ScenarioQueues } from '../faults/scenario-queues.js';
import { isFaultStep, type ScenarioStep } from '../faults/scenario-step.js';
import { questionFromSignedText } from '../replies/default-reply.js';
import { replyBody } from '../replies/reply-body.js';
import { conversationTexts } from '../replies/tool-model.js';
import type { SiteProfile } from '../sites/site-profile.js';
import { checkRoute } from '../validation/check-route.js';
import { checkTemplateRequest } from '../validation/check-template-request.js';
import {
  type ValidGenerateBody,
  validateGenerateBody,
} from '../validation/validate-generate-body.js';
import { parseJsonBody } from './parse-json-body.js';
import { MAX_BODY_BYTES, readBody } from './read-body.js';
import { rechunk } from './rechunk.js';
import type { RequestLog } from './request-log.js';
import { RequestRecord } from './request-record.js';
import type { EmulatorIncoming, EmulatorResponse, TcpSocketOf } from './response-protocol.js';
import { type BasePath, routeRequest } from './route-request.js';
import { replyHeaders, sendRejection, streamReply } from './send-response.js';

/** The emulator's state that every request handler shares. */
export interface EmulatorState {
  /** The emulator's options, defaults filled in. */
  options: ResolvedEmulatorOptions;
  /** The emulator's root URL, without a trailing slash. */
  rootURL: string;
  /** Every deployment served, by site id. */
  deployments: ReadonlyMap<string, SiteProfile>;
  /** Every base path served, with its site. */
  bases: readonly BasePath[];
  /** The queued scenario steps. */
  queues: ScenarioQueues;
  /** The request log. */
  log: RequestLog;
  /** The records of requests whose response is not closed yet. */
  active: Set<RequestRecord>;
  /** Gives the next request id. */
  nextId: () => number;
  /** The TCP socket under a connection's socket (for a reset under TLS). */
  tcpSocketOf: TcpSocketOf;
}

/**
 * Handles one request: logs it, routes it, checks it, and answers with a reply, a rejection or a fault.
 * Never rejects: an error of the emulator's own is logged (verdict `error`), written to stderr, and ends
 * the connection.
 */
export async function handleRequest(
  state: EmulatorState,
  request: EmulatorIncoming,
  response: EmulatorResponse,
): Promise<void> {
  const record = new RequestRecord(state.nextId(), request, Date.now());
  const controller = new AbortController();
  state.active.add(record);
  // A write racing a client's hang-up reports ERR_STREAM_DESTROYED here; the 'close' below records it.
  response.on('error', () => {});
  response.once('close', () => {
    controller.abort();
    state.active.delete(record);
    record.complete(response, Date.now());
  });
  try {
    await answer(state, record, request, response, controller.signal);
  } catch (error) {
    const entry = record.entry;
    entry.verdict = 'error';
    entry.reason = `Emulator error: ${error instanceof Error ? error.message : String(error)}`;
    console.error(`@freechat/emulator: request ${entry.id} (${entry.method} ${entry.path})`, error);
    record.serverEnded = true;
    publish(state, record);
    response.destroy();
  }
}

/**
 * The checks, in order: 404 (path), the method (404 as the templates answer it; 405 in strict mode),
 * 400 (a malformed `x-emulator-scenario`), then the body's: 413 (size), then the template's checks in its
 * own order (strict mode: 400 for JSON, keys, messages, types; 401 for password, time, sign). A fault
 * step plays whatever the body's checks found; a reply step applies only to a request that passed them
 * all.
 */
async function answer(
  state: EmulatorState,
  record: RequestRecord,
  request: EmulatorIncoming,
  response: EmulatorResponse,
  signal: AbortSignal,
): Promise<void> {
  const entry = record.entry;
  const body = await readBody(request);
  const route = routeRequest(state.rootURL, entry.path, state.bases);
  entry.site = route.site;
  entry.baseURL = route.baseURL;
  if (body.kind === 'complete') {
    entry.rawBytes = body.bytes;
    entry.rawBody = body.bytes.toString('utf8');
  }
  const parsed = parseJsonBody(entry.rawBody);
  entry.body = parsed.ok ? parsed.value : undefined;
  if (body.kind === 'aborted') {
    entry.verdict = 'rejected';
    entry.reason = record.serverEnded
      ? 'The emulator closed the connection (close()) before the whole body had arrived.'
      : 'The client closed the connection before sending its whole body.';
    entry.validation = entry.reason;
    publish(state, record);
    return;
  }
  const reject = (rejection: Rejection) => {
    entry.verdict = 'rejected';
    entry.reason = rejection.detail;
    entry.validation = rejection.detail;
    publish(state, record);
    if (!response.destroyed) sendRejection(response, rejection, state.options.strict);
  };
  const target = checkRoute(route, {
    method: entry.method,
    path: entry.path,
    deployments: state.deployments,
    strict: state.options.strict,
  });
  if (!target.ok) return reject(target);
  const { site } = target;
  const profile = state.deployments.get(site) as SiteProfile;
  let step: ScenarioStep | undefined;
  try {
    step = scenarioFromHeaders(request.headers) ?? state.queues.take(site, target.baseURL);
  } catch (error) {
    return reject({
      ...badRequest(`${SCENARIO_HEADER}: ${(error as Error).message}`),
      emulatorOwn: true,
    });
  }
  const checked: ValidGenerateBody | Rejection =
    body.kind === 'too-large'
      ? {
          ok: false,
          status: 413,
          body: { kind: 'json', error: { message: 'Payload too large.' } },
          detail: `The body exceeds ${MAX_BODY_BYTES / (1024 * 1024)} MiB (${MAX_BODY_BYTES} bytes).`,
          emulatorOwn: true,
        }
      : !state.options.strict
        ? checkTemplateRequest(profile, parsed)
        : !parsed.ok
          ? badRequest(parsed.problem)
          : validateGenerateBody(site, profile, parsed.value, {
              now: state.options.now(),
              timeWindowMs: state.options.timeWindowMs,
            });
  entry.validation = checked.ok ? 'ok' : checked.detail;
  const question = checked.ok ? questionFromSignedText(site, checked.signedText) : '';
  const chunkSize = step?.chunkSize ?? state.options.chunkSize;
  const delayMs = step?.delayMs ?? state.options.delayMs;
  if (step !== undefined && isFaultStep(step)) {
    entry.verdict = 'fault';
    entry.reason = step.fault;
    publish(state, record);
    const reply = replyBody(site, question, step, conversationTexts(entry.body));
    const { tcpSocketOf } = state;
    const exchange = { profile, response, record, reply, chunkSize, delayMs, signal, tcpSocketOf };
    return playFault(step, exchange);
  }
  if (!checked.ok) return reject(checked);
  entry.verdict = 'ok';
  publish(state, record);
  const reply = replyBody(site, question, step, conversationTexts(entry.body));
  const headers = replyHeaders(profile.template);
  return streamReply(response, headers, rechunk(reply.blocks, chunkSize), { delayMs, signal });
}

/** Adds a request's entry to the log (once), which also hands it to `nextRequest()`. */
function publish(state: EmulatorState, record: RequestRecord): void {
  if (record.logged) return;
  record.logged = true;
  state.log.add(record.entry);
}
