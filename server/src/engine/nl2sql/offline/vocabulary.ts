// The offline translator's grammar words. A content word that is neither one of these nor a schema
// name nor a value makes it refuse: it would rather say "cannot answer" than guess what it means.

export const AGG_WORDS: Record<string, 'avg' | 'sum' | 'min' | 'max'> = {
  average: 'avg',
  avg: 'avg',
  mean: 'avg',
  sum: 'sum',
  total: 'sum',
  maximum: 'max',
  max: 'max',
  minimum: 'min',
  min: 'min',
};

/** Superlatives: the direction and what they order by. */
export const SUPERLATIVES: Record<string, { dir: 'ASC' | 'DESC'; by: 'date' | 'length' | 'price' | 'count' | 'measure' }> = {
  latest: { dir: 'DESC', by: 'date' },
  newest: { dir: 'DESC', by: 'date' },
  recent: { dir: 'DESC', by: 'date' },
  last: { dir: 'DESC', by: 'date' },
  oldest: { dir: 'ASC', by: 'date' },
  earliest: { dir: 'ASC', by: 'date' },
  first: { dir: 'ASC', by: 'date' },
  longest: { dir: 'DESC', by: 'length' },
  shortest: { dir: 'ASC', by: 'length' },
  expensive: { dir: 'DESC', by: 'price' },
  priciest: { dir: 'DESC', by: 'price' },
  cheapest: { dir: 'ASC', by: 'price' },
  most: { dir: 'DESC', by: 'count' },
  fewest: { dir: 'ASC', by: 'count' },
  least: { dir: 'ASC', by: 'count' },
  highest: { dir: 'DESC', by: 'measure' },
  largest: { dir: 'DESC', by: 'measure' },
  biggest: { dir: 'DESC', by: 'measure' },
  top: { dir: 'DESC', by: 'measure' },
  best: { dir: 'DESC', by: 'measure' },
  lowest: { dir: 'ASC', by: 'measure' },
  smallest: { dir: 'ASC', by: 'measure' },
  bottom: { dir: 'ASC', by: 'measure' },
};

export const COMPARATIVES: Record<string, { op: '>' | '<'; implies?: 'length' | 'price' }> = {
  more: { op: '>' },
  greater: { op: '>' },
  higher: { op: '>' },
  larger: { op: '>' },
  bigger: { op: '>' },
  over: { op: '>' },
  above: { op: '>' },
  exceeding: { op: '>' },
  longer: { op: '>', implies: 'length' },
  pricier: { op: '>', implies: 'price' },
  less: { op: '<' },
  fewer: { op: '<' },
  lower: { op: '<' },
  smaller: { op: '<' },
  under: { op: '<' },
  below: { op: '<' },
  shorter: { op: '<', implies: 'length' },
  cheaper: { op: '<', implies: 'price' },
};

/** Words that start a request to change data: the offline translator only writes queries. */
export const WRITE_VERBS = new Set(['delete', 'remove', 'update', 'insert', 'add', 'drop', 'create', 'alter', 'truncate', 'change', 'modify', 'set', 'rename', 'grant', 'revoke', 'erase', 'purge']);

/** Grammar, units and linking verbs the translator understands or may safely ignore. */
export const GRAMMAR = new Set(
  (
    'a an the of in on at to for from by with and or is are was were be been being do does did has have had having ' +
    'what which who whom whose where when how there their them they it its this that these those me my our we you your ' +
    'all any each every per than as into about between show list give find get tell display return please i can could would ' +
    'should will want need know see much many number count counts group grouped order ordered sort sorted descending ascending ' +
    'desc asc distinct different unique exist exists named called titled equal equals same ' +
    'before after since until during year years month months day days date dates time ' +
    'minute minutes second seconds hour hours dollar dollars euro euros cent cents time times unit units point points ' +
    'along together including overall altogether record records row rows entry entries one ones ' +
    'make made sell sold buy bought release released rent rented place placed write wrote written appear appeared ' +
    'play played star starring contain contains containing belong belongs include includes included ' +
    'least most more less than at whose where then also just only so me live lives living located based'
  ).split(' '),
);

/** Words that introduce a named value: "customers in Canada", "albums by Queen", "named X". */
export const VALUE_PREPOSITIONS = new Set(['in', 'from', 'by', 'named', 'called', 'titled', 'is', 'of', 'for', 'with', 'rated', 'equal', 'equals', 'to']);

/** Column-name hints for implied measures. */
export const IMPLIED_COLUMN: Record<'length' | 'price', string[]> = {
  length: ['length', 'duration', 'runtime', 'minutes', 'milliseconds', 'seconds'],
  price: ['price', 'cost', 'rate', 'amount', 'fee'],
};

/** "who have no invoices", "films without inventory": anti-joins. */
export const NEGATIONS = new Set(['no', 'without', 'none']);

/** Pattern cues: "contains 'x'", "starts with 'x'", "ending with 'x'". */
export const PATTERN_CUES: Record<string, 'contains' | 'starts' | 'ends'> = {
  contain: 'contains',
  contains: 'contains',
  containing: 'contains',
  including: 'contains',
  start: 'starts',
  starts: 'starts',
  starting: 'starts',
  begin: 'starts',
  begins: 'starts',
  beginning: 'starts',
  end: 'ends',
  ends: 'ends',
  ending: 'ends',
};

/**
 * Words that carry meaning without naming the schema: each one the translator reads must end up in
 * the SQL (an aggregate, an order, a comparison, a pattern, an anti-join, a unit), or it declines.
 */
export const CUE_WORDS = new Set([
  ...Object.keys(AGG_WORDS),
  ...Object.keys(SUPERLATIVES),
  ...Object.keys(COMPARATIVES),
  ...NEGATIONS,
  ...Object.keys(PATTERN_CUES),
  'not', 'never', 'recent', 'length', 'duration', 'long', 'per', 'distinct', 'different', 'unique',
  'millisecond', 'milliseconds', 'second', 'seconds', 'minute', 'minutes', 'hour', 'hours',
]);
