// Loaded by mocha before the test files (.mocharc.json). Without the datasets folder, a suite whose
// definition or `before` hook reads a dataset file is skipped with a message instead of aborting the
// whole run with ENOENT before any test ran; with CI=true it fails instead (like a missing server).
import { DATASETS_DIR, datasetsPresent, isMissingDataset } from './datasets-dir';

type Fn = (this: unknown, ...args: unknown[]) => unknown;
const inCi = () => process.env.CI === 'true' || process.env.CI === '1';
const reason = `the datasets folder ${DATASETS_DIR} is missing (set SCHEMAWISE_DATASETS; see README "Tests")`;

/** Replaces global `name` (set by mocha's BDD interface per file) with `wrap(real)`, one wrapper per real function. */
function intercept(name: 'describe' | 'before' | 'it', wrap: (real: Fn) => Fn): void {
  let real: Fn | undefined;
  const wrappers = new WeakMap<Fn, Fn>();
  Object.defineProperty(globalThis, name, {
    configurable: true,
    enumerable: true,
    set(v: Fn) {
      real = v;
    },
    get() {
      if (!real) return real;
      let w = wrappers.get(real);
      if (!w) wrappers.set(real, (w = Object.assign(wrap(real), real)));
      return w;
    },
  });
}

if (!datasetsPresent()) {
  console.warn(`\n  ${inCi() ? 'FAILING' : 'skipping'} the suites that need datasets: ${reason}\n`);
  intercept('describe', (real) =>
    function (this: unknown, title: unknown, fn: unknown) {
      return real.call(this, title, function (this: unknown) {
        try {
          return (fn as Fn).call(this);
        } catch (e) {
          if (!isMissingDataset(e)) throw e;
          (globalThis as unknown as { it: (t: string, f: (this: { skip(): void }) => void) => void }).it(`needs the datasets: ${reason}`, function (this: { skip(): void }) {
            if (inCi()) throw new Error(`${reason} (CI=true: failing instead of skipping)`);
            this.skip();
          });
        }
      });
    },
  );
  // A test that reads a missing dataset is skipped, and so are the tests after it in its suite
  // (they usually build on what it read).
  type TestCtx = { skip(): void; test?: { parent?: { needsDatasets?: boolean } } };
  intercept('it', (real) =>
    function (this: unknown, ...args: unknown[]) {
      const i = args.findIndex((a) => typeof a === 'function');
      if (i < 0) return real.apply(this, args);
      const test = args[i] as Fn;
      args[i] = async function (this: TestCtx) {
        const suite = this.test?.parent;
        if (suite?.needsDatasets && !inCi()) this.skip();
        try {
          return await test.call(this);
        } catch (e) {
          if (isMissingDataset(e)) {
            if (suite) suite.needsDatasets = true;
            if (!inCi()) this.skip();
            throw new Error(`${reason} (CI=true: failing instead of skipping)`, { cause: e });
          }
          throw e;
        }
      };
      return real.apply(this, args);
    },
  );
  intercept('before', (real) =>
    function (this: unknown, ...args: unknown[]) {
      const i = args.findIndex((a) => typeof a === 'function');
      const hook = args[i] as Fn;
      args[i] = async function (this: { skip(): void }) {
        try {
          return await hook.call(this);
        } catch (e) {
          if (isMissingDataset(e) && !inCi()) {
            console.warn(`    skipped: ${reason}`);
            this.skip();
          }
          throw e;
        }
      };
      return real.apply(this, args);
    },
  );
}
