/**
 * What the console's pages may load, and the types its files are served with: the same for the
 * Electron app:// scheme and the host, which differ only in whether the page may open a socket.
 */

/** The console's CSP: nothing but its own scripts, styles and images; `connectSrc` for the API socket. */
export function consoleContentSecurityPolicy(connectSrc: "'self'" | "'none'"): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The file types the console is built from; anything else is not served. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export function extensionOf(filePath: string): string {
  const dot = filePath.lastIndexOf('.');
  const slash = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'));
  return dot > slash ? filePath.slice(dot).toLowerCase() : '';
}

/** The Content-Type of a served file; module scripts are refused by Chromium without a JavaScript type. */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extensionOf(filePath)] ?? 'application/octet-stream';
}
