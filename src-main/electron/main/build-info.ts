/**
 * What the running app is: version, the commit it was built from, its runtimes. The commit is a
 * constant the build writes in (scripts/build-lib.mjs); a bundle built outside git says "unknown".
 */
import type { AboutPanelOptionsOptions } from 'electron';

declare const FLOORWATCH_BUILD_COMMIT: string | undefined;

/** The commit the bundle was built from. */
export function buildCommit(): string {
  return typeof FLOORWATCH_BUILD_COMMIT === 'string' && FLOORWATCH_BUILD_COMMIT.length > 0 ? FLOORWATCH_BUILD_COMMIT : 'unknown';
}

/** The About panel on every platform: version and commit, and the runtimes a support question needs. */
export function aboutPanelOptions(appVersion: string, versions: { readonly electron: string; readonly chrome: string; readonly node: string }): AboutPanelOptionsOptions {
  return {
    applicationName: 'Floorwatch',
    applicationVersion: appVersion,
    version: buildCommit(),
    copyright: 'Copyright © Floorwatch',
    credits: `Electron ${versions.electron} · Chromium ${versions.chrome} · Node ${versions.node}`,
  };
}
