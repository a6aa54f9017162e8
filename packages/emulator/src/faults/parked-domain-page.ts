/**
 * A parked domain's landing page, as a registrar serves it with status 200 for any path and method:
 * what a client gets when a site's domain has lapsed.
 */
export function parkedDomainPage(): string {
  return [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
    '<title>This domain is parked</title>',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    '</head><body><main><h1>This domain is parked</h1>',
    '<p>The owner of this domain has not set up a website yet (emulated).</p>',
    '</main></body></html>',
  ].join('\n');
}
