// Which Node ABI a native addon was built for, read from the symbols it exports: an addon made
// with NODE_MODULE exports `node_register_module_v<ABI>`, and Electron refuses one whose ABI is not
// its own ("was compiled against a different Node.js version"). Pure parsers of the three
// executable formats (ELF, Mach-O, PE), so the packaging check needs no nm, otool or dumpbin and
// is tested on the Node build in node_modules (tests/unit/scripts/native-abi.test.ts).

const REGISTER_PREFIX = 'node_register_module_v';

function reader(bytes, littleEndian) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (offset, length) => {
    if (offset < 0 || offset + length > bytes.byteLength) throw new Error(`the file is cut short (needs bytes ${offset}..${offset + length})`);
  };
  return {
    u8: (offset) => (need(offset, 1), view.getUint8(offset)),
    u16: (offset) => (need(offset, 2), view.getUint16(offset, littleEndian)),
    u32: (offset) => (need(offset, 4), view.getUint32(offset, littleEndian)),
    u64: (offset) => {
      need(offset, 8);
      const value = view.getBigUint64(offset, littleEndian);
      if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('an offset is too large');
      return Number(value);
    },
    cString: (offset, end = bytes.byteLength) => {
      need(offset, 1);
      let stop = offset;
      while (stop < end && stop < bytes.byteLength && bytes[stop] !== 0) stop += 1;
      return new TextDecoder('latin1').decode(bytes.subarray(offset, stop));
    },
  };
}

/** Global, defined symbols of an ELF shared object's dynamic symbol table (.dynsym). */
function elfExports(bytes) {
  const is64 = bytes[4] === 2;
  const read = reader(bytes, bytes[5] === 1);
  const shoff = is64 ? read.u64(0x28) : read.u32(0x20);
  const shentsize = read.u16(is64 ? 0x3a : 0x2e);
  const shnum = read.u16(is64 ? 0x3c : 0x30);
  const section = (index) => {
    const at = shoff + index * shentsize;
    return is64
      ? { type: read.u32(at + 4), offset: read.u64(at + 0x18), size: read.u64(at + 0x20), link: read.u32(at + 0x28), entsize: read.u64(at + 0x38) }
      : { type: read.u32(at + 4), offset: read.u32(at + 0x10), size: read.u32(at + 0x14), link: read.u32(at + 0x18), entsize: read.u32(at + 0x24) };
  };
  const SHT_DYNSYM = 11;
  const symbols = [];
  for (let index = 0; index < shnum; index += 1) {
    const table = section(index);
    if (table.type !== SHT_DYNSYM) continue;
    const strings = section(table.link);
    const entsize = table.entsize || (is64 ? 24 : 16);
    for (let at = table.offset; at + entsize <= table.offset + table.size; at += entsize) {
      const name = read.u32(at);
      const info = read.u8(is64 ? at + 4 : at + 12);
      const shndx = read.u16(is64 ? at + 6 : at + 14);
      const bind = info >> 4;
      // Defined (not SHN_UNDEF) and global, weak or GNU-unique: what the loader can find.
      if (shndx !== 0 && (bind === 1 || bind === 2 || bind === 10) && name !== 0) symbols.push(read.cString(strings.offset + name, strings.offset + strings.size));
    }
  }
  return symbols;
}

/** External, defined symbols of a 64-bit Mach-O file's LC_SYMTAB (each slice of a universal binary). */
function machOExports(bytes) {
  const magic = reader(bytes, false).u32(0);
  if (magic === 0xcafebabe) {
    const read = reader(bytes, false);
    const count = read.u32(4);
    const symbols = [];
    for (let index = 0; index < count; index += 1) {
      const at = 8 + index * 20;
      const offset = read.u32(at + 8);
      const size = read.u32(at + 12);
      symbols.push(...machOExports(bytes.subarray(offset, offset + size)));
    }
    return symbols;
  }
  const littleEndian = magic === 0xcffaedfe || magic === 0xcefaedfe;
  const read = reader(bytes, littleEndian);
  const is64 = read.u32(0) === 0xfeedfacf;
  const ncmds = read.u32(16);
  let at = is64 ? 32 : 28;
  const LC_SYMTAB = 0x2;
  const symbols = [];
  for (let index = 0; index < ncmds; index += 1) {
    const cmd = read.u32(at);
    const size = read.u32(at + 4);
    if (cmd === LC_SYMTAB) {
      const symoff = read.u32(at + 8);
      const nsyms = read.u32(at + 12);
      const stroff = read.u32(at + 16);
      const strsize = read.u32(at + 20);
      const entry = is64 ? 16 : 12;
      for (let symbol = 0; symbol < nsyms; symbol += 1) {
        const base = symoff + symbol * entry;
        const strx = read.u32(base);
        const type = read.u8(base + 4);
        // N_EXT set and N_TYPE == N_SECT: an exported, defined symbol.
        if ((type & 0x01) !== 0 && (type & 0x0e) === 0x0e && strx !== 0) symbols.push(read.cString(stroff + strx, stroff + strsize).replace(/^_/, ''));
      }
    }
    if (size === 0) break;
    at += size;
  }
  return symbols;
}

