/**
 * Runs the unit suite once per fixed clock: at night, across midnight in New York (the simulator's
 * busiest zone), and across New York's spring-forward hour, each in a different process time zone.
 * A test that passes only at some hours of the day fails here at any hour. See scripts/fixed-clock.mjs.
 *
 *   npm run test:clocks [-- vitest arguments]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLOCKS = [
  { name: 'night', at: '2026-06-17T02:30:00Z', timeZone: 'UTC' },
  { name: 'midnight in New York', at: '2026-12-15T04:59:00Z', timeZone: 'America/New_York' },
  { name: 'New York springs forward', at: '2027-03-14T06:58:30Z', timeZone: 'Asia/Kolkata' },
];

const shim = fileURLToPath(new URL('./fixed-clock.mjs', import.meta.url));
const extra = process.argv.slice(2);
for (const clock of CLOCKS) {
  console.log(`\n── unit suite with the clock at ${clock.at} (${clock.name}), TZ=${clock.timeZone}`);
  const result = spawnSync('npx', ['vitest', 'run', ...extra], {
    stdio: 'inherit',
    env: {
      ...process.env,
      TZ: clock.timeZone,
      FLOORWATCH_FIXED_CLOCK: clock.at,
      FLOORWATCH_FIXED_CLOCK_ANCHOR: '',
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${shim}`.trim(),
    },
  });
  if (result.status !== 0) {
    console.error(`\nThe unit suite failed with the clock at ${clock.at} (${clock.name}, TZ=${clock.timeZone}).`);
    process.exit(result.status ?? 1);
  }
}
