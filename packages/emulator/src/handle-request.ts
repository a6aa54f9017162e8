import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultReplyText, questionFromSignedText } from './default-reply.js';
import type { ResolvedEmulatorOptions } from './emulator-options.js';
import { generatedReplyChunks } from './generated-reply.js';
import { parseJsonBody } from './parse-json-body.js';
import { playFault } from './play-fault.js';
import { readBody } from './read-body.js';
import { rechunk } from './rechunk.js';
import { badRequest, type Rejection } from './rejection.js';
import type { RequestLog } from './request-log.js';
import { RequestRecord } from './request-record.js';
import { routeRequest } from './route-request.js';
import { SCENARIO_HEADER, scenarioFromHeaders } from './scenario-header.js';
import type { ScenarioQueues } from './scenario-queues.js';
import { isFaultStep, type ScenarioStep } from './scenario-step.js';
import { sendRejection, streamReply } from './send-response.js';
import type { SiteId } from './site-id.js';
import { SITE_PROFILES } from './site-profile.js';
import { validateGenerateBody } from './validate-generate-body.js';

/** The emulator's state that every request handler shares. */
export interface EmulatorState {
  /** The emulator's options, defaults filled in. */
  options: ResolvedEmulatorOptions;
  /** The emulator's root URL, without a trailing slash. */
  rootURL: string;
  /** The queued scenario steps. */
  queues: ScenarioQueues;
  /** The request log. */
  log: RequestLog;
  /** The records of requests whose response is not closed yet. */
  active: Set<RequestRecord>;
  /** Gives the next request id. */
  nextId: () => number;
}

/** Handles one request: logs it, routes it, checks it, and answers with a reply, a rejection or a fault. */
export async function handleRequest(
  state: EmulatorState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const record = new RequestRecord(state.nextId(), request, Date.now());
  const entry = record.entry;
  const controller = new AbortController();
  state.active.add(record);
  // A write racing a client's hang-up reports ERR_STREAM_DESTROYED here; the 'close' below records it.
  response.on('error', () => {});
  response.once('close', () => {
    controller.abort();
    state.active.delete(record);
    record.complete(response, Date.now());
  });
  const body = await readBody(request);
  const route = routeRequest(state.rootURL, entry.path);
  entry.site = route.site;
  entry.baseURL = route.baseURL;
  if (body.kind === 'complete') entry.rawBody = body.bytes.toString('utf8');
  const parsed = parseJsonBody(entry.rawBody);
  entry.body = parsed.ok ? parsed.value : undefined;
  state.log.add(entry);
  const reject = (rejection: Rejection, headers?: Record<string, string>) => {
    entry.verdict = 'rejected';
    entry.reason = rejection.detail;
    if (!response.destroyed) sendRejection(response, rejection, headers);
  };
  if (body.kind === 'aborted') {
    entry.verdict = 'rejected';
    entry.reason = 'The client closed the connection before sending its whole body.';
    return;
  }
  if (body.kind === 'too-large') {
    return reject({
      ok: false,
      status: 413,
      message: 'Payload too large.',
      detail: 'The body exceeds 64 MiB.',
    });
  }
  if (route.site === undefined || route.baseURL === undefined || route.rest !== '/api/generate') {
    return reject({
      ok: false,
      status: 404,
      message: 'Not found.',
      detail: notFoundDetail(entry.path, route.site),
    });
  }
  if (entry.method !== 'POST') {
    const detail = `${entry.method} is not allowed: ${route.baseURL}/api/generate takes POST only.`;
    return reject(
      { ok: false, status: 405, message: 'Method not allowed.', detail },
      { allow: 'POST' },
    );
  }
  let step: ScenarioStep | undefined;
  try {
    step = scenarioFromHeaders(request.headers) ?? state.queues.take(route.site, route.baseURL);
  } catch (error) {
    return reject(badRequest(`${SCENARIO_HEADER}: ${(error as Error).message}`));
  }
  const site = route.site;
  const validation = parsed.ok
    ? validateGenerateBody(site, parsed.value, {
        now: state.options.now(),
        timeWindowMs: state.options.timeWindowMs,
      })
    : badRequest(parsed.problem);
  const question = validation.ok ? questionFromSignedText(site, validation.signedText) : '';
  const chunkSize = step?.chunkSize ?? state.options.chunkSize;
  const delayMs = step?.delayMs ?? state.options.delayMs;
  const signal = controller.signal;
  if (step !== undefined && isFaultStep(step)) {
    const reply = Buffer.from(defaultReplyText(site, question));
    return playFault(step, { site, response, record, reply, chunkSize, delayMs, signal });
  }
  if (!validation.ok) return reject(validation);
  entry.verdict = 'ok';
  const blocks =
    step?.text !== undefined
      ? [Buffer.from(step.text)]
      : step?.size !== undefined
        ? generatedReplyChunks(step.size)
        : [Buffer.from(defaultReplyText(site, question))];
  return streamReply(response, rechunk(blocks, chunkSize), { delayMs, signal });
}

function notFoundDetail(path: string, site: SiteId | undefined): string {
  if (
    site !== undefined &&
    path.startsWith(`/${site}/`) &&
    SITE_PROFILES[site].basePaths.length > 1
  ) {
    const mirrors = SITE_PROFILES[site].basePaths.join(', ');
    return `${path} is under no base of ${site}; its mirrors are ${mirrors}.`;
  }
  if (path.includes('//'))
    return `${path} has an empty path segment (a base URL ending with '/'?).`;
  return `Nothing at ${path}; the API is POST {base}/api/generate.`;
}
