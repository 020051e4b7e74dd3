/**
 * The special functions behind the Erlang formulas, written for large arguments: thousands of
 * agents and traffic in the thousands of erlangs. Nothing here forms a factorial or a power that
 * could overflow; the one function whose value can be astronomically large (the scaled incomplete
 * gamma of an overloaded queue) is returned as a logarithm. See docs/staffing.md#stability.
 */

/** Relative precision at which a series or continued fraction is considered converged. */
const EPSILON = 1e-17;
/** Guards against a loop that would not end on absurd input (NaN slipped past a check). */
const MAX_ITERATIONS = 10_000_000;
/** A number smaller than any term the continued fraction meets, so Lentz's method never divides by zero. */
const TINY = 1e-300;
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Erlang B, the probability that an arrival finds all `servers` busy in a loss system offered
 * `trafficErlangs`, by the recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)).
 *
 * Every step stays in [0, 1], so the recursion is exact to rounding at any size; where the true
 * value is below the smallest double it underflows to 0, which is the right answer to 300 digits.
 */
export function erlangB(trafficErlangs: number, servers: number): number {
  let blocking = 1;
  for (let n = 1; n <= servers; n += 1) blocking = nextErlangB(trafficErlangs, n, blocking);
  return blocking;
}

/** One step of the Erlang B recursion: B(n) from B(n − 1); the solvers walk n upwards with it. */
export function nextErlangB(trafficErlangs: number, servers: number, previous: number): number {
  const carried = trafficErlangs * previous;
  return carried / (servers + carried);
}

/**
 * ln(Γ(a) · e^z / z^a), for a ≥ 1 and z > 0: the scale of the incomplete gamma function.
 *
 * For large a the three terms are each of order a·ln a and nearly cancel, so Stirling's series is
 * rearranged to a·(d − ln(1 + d)) with d = (z − a)/a, which log1p evaluates without cancellation.
 */
export function logGammaScale(a: number, z: number): number {
  let shift = 0;
  let base = a;
  // Stirling's series is accurate to double precision from 10 on; below that, Γ(a) = Γ(a + k) / (a … (a + k − 1)).
  while (base < 10) {
    shift += Math.log(base);
    base += 1;
  }
  const inverse = 1 / base;
  const inverseSquare = inverse * inverse;
  const correction = inverse * (1 / 12 - inverseSquare * (1 / 360 - inverseSquare * (1 / 1260 - inverseSquare / 1680)));
  if (shift === 0) {
    const d = (z - a) / a;
    return a * (d - Math.log1p(d)) - 0.5 * Math.log(a) + HALF_LOG_TWO_PI + correction;
  }
  const logGamma = (base - 0.5) * Math.log(base) - base + HALF_LOG_TWO_PI + correction - shift;
  return logGamma + z - a * Math.log(z);
}

/**
 * ln R(a, z), where R(a, z) = Σ_{j≥0} z^j / (a (a+1) … (a+j)) = e^z z^(−a) γ(a, z), for a ≥ 1, z ≥ 0.
 *
 * R is the sum over queue lengths in the M/M/N+M queue (docs/staffing.md#erlang-a). Below
 * z < a + 1 its series has terms that only fall, and is summed as is; above, the terms first grow
 * (an overloaded queue) and R = Γ(a)e^z z^(−a) − (the continued fraction of the upper incomplete
 * gamma), taken in log space because the first term can exceed any double.
 */
export function logScaledLowerGamma(a: number, z: number): number {
  if (z <= 0) return -Math.log(a);
  if (z < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let j = 1; j < MAX_ITERATIONS; j += 1) {
      term *= z / (a + j);
      sum += term;
      if (term < sum * EPSILON) break;
    }
    return Math.log(sum);
  }
  return logGammaScale(a, z) + lowerGammaCorrection(a, z);
}

/**
 * For z ≥ a + 1: ln R(a, z) − logGammaScale(a, z), that is ln(1 − Γ(a, z)/Γ(a)), a small
 * negative number. Apart because differences of ln R at two z with the same a cancel the scale
 * exactly: logGammaScale(a, z₁) − logGammaScale(a, z₂) = (z₁ − z₂) − a·ln(z₁/z₂).
 */
export function lowerGammaCorrection(a: number, z: number): number {
  return Math.log1p(-upperGammaFraction(a, z) * Math.exp(-logGammaScale(a, z)));
}

/**
 * e^z z^(−a) Γ(a, z) by its continued fraction (modified Lentz), converging quickly for z ≥ a + 1.
 * Its value is below 1 / (z − a + 1), so it never overflows.
 */
export function upperGammaFraction(a: number, z: number): number {
  let b = z + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let fraction = d;
  for (let i = 1; i < MAX_ITERATIONS; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    fraction *= step;
    if (Math.abs(step - 1) < EPSILON * 10) break;
  }
  return fraction;
}

/** The logistic function 1 / (1 + e^(−x)) without overflow: a probability whose odds are held as a logarithm. */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
