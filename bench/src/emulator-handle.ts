import { once } from 'node:events';
import { forkBenchModule } from './child-process.js';
import type { CertificateFiles } from './tls-certificate.js';

/** The emulator running in its own process. */
export interface EmulatorHandle {
  /** `http://127.0.0.1:PORT` of the emulator. */
  url: string;
  /** `https://127.0.0.1:PORT` of the TLS proxy in front of it. */
  tlsURL: string;
  /** `https://127.0.0.1:PORT` of a second emulator serving HTTPS itself, HTTP/2 or HTTP/1.1 by ALPN. */
  emulatorTlsURL: string;
  /** `http://127.0.0.1:PORT` of S3a's ASCII reply server (same process). */
  asciiURL: string;
  /** `http://127.0.0.1:PORT` (h2c) of S5's HTTP/2 reply server (same process). */
  h2URL: string;
  /** The certificate clients must trust for `tlsURL`. */
  certFile: string;
  /** The emulator process's id, for its CPU time in `/proc`. */
  pid: number;
  /** Asks the process to close everything and waits for it to exit. */
  stop(): Promise<void>;
}

/** Spawns `node emulator-process.js` and waits until it listens. */
export async function startEmulatorProcess(certificate: CertificateFiles): Promise<EmulatorHandle> {
  const child = forkBenchModule('emulator-process.js', [certificate.certFile, certificate.keyFile]);
  const [ready] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(() => {
      throw new Error('the emulator process exited before listening');
    }),
  ])) as [{ url: string; tlsURL: string; emulatorTlsURL: string; asciiURL: string; h2URL: string }];
  return {
    url: ready.url,
    tlsURL: ready.tlsURL,
    emulatorTlsURL: ready.emulatorTlsURL,
    asciiURL: ready.asciiURL,
    h2URL: ready.h2URL,
    certFile: certificate.certFile,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.send('close');
      await exited;
    },
  };
}
