// Counts of the work NL→SQL does, for tests that bound work instead of wall time (a 50,000-table
// schema must be indexed once, and a question must only touch what matches it). Plain integers,
// incremented where the work happens; nothing reads them in production.
export const nl2sqlWork = {
  /** Word indexes built for schema linking (once per SchemaIndex). */
  wordIndexBuilds: 0,
  /** Lexicons built for the offline translator (once per SchemaIndex). */
  lexiconBuilds: 0,
  /** Tables scored against a question. */
  tablesScored: 0,
  /** Tables rendered to measure their token cost. */
  tablesRendered: 0,
  /** Foreign-key path searches while linking. */
  pathSearches: 0,
};

export function resetNl2sqlWork(): void {
  for (const k of Object.keys(nl2sqlWork) as (keyof typeof nl2sqlWork)[]) nl2sqlWork[k] = 0;
}
