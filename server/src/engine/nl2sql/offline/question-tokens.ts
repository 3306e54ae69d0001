// Tokens of a question for the offline translator: words (with stems), numbers, ISO dates,
// quoted strings and codes such as PG-13 or AC/DC, each with its position.
import { stem } from '../words';

export interface QToken {
  raw: string;
  lower: string;
  stem: string;
  /** Verb-form root for fuzzy matches ("rated" / "rating" → "rat"); equals stem for other words. */
  root: string;
  kind: 'word' | 'number' | 'date' | 'quoted' | 'code';
  /** Starts with a capital letter (and is not the first word). */
  capitalized: boolean;
  index: number;
}

export function verbRoot(word: string): string {
  const w = word.toLowerCase();
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  return stem(w);
}

const TOKEN = /'([^']*)'|"([^"]*)"|\u201c([^\u201d]*)\u201d|(\d{4}-\d{2}-\d{2})|(\d+(?:\.\d+)?)(?![\w/-])|([A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)+)|([A-Za-z][A-Za-z0-9']*)/g;

export function tokenizeQuestion(question: string): QToken[] {
  const out: QToken[] = [];
  for (const m of question.matchAll(TOKEN)) {
    const index = out.length;
    const quoted = m[1] ?? m[2] ?? m[3];
    if (quoted !== undefined) out.push(tok(quoted, 'quoted', index, false));
    else if (m[4]) out.push(tok(m[4], 'date', index, false));
    else if (m[5]) out.push(tok(m[5], 'number', index, false));
    else if (m[6]) out.push(tok(m[6], 'code', index, false));
    else {
      const raw = m[7]!.replace(/'s$/i, '');
      const isCap = /^[A-Z]/.test(raw) && index > 0;
      const allCaps = /^[A-Z]{2,}$/.test(raw);
      out.push(tok(raw, allCaps && index > 0 ? 'code' : 'word', index, isCap));
    }
  }
  return out;
}

function tok(raw: string, kind: QToken['kind'], index: number, capitalized: boolean): QToken {
  const lower = raw.toLowerCase();
  const s = kind === 'word' ? stem(lower) : lower;
  return { raw, lower, stem: s, root: kind === 'word' ? verbRoot(lower) : lower, kind, capitalized, index };
}
