// Built-in functions offered by completion, hover and signature help, per dialect: the ones people
// actually type, with a signature and one line of documentation (from each vendor's manual). One
// line per function: `name(params) → returns | kind | doc`, kind a=aggregate w=window s=set-returning
// f=scalar; several lines with the same name are overloads.
import type { DialectId } from '../../schema/model';

export type FunctionKind = 'aggregate' | 'window' | 'set' | 'scalar';

export interface FunctionSignature {
  name: string;
  params: string[];
  returns: string;
  kind: FunctionKind;
  doc: string;
}

const POSTGRES = `
count(expression any) → bigint | a | Number of input rows for which the value is not null; count(*) counts all rows.
sum(expression numeric) → numeric | a | Sum of the non-null input values.
avg(expression numeric) → numeric | a | Average (arithmetic mean) of the non-null input values.
min(expression any) → same as input | a | Minimum of the non-null input values.
max(expression any) → same as input | a | Maximum of the non-null input values.
string_agg(value text, delimiter text) → text | a | Concatenates the non-null input values, separated by the delimiter.
array_agg(expression any) → anyarray | a | Collects all the input values, including nulls, into an array.
json_agg(expression any) → json | a | Collects all the input values into a JSON array.
jsonb_agg(expression any) → jsonb | a | Collects all the input values into a JSON array.
jsonb_object_agg(key text, value any) → jsonb | a | Collects key/value pairs into a JSON object.
bool_and(expression boolean) → boolean | a | True if all non-null input values are true.
bool_or(expression boolean) → boolean | a | True if any non-null input value is true.
percentile_cont(fraction double precision) → double precision | a | Continuous percentile (WITHIN GROUP (ORDER BY …)).
row_number() → bigint | w | Number of the current row within its partition, counting from 1.
rank() → bigint | w | Rank of the current row, with gaps.
dense_rank() → bigint | w | Rank of the current row, without gaps.
ntile(num_buckets integer) → integer | w | Bucket number from 1 to the argument, dividing the partition as equally as possible.
lag(value any, offset integer, default any) → same as value | w | Value at the row offset rows before the current row within the partition.
lead(value any, offset integer, default any) → same as value | w | Value at the row offset rows after the current row within the partition.
first_value(value any) → same as value | w | Value at the first row of the window frame.
last_value(value any) → same as value | w | Value at the last row of the window frame.
coalesce(value any, ...values any) → same as values | f | First of its arguments that is not null.
nullif(value1 any, value2 any) → same as value1 | f | Null if value1 equals value2, otherwise value1.
greatest(value any, ...values any) → same as values | f | Largest value of the list.
least(value any, ...values any) → same as values | f | Smallest value of the list.
length(text text) → integer | f | Number of characters in the string.
lower(text text) → text | f | Converts the string to lower case.
upper(text text) → text | f | Converts the string to upper case.
trim(text text) → text | f | Removes the longest string of spaces from the start and end.
btrim(text text, characters text) → text | f | Removes the longest string of the given characters from the start and end.
substring(text text, start integer, count integer) → text | f | Extracts the substring starting at start, for count characters.
substr(text text, start integer, count integer) → text | f | Extracts the substring starting at start, for count characters.
replace(text text, from text, to text) → text | f | Replaces all occurrences of from with to.
concat(value any, ...values any) → text | f | Concatenates the text representations of all the arguments; nulls are ignored.
concat_ws(separator text, value any, ...values any) → text | f | Concatenates all but the first argument, with separators.
left(text text, n integer) → text | f | First n characters of the string.
right(text text, n integer) → text | f | Last n characters of the string.
position(substring text, string text) → integer | f | Start index of the first occurrence of substring (written position(a IN b)).
split_part(text text, delimiter text, n integer) → text | f | Splits the string at the delimiter and returns the n'th field.
regexp_replace(source text, pattern text, replacement text, flags text) → text | f | Replaces substrings matching a POSIX regular expression.
regexp_matches(source text, pattern text, flags text) → setof text[] | s | Substrings matching a POSIX regular expression.
to_char(value timestamp, format text) → text | f | Formats a value according to the template.
to_date(text text, format text) → date | f | Converts a string to a date according to the template.
to_timestamp(text text, format text) → timestamp with time zone | f | Converts a string to a time stamp according to the template.
to_number(text text, format text) → numeric | f | Converts a string to a number according to the template.
now() → timestamp with time zone | f | Current date and time (start of the current transaction).
current_date() → date | f | Current date (written without parentheses).
date_trunc(field text, source timestamp) → timestamp | f | Truncates the value to the given precision ('day', 'month', …).
date_part(field text, source timestamp) → double precision | f | Subfield of a date/time value (same as extract).
extract(field from timestamp) → numeric | f | Subfield of a date/time value: extract(year FROM ts).
age(timestamp timestamp, timestamp timestamp) → interval | f | Subtracts the arguments, producing a symbolic result in years and months.
make_date(year integer, month integer, day integer) → date | f | Date from year, month and day fields.
abs(x numeric) → numeric | f | Absolute value.
round(v numeric, s integer) → numeric | f | Rounds v to s decimal places.
ceil(x numeric) → numeric | f | Nearest integer greater than or equal to the argument.
floor(x numeric) → numeric | f | Nearest integer less than or equal to the argument.
mod(y numeric, x numeric) → numeric | f | Remainder of y/x.
power(a numeric, b numeric) → numeric | f | a raised to the power of b.
random() → double precision | f | Random value in the range 0.0 <= x < 1.0.
cast(value any AS type) → type | f | Converts a value to a type: cast(x AS integer).
generate_series(start integer, stop integer, step integer) → setof integer | s | Series of values from start to stop with a step size.
unnest(array anyarray) → setof anyelement | s | Expands an array into a set of rows.
jsonb_array_elements(from_json jsonb) → setof jsonb | s | Expands the top-level JSON array into a set of JSON values.
jsonb_each(from_json jsonb) → setof record | s | Expands the top-level JSON object into a set of key/value pairs.
jsonb_build_object(key text, value any) → jsonb | f | Builds a JSON object out of a variadic argument list of keys and values.
json_build_object(key text, value any) → json | f | Builds a JSON object out of a variadic argument list of keys and values.
to_jsonb(value any) → jsonb | f | Converts any SQL value to jsonb.
row_to_json(record record) → json | f | Returns a composite value as a JSON object.
array_length(array anyarray, dimension integer) → integer | f | Length of the requested array dimension.
array_to_string(array anyarray, delimiter text) → text | f | Converts each array element to text, separated by the delimiter.
string_to_array(string text, delimiter text) → text[] | f | Splits the string at occurrences of the delimiter into an array.
md5(text text) → text | f | MD5 hash of the argument, in hexadecimal.
gen_random_uuid() → uuid | f | Version 4 (random) UUID.
pg_size_pretty(size bigint) → text | f | Converts a size in bytes into a human-readable format.
`;

