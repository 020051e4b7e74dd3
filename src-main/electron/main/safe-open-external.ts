/**
 * The only way Floorwatch hands a URL to the operating system. Lint bans shell.openExternal
 * everywhere else, so the allow-list in security-policy.ts cannot be bypassed by a new caller.
 */
import { shell } from 'electron';
import { isAllowedExternalUrl } from './security-policy.js';

/**
 * Opens an https or mailto link in the user's browser or mail client.
 *
 * Anything else is refused, because the OS would happily launch local files and custom protocol
 * handlers. Resolves to whether the link was opened; never rejects.
 */
export async function safeOpenExternal(url: string): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) return false;
  try {
    // eslint-disable-next-line no-restricted-properties -- this is the one sanctioned caller
    await shell.openExternal(url);
    return true;
  } catch {
    return false;
  }
}
