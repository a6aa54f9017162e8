import { ChatApiError, responseError } from './chat-api-error.js';
import { readCompletionEvents } from './chat-event-stream.js';

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
    const response = await this.#fetch('v1/models', { method: 'GET' });
    if (!response.ok) throw await responseError(response);
    return ((await response.json()) as { data: ApiModel[] }).data;
  }

  /**
   * `POST /v1/chat/completions` with `stream: true`, calling `onText` with each piece of the reply.
   * Aborting `signal` closes the request (the server then closes its upstream request).
   *
   * @returns the finish reason.
   * @throws ChatApiError with the server's message; the abort reason when `signal` aborts.
   */
  async stream(
    model: string,
    messages: readonly ApiMessage[],
    onText: (text: string) => void,
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
    return await readCompletionEvents(response.body, onText);
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
      throw new ChatApiError(`Cannot reach the freechat server: ${(error as Error).message}`);
    }
  }
}
