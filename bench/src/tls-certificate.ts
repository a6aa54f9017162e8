import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { selfSignedCertificate } from '@freechat/emulator';

/** Where the bench's self-signed certificate and its key were written. */
export interface CertificateFiles {
  certFile: string;
  keyFile: string;
}

/**
 * Makes a self-signed RSA 2048 certificate for 127.0.0.1 (the emulator's) and writes it to `directory`.
 * Clients trust it through `NODE_EXTRA_CA_CERTS`, so each uses its default TLS settings.
 */
export async function createCertificate(directory: string): Promise<CertificateFiles> {
  const pems = selfSignedCertificate('127.0.0.1');
  const files = { certFile: join(directory, 'cert.pem'), keyFile: join(directory, 'key.pem') };
  await writeFile(files.certFile, pems.cert);
  await writeFile(files.keyFile, pems.key);
  return files;
}
