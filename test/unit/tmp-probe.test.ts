import { complete } from '../../server/src/engine/features/completion/complete';
import { hover } from '../../server/src/engine/features/hover/hover';
import { chinook, indexOf } from '../helpers/fixtures';
it('probe', () => {
  const idx = indexOf(chinook());
  for (const n of [5000, 10000, 20000]) {
    const text = 'select ' + '('.repeat(n) + ' a. from artist a';
    const off = text.indexOf('a.') + 2;
    let t = performance.now();
    complete(text, off, idx);
    const c = performance.now() - t;
    t = performance.now();
    hover(text, off - 1, idx);
    console.log(n, 'complete', c.toFixed(0), 'hover', (performance.now() - t).toFixed(0));
  }
});
