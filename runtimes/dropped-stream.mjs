// Measures how long a dropped stream keeps its socket on this runtime: streams from a local server
// that sends part of a reply and then stalls, drops the stream after its first chunk (no return(), no
// abort), and reports when the server sees the socket close (core closes a dropped stream's request
// once the garbage collector has collected it). Never forces a collection; gives up after 60 s.
// Usage (after `pnpm build`): node runtimes/dropped-stream.mjs | bun runtimes/dropped-stream.mjs |
//   deno run --allow-read --allow-env --allow-net=127.0.0.1 runtimes/dropped-stream.mjs
import { createServer } from 'node:http';
import { createFree2GPT } from '../packages/free2gpt/dist/index.js';

const LIMIT = 60_000;
const runtime = globalThis.Deno ? 'Deno' : process.versions.bun ? 'Bun' : 'Node';
let closedAt;
const server = createServer((request, response) => {
  request.resume();
  request.socket.on('close', () => {
    closedAt = performance.now();
  });
  response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  response.write('part of a reply');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const provider = createFree2GPT({
  baseURL: `http://127.0.0.1:${server.address().port}`,
  timeout: LIMIT,
  idleTimeout: LIMIT,
});

async function readOneChunkAndDrop() {
  const stream = provider.stream({ messages: [{ role: 'user', content: 'hi' }] });
  await stream[Symbol.asyncIterator]().next();
}

await readOneChunkAndDrop();
const droppedAt = performance.now();
while (closedAt === undefined && performance.now() - droppedAt < LIMIT) {
  await new Promise((resolve) => setTimeout(resolve, 10));
}
console.log(
  closedAt === undefined
    ? `${runtime}: the dropped stream still held its socket after ${LIMIT / 1000} s`
    : `${runtime}: the dropped stream's socket closed ${Math.round(closedAt - droppedAt)} ms after the drop`,
);
await provider.close();
server.close();
