import { parseConnectionUrl } from '../server/src/engine/drivers/connection-url';
import { createDriver } from '../server/src/engine/drivers/registry';
(async () => {
  const d = createDriver(parseConnectionUrl('pglite:sample')); await d.connect();
  for (const q of process.argv.slice(2)) { const r = await d.queryReadOnly(q, { maxRows: 50 }); console.log(q, '\n', r.rows.map((x) => x.join('|')).join('\n')); }
  await d.close();
})();
