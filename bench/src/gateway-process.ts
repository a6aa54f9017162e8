/**
 * A gateway process's side of S6's handshake with the runner (`startGateway`): it is forked with IPC
 * and two arguments, reports its URL once it listens, and closes when told to or when the runner goes
 * away.
 */

import type { ServerOptions } from '@freechat/server';

/**
 * What a bench scenario may give the server's process: the server's own settings (S8: keys and
 * Redis), and more Free2GPT providers beside the first, each asking the emulator for its own reply
 * step (S7: a tool call beside the plain text, in one process).
 */
export interface ServerSettings extends Pick<ServerOptions, 'apiKey' | 'redis'> {
  /** By provider id (a model name of the server), the `x-emulator-scenario` value it sends. */
  replies?: Record<string, string>;
}

/** What a gateway process is started with. */
export interface GatewayArguments {
  /** The emulator's `http://127.0.0.1:PORT`. */
  emulatorURL: string;
  /** The `x-emulator-scenario` value every upstream request carries (the reply step). */
  scenarioHeader: string;
}

/** The arguments of this process, which must be `module`, forked with IPC; throws a usage error otherwise. */
export function gatewayArguments(module: string): GatewayArguments {
  const [emulatorURL, scenarioHeader] = process.argv.slice(2);
  if (emulatorURL === undefined || scenarioHeader === undefined || process.send === undefined) {
    throw new Error(`usage: node ${module} <emulator URL> <scenario header>, forked with IPC`);
  }
  return { emulatorURL, scenarioHeader };
}

/**
 * Reports the gateway's URL to the runner; on the runner's message or its going away, runs `close`
 * once and exits.
 */
export function serveGateway(url: string, close: () => Promise<void>): void {
  let closing = false;
  const shutDown = () => {
    if (closing) return;
    closing = true;
    close().then(() => process.exit(0));
  };
  process.on('message', shutDown);
  process.on('disconnect', shutDown);
  process.send?.({ url });
}
