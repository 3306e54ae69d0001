// Seeded pseudo-random numbers, so the sample data is identical on every load and every machine
// (Math.random cannot be seeded). mulberry32: tiny, fast and good enough for fake business data.
// Generators use only arithmetic that IEEE 754 fixes to the bit (+ - * / and Math.sqrt), never
// Math.log/pow/sin, whose results may differ between JavaScript engines.

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick: empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: weighted([['a', 3], ['b', 1]]) returns 'a' three times as often as 'b'. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  /** k distinct items, in random order (k is clamped to the list length). */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }

  /**
   * Skewed towards small values (a few big customers, many small ones): u^power for a whole power.
   * Plain multiplication, not Math.pow, whose last bits the language leaves to each engine.
   */
  skewed(min: number, max: number, power = 2): number {
    let u = 1;
    for (let i = 0; i < power; i++) u *= this.next();
    return min + Math.floor(u * (max - min + 1));
  }
}
