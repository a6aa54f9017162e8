/**
 * S6's floor: the least a Node gateway can do for a streamed completion, in its own process. A
 * `node:http` server that parses the JSON body, signs the Free2GPT request, posts it upstream with
 * undici on one pooled Agent and sends each upstream chunk as one `chat.completion.chunk` event, then
 * `[DONE]`. Nothing else: no validation, no error mapping, no stop sequences, no usage, no abort
 * handling. Reports its URL over IPC and closes when told to or when the runner goes away.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSignature } from '@freechat/core';
import { SCENARIO_HEADER } from '@freechat/emulator';
import { Agent, request } from 'undici';

const [emulatorURL, scenarioHeader] = process.argv.slice(2);
if (emulatorURL === undefined || scenarioHeader === undefined || process.send === undefined) {
  throw new Error(
    'usage: node floor-gateway-process.js <emulator URL> <scenario header>, forked with IPC',
  );
}
const upstream = `${emulatorURL}/free2gpt/api/generate`;
const agent = new Agent();

const server = createServer((incoming, outgoing) => {
  let body = '';
  incoming.setEncoding('utf8');
  incoming.on('data', (piece: string) => {
    body += piece;
  });
  incoming.on('end', async () => {
    const { model, messages } = JSON.parse(body) as {
      model: string;
      messages: { role: string; content: string }[];
    };
    const time = Date.now();
    const upstreamResponse = await request(upstream, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'text/plain;charset=UTF-8', [SCENARIO_HEADER]: scenarioHeader },
      body: JSON.stringify({
        messages,
        time,
        pass: null,
        sign: generateSignature(time, messages[messages.length - 1]!.content),
      }),
    });
    outgoing.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const prefix = `data: {"id":"chatcmpl-floor","object":"chat.completion.chunk","created":${Math.floor(time / 1000)},"model":${JSON.stringify(model)},"choices":[{"index":0,"delta":{"content":`;
    const decoder = new TextDecoder();
    for await (const chunk of upstreamResponse.body) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (text !== '')
        outgoing.write(`${prefix}${JSON.stringify(text)}},"finish_reason":null}]}\n\n`);
    }
    outgoing.end('data: [DONE]\n\n');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ url: `http://127.0.0.1:${port}` });
});

let closing = false;
const shutDown = () => {
  if (closing) return;
  closing = true;
  server.closeAllConnections();
  server.close(() => agent.close().then(() => process.exit(0)));
};
process.on('message', shutDown);
process.on('disconnect', shutDown);