const MYSQL = `
count(expr any) → bigint | a | Number of non-NULL values; COUNT(*) counts rows.
sum(expr numeric) → numeric | a | Sum of the values.
avg(expr numeric) → numeric | a | Average value.
min(expr any) → same as expr | a | Minimum value.
max(expr any) → same as expr | a | Maximum value.
group_concat(expr any) → text | a | Concatenated string of the group's values (ORDER BY and SEPARATOR allowed inside).
json_arrayagg(expr any) → json | a | Aggregates values into a JSON array.
row_number() → bigint | w | Number of the current row within its partition.
rank() → bigint | w | Rank of the current row, with gaps.
dense_rank() → bigint | w | Rank of the current row, without gaps.
lag(expr any, n integer, default any) → same as expr | w | Value from the row n rows before the current row.
lead(expr any, n integer, default any) → same as expr | w | Value from the row n rows after the current row.
coalesce(value any, ...values any) → same as values | f | First non-NULL argument.
ifnull(expr1 any, expr2 any) → same as expr1 | f | expr1 if not NULL, otherwise expr2.
nullif(expr1 any, expr2 any) → same as expr1 | f | NULL if expr1 = expr2, otherwise expr1.
if(condition boolean, then any, else any) → same as then | f | then if the condition is true, otherwise else.
concat(str text, ...strs text) → text | f | Concatenated string; NULL if any argument is NULL.
concat_ws(separator text, str text, ...strs text) → text | f | Concatenation with a separator.
length(str text) → integer | f | Length of the string in bytes.
char_length(str text) → integer | f | Number of characters in the string.
lower(str text) → text | f | Lower-case string.
upper(str text) → text | f | Upper-case string.
substring(str text, pos integer, len integer) → text | f | Substring starting at pos.
replace(str text, from_str text, to_str text) → text | f | Replaces occurrences of from_str.
trim(str text) → text | f | Removes leading and trailing spaces.
date_format(date datetime, format text) → text | f | Formats a date as specified.
now() → datetime | f | Current date and time.
curdate() → date | f | Current date.
date_add(date datetime, interval interval) → datetime | f | Adds a time interval to a date: DATE_ADD(d, INTERVAL 1 DAY).
datediff(expr1 date, expr2 date) → integer | f | expr1 − expr2 in days.
year(date date) → integer | f | Year of the date.
month(date date) → integer | f | Month of the date.
round(x numeric, d integer) → numeric | f | Rounds x to d decimal places.
abs(x numeric) → numeric | f | Absolute value.
cast(expr any AS type) → type | f | Converts a value to a type.
json_extract(json_doc json, path text) → json | f | Data from a JSON document at the path.
first_value(expr any) → same as expr | w | Value of the first row of the window frame.
last_value(expr any) → same as expr | w | Value of the last row of the window frame.
ntile(n integer) → bigint | w | Bucket number of the current row, from 1 to n.
std(expr numeric) → double | a | Population standard deviation.
bit_or(expr integer) → bigint | a | Bitwise OR of all bits.
left(str text, len integer) → text | f | Leftmost len characters.
right(str text, len integer) → text | f | Rightmost len characters.
lpad(str text, len integer, padstr text) → text | f | Left-pads the string to len characters.
rpad(str text, len integer, padstr text) → text | f | Right-pads the string to len characters.
ltrim(str text) → text | f | Removes leading spaces.
rtrim(str text) → text | f | Removes trailing spaces.
locate(substr text, str text, pos integer) → integer | f | Position of the first occurrence of substr in str.
instr(str text, substr text) → integer | f | Position of the first occurrence of substr.
find_in_set(str text, strlist text) → integer | f | Index of str in a comma-separated list (0 when absent).
reverse(str text) → text | f | Characters in reverse order.
repeat(str text, count integer) → text | f | The string repeated count times.
format(x numeric, d integer) → text | f | Number formatted like '#,###,###.##', rounded to d decimals.
date_sub(date datetime, interval interval) → datetime | f | Subtracts a time interval from a date: DATE_SUB(d, INTERVAL 1 DAY).
str_to_date(str text, format text) → datetime | f | Parses a string into a date/time with the format.
timestampdiff(unit keyword, datetime1 datetime, datetime2 datetime) → bigint | f | datetime2 − datetime1 in the given unit (DAY, MONTH, …).
date(expr datetime) → date | f | Date part of a date/time value.
day(date date) → integer | f | Day of the month.
hour(time time) → integer | f | Hour of the time.
dayname(date date) → text | f | Name of the weekday.
monthname(date date) → text | f | Name of the month.
last_day(date date) → date | f | Last day of the month.
unix_timestamp(date datetime) → bigint | f | Seconds since 1970-01-01 00:00:00 UTC.
from_unixtime(unix_timestamp bigint) → datetime | f | Date/time of a Unix timestamp.
current_timestamp() → datetime | f | Current date and time.
ceil(x numeric) → bigint | f | Smallest integer not less than x.
floor(x numeric) → bigint | f | Largest integer not greater than x.
mod(n numeric, m numeric) → numeric | f | Remainder of n divided by m.
rand() → double | f | Random floating-point value 0 <= v < 1.
truncate(x numeric, d integer) → numeric | f | x truncated to d decimal places.
last_insert_id() → bigint | f | The AUTO_INCREMENT value of the last inserted row.
found_rows() → bigint | f | Rows the last SELECT SQL_CALC_FOUND_ROWS would have returned without LIMIT.
database() → text | f | Name of the current database.
uuid() → text | f | A universal unique identifier.
md5(str text) → text | f | MD5 checksum, as 32 hex digits.
json_object(key text, val any) → json | f | JSON object of the key/value pairs.
json_array(val any, ...vals any) → json | f | JSON array of the values.
json_unquote(json_val json) → text | f | Unquotes a JSON value.
json_contains(target json, candidate json, path text) → integer | f | 1 when candidate is contained in target.
json_table(expr json, path text COLUMNS columns) → table | s | Rows and columns from a JSON document.
`;

