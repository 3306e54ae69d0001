// Strings that match a LIKE pattern or a simple regular expression (literals, classes, escapes,
// {n}, {n,m}, ?, *, +, anchors, alternation-free groups). Anything more elaborate returns undefined
// and the caller falls back to rejection sampling.
import type { Random } from './random';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';

export function fromLike(pattern: string, rng: Random, words: readonly string[]): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) out += pattern[++i];
    else if (c === '%') out += rng.pick(words);
    else if (c === '_') out += LOWER[rng.int(0, 25)];
    else out += c;
  }
  return out;
}

interface Atom {
  chars: string;
  min: number;
  max: number;
}

const parsed = new Map<string, Atom[] | null>();

function classChars(body: string): string | undefined {
  let negate = false;
  if (body.startsWith('^')) {
    negate = true;
    body = body.slice(1);
  }
  body = body.replace(/\[:alpha:\]/g, 'a-zA-Z').replace(/\[:digit:\]/g, '0-9').replace(/\[:alnum:\]/g, 'a-zA-Z0-9').replace(/\[:upper:\]/g, 'A-Z').replace(/\[:lower:\]/g, 'a-z');
  let chars = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length) {
      const e = body[++i]!;
      chars += e === 'd' ? DIGITS : e === 'w' ? LOWER + UPPER + DIGITS + '_' : e === 's' ? ' ' : e;
      continue;
    }
    if (body[i + 1] === '-' && i + 2 < body.length) {
      const end = body[i + 2]!;
      for (let x = c.charCodeAt(0); x <= end.charCodeAt(0); x++) chars += String.fromCharCode(x);
      i += 2;
      continue;
    }
    chars += c;
  }
  if (!negate) return chars;
  const all = LOWER + UPPER + DIGITS;
  const allowed = [...all].filter((x) => !chars.includes(x)).join('');
  return allowed || undefined;
}

function parseRegex(re: string): Atom[] | null {
  const atoms: Atom[] = [];
  let i = 0;
  if (re.startsWith('^')) i = 1;
  let end = re.length;
  if (re.endsWith('$') && !re.endsWith('\\$')) end--;
  const anchoredStart = re.startsWith('^');
  const anchoredEnd = end < re.length;
  if (!anchoredStart) atoms.push({ chars: LOWER, min: 0, max: 0 });
  while (i < end) {
    const c = re[i]!;
    let chars: string | undefined;
    if (c === '[') {
      const close = re.indexOf(']', i + 2);
      if (close < 0) return null;
      chars = classChars(re.slice(i + 1, close));
      i = close + 1;
    } else if (c === '\\') {
      const e = re[i + 1];
      chars = e === 'd' ? DIGITS : e === 'w' ? LOWER + DIGITS : e === 's' ? ' ' : e;
      i += 2;
    } else if (c === '.') {
      chars = LOWER + DIGITS;
      i++;
    } else if ('()|+*?{}'.includes(c)) return null;
    else {
      chars = c;
      i++;
    }
    if (!chars) return null;
    let min = 1;
    let max = 1;
    const q = re[i];
    if (q === '?') [min, max, i] = [0, 1, i + 1];
    else if (q === '*') [min, max, i] = [0, 4, i + 1];
    else if (q === '+') [min, max, i] = [1, 5, i + 1];
    else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(re.slice(i));
      if (!m) return null;
      min = Number(m[1]);
      max = m[2] ? (m[3] ? Number(m[3]) : min + 4) : min;
      i += m[0].length;
    }
    atoms.push({ chars, min, max });
  }
  void anchoredEnd;
  return atoms;
}

/** A string matching `re`, or undefined when the pattern is beyond this small generator. */
export function fromRegex(re: string, rng: Random): string | undefined {
  let atoms = parsed.get(re);
  if (atoms === undefined) {
    atoms = parseRegex(re);
    parsed.set(re, atoms);
  }
  if (!atoms) return undefined;
  let out = '';
  for (const a of atoms) {
    const n = a.max === 0 ? 0 : rng.int(a.min, a.max);
    for (let k = 0; k < n; k++) out += a.chars[rng.int(0, a.chars.length - 1)];
  }
  return out;
}