/** Names in a PE (Windows DLL) file's export directory. */
function peExports(bytes) {
  const read = reader(bytes, true);
  const pe = read.u32(0x3c);
  if (read.u32(pe) !== 0x00004550) throw new Error('not a PE file (no PE signature)');
  const coff = pe + 4;
  const sectionCount = read.u16(coff + 2);
  const optionalSize = read.u16(coff + 16);
  const optional = coff + 20;
  const is64 = read.u16(optional) === 0x20b;
  const exportRva = read.u32(optional + (is64 ? 112 : 96));
  if (exportRva === 0) return [];
  const sections = [];
  for (let index = 0; index < sectionCount; index += 1) {
    const at = optional + optionalSize + index * 40;
    sections.push({ virtualAddress: read.u32(at + 12), virtualSize: read.u32(at + 8), rawSize: read.u32(at + 16), rawOffset: read.u32(at + 20) });
  }
  const offsetOf = (rva) => {
    const owner = sections.find((section) => rva >= section.virtualAddress && rva < section.virtualAddress + Math.max(section.virtualSize, section.rawSize));
    if (owner === undefined) throw new Error(`address ${rva} is in no section`);
    return rva - owner.virtualAddress + owner.rawOffset;
  };
  const directory = offsetOf(exportRva);
  const nameCount = read.u32(directory + 24);
  const names = offsetOf(read.u32(directory + 32));
  const symbols = [];
  for (let index = 0; index < nameCount; index += 1) symbols.push(read.cString(offsetOf(read.u32(names + index * 4))));
  return symbols;
}

/** The executable format of a file, from its first bytes; null for anything else. */
export function binaryFormat(bytes) {
  if (bytes.byteLength < 64) return null;
  if (bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46) return 'elf';
  const magic = reader(bytes, false).u32(0);
  if ([0xfeedfacf, 0xcffaedfe, 0xfeedface, 0xcefaedfe, 0xcafebabe].includes(magic)) return 'mach-o';
  if (bytes[0] === 0x4d && bytes[1] === 0x5a) return 'pe';
  return null;
}

/** The symbols a native addon exports (without Mach-O's leading underscore). Throws for a file that is not a shared library. */
export function exportedSymbols(bytes) {
  const format = binaryFormat(bytes);
  switch (format) {
    case 'elf':
      return elfExports(bytes);
    case 'mach-o':
      return machOExports(bytes);
    case 'pe':
      return peExports(bytes);
    default:
      throw new Error('not an ELF, Mach-O or PE file');
  }
}

/** The ABIs an addon registers for (normally exactly one). */
export function registeredAbis(symbols) {
  return symbols
    .filter((symbol) => symbol.startsWith(REGISTER_PREFIX) && /^\d+$/.test(symbol.slice(REGISTER_PREFIX.length)))
    .map((symbol) => Number(symbol.slice(REGISTER_PREFIX.length)));
}

/**
 * Whether an addon loads in a runtime of ABI `expectedAbi`. The message says what was found, so a
 * failed packaging run names the cause (e.g. a Node build where an Electron build was expected).
 */
export function checkNativeAbi(bytes, expectedAbi, label = 'the addon') {
  let symbols;
  try {
    symbols = exportedSymbols(bytes);
  } catch (error) {
    return { ok: false, message: `${label} cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const abis = registeredAbis(symbols);
  if (abis.includes(Number(expectedAbi))) return { ok: true, message: `${label} exports ${REGISTER_PREFIX}${expectedAbi}` };
  const found = abis.length === 0 ? 'no node_register_module_v* symbol' : abis.map((abi) => `${REGISTER_PREFIX}${abi}`).join(', ');
  return { ok: false, message: `${label} was built for the wrong runtime: it exports ${found}, but the runtime needs ${REGISTER_PREFIX}${expectedAbi}` };
}
