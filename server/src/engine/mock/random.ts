// Seeds for the mock generator: every table (and every faker pool) gets its own stream derived from
// the user's seed and its name, so adding a table or a column leaves the other tables' data unchanged.
import { Random } from '../sample/random';

export { Random };

/** 32-bit FNV-1a of the parts, mixed: a stable seed from a seed and names. */
export function seedFor(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    const s = String(p) + '\u0000';
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** A random index in [0, n) skewed towards a few "popular" items (u² density): realistic fan-out. */
export function skewedIndex(rng: Random, n: number): number {
  const u = rng.next();
  return Math.min(n - 1, Math.floor(u * u * n));
}

const HEX = '0123456789abcdef';

/** A version-4-shaped UUID from the seeded stream (never the database's gen_random_uuid()). */
export function seededUuid(rng: Random): string {
  let s = '';
  for (let i = 0; i < 32; i++) {
    let d = Math.floor(rng.next() * 16);
    if (i === 12) d = 4;
    if (i === 16) d = 8 + (d & 3);
    s += HEX[d];
    if (i === 7 || i === 11 || i === 15 || i === 19) s += '-';
  }
  return s;
}
