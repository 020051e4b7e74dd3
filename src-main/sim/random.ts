/**
 * Seeded pseudo-random numbers for the simulator.
 *
 * The floor must replay identically from a seed (tests, benchmarks, bug reports), so nothing in
 * the model may touch Math.random. sfc32 is fast, has a long period and passes PractRand; its
 * state is seeded through splitmix32 so that nearby seeds give unrelated streams.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  integer(min: number, max: number): number;
  /** True with probability `probability`. */
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Index drawn with probability proportional to `weights[index]`. */
  weightedIndex(weights: readonly number[]): number;
  /** Exponential with the given mean (memoryless waits: arrivals, patience). */
  exponential(mean: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Log-normal with the given median and shape: skewed durations such as handle and response times. */
  logNormal(median: number, sigma: number): number;
}

function splitMix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Combines a seed with another number (a day, a purpose) into an independent seed. */
export function mixSeed(seed: number, salt: number): number {
  const mix = splitMix32((Math.imul(seed >>> 0, 0x27d4eb2d) ^ (salt >>> 0) ^ Math.floor(salt / 0x1_0000_0000)) >>> 0);
  mix();
  return mix();
}

/** Creates an sfc32 generator; the same seed always yields the same sequence. */
export function createRandom(seed: number): Random {
  const init = splitMix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let counter = init();
  let spareNormal: number | null = null;

  const next = (): number => {
    const t = (((a + b) | 0) + counter) | 0;
    counter = (counter + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up so the first outputs do not echo the seeding.
  for (let index = 0; index < 12; index++) next();

  const normal = (): number => {
    if (spareNormal !== null) {
      const value = spareNormal;
      spareNormal = null;
      return value;
    }
    let u = next();
    while (u === 0) u = next();
    const v = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };

  return {
    next,
    integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weightedIndex: (weights) => {
      let total = 0;
      for (const weight of weights) total += weight;
      let roll = next() * total;
      for (let index = 0; index < weights.length; index++) {
        roll -= weights[index] ?? 0;
        if (roll < 0) return index;
      }
      return weights.length - 1;
    },
    exponential: (mean) => -Math.log(1 - next()) * mean,
    normal,
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
  };
}
