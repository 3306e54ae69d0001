// Word handling shared by schema linking and the offline translator: split identifiers
// (snake_case, camelCase, "Quoted Names"), fold words to a crude stem, and expand simple synonyms.
// Deliberately small and deterministic: no dictionary, no model.

/** Splits an identifier or a phrase into lower-case words: "billingCountry" → ["billing","country"]. */
export function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

const IRREGULAR: Record<string, string> = {
  people: 'person',
  persons: 'person',
  children: 'child',
  men: 'man',
  women: 'woman',
  staff: 'staff',
  series: 'series',
  media: 'media',
  data: 'data',
  address: 'address',
  addresses: 'address',
  status: 'status',
  statuses: 'status',
  countries: 'country',
  cities: 'city',
  movies: 'movie',
};

/**
 * Stemming-lite: plural and a few verb forms to one key ("invoices" → "invoice", "categories" →
 * "category", "rented" → "rent"). Wrong stems are harmless as long as both sides get the same one.
 */
export function stem(word: string): string {
  const w = word.toLowerCase();
  const irregular = IRREGULAR[w];
  if (irregular) return irregular;
  if (w.length <= 3 || /^\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (/(sses|xes|ches|shes|zes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/**
 * splitWords + stem of a name, memoised: a large schema repeats the same column names (id, name,
 * created_at) in thousands of tables. The cache is bounded; past the bound names are not cached.
 */
const nameStems = new Map<string, readonly string[]>();
export function stemsOfName(name: string): readonly string[] {
  let s = nameStems.get(name);
  if (!s) {
    s = splitWords(name).map(stem);
    if (nameStems.size < 200_000) nameStems.set(name, s);
  }
  return s;
}

/** Groups of words that mean the same thing in questions about data (all already stemmed). */
const SYNONYM_GROUPS: string[][] = [
  ['customer', 'client', 'buyer', 'shopper'],
  ['employee', 'staff', 'worker', 'personnel'],
  ['artist', 'singer', 'musician', 'band', 'performer'],
  ['track', 'song', 'tune'],
  ['film', 'movie'],
  ['invoice', 'bill'],
  ['country', 'nation'],
  ['city', 'town'],
  ['length', 'duration', 'runtime'],
  ['price', 'cost'],
  ['amount', 'total'],
  ['product', 'item', 'article'],
  ['order', 'purchase'],
  ['supplier', 'vendor'],
  ['category', 'kind'],
  ['name', 'title'],
  ['rental', 'rent', 'loan'],
  ['payment', 'pay'],
  ['user', 'account'],
  ['student', 'pupil'],
  ['teacher', 'instructor', 'professor'],
  ['salary', 'wage', 'pay'],
  ['birth', 'born'],
  ['album', 'record'],
];

const SYNONYMS = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS) {
  for (const w of group) SYNONYMS.set(w, [...new Set([...(SYNONYMS.get(w) ?? []), ...group.filter((g) => g !== w)])]);
}

/** Other stems that mean the same as this one (not including itself). */
export function synonymsOf(stemmed: string): readonly string[] {
  return SYNONYMS.get(stemmed) ?? [];
}

/** Words that carry no meaning for matching (articles, auxiliaries, question words). */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the of in on at to for from by with and or is are was were be been being do does did has have had ' +
    'what which who whom whose where when how there their them they it its this that these those me my our ' +
    'we you your all any each every per than as into over under about between show list give find get tell ' +
    'display return please i can could would should will want need know see much many number count'
  ).split(' '),
);

/** Stems of the words of a text, stopwords removed: the bag of words used for lexical matching. */
export function contentStems(text: string): string[] {
  return splitWords(text)
    .filter((w) => !STOPWORDS.has(w))
    .map(stem);
}

/**
 * Token estimate for budgets: ceil(characters / 4), the usual rule of thumb for English and SQL
 * with GPT-style BPE vocabularies. No tokenizer is bundled, so this is an estimate, not a count.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
