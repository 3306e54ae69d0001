// Questions a newcomer might ask of the sample database (shown as NL->SQL suggestions). Each one is
// answerable from the schema alone; test/unit/sample-database.test.ts runs a reference query for
// several of them, so they stay answerable as the data evolves.
export const SAMPLE_QUESTIONS: string[] = [
  'Who are our top 10 customers by lifetime value?',
  'What was the revenue per month and top-level product category in 2024?',
  'Which products are below their reorder level, and in which warehouse?',
  'How many open support tickets does each support engineer have, and how old is the oldest one?',
  'Which invoices are overdue, for which customer, and how much is still due?',
  'What is the return rate per product category, and what are the most common return reasons?',
  'Who is the manager of each employee, and how many direct reports does each one have?',
  'How many live subscriptions are on each plan, and what is the monthly recurring revenue?',
  "Which customers tagged 'churn-risk' have not placed an order since 2025-01-01?",
  'What is the average time from order to delivery per warehouse and carrier?',
];
