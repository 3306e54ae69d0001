// .sql files are bundled as text by esbuild (and loaded as text by test/helpers/register-sql.cjs).
declare module '*.sql' {
  const text: string;
  export default text;
}
