import type { FastifyRequest } from 'fastify';
import type { KeyLimits } from './server-state.js';

/**
 * Who a request comes from: the API key it carried, known by an id made from the key (a hash, so
 * that the key itself is never stored or shown), or everyone at once when the server has no keys.
 */
export interface Principal {
  /** Opaque and stable across replicas: the first 128 bits of the key's SHA-256, in hex. */
  readonly id: string;
  /** The key's name. */
  readonly name: string;
  /** Its limits, or undefined for none. */
  readonly limits: KeyLimits | undefined;
}

/** Every request of a server without API keys comes from this one principal. */
export const ANONYMOUS: Principal = { id: 'anonymous', name: 'anonymous', limits: undefined };

const principals = new WeakMap<FastifyRequest, Principal>();

/** Records the principal whose key the request carried (the API key check calls it). */
export function setPrincipal(request: FastifyRequest, principal: Principal): void {
  principals.set(request, principal);
}

/** The request's principal: its key's, else {@link ANONYMOUS}. */
export function principalOf(request: FastifyRequest): Principal {
  return principals.get(request) ?? ANONYMOUS;
}
