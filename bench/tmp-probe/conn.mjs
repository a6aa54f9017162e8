import net from 'node:net';
let conns = 0;
const emit = net.Server.prototype.emit;
net.Server.prototype.emit = function (e, ...a) { if (e === 'connection' && this.__emu) conns++; return emit.call(this, e, ...a); };
import { startEmulator, scenarioHeaderValue, SCENARIO_HEADER, toolCallText } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
import { createServer } from '@freechat/server';
const listen = net.Server.prototype.listen; let first = true;
net.Server.prototype.listen = function (...a) { if (first) { this.__emu = true; first = false; } return listen.apply(this, a); };
const emu = await startEmulator({ port: 0, log: false });
const text = toolCallText([{ name: 'lookup', arguments: { query: 'x'.repeat(280) } }]);
const mode = process.argv[2];
const reply = scenarioHeaderValue({ text: mode === 'call' ? text : 'y'.repeat(320), chunkSize: 16 });
const provider = createFree2GPT({ baseURL: `${emu.url}/free2gpt`, headers: { [SCENARIO_HEADER]: reply } });
const server = createServer({ providers: [provider] });
const url = await server.listen();
const body = JSON.stringify({ model: 'free2gpt', stream: true, messages: [{ role: 'user', content: 'hi' }],
  tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } } }] });
for (let i = 0; i < 50; i++) {
  const r = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const t = await r.text();
  
}
console.log('connections', conns);
await server.close(); await emu.close();
