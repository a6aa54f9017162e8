import { type NetworkInterfaceInfo, networkInterfaces } from 'node:os';

/** The hosts that listen on every interface. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/** Hosts that only this machine reaches. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

/** Whether a server listening on `host` can be reached from other machines. */
export function isReachableFromOutside(host: string): boolean {
  return !LOOPBACK_HOSTS.has(host) && !host.startsWith('127.');
}

/**
 * The URLs other machines can use to reach a server listening on `host` at `port`: for a wildcard host
 * (`0.0.0.0` every IPv4 interface, `::` every interface), one per non-internal address of this
 * machine; for any other host, none beyond the listening URL itself.
 */
export function reachableURLs(
  host: string,
  port: number,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string[] {
  if (!WILDCARD_HOSTS.has(host)) return [];
  const ipv4Only = host === '0.0.0.0';
  return Object.values(interfaces)
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => !address.internal && (!ipv4Only || address.family === 'IPv4'))
    .map((address) =>
      address.family === 'IPv6'
        ? `http://[${address.address}]:${port}`
        : `http://${address.address}:${port}`,
    );
}
