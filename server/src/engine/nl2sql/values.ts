// Literal values a question names: quoted strings, runs of Capitalized Words in mid-sentence
// ("customers in New York"), codes such as PG-13, ISO dates and years. Used to decide whether
// sample values are worth fetching, and by the offline translator for filters.

export interface NamedValue {
  text: string;
  /** Character offset in the question. */
  start: number;
  end: number;
  kind: 'quoted' | 'capitalized' | 'code' | 'date' | 'number';
}

const QUESTION_OPENERS = new Set(
  'how what which who whom whose where when list show give find get tell count display return is are do does did name please top average total sum the a an in for'.split(' '),
);

export function namedValues(question: string): NamedValue[] {
  const out: NamedValue[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);
  const add = (v: NamedValue) => {
    if (!free(v.start, v.end)) return;
    taken.push([v.start, v.end]);
    out.push(v);
  };
  for (const m of question.matchAll(/'([^']*)'|"([^"]*)"|\u201c([^\u201d]*)\u201d|\u2018([^\u2019]*)\u2019/g)) {
    add({ text: m[1] ?? m[2] ?? m[3] ?? m[4] ?? '', start: m.index, end: m.index + m[0].length, kind: 'quoted' });
  }
  for (const m of question.matchAll(/\b(\d{4}-\d{2}-\d{2})\b/g)) add({ text: m[1]!, start: m.index, end: m.index + m[0].length, kind: 'date' });
  // Codes: letters and digits joined by - or / (PG-13, NC-17, AC/DC), or all-caps words (USA, G).
  for (const m of question.matchAll(/\b([A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)+|[A-Z]{1,5}\b(?![a-z]))/g)) {
    if (/^\d+([-/]\d+)*$/.test(m[1]!) && m[1]!.length !== 4) continue;
    add({ text: m[1]!, start: m.index, end: m.index + m[0].length, kind: 'code' });
  }
  for (const m of question.matchAll(/\b([A-Z][a-zA-Z]*(?:\s+(?:of|de|la|and|&)?\s*[A-Z][a-zA-Z]*)*)\b/g)) {
    const atStart = question.slice(0, m.index).trim() === '';
    let text = m[1]!;
    let start = m.index;
    if (atStart) {
      const [first, ...rest] = text.split(/\s+/);
      if (QUESTION_OPENERS.has(first!.toLowerCase()) || rest.length === 0) {
        if (rest.length === 0) continue;
        text = rest.join(' ');
        start = question.indexOf(text, start);
      }
    }
    if (text === 'I') continue;
    add({ text, start, end: start + text.length, kind: 'capitalized' });
  }
  for (const m of question.matchAll(/(?<![\w-])(\d+(?:\.\d+)?)(?![\w-])/g)) add({ text: m[1]!, start: m.index, end: m.index + m[0].length, kind: 'number' });
  return out.sort((a, b) => a.start - b.start);
}

/** Values worth looking up among the text columns (numbers and dates are not). */
export function textValueHints(question: string): string[] {
  return namedValues(question)
    .filter((v) => v.kind === 'quoted' || v.kind === 'capitalized' || v.kind === 'code')
    .map((v) => v.text)
    .filter((t) => t.length > 0);
}
