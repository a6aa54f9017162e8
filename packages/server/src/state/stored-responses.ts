import type { FastifyRequest } from 'fastify';
import { HttpError, invalidRequest } from '../http/http-error.js';
import { pooledRandomBytes } from '../http/random-bytes.js';
import { principalOf } from './principal.js';
import type { ResponseStore, StoredItem, StoredResponse } from './server-state.js';

/** The default time a stored Response is kept: 30 days. */
export const DEFAULT_STORED_RESPONSE_TTL = 30 * 24 * 60 * 60 * 1000;

/** What a Responses request says about storing and continuing. */
export interface TurnRequest {
  /** The request's input: a text, or items (messages, tool calls, tool results, …). */
  input: string | readonly object[];
  previous_response_id?: string | null;
  /** Whether to keep the Response (OpenAI's default when absent: true). */
  store?: boolean | null;
}

/** One page of `GET /v1/responses/{id}/input_items`. */
export interface InputItemList {
  object: 'list';
  data: StoredItem[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/** The query of `GET /v1/responses/{id}/input_items`, checked. */
export interface InputItemsQuery {
  /** From 1 to 100 (default 20). */
  limit: number;
  /** `asc` (default) or `desc`. */
  order: 'asc' | 'desc';
  /** List the items after this item id. */
  after: string | undefined;
}

/**
 * One Responses request's place in a stored conversation: the items of the earlier turns that it
 * continues, its own input items (each with an id), and how to store the Response once it is over.
 */
export class ResponseTurn {
  /** The earlier turns' input and output items, oldest first (empty without a previous Response). */
  readonly history: readonly StoredItem[];
  /** This request's input as items, each with an id. */
  readonly input: readonly StoredItem[];
  readonly #chain: readonly string[];
  readonly #owner: string;
  readonly #store: ResponseStore | undefined;
  readonly #expiresAt: () => number;

  constructor(options: {
    history: readonly StoredItem[];
    input: readonly StoredItem[];
    chain: readonly string[];
    owner: string;
    store: ResponseStore | undefined;
    expiresAt: () => number;
  }) {
    this.history = options.history;
    this.input = options.input;
    this.#chain = options.chain;
    this.#owner = options.owner;
    this.#store = options.store;
    this.#expiresAt = options.expiresAt;
  }

  /** Whether the Response is stored (`store` not false). */
  get stored(): boolean {
    return this.#store !== undefined;
  }

  /**
   * Stores the Response object once it is over, with this turn's input and its output items, before
   * its end is sent (so that a client can continue from it at once, through any replica). Resolves
   * at once when `store` was false.
   */
  async save(response: Record<string, unknown>): Promise<void> {
    if (this.#store === undefined) return;
    const output = Array.isArray(response.output) ? (response.output as StoredItem[]) : [];
    await this.#store.save({
      id: String(response.id),
      owner: this.#owner,
      response,
      input: [...this.input],
      output,
      chain: [...this.#chain],
      expiresAt: this.#expiresAt(),
    });
  }
}

/**
 * Stored Responses for the Responses API: `store` keeps a Response, `previous_response_id` continues
 * from one (through any replica that shares the state), and a Response is seen only by the key that
 * created it (another key gets the same 404 as for a Response that does not exist).
 */
export class StoredResponses {
  readonly #store: ResponseStore;
  readonly #ttl: number;
  readonly #clock: () => number;

  constructor(store: ResponseStore, options: { ttl: number; clock: () => number }) {
    this.#store = store;
    this.#ttl = options.ttl;
    this.#clock = options.clock;
  }

  /**
   * The turn of a Responses request: loads the conversation it continues.
   *
   * @throws HttpError 400 `previous_response_not_found` when the previous Response (or one it
   * continues) is gone, or was created with another key.
   */
  async begin(request: FastifyRequest, body: TurnRequest): Promise<ResponseTurn> {
    const owner = principalOf(request).id;
    const previousId = body.previous_response_id ?? undefined;
    let history: StoredItem[] = [];
    let chain: string[] = [];
    if (previousId !== undefined) {
      const previous = await this.#owned(owner, previousId);
      if (previous === undefined) throw previousNotFound(previousId);
      chain = [...previous.chain, previous.id];
      const earlier = await this.#store.load(previous.chain);
      history = [...earlier, previous].flatMap((stored, index) => {
        if (stored === undefined || stored.owner !== owner) {
          throw previousNotFound(chain[index]!);
        }
        return [...stored.input, ...stored.output];
      });
    }
    return new ResponseTurn({
      history,
      input: itemsOf(body.input),
      chain,
      owner,
      store: body.store === false ? undefined : this.#store,
      expiresAt: () => this.#clock() + this.#ttl,
    });
  }

  /**
   * The stored Response with this id, as the request's key may see it.
   *
   * @throws HttpError 404 when there is none (for this key).
   */
  async get(request: FastifyRequest, id: string): Promise<StoredResponse> {
    const stored = await this.#owned(principalOf(request).id, id);
    if (stored === undefined) throw responseNotFound(id);
    return stored;
  }

  /**
   * Deletes the stored Response with this id.
   *
   * @throws HttpError 404 when there is none (for this key).
   */
  async delete(request: FastifyRequest, id: string): Promise<void> {
    await this.get(request, id);
    await this.#store.delete(id);
  }

  /**
   * A page of the items that made the Response: the earlier turns' input and output items, then its
   * own input.
   *
   * @throws HttpError 404 when there is no such Response (for this key); 400 for an `after` that is
   * not one of its items.
   */
  async inputItems(
    request: FastifyRequest,
    id: string,
    query: InputItemsQuery,
  ): Promise<InputItemList> {
    const stored = await this.get(request, id);
    const earlier = await this.#store.load(stored.chain);
    const items = [
      ...earlier.flatMap((turn) => (turn === undefined ? [] : [...turn.input, ...turn.output])),
      ...stored.input,
    ];
    if (query.order === 'desc') items.reverse();
    let start = 0;
    if (query.after !== undefined) {
      const index = items.findIndex((item) => item.id === query.after);
      if (index === -1) {
        throw invalidRequest('after', `No item with id '${query.after}' among the input items.`);
      }
      start = index + 1;
    }
    const data = items.slice(start, start + query.limit);
    return {
      object: 'list',
      data,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
      has_more: start + query.limit < items.length,
    };
  }

  async #owned(owner: string, id: string): Promise<StoredResponse | undefined> {
    const [stored] = await this.#store.load([id]);
    return stored?.owner === owner ? stored : undefined;
  }
}

/**
 * A request's input as items, each with an id (`msg_…` for a message, `item_…` for another item
 * without one): a text is one user message; a message's text content becomes one text part; any
 * other item (a tool call, a tool's result) is kept as it is.
 */
function itemsOf(input: TurnRequest['input']): StoredItem[] {
  if (typeof input === 'string') {
    return [
      {
        id: itemId('msg'),
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: input }],
      },
    ];
  }
  return input.map((given) => {
    const item = given as Record<string, unknown>;
    const message = item.type === undefined || item.type === 'message';
    const id = typeof item.id === 'string' ? item.id : itemId(message ? 'msg' : 'item');
    if (!message) return { ...item, id };
    const content =
      typeof item.content === 'string'
        ? [{ type: item.role === 'assistant' ? 'output_text' : 'input_text', text: item.content }]
        : item.content;
    return { ...item, id, type: 'message', content };
  });
}

function itemId(prefix: string): string {
  return `${prefix}_${pooledRandomBytes(24).toString('hex')}`;
}

function previousNotFound(id: string): HttpError {
  return new HttpError({
    status: 400,
    type: 'invalid_request_error',
    param: 'previous_response_id',
    code: 'previous_response_not_found',
    message: `Previous response with id '${id}' not found.`,
  });
}

function responseNotFound(id: string): HttpError {
  return new HttpError({
    status: 404,
    type: 'invalid_request_error',
    message: `Response with id '${id}' not found.`,
  });
}
