/**
 * "Start at login with the wallboard", for the PC behind a TV. macOS and Windows keep login items
 * themselves (`app.setLoginItemSettings`); Linux desktops follow the XDG autostart folder, where
 * a `.desktop` file starts the app. Pure: the paths and the file's text, for the glue to write.
 */
import { join } from 'node:path';

/** What the app is started with at login: the wallboard window on its remembered display. */
export const LOGIN_ARGUMENTS: readonly string[] = ['--wallboard'];

/** Where the autostart entry lives: `$XDG_CONFIG_HOME/autostart`, by default `.config/autostart` in the home folder. */
export function linuxAutostartPath(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const configHome = env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'autostart', 'floorwatch.desktop');
}

/** Quotes one Exec argument as the Desktop Entry specification asks (double quotes, \\ " ` $ escaped). */
function quoteExecArgument(argument: string): string {
  if (/^[\w@%+=:,./-]+$/.test(argument)) return argument;
  return `"${argument.replace(/[\\"`$]/g, (character) => `\\${character}`)}"`;
}

/** The autostart entry for the app at `executable` (an AppImage's path, or the installed binary). */
export function linuxAutostartEntry(executable: string, args: readonly string[] = LOGIN_ARGUMENTS): string {
  const exec = [executable, ...args].map(quoteExecArgument).join(' ').replace(/%/g, '%%');
  return ['[Desktop Entry]', 'Type=Application', 'Name=Floorwatch', 'Comment=Contact-center wallboard', `Exec=${exec}`, 'X-GNOME-Autostart-enabled=true', 'NoDisplay=false', ''].join('\n');
}

/** Whether an autostart file's text is ours and enabled (a user may have turned it off by hand). */
export function isEnabledAutostartEntry(text: string | null): boolean {
  if (text === null) return false;
  return text.includes('Name=Floorwatch') && !/^X-GNOME-Autostart-enabled=false$/m.test(text) && !/^Hidden=true$/m.test(text);
}

/**
 * How long the wallboard window waits before reloading after its page crashed: a second at first,
 * doubling with each crash in the last ten minutes up to a minute, so a page that crashes at once
 * does not spin the CPU.
 */
export function crashReloadDelayMs(recentCrashes: readonly number[], now: number): number {
  const inWindow = recentCrashes.filter((at) => now - at < 10 * 60_000).length;
  return Math.min(60_000, 1000 * 2 ** Math.max(0, inWindow - 1));
}
