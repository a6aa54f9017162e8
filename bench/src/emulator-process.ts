/**
 * The emulator's own process (spawned by the runner with node, so it never shares the clients' event
 * loop): the emulator on a free loopback port, its log off, plus the TLS proxy in front of it, a second
 * emulator serving HTTPS (HTTP/2) itself, S3a's ASCII reply server and S5's h2 reply server. Reports
 * `{ url, tlsURL, emulatorTlsURL, asciiURL, h2URL }` over IPC and closes when told to or when the runner goes away.
 */
import { readFile } from 'node:fs/promises';
import { startEmulator } from '@freechat/emulator';
import { startAsciiReplyServer } from './ascii-reply-server.js';
import { startH2ReplyServer } from './h2-reply-server.js';
import { startTlsProxy } from './tls-proxy.js';

const [certFile, keyFile] = process.argv.slice(2);
if (certFile === undefined || keyFile === undefined || process.send === undefined) {
  throw new Error('usage: node emulator-process.js <cert.pem> <key.pem>, forked with IPC');
}
const emulator = await startEmulator({ maxLogEntries: 0 });
const cert = await readFile(certFile, 'utf8');
const key = await readFile(keyFile, 'utf8');
// The emulator serving HTTPS itself, HTTP/2 or HTTP/1.1 by ALPN (S5's `*-http2` clients).
const emulatorTls = await startEmulator({ maxLogEntries: 0, tls: { cert, key } });
const ascii = await startAsciiReplyServer();
const h2 = await startH2ReplyServer();
const proxy = await startTlsProxy({
  cert,
  key,
  targetPort: Number(new URL(emulator.url).port),
});

let closing = false;
const shutDown = () => {
  if (closing) return;
  closing = true;
  Promise.all([
    proxy.close(),
    ascii.close(),
    h2.close(),
    emulator.close(),
    emulatorTls.close(),
  ]).then(() => process.exit(0));
};
process.on('message', shutDown);
process.on('disconnect', shutDown);
process.send({
  url: emulator.url,
  tlsURL: proxy.url,
  emulatorTlsURL: emulatorTls.url,
  asciiURL: ascii.url,
  h2URL: h2.url,
});
