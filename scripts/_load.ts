import { openQuestionDatabase } from '../test/helpers/nl2sql-questions';
(async () => { for (const d of ['chinook','sakila','northwind'] as const) { const l = await openQuestionDatabase(d); console.log(d, l.index.model.tables.length); await l.driver.close(); } })();
