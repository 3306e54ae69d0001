// Realistic values chosen by column name: pools of values drawn once from @faker-js/faker (seeded per
// column), then picked with the fast seeded stream. Pools keep generation fast (no faker call per
// row) and deterministic. The table of name patterns is data: first match wins.
import type { Faker } from '@faker-js/faker';
import type { TypeKind } from './column-type';
import { seedFor } from './random';

export type Semantic =
  | 'email'
  | 'first_name'
  | 'last_name'
  | 'full_name'
  | 'company'
  | 'phone'
  | 'street'
  | 'address2'
  | 'city'
  | 'state'
  | 'country'
  | 'country_code'
  | 'prefix'
  | 'suffix'
  | 'industry'
  | 'postal_code'
  | 'url'
  | 'username'
  | 'password'
  | 'title'
  | 'description'
  | 'product'
  | 'color'
  | 'currency'
  | 'language'
  | 'status'
  | 'gender'
  | 'ip'
  | 'job_title'
  | 'department'
  | 'category'
  | 'sku'
  | 'word'
  | 'price'
  | 'quantity'
  | 'age'
  | 'latitude'
  | 'longitude'
  | 'percent'
  | 'birth_date'
  | 'past_time';

const TEXT_RULES: [RegExp, Semantic][] = [
  [/e_?mail/, 'email'],
  [/^(first_?name|given_?name|fname|forename)$/, 'first_name'],
  [/^(last_?name|surname|family_?name|lname)$/, 'last_name'],
  [/(middle_?name)/, 'first_name'],
  [/^(full_?name|contact_?name|customer_?name|person_?name|employee_?name|author|owner|name_?of_?person)$/, 'full_name'],
  [/(company|supplier|vendor|organi[sz]ation|firm|employer)(_?name)?$/, 'company'],
  [/(phone|fax|mobile|cell|tel)/, 'phone'],
  [/^(address_?2|address_?line_?2|addressline2|secondary)/, 'address2'],
  [/(address|street|addr)/, 'street'],
  [/(city|town)/, 'city'],
  [/^(state|province|region|state_?province|county|district)(_?name|_?code)?$/, 'state'],
  [/(country_?code|country_?iso|^iso_?code$)/, 'country_code'],
  [/country/, 'country'],
  [/(industry|sector)/, 'industry'],
  [/(postal|zip|postcode)/, 'postal_code'],
  [/(url|website|homepage|web_?site|link|uri)/, 'url'],
  [/(user_?name|login|handle|nick)/, 'username'],
  [/(password|passwd|pwd|hash|salt|token|secret)/, 'password'],
  [/^(job_?title|position|role)$/, 'job_title'],
  [/(department|dept)/, 'department'],
  [/^(title|headline|subject|caption|album|song|track|film|movie|book)(_?name)?$/, 'title'],
  [/(description|comment|note|bio|summary|remark|text|message|body|content|review)/, 'description'],
  [/(product|item)(_?name)?$/, 'product'],
  [/(colou?r)/, 'color'],
  [/(currency)/, 'currency'],
  [/(language|locale|lang)/, 'language'],
  [/(status|state$|stage)/, 'status'],
  [/^(gender|sex)$/, 'gender'],
  [/(^ip$|ip_?address|ipv4)/, 'ip'],
  [/(category|genre|type|kind|class|group)(_?name)?$/, 'category'],
  [/(sku|code|number|^ref|reference|serial)/, 'sku'],
  [/name$/, 'title'],
];

const NUMBER_RULES: [RegExp, Semantic][] = [
  [/(price|amount|cost|total|rate|salary|fee|balance|revenue|charge|payment|freight|wage|income|tax|discount|subtotal)/, 'price'],
  [/(qty|quantity|count|stock|units|num_|_num$|number_of|level)/, 'quantity'],
  [/^age$/, 'age'],
  [/^(lat|latitude)$/, 'latitude'],
  [/^(lng|lon|long|longitude)$/, 'longitude'],
  [/(percent|pct|ratio)/, 'percent'],
];

const TIME_RULES: [RegExp, Semantic][] = [[/(birth|dob|born)/, 'birth_date']];

/** What a bare "name" column holds, by the table it is in. */
const NAME_BY_TABLE: [RegExp, Semantic][] = [
  [/(person|people|customer|employee|user|author|artist|actor|contact|staff|member|student|teacher|patient|client|manager|owner|driver)/, 'full_name'],
  [/(company|supplier|vendor|shipper|publisher|manufacturer|store|shop|brand|organi[sz]ation|customer)/, 'company'],
  [/(product|item|article)/, 'product'],
  [/(city|town)/, 'city'],
  [/(country)/, 'country'],
  [/(department|dept|team|division)/, 'department'],
  [/(category|genre|tag|type|kind|class)/, 'category'],
  [/(language)/, 'language'],
  [/(state|province|region)/, 'state'],
  [/(color|colour)/, 'color'],
];

