/**
 * Resolves a request path to a file inside the renderer directory, or null. Parsing with URL and
 * checking the resolved path (not the string) is what keeps `..`, encoded dots and backslashes out.
 */
import { resolve, sep } from 'node:path';
import { CONTENT_TYPES, consoleContentSecurityPolicy, extensionOf } from '../../src-shared/console-policy.js';

export function resolveStaticFile(requestUrl: string, rootDir: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://host.invalid').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = resolve(rootDir);
  const file = resolve(root, `.${pathname}`);
  if (!file.startsWith(root + sep)) return null;
  if (!(extensionOf(file) in CONTENT_TYPES)) return null;
  return file;
}

/** The console's CSP: nothing but our own scripts, styles and the API socket on this origin. */
export const CONTENT_SECURITY_POLICY = consoleContentSecurityPolicy("'self'");
