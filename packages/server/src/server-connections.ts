import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Tracks the server's sockets and how many responses each has in flight, so that a shutdown can close
 * every socket that is not answering anything: idle keep-alive sockets, and also freshly opened ones
 * that never sent a request (Node's `closeIdleConnections()` leaves those open).
 */
export class ServerConnections {
  readonly #inFlight = new Map<Socket, number>();
  #closing = false;

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
      this.#inFlight.set(socket, 0);
      socket.once('close', () => this.#inFlight.delete(socket));
    });
    server.on('request', (request, response) => {
      const socket: Socket = request.socket;
      this.#inFlight.set(socket, (this.#inFlight.get(socket) ?? 0) + 1);
      response.once('close', () => {
        // A hang-up closes the socket before its response: it is gone from the map, and stays gone.
        const current = this.#inFlight.get(socket);
        if (current === undefined) return;
        const count = current - 1;
        this.#inFlight.set(socket, count);
        if (this.#closing && count === 0) socket.destroy();
      });
    });
  }

  /** Closes every socket with no response in flight now, and each other one once its last response is done. */
  closeIdle(): void {
    this.#closing = true;
    for (const [socket, count] of this.#inFlight) if (count === 0) socket.destroy();
  }

  /** Closes every socket at once. */
  closeAll(): void {
    this.#closing = true;
    for (const socket of this.#inFlight.keys()) socket.destroy();
  }
}
