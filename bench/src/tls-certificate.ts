import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** Where the bench's self-signed certificate and its key were written. */
export interface CertificateFiles {
  certFile: string;
  keyFile: string;
}

/**
 * Makes a self-signed RSA 2048 certificate for 127.0.0.1 (valid two days) and writes it to `directory`.
 * Clients trust it through `NODE_EXTRA_CA_CERTS`, so each uses its default TLS settings.
 */
export async function createCertificate(directory: string): Promise<CertificateFiles> {
  const pems = generate([{ name: 'commonName', value: '127.0.0.1' }], {
    days: 2,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  const files = { certFile: join(directory, 'cert.pem'), keyFile: join(directory, 'key.pem') };
  await writeFile(files.certFile, pems.cert);
  await writeFile(files.keyFile, pems.private);
  return files;
}
