import { isIP } from 'node:net';
import { generate } from 'selfsigned';
import type { EmulatorTls } from '../emulator-options.js';

/**
 * A self-signed certificate (RSA 2048, SHA-256, valid 30 days) for `host`, an IP address or a DNS
 * name, that is its own CA: trust its `cert` (`NODE_EXTRA_CA_CERTS`, `tls.setDefaultCACertificates`,
 * undici's `connect.ca`) and a client verifies the emulator as it would a real site.
 */
export function selfSignedCertificate(host: string): EmulatorTls {
  const altName = isIP(host) === 0 ? { type: 2, value: host } : { type: 7, ip: host };
  const pems = generate([{ name: 'commonName', value: host }], {
    days: 30,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
      { name: 'subjectAltName', altNames: [altName] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
