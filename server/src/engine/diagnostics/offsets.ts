// libpg-query reports byte offsets into the UTF-8 text; the editor counts UTF-16 code units. This
// maps one to the other, with a fast path for ASCII text (the common case) where they are equal.

export type ByteToChar = (byteOffset: number) => number;

export function byteToCharMapper(text: string): ByteToChar {
  if (/^[\x00-\x7f]*$/.test(text)) return (b) => b;
  const byteStarts: number[] = []; // byte offset at each char index
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    byteStarts.push(b);
    const c = text.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      b += 4;
      byteStarts.push(b); // low surrogate: never a token start; keep arrays aligned
      i++;
    } else b += 3;
  }
  byteStarts.push(b);
  return (byte) => {
    let lo = 0;
    let hi = byteStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (byteStarts[mid] <= byte) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}
