import { ChatApiError, responseError } from './chat-api-error.js';
import { type ReplyListener, readCompletionEvents } from './chat-event-stream.js';

/** One turn sent to the server. */
export interface ApiMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** One entry of `GET /v1/models`. */
export interface ApiModel {
  /** `provider/model`, or a bare model id served by the server's fallback chain. */
  id: string;
  /** The provider id, or `freechat` for a bare model id. */
  owned_by: string;
}

/** What the page reads of one entry of `GET /v1/providers`. */
export interface ApiProvider {
  /** The provider id, as in `provider/model`. */
  id: string;
  /** Its display name (`Free2GPT`). */
  label: string;
}

/** What the page says when a request cannot be made at all. */
export const SERVER_UNREACHABLE = 'Cannot reach the freechat server. Is it still running?';

/** Calls the server the page was loaded from (the `/v1` API next to it). */
export class ChatApi {
  readonly #apiKey: () => string;

  /** `apiKey` gives the key to send (empty for none) at the time of each call. */
  constructor(apiKey: () => string) {
    this.#apiKey = apiKey;
  }

  /**
   * `GET /v1/models`.
   *
   * @throws ChatApiError with the server's message, or when the server cannot be reached.
   */
  async models(): Promise<ApiModel[]> {
    return ((await this.#getJson('v1/models')) as { data: ApiModel[] }).data;
  }

  /**
   * `GET /v1/providers`: the providers' display names.
   *
   * @throws ChatApiError with the server's message, or when the server cannot be reached.
   */
  async providers(): Promise<ApiProvider[]> {
    return ((await this.#getJson('v1/providers')) as { data: ApiProvider[] }).data;
  }

  /**
   * `POST /v1/chat/completions` with `stream: true`, handing each piece of the reply to `listener`.
   * Aborting `signal` closes the request (the server then closes its upstream request).
   *
   * @returns the finish reason.
   * @throws ChatApiError with the server's message; the abort reason when `signal` aborts.
   */
  async stream(
    model: string,
    messages: readonly ApiMessage[],
    listener: ReplyListener,
    signal: AbortSignal,
  ): Promise<string | null> {
    const response = await this.#fetch('v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages, stream: true }),
      signal,
    });
    if (!response.ok) throw await responseError(response);
    if (response.body === null) throw new ChatApiError('The server sent no reply body.');
    return await readCompletionEvents(response.body, listener);
  }

  async #getJson(path: string): Promise<unknown> {
    const response = await this.#fetch(path, { method: 'GET' });
    if (!response.ok) throw await responseError(response);
    return await response.json();
  }

  async #fetch(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    const apiKey = this.#apiKey().trim();
    if (apiKey !== '') headers.set('authorization', `Bearer ${apiKey}`);
    try {
      // Relative to the page, so a server behind a path prefix works too.
      return await fetch(new URL(path, document.baseURI), { ...init, headers });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ChatApiError(SERVER_UNREACHABLE);
    }
  }
}
