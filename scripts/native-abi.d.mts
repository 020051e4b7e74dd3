// Types of native-abi.mjs, for the tests that import it.
export type BinaryFormat = 'elf' | 'mach-o' | 'pe';
export function binaryFormat(bytes: Uint8Array): BinaryFormat | null;
export function exportedSymbols(bytes: Uint8Array): string[];
export function registeredAbis(symbols: readonly string[]): number[];
export function checkNativeAbi(bytes: Uint8Array, expectedAbi: number | string, label?: string): { readonly ok: boolean; readonly message: string };
