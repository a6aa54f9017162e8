import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Tracks the server's sockets and the last response each was given, so that a shutdown can close
 * every socket that is not answering anything: idle keep-alive sockets, and also freshly opened ones
 * that never sent a request (Node's `closeIdleConnections()` leaves those open). HTTP/1.1 answers a
 * socket's requests in order, so a socket is idle once its last response is closed; listeners on the
 * responses are added only when the server shuts down, none per request.
 */
export class ServerConnections {
  readonly #lastResponse = new Map<Socket, ServerResponse | undefined>();

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
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

  #closeWhenIdle(socket: Socket): void {
    const response = this.#lastResponse.get(socket);
    if (response === undefined || response.closed) socket.destroy();
    // Called again once it closes: a request that came in meanwhile is then the last one.
    else response.once('close', () => this.#closeWhenIdle(socket));
  }
}
