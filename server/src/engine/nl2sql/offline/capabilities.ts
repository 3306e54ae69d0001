// What the offline translator can answer, said to people when it declines (issue 20: a decline must
// say what it can answer and how to get a model for the rest, not only which word it missed).
export const OFFLINE_CAPABILITIES =
  'The offline translator answers questions that name your tables and columns: counts ("how many invoices in 2023"), ' +
  'lists with filters ("customers in Canada", "albums whose title contains \'Greatest\'"), totals and averages, also per group ' +
  '("total invoice amount per billing country"), top N and superlatives ("top 5 artists by number of albums", ' +
  '"which genre has the most tracks"), latest and oldest, and "who have no …". It declines rather than guess.';
