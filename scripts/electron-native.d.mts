// Types of electron-native.mjs, for the tests that import it.
export type ElectronRuntime = { readonly present: true; readonly binary: string } | { readonly present: false; readonly reason: string };

export function locateElectronRuntime(options: {
  readonly electronDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly exists: (path: string) => boolean;
  readonly readText: (path: string) => string;
}): ElectronRuntime;

export interface NativeCachePaths {
  readonly dir: string;
  readonly binding: string;
  readonly stamp: string;
  readonly workDir: string;
}
export function nativeCachePaths(root: string, electronVersion: string): NativeCachePaths;

export interface NativeBuildStamp {
  readonly electronVersion: string;
  readonly betterSqliteVersion: string;
  readonly platform: string;
  readonly arch: string;
}
export function needsNativeBuild(options: { readonly bindingExists: boolean; readonly stampText: string | null; readonly expected: NativeBuildStamp }): boolean;

export interface LaunchPlan {
  readonly kind: 'electron' | 'host';
  readonly command: string;
  readonly args: readonly string[];
  /** The built file the child needs; start.mjs checks it exists first. */
  readonly entry: string;
  readonly env: Record<string, string | undefined>;
  readonly notice: string | null;
}
export function planLaunch(options: {
  readonly root: string;
  readonly args: readonly string[];
  readonly runtime: ElectronRuntime;
  readonly nativeBinding: string | null;
  readonly nativeError: string | null;
  readonly execPath: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: string;
}): LaunchPlan;

export function exitCodeOf(code: number | null | undefined, signal: string | null | undefined): number;

export function copyModuleSource(fromDir: string, toDir: string): Promise<void>;

export function ensureElectronNativeBinding(options: { readonly root: string; readonly electronVersion: string; readonly log: (line: string) => void }): Promise<string>;

export const HOST_NODE_FLAGS: readonly string[];
