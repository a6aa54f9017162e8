// The undici classes the core builds its transports from, taken from the `undici` package that
// @freechat/core depends on. Bun answers the bare specifier `undici` with a replacement module of its
// own, which has no Socks5ProxyAgent and whose Agent has no `dispatch`; the package's file path is
// not replaced, so Node, Bun and Deno all load the same undici from node_modules.
export { Agent, buildConnector, ProxyAgent, Socks5ProxyAgent } from 'undici/index.js';
