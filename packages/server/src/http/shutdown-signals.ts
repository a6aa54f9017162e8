import type { FreechatServer } from '../create-server.js';

/** Options of {@link closeOnSignals}. */
export interface ShutdownSignalOptions {
  /** The signals that close the server (default `SIGTERM` and `SIGINT`). */
  signals?: readonly NodeJS.Signals[];
  /** Called once the server has closed (with the error, if closing failed). */
  onClosed?: (error?: unknown) => void;
}

/**
 * Closes the server gracefully on SIGTERM or SIGINT: it stops accepting requests, lets open streams
 * finish within the grace period, then closes. The handlers are removed on the first signal, so a
 * second one gets Node's default behaviour (the process exits at once). Returns a function that removes
 * the handlers.
 *
 * @example
 * const server = createServer();
 * await server.listen({ port: 8787 });
 * closeOnSignals(server, { onClosed: () => process.exit() });
 */
export function closeOnSignals(
  server: FreechatServer,
  options: ShutdownSignalOptions = {},
): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const remove = () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
  const onSignal = () => {
    remove();
    server.close().then(
      () => options.onClosed?.(),
      (error: unknown) => options.onClosed?.(error),
    );
  };
  for (const signal of signals) process.on(signal, onSignal);
  return remove;
}
