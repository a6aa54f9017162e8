/** The headers Cloudflare puts on the pages it serves itself, with a ray id made from the request id. */
export function cloudflareHeaders(requestId: number): Record<string, string> {
  return {
    'content-type': 'text/html; charset=UTF-8',
    'cache-control':
      'private, max-age=0, no-store, no-cache, must-revalidate, post-check=0, pre-check=0',
    server: 'cloudflare',
    'cf-ray': `8f${requestId.toString(16).padStart(14, '0')}-FRA`,
  };
}

/** A Cloudflare "managed challenge" interstitial, as served with status 403. */
export function cloudflareChallengePage(): string {
  return [
    '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>',
    '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">',
    '<meta name="robots" content="noindex,nofollow">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    '</head><body class="no-js"><div class="main-wrapper" role="main"><div class="main-content">',
    '<h1 class="zone-name-title h1">Checking if the site connection is secure</h1>',
    '<div id="cf-spinner-please-wait"><div class="cf-spinner"></div></div>',
    '<noscript><div class="h2">Enable JavaScript and cookies to continue</div></noscript>',
    '</div></div><div class="footer" role="contentinfo"><div class="footer-inner">',
    '<div class="text-center">Performance &amp; security by Cloudflare (emulated)</div>',
    '</div></div></body></html>',
  ].join('\n');
}

/** Cloudflare's error page for status 520, "Web server is returning an unknown error". */
export function cloudflare520Page(): string {
  return [
    '<!DOCTYPE html><html lang="en-US"><head>',
    '<title>520: Web server is returning an unknown error</title>',
    '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">',
    '</head><body><div id="cf-wrapper"><div id="cf-error-details" class="cf-error-details-wrapper">',
    '<h1><span class="cf-error-type">Web server is returning an unknown error</span>',
    '<span class="cf-error-code">Error code 520</span></h1>',
    '<p>There is an unknown connection issue between Cloudflare and the origin web server.</p>',
    '</div></div></body></html>',
  ].join('\n');
}
