// Whole-document work that must not hold the editor up (the first folding of a 20k-line file, the
// highlights of a name used in thousands of statements) is written once as a generator that yields
// after each unit of work; it then runs either at once or in slices between the server's quiet turns.

export interface SliceOptions {
  /** Resolves when the server may go on (the language server's quiet turn). */
  pause: () => Promise<void>;
  /** Asked after each pause: true drops the work (the answer is no longer wanted). */
  cancelled?: () => boolean;
  /** Work between two pauses, in milliseconds (default 2). */
  sliceMs?: number;
}

/** Runs the steps to their result without pausing. */
export function runAtOnce<T>(steps: Generator<void, T>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Runs the steps, waiting for `pause()` every `sliceMs` of work; undefined when cancelled. */
export async function runInSlices<T>(steps: Generator<void, T>, opts: SliceOptions): Promise<T | undefined> {
  const slice = opts.sliceMs ?? 2;
  let since = performance.now();
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    if (performance.now() - since > slice) {
      await opts.pause();
      if (opts.cancelled?.()) return undefined;
      since = performance.now();
    }
  }
}
