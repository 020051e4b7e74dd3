// Types of build-lib.mjs, for the TypeScript that imports it (test setup).
export const root: string;
export const TARGETS: readonly string[];
export function buildAll(options?: { readonly only?: readonly string[]; readonly quiet?: boolean; readonly dev?: boolean }): Promise<void>;
