/**
 * Independent reference methods for the staffing tests: they share no code and no formula with
 * src-shared/staffing, so agreeing with them checks the derivations as well as the arithmetic.
 *
 * - Erlang C by its textbook finite sum, C = (A^N/N! · N/(N−A)) / (Σ_{k<N} A^k/k! + A^N/N! · N/(N−A)),
 *   in exact rational arithmetic (BigInt) for a rational traffic p/q.
 * - Erlang A by its birth–death chain, solved state by state (as pyworkforce's ErlangA does), and its
 *   service level by following an arriving customer through the queue (uniformization of the
 *   tagged-customer chain), instead of the closed forms the module uses.
 */

/** An exact BigInt ratio as a double (to about 1e-17 relative). */
function ratio(numerator: bigint, denominator: bigint): number {
  const scale = 10n ** 30n;
  return Number((numerator * scale) / denominator) / 1e30;
}

/** Erlang C's probability of waiting for traffic p/q erlangs and N agents (p/q < N), exactly. */
export function exactProbabilityOfWaiting(p: bigint, q: bigint, agents: number): number {
  const n = BigInt(agents);
  // Every term A^k/k! multiplied by N!·q^N: p^k · q^(N−k) · N!/k!, summed from k = N − 1 down.
  const powers = [1n];
  for (let k = 1; k <= agents; k += 1) powers.push((powers[k - 1] as bigint) * p);
  let sum = 0n;
  let falling = 1n; // N!/k!
  let qPower = 1n; // q^(N−k)
  for (let k = agents - 1; k >= 0; k -= 1) {
    falling *= BigInt(k + 1);
    qPower *= q;
    sum += (powers[k] as bigint) * qPower * falling;
  }
  const power = powers[agents] as bigint;
  // The last term is p^N · N·q / (N·q − p).
  const spare = n * q - p;
  return ratio(power * n * q, spare * sum + power * n * q);
}

export interface ChainFigures {
  readonly probabilityOfWaiting: number;
  readonly probabilityOfAbandon: number;
  readonly averageSpeedOfAnswerS: number;
  readonly occupancy: number;
  readonly serviceLevel: number;
}

/** Erlang A's figures from the M/M/N+M birth–death chain, truncated where the tail is below 1e-18. */
export function chainFigures(trafficErlangs: number, handleTimeS: number, patienceS: number, agents: number, targetAnswerS: number): ChainFigures {
  const arrivalRate = trafficErlangs / handleTimeS;
  const serviceRate = 1 / handleTimeS;
  const abandonRate = 1 / patienceS;
  const weights = [1];
  let total = 1;
  for (let n = 1; ; n += 1) {
    const departures = Math.min(n, agents) * serviceRate + Math.max(n - agents, 0) * abandonRate;
    const next = ((weights[n - 1] as number) * arrivalRate) / departures;
    weights.push(next);
    total += next;
    if (next > 1e250) {
      for (let i = 0; i < weights.length; i += 1) weights[i] = (weights[i] as number) / 1e250;
      total /= 1e250;
    }
    if (n > agents && next < 1e-18 * total) break;
  }
  const probability = weights.map((weight) => weight / total);
  let waiting = 0;
  let queueLength = 0;
  let busy = 0;
  probability.forEach((value, n) => {
    if (n >= agents) waiting += value;
    queueLength += Math.max(n - agents, 0) * value;
    busy += Math.min(n, agents) * value;
  });
  const ahead = probability.slice(agents);
  return {
    probabilityOfWaiting: waiting,
    probabilityOfAbandon: (abandonRate * queueLength) / arrivalRate,
    averageSpeedOfAnswerS: queueLength / arrivalRate,
    occupancy: agents > 0 ? busy / agents : 0,
    serviceLevel: 1 - waiting + servedWithin(ahead, agents * serviceRate, abandonRate, targetAnswerS),
  };
}

/**
 * Of arrivals who find j customers ahead (with probability ahead[j]), the share served within t:
 * the tagged customer moves up at rate Nμ + jθ (a service or an abandon ahead), is served from the
 * head at rate Nμ, and abandons at rate θ. Uniformized: Σ_k Poisson(k; Λt) · P(served within k steps).
 */
function servedWithin(ahead: readonly number[], serviceRate: number, abandonRate: number, t: number): number {
  const last = ahead.length - 1;
  const uniform = serviceRate + last * abandonRate + abandonRate;
  const mean = uniform * t;
  if (mean > 700) throw new Error('the reference uniformization would underflow; choose a smaller case');
  let state = [...ahead];
  let served = 0;
  let poisson = Math.exp(-mean);
  let result = 0;
  const steps = Math.ceil(mean + 12 * Math.sqrt(mean) + 60);
  for (let k = 1; k <= steps; k += 1) {
    const next = new Array<number>(state.length).fill(0);
    state.forEach((mass, j) => {
      if (mass === 0) return;
      const forward = serviceRate + j * abandonRate;
      if (j === 0) served += (mass * serviceRate) / uniform;
      else next[j - 1] = (next[j - 1] as number) + (mass * forward) / uniform;
      next[j] = (next[j] as number) + (mass * (uniform - forward - abandonRate)) / uniform;
    });
    state = next;
    poisson *= mean / k;
    result += poisson * served;
  }
  return result;
}
