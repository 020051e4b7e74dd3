/**
 * embedded_rss_growth_pct: the host with its embedded floor at --speed 20 --agents 1000 for 10
 * minutes (FLOORWATCH_BENCH_SOAK_MS to shorten), its resident memory sampled every 5 s. The figure
 * compares the last sample with the one at 2 minutes (or two thirds of a shorter soak): after the
 * first minutes, memory must stay flat (budget ≤ 10 %). embedded_rss_floor_growth_pct compares the
 * low points (after garbage collection) of the two minutes after the baseline and of the last two,
 * which a leak raises and collection timing does not. The embedded simulator lives in the host's
 * process, so this is also the simulator's memory.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startHostProcess } from '../tests/support/host-process.js';
import { report } from './stats.js';

const DEFAULT_SOAK_MS = 10 * 60_000;
const BASELINE_MS = 2 * 60_000;
const SAMPLE_EVERY_MS = 5_000;

/** A weekday afternoon (15:00 UTC), whatever the hour the benchmark runs: demand follows the queues' local day. */
function busyAfternoon(): number {
  const today = new Date();
  return Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 15);
}

/** Resident set size of a process in bytes: /proc where there is one, else ps. */
export function rssBytes(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((candidate) => candidate.startsWith('VmRSS:'));
    if (line !== undefined) return Number(line.replace(/\D+/gu, '')) * 1024;
  } catch {
    // Not Linux: ask ps.
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) * 1024;
}

export async function benchEmbeddedRss(): Promise<void> {
  const soakMs = Number(process.env.FLOORWATCH_BENCH_SOAK_MS ?? DEFAULT_SOAK_MS);
  if (!Number.isFinite(soakMs) || soakMs < 30_000) throw new Error(`FLOORWATCH_BENCH_SOAK_MS must be at least 30000, got ${String(process.env.FLOORWATCH_BENCH_SOAK_MS)}`);
  const baselineMs = Math.min(BASELINE_MS, Math.round((soakMs * 2) / 3));
  const host = await startHostProcess(['--speed', '20', '--agents', '1000', '--sim-start', String(busyAfternoon())]);
  try {
    const pid = host.child.pid;
    if (pid === undefined) throw new Error('the host has no pid');
    const startedAt = Date.now();
    const samples: { readonly atMs: number; readonly bytes: number }[] = [];
    for (let atMs = 0; atMs <= soakMs; atMs = Date.now() - startedAt) {
      samples.push({ atMs, bytes: rssBytes(pid) });
      await new Promise((resolve) => setTimeout(resolve, Math.min(SAMPLE_EVERY_MS, Math.max(1, soakMs - atMs))));
      if (host.child.exitCode !== null) throw new Error(`the host exited during the soak:\n${host.output().slice(-2000)}`);
    }
    const baseline = samples.find((sample) => sample.atMs >= baselineMs) ?? samples[0];
    const last = samples[samples.length - 1];
    if (baseline === undefined || last === undefined) throw new Error('no RSS sample');
    report('embedded_rss_mb_at_baseline', Math.round(baseline.bytes / 1_048_576), 'MB');
    report('embedded_rss_mb_last', Math.round(last.bytes / 1_048_576), 'MB');
    report('embedded_rss_peak_mb', Math.round(Math.max(...samples.map((sample) => sample.bytes)) / 1_048_576), 'MB');
    report('embedded_rss_growth_pct', Math.round(((last.bytes - baseline.bytes) / baseline.bytes) * 1000) / 10, '%');
    // Memory rises and falls with garbage collection; a leak raises the low points. Compare the
    // lowest sample of the two minutes after the baseline with the lowest of the last two minutes.
    const windowMs = Math.min(2 * 60_000, Math.round(soakMs / 4));
    const lowest = (from: number, to: number): number => Math.min(...samples.filter((sample) => sample.atMs >= from && sample.atMs <= to).map((sample) => sample.bytes));
    const earlyFloor = lowest(baselineMs, baselineMs + windowMs);
    const lateFloor = lowest(last.atMs - windowMs, last.atMs);
    report('embedded_rss_floor_growth_pct', Math.round(((lateFloor - earlyFloor) / earlyFloor) * 1000) / 10, '%');
  } finally {
    await host.stop();
  }
}
