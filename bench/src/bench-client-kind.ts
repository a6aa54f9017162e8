/** The ways of asking the emulator that the bench compares. */
export type ClientKind =
  | 'freechat'
  | 'freechat-http2'
  | 'undici'
  | 'undici-http2'
  | 'fetch'
  | 'new-connection'
  | 'node-http2'
  | 'node-http'
  | 'node-net';

/** One client, set up for one kind of reply: each call asks once and returns the whole decoded text. */
export interface BenchClient {
  /** Sends one signed request and reads its streamed reply to the end. */
  complete(): Promise<string>;
  /** Closes the client's pooled connections. */
  close(): Promise<void>;
}

/** Where and what a client asks. */
export interface BenchClientOptions {
  /** The Free2GPT base URL on the emulator (http or https). */
  baseURL: string;
  /** The `x-emulator-scenario` header value: the reply step every request asks for. */
  scenarioHeader: string;
}
