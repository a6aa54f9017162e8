import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalidRequest } from '../http/http-error.js';

/** The response header naming the parameters left out under `dropParams`. */
export const DROPPED_PARAMS_HEADER = 'x-freechat-dropped-params';

/**
 * Called with a parameter no provider can honour: throws the 400, or (under dropParams) notes it as
 * left out and returns.
 */
export type RefuseParam = (param: string, message: string) => void;

/** What a request asked for that no provider can honour, as the server's `dropParams` says to treat it. */
export interface UnsupportedParams {
  /** Refuses a parameter (a 400 naming it), or notes it as dropped. */
  refuse: RefuseParam;
  /** The parameters left out, in the order met (empty without dropParams). */
  dropped: string[];
}

/**
 * The policy of the chat and Responses routes for what no provider can honour: a 400 naming the
 * parameter, or with `dropParams` the parameter left out and listed (the route sends the list in
 * DROPPED_PARAMS_HEADER and logs it).
 */
export function unsupportedParams(dropParams: boolean): UnsupportedParams {
  const dropped: string[] = [];
  return {
    dropped,
    refuse(param, message) {
      if (!dropParams) {
        throw invalidRequest(param, `${message} (A server run with dropParams ignores it.)`);
      }
      dropped.push(param);
    },
  };
}

/** Names the parameters left out in DROPPED_PARAMS_HEADER and logs them (nothing when there are none). */
export function announceDroppedParams(
  request: FastifyRequest,
  reply: FastifyReply,
  dropped: readonly string[],
): void {
  if (dropped.length === 0) return;
  reply.header(DROPPED_PARAMS_HEADER, dropped.join(', '));
  request.log.warn({ droppedParams: dropped }, 'parameters dropped');
}