export function semanticFor(columnName: string, kind: TypeKind, tableName = ''): Semantic | undefined {
  const n = columnName.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  const person = /(person|people|customer|employee|user|author|contact|staff|member|student|patient|client)/.test(tableName.toLowerCase());
  if (kind === 'text' && person && /^(title|prefix|salutation|honorific)$/.test(n)) return 'prefix';
  if (kind === 'text' && person && /^(suffix|name_?suffix)$/.test(n)) return 'suffix';
  if (kind === 'text' && /^(name|title)$/.test(n)) {
    const t = tableName.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    for (const [re, s] of NAME_BY_TABLE) if (re.test(t)) return s;
    return 'title';
  }
  const rules = kind === 'text' ? TEXT_RULES : kind === 'int' || kind === 'decimal' || kind === 'float' || kind === 'money' ? NUMBER_RULES : kind === 'date' || kind === 'timestamp' || kind === 'timestamptz' ? TIME_RULES : [];
  for (const [re, s] of rules) if (re.test(n)) return s;
  if (kind === 'date' || kind === 'timestamp' || kind === 'timestamptz') return 'past_time';
  return undefined;
}

const POOL_SIZE = 600;

const STATUSES = ['active', 'inactive', 'pending', 'closed', 'archived'];
const LANGUAGES = ['English', 'French', 'German', 'Spanish', 'Italian', 'Japanese', 'Portuguese', 'Dutch'];

function draw(f: Faker, s: Semantic): () => string {
  switch (s) {
    case 'email':
      return () => f.internet.email().toLowerCase();
    case 'first_name':
      return () => f.person.firstName();
    case 'last_name':
      return () => f.person.lastName();
    case 'full_name':
      return () => f.person.fullName();
    case 'company':
      return () => f.company.name();
    case 'phone':
      return () => f.phone.number({ style: 'national' });
    case 'street':
      return () => f.location.streetAddress();
    case 'address2':
      return () => f.location.secondaryAddress();
    case 'city':
      return () => f.location.city();
    case 'state':
      return () => f.location.state();
    case 'country':
      return () => f.location.country();
    case 'prefix':
      return () => f.person.prefix();
    case 'suffix':
      return () => f.person.suffix();
    case 'country_code':
      return () => f.location.countryCode();
    case 'industry':
      return () => f.company.buzzNoun();
    case 'postal_code':
      return () => f.location.zipCode();
    case 'url':
      return () => f.internet.url();
    case 'username':
      return () => f.internet.username();
    case 'password':
      return () => f.string.alphanumeric(40);
    case 'job_title':
      return () => f.person.jobTitle();
    case 'department':
      return () => f.commerce.department();
    case 'title':
      return () => f.book.title();
    case 'description':
      return () => f.lorem.sentence();
    case 'product':
      return () => f.commerce.productName();
    case 'color':
      return () => f.color.human();
    case 'currency':
      return () => f.finance.currencyCode();
    case 'language':
      return () => f.helpers.arrayElement(LANGUAGES);
    case 'status':
      return () => f.helpers.arrayElement(STATUSES);
    case 'gender':
      return () => f.helpers.arrayElement(['F', 'M']);
    case 'ip':
      return () => f.internet.ipv4();
    case 'category':
      return () => f.commerce.department();
    case 'sku':
      return () => f.string.alphanumeric({ length: 8, casing: 'upper' });
    default:
      return () => f.lorem.word();
  }
}

let instance: Faker | undefined;

/** Faker, loaded on first use: its locale data is large, and most language-server sessions never make mock data. */
function fakerInstance(): Faker {
  if (!instance) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose, see above
    instance = (require('@faker-js/faker/locale/en') as { faker: Faker }).faker;
  }
  return instance;
}

/** POOL_SIZE values for one column, the same for the same seed, table and column. */
export function textPool(semantic: Semantic | 'word', seed: string | number, table: string, column: string): string[] {
  const faker = fakerInstance();
  faker.seed(seedFor(seed, table, column, semantic));
  const next = draw(faker, semantic as Semantic);
  const out: string[] = [];
  for (let i = 0; i < POOL_SIZE; i++) out.push(next());
  return out;
}

/** A few lorem words for generic text: pooled like the rest. */
export function wordPool(seed: string | number, table: string, column: string): string[] {
  const faker = fakerInstance();
  faker.seed(seedFor(seed, table, column, 'words'));
  const out: string[] = [];
  for (let i = 0; i < POOL_SIZE; i++) out.push(faker.lorem.word());
  return out;
}

export const SEMANTICS: readonly Semantic[] = ['email', 'first_name', 'last_name', 'full_name', 'company', 'phone', 'street', 'address2', 'city', 'state', 'country', 'country_code', 'industry', 'prefix', 'suffix', 'postal_code', 'url', 'username', 'password', 'title', 'description', 'product', 'color', 'currency', 'language', 'status', 'gender', 'ip', 'job_title', 'department', 'category', 'sku', 'word', 'price', 'quantity', 'age', 'latitude', 'longitude', 'percent', 'birth_date', 'past_time'];

/** A pool from a faker path such as "person.jobTitle"; undefined when faker has no such generator. */
export function fakerPathPool(path: string, seed: string | number, table: string, column: string): string[] | undefined {
  const faker = fakerInstance();
  const parts = path.split('.');
  let target: unknown = faker;
  let owner: unknown = faker;
  for (const p of parts) {
    owner = target;
    target = (target as Record<string, unknown> | undefined)?.[p];
  }
  if (typeof target !== 'function' || parts.length !== 2) return undefined;
  faker.seed(seedFor(seed, table, column, path));
  const out: string[] = [];
  for (let i = 0; i < 600; i++) out.push(String((target as (this: unknown) => unknown).call(owner)));
  return out;
}
