/**
 * Loaded with `node --import` to start the process's wall clock at a chosen instant
 * (FLOORWATCH_FIXED_CLOCK, an ISO time). The clock then runs at its normal pace: only the origin
 * moves, so timeouts, intervals and durations behave as usual while every `Date.now()` and
 * `new Date()` reads the chosen hour. Child processes inherit NODE_OPTIONS and so the same clock.
 * Used by `npm run test:clocks` to prove the unit suite does not depend on the hour it runs at.
 */
const chosen = process.env.FLOORWATCH_FIXED_CLOCK;
if (chosen) {
  const RealDate = globalThis.Date;
  const target = RealDate.parse(chosen);
  if (Number.isNaN(target)) throw new Error(`FLOORWATCH_FIXED_CLOCK is not a time: ${chosen}`);
  // Anchored once per run (the parent passes its start down), so every process agrees on the clock.
  const anchor = Number(process.env.FLOORWATCH_FIXED_CLOCK_ANCHOR || RealDate.now());
  process.env.FLOORWATCH_FIXED_CLOCK_ANCHOR = String(anchor);
  const offset = target - anchor;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
