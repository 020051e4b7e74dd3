/** pino-roll ships no types: the part of its API Floorwatch uses (docs/decisions/0028-log-files-and-the-desktop-shell.md). */
declare module 'pino-roll' {
  import type { SonicBoom, SonicBoomOpts } from 'sonic-boom';

  interface PinoRollOptions extends Omit<SonicBoomOpts, 'dest'> {
    readonly file: string | (() => string);
    readonly size?: number | string;
    readonly frequency?: number | string;
    readonly extension?: string;
    readonly symlink?: boolean;
    readonly limit?: { readonly count?: number; readonly removeOtherLogFiles?: boolean };
    readonly dateFormat?: string;
  }

  /** The stream; `file` is the path being written now (it changes on each roll). */
  function roll(options: PinoRollOptions): Promise<SonicBoom & { readonly file: string }>;
  export = roll;
}
