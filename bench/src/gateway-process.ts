/**
 * A gateway process's side of S6's handshake with the runner (`startGateway`): it is forked with IPC
 * and two arguments, reports its URL once it listens, and closes when told to or when the runner goes
 * away.
 */

import type { ServerOptions } from '@freechat/server';

/** The server settings a bench scenario may give the server's process (S7: keys and Redis). */
export type ServerSettings = Pick<ServerOptions, 'apiKey' | 'redis'>;

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
