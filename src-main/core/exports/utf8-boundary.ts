/** Cuts a buffer before a UTF-8 sequence that runs past its end, so text never splits a character. */
export function utf8Boundary(buffer: Buffer, length: number): number {
  let end = length;
  let lead = end - 1;
  // Walk back over continuation bytes (10xxxxxx) to the sequence's first byte.
  while (lead >= 0 && lead > end - 4 && ((buffer[lead] ?? 0) & 0xc0) === 0x80) lead -= 1;
  if (lead < 0) return end;
  const first = buffer[lead] ?? 0;
  const needed = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  if (lead + needed > end) end = lead;
  return end;
}
