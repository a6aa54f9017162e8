import type { EndpointAddress } from '../settings/endpoint.js';
import type { ProviderDefinition } from './provider-definition.js';

/**
 * The `origin` and `referer` a site's front end sends, for the site a request actually goes to: a
 * moved site's front end lives at its new address, so they follow an overridden base URL. None when
 * the site's front end sends none (FreeGpt's API mirrors).
 */
export function originHeaders(
  definition: Pick<ProviderDefinition, 'originHeaders'>,
  address: EndpointAddress,
): Record<string, string> {
  if (!definition.originHeaders) return {};
  return { origin: address.origin, referer: `${address.baseURL}/` };
}
