const CHALLENGE_MARKERS = [
  '<title>Just a moment...</title>',
  '<title>Attention Required! | Cloudflare</title>',
  'cf-spinner-please-wait',
  'cf-please-wait',
  'cf-cloudflare-status',
];

/**
 * Whether a response is Cloudflare's rather than the site's: its "unknown error" 520, or a 403/503
 * challenge page.
 */
export function isCloudflareResponse(status: number, body: string): boolean {
  if (status === 520) return true;
  if (status !== 403 && status !== 503) return false;
  return CHALLENGE_MARKERS.some((marker) => body.includes(marker));
}
