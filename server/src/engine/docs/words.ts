// Words in database names: snake_case, camelCase and PascalCase split into lower-case words, and the
// abbreviations schema designers use, expanded for the glossary.

export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+|(?<=[A-Za-z])(?=[0-9])/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 0 && !/^[0-9]+$/.test(w));
}

export function singular(word: string): string {
  if (word.length <= 3) return word;
  if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(ss|us|is|ics|ous)$/.test(word)) return word;
  if (/(ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Common abbreviations in column and table names → their meaning. */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  acct: 'account',
  addr: 'address',
  amt: 'amount',
  avg: 'average',
  bal: 'balance',
  cat: 'category',
  cd: 'code',
  cfg: 'configuration',
  cnt: 'count',
  ctry: 'country',
  cur: 'currency',
  curr: 'currency',
  cust: 'customer',
  del: 'deleted',
  dept: 'department',
  desc: 'description',
  descr: 'description',
  dob: 'date of birth',
  doc: 'document',
  dst: 'destination',
  dt: 'date',
  dttm: 'date and time',
  emp: 'employee',
  env: 'environment',
  exp: 'expiry',
  fname: 'first name',
  id: 'identifier',
  img: 'image',
  inv: 'invoice',
  lang: 'language',
  lname: 'last name',
  loc: 'location',
  mgr: 'manager',
  msg: 'message',
  nbr: 'number',
  nm: 'name',
  num: 'number',
  org: 'organization',
  pct: 'percent',
  pmt: 'payment',
  pos: 'position',
  prev: 'previous',
  prod: 'product',
  pwd: 'password',
  qty: 'quantity',
  ref: 'reference',
  seq: 'sequence',
  sku: 'stock keeping unit',
  src: 'source',
  stmt: 'statement',
  svc: 'service',
  tel: 'telephone',
  tmp: 'temporary',
  ts: 'timestamp',
  txn: 'transaction',
  tx: 'transaction',
  upd: 'updated',
  usr: 'user',
  val: 'value',
  ver: 'version',
  yr: 'year',
  zip: 'postal code',
};

/** Words too generic to be business terms. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'at', 'by', 'for', 'from', 'has', 'in', 'is', 'of', 'on', 'or', 'the', 'to', 'with', 'x',
  'tbl', 'table', 'view', 'vw', 'v', 'list', 'info', 'data', 'detail', 'details', 'type', 'map', 'mapping',
  'last', 'update', 'updated', 'create', 'created', 'modified', 'date', 'time', 'name', 'flag', 'new', 'old',
]);