const MSSQL = `
count(expression any) → int | a | Number of items in a group.
count_big(expression any) → bigint | a | Number of items in a group, as bigint.
sum(expression numeric) → numeric | a | Sum of the values.
avg(expression numeric) → numeric | a | Average of the values.
min(expression any) → same as expression | a | Minimum value.
max(expression any) → same as expression | a | Maximum value.
string_agg(expression nvarchar, separator nvarchar) → nvarchar | a | Concatenates values with a separator.
row_number() → bigint | w | Sequential number of a row within its partition.
rank() → bigint | w | Rank of each row, with gaps.
dense_rank() → bigint | w | Rank of each row, without gaps.
lag(expression any, offset int, default any) → same as expression | w | Value from a previous row.
lead(expression any, offset int, default any) → same as expression | w | Value from a following row.
coalesce(expression any, ...expressions any) → same as expressions | f | First non-NULL argument.
isnull(check_expression any, replacement_value any) → same as check_expression | f | Replaces NULL with the replacement value.
nullif(expression1 any, expression2 any) → same as expression1 | f | NULL if both are equal.
iif(condition bit, true_value any, false_value any) → same as true_value | f | One of two values depending on the condition.
len(string_expression nvarchar) → int | f | Number of characters, excluding trailing spaces.
lower(character_expression nvarchar) → nvarchar | f | Lower-case string.
upper(character_expression nvarchar) → nvarchar | f | Upper-case string.
substring(expression nvarchar, start int, length int) → nvarchar | f | Part of a string.
replace(string_expression nvarchar, pattern nvarchar, replacement nvarchar) → nvarchar | f | Replaces all occurrences.
concat(value any, ...values any) → nvarchar | f | Concatenated string.
trim(string nvarchar) → nvarchar | f | Removes leading and trailing spaces.
getdate() → datetime | f | Current date and time.
sysdatetime() → datetime2 | f | Current date and time, more precise.
dateadd(datepart keyword, number int, date datetime) → datetime | f | Adds a number of dateparts to a date.
datediff(datepart keyword, startdate datetime, enddate datetime) → int | f | Count of datepart boundaries crossed.
format(value any, format nvarchar) → nvarchar | f | Formats a value with a .NET format string.
round(numeric_expression numeric, length int) → numeric | f | Rounds to a precision.
abs(numeric_expression numeric) → numeric | f | Absolute value.
cast(expression any AS type) → type | f | Converts a value to a type.
convert(data_type type, expression any, style int) → type | f | Converts a value to a type with a style.
newid() → uniqueidentifier | f | A new unique identifier.
first_value(scalar_expression any) → same as scalar_expression | w | First value in an ordered set.
last_value(scalar_expression any) → same as scalar_expression | w | Last value in an ordered set.
ntile(integer_expression int) → bigint | w | Group number of the row, from 1 to n.
stdev(expression numeric) → float | a | Statistical standard deviation.
approx_count_distinct(expression any) → bigint | a | Approximate number of unique non-null values.
charindex(expressionToFind nvarchar, expressionToSearch nvarchar, start_location int) → int | f | Start position of the first occurrence (0 when absent).
patindex(pattern nvarchar, expression nvarchar) → int | f | Start position of the first match of a LIKE pattern.
left(character_expression nvarchar, integer_expression int) → nvarchar | f | Leftmost characters.
right(character_expression nvarchar, integer_expression int) → nvarchar | f | Rightmost characters.
ltrim(character_expression nvarchar) → nvarchar | f | Removes leading spaces.
rtrim(character_expression nvarchar) → nvarchar | f | Removes trailing spaces.
replicate(string_expression nvarchar, integer_expression int) → nvarchar | f | The string repeated n times.
stuff(character_expression nvarchar, start int, length int, replace_with nvarchar) → nvarchar | f | Deletes length characters at start and inserts replace_with there.
concat_ws(separator nvarchar, argument1 any, ...arguments any) → nvarchar | f | Concatenation with a separator.
string_split(string nvarchar, separator nvarchar) → table(value) | s | One row per substring (column value).
openjson(jsonExpression nvarchar, path nvarchar) → table(key, value, type) | s | Rows from the objects or array of a JSON text.
json_value(expression nvarchar, path nvarchar) → nvarchar | f | Scalar value extracted from a JSON string.
json_query(expression nvarchar, path nvarchar) → nvarchar | f | Object or array extracted from a JSON string.
datepart(datepart keyword, date datetime) → int | f | Integer part of a date (year, month, day, …).
datename(datepart keyword, date datetime) → nvarchar | f | Name of a part of a date (month name, weekday name).
datefromparts(year int, month int, day int) → date | f | Date from year, month and day.
eomonth(start_date date, month_to_add int) → date | f | Last day of the month.
year(date datetime) → int | f | Year of the date.
month(date datetime) → int | f | Month of the date.
day(date datetime) → int | f | Day of the month.
getutcdate() → datetime | f | Current UTC date and time.
sysutcdatetime() → datetime2 | f | Current UTC date and time, more precise.
try_cast(expression any AS type) → type | f | Cast that returns NULL instead of failing.
try_convert(data_type type, expression any, style int) → type | f | Convert that returns NULL instead of failing.
isnumeric(expression any) → int | f | 1 when the expression is a valid numeric type.
choose(index int, val_1 any, ...val_n any) → same as val_1 | f | The item at the index of the list.
ceiling(numeric_expression numeric) → numeric | f | Smallest integer greater than or equal.
floor(numeric_expression numeric) → numeric | f | Largest integer less than or equal.
power(float_expression float, y float) → float | f | The value raised to the power y.
rand(seed int) → float | f | Random float value from 0 through 1.
object_id(object_name nvarchar) → int | f | Object id of a schema-scoped object.
scope_identity() → numeric | f | Last identity value inserted in the same scope.
db_name() → nvarchar | f | Name of the current database.
schema_name() → nvarchar | f | Name of the caller's default schema.
`;

const KINDS: Record<string, FunctionKind> = { a: 'aggregate', w: 'window', s: 'set', f: 'scalar' };

function parse(text: string): FunctionSignature[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [head, kind, doc] = line.split(' | ');
      const m = /^(\w+)\((.*)\) \u2192 (.+)$/.exec(head.trim());
      if (!m) throw new Error(`bad builtin function line: ${line}`);
      return { name: m[1], params: m[2] ? m[2].split(', ') : [], returns: m[3], kind: KINDS[kind.trim()], doc: doc.trim() };
    });
}

const CACHE = new Map<DialectId, Map<string, FunctionSignature[]>>();
const SOURCES: Record<DialectId, string> = { postgres: POSTGRES, mysql: MYSQL, mssql: MSSQL };

/** Built-in functions of a dialect by lower-case name (overloads in one list). */
export function builtinFunctions(dialect: DialectId): Map<string, FunctionSignature[]> {
  let map = CACHE.get(dialect);
  if (!map) {
    map = new Map();
    for (const f of parse(SOURCES[dialect])) {
      const list = map.get(f.name);
      if (list) list.push(f);
      else map.set(f.name, [f]);
    }
    CACHE.set(dialect, map);
  }
  return map;
}
