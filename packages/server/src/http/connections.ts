import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Tracks the server's sockets and the last response each was given. It keeps their number at
 * `maxConnections` (`0`: no cap), and lets a shutdown close every socket that is not answering
 * anything: idle keep-alive sockets, and also freshly opened ones that never sent a request (Node's
 * `closeIdleConnections()` leaves those open). HTTP/1.1 answers a socket's requests in order, so a
 * socket is idle once its last response is closed; listeners on the responses are added only when the
 * server shuts down, none per request.
 */
export class ServerConnections {
  /** Every open socket, oldest first, with its last response (undefined before its first request). */
  readonly #lastResponse = new Map<Socket, ServerResponse | undefined>();
  readonly #maxConnections: number;

  constructor(server: Server, maxConnections: number) {
    this.#maxConnections = maxConnections;
    server.on('connection', (socket: Socket) => {
      if (this.#maxConnections > 0 && this.#lastResponse.size >= this.#maxConnections) {
        const idle = this.#oldestIdle();
        if (idle === undefined) {
          socket.destroy();
          return;
        }
        this.#lastResponse.delete(idle);
        idle.destroy();
      }
      this.#lastResponse.set(socket, undefined);
      socket.on('close', () => this.#lastResponse.delete(socket));
    });
    server.on('request', (request, response) => {
      const socket: Socket = request.socket;
      // A hang-up closes the socket before its request is answered: it is gone, and stays gone.
      if (this.#lastResponse.has(socket)) this.#lastResponse.set(socket, response);
    });
  }

  /** Closes every socket with no response in flight now, and each other one once its last response is done. */
  closeIdle(): void {
    for (const socket of this.#lastResponse.keys()) this.#closeWhenIdle(socket);
  }

  /** Closes every socket at once. */
  closeAll(): void {
    for (const socket of this.#lastResponse.keys()) socket.destroy();
  }

  /**
   * The socket to close for a new one at the cap: the oldest that never sent a request (it costs its
   * client nothing), else the oldest kept alive between requests; undefined when every socket has a
   * request in flight.
   */
  #oldestIdle(): Socket | undefined {
    let keptAlive: Socket | undefined;
    for (const [socket, response] of this.#lastResponse) {
      if (response === undefined) return socket;
      if (keptAlive === undefined && response.closed) keptAlive = socket;
    }
    return keptAlive;
  }

  #closeWhenIdle(socket: Socket): void {
    const response = this.#lastResponse.get(socket);
    if (response === undefined || response.closed) socket.destroy();
    // Called again once it closes: a request that came in meanwhile is then the last one.
    else response.once('close', () => this.#closeWhenIdle(socket));
  }
}
