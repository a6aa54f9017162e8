import { once } from 'node:events';
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import type { TemplateId } from '@freechat/core';
import type { EmulatorOptions } from './emulator-options.js';
import { resolveEmulatorOptions } from './emulator-options.js';
import { ScenarioQueues } from './faults/scenario-queues.js';
import type { ScenarioStep } from './faults/scenario-step.js';
import type { EmulatorRequest } from './http/emulator-request.js';
import { type EmulatorState, handleRequest } from './http/handle-request.js';
import { RequestLog } from './http/request-log.js';
import type { RequestRecord } from './http/request-record.js';
import { basePaths } from './http/route-request.js';
import { type DeploymentOptions, resolveDeployments } from './sites/deployment-options.js';
import type { SiteId } from './sites/site-id.js';

/**
 * A running emulator of the four sites and of any deployments given; `Site` is the union of their ids.
 */
export interface Emulator<Site extends string = SiteId> {
  /** The emulator's root URL, e.g. `http://127.0.0.1:40123` (`https://` with the `tls` option). */
  url: string;
  /** Whether it runs in strict mode. */
  strict: boolean;
  /**
   * The PEM certificate it serves HTTPS with (trust it to reach `url`), or undefined in cleartext.
   */
  certificate: string | undefined;
  /**
   * The base URL of each site, e.g. `${url}/free2gpt` or `${url}/mine`, without a trailing slash
   * (FreeGpt: its first mirror).
   */
  sites: Record<Site, string>;
  /** Every base URL of each site: FreeGpt's four mirrors, one for the others. */
  mirrors: Record<Site, string[]>;
  /** The template each site runs. */
  templates: Record<Site, TemplateId>;
  /** The request log, oldest first: a live array, capped at `maxLogEntries`. */
  requests: EmulatorRequest[];
  /**
   * Queues steps for a site (any of its mirrors) or for one exact base URL (a mirror). Each
   * `POST {base}/api/generate` takes one step, first from its mirror's queue, then from its site's; with
   * both empty it gets a normal reply. A request's `x-emulator-scenario` header overrides the queues.
   *
   * @throws TypeError for an unknown target or a malformed step.
   */
  scenario(target: Site | (string & {}), ...steps: ScenarioStep[]): void;
  /** Empties the log and every scenario queue. */
  reset(): void;
  /** How many sockets are open on the server side right now. */
  openConnections(): number;
  /** Resolves with the next request the emulator receives (once its body is read). */
  nextRequest(): Promise<EmulatorRequest>;
  /** Ends every open connection, stalled ones included, and stops the server. */
  close(): Promise<void>;
}

/**
 * Starts an emulator of Free2GPT, AIChatFree, GPROChat and FreeGpt, and of any deployments of their
 * two templates given in `sites`, on one local port. By default every site answers exactly as its
 * template does; `strict: true` adds the checks of a client's exact request.
 *
 * @example
 * const emulator = await startEmulator({
 *   sites: { mine: { template: 'gemini-pro-chat', secret: 's3cret', password: 'alpha,beta' } },
 * });
 * const provider = createFree2GPT({ baseURL: emulator.sites.free2gpt });
 * // emulator.sites.mine is the deployment's base URL.
 * await emulator.close();
 *
 * @throws RangeError or TypeError naming the first invalid option, before anything listens.
 */
export async function startEmulator<
  const Sites extends Readonly<Record<string, DeploymentOptions>> = Record<never, never>,
>(
  options?: EmulatorOptions & { sites?: Sites },
): Promise<Emulator<SiteId | Extract<keyof Sites, string>>> {
  type Site = SiteId | Extract<keyof Sites, string>;
  const resolved = resolveEmulatorOptions(options);
  const deployments = resolveDeployments(options?.sites);
  const bases = basePaths(deployments);
  const server =
    resolved.tls === undefined
      ? createServer()
      : createSecureServer({
          ...resolved.tls,
          allowHTTP1: true,
          // Thousands of slow streams on one connection (the bench's S5) outgrow the 10 MB default.
          maxSessionMemory: 1024,
        });
  const sockets = new Set<Socket>();
  // A TLS socket's own `resetAndDestroy` cannot send a TCP RST: the reset faults find the TCP socket
  // it wraps here, by the client's address and port.
  const tcpSockets = new Map<string, Socket>();
  const addressOf = (socket: Socket) => `${socket.remoteAddress}|${socket.remotePort}`;
  server.on('connection', (socket: Socket) => {
    const address = addressOf(socket);
    sockets.add(socket);
    if (resolved.tls !== undefined) tcpSockets.set(address, socket);
    socket.once('close', () => {
      sockets.delete(socket);
      tcpSockets.delete(address);
    });
  });
  server.listen(resolved.port, resolved.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  const url = `${resolved.tls === undefined ? 'http' : 'https'}://${host}:${port}`;
  const ids = [...deployments.keys()];
  const mirrors = Object.fromEntries(
    ids.map((site) => [site, deployments.get(site)!.basePaths.map((path) => `${url}${path}`)]),
  ) as Record<Site, string[]>;
  const baseSites = new Map(bases.map(({ site, path }) => [`${url}${path}`, site]));
  const sites = Object.fromEntries(
    ids.map((site) => [site, `${url}${deployments.get(site)!.basePaths[0]}`]),
  ) as Record<Site, string>;
  const templates = Object.fromEntries(
    ids.map((site) => [site, deployments.get(site)!.template]),
  ) as Record<Site, TemplateId>;
  let lastId = 0;
  const active = new Set<RequestRecord>();
  const state: EmulatorState = {
    options: resolved,
    rootURL: url,
    deployments,
    bases,
    queues: new ScenarioQueues(baseSites),
    log: new RequestLog(resolved.maxLogEntries),
    active,
    nextId: () => {
      lastId += 1;
      return lastId;
    },
    tcpSocketOf: (socket) => tcpSockets.get(addressOf(socket)),
  };
  server.on('request', (request, response) => {
    // Never rejects: an error of the emulator's own is logged, written to stderr and ends the connection.
    void handleRequest(state, request, response);
  });
  let closing: Promise<void> | undefined;
  const close = async () => {
    for (const record of active) record.serverEnded = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const socketsClosed = [...sockets].map((socket) => once(socket, 'close'));
    for (const socket of sockets) socket.destroy();
    await Promise.all([closed, ...socketsClosed]);
  };
  return {
    url,
    strict: resolved.strict,
    certificate: resolved.tls?.cert.toString(),
    sites,
    mirrors,
    templates,
    requests: state.log.entries,
    scenario: (target, ...steps) => state.queues.add(target, steps),
    reset: () => {
      state.log.clear();
      state.queues.clear();
    },
    openConnections: () => sockets.size,
    nextRequest: () => state.log.next(),
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}
