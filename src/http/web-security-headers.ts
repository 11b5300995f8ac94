// Headers on every answer of the server, pages and API alike. The pages load nothing from another
// origin (no CDN, no tile server, no font host) and run no inline script or style, so the policy can
// be strict: a script injected into a page has nowhere to come from and nowhere to send data to.
// img-src allows data: because Leaflet's CSS draws a few controls with data: URIs.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // The management link carries its token in the fragment, which is never sent; no-referrer also
  // keeps page paths (alert ids, task ids) from leaking to anything a page links to.
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()',
};
