import { describe, expect, it } from 'vitest';
import { buildProblemReport, problemReportFileName, redactSecrets, type ProblemReportFacts } from '../../../../src-main/electron/main/problem-report.js';

const facts: ProblemReportFacts = {
  appVersion: '0.1.0',
  commit: 'abc1234',
  versions: { electron: '42.0.0', chrome: '140.0.0.0', node: '22.20.0' },
  os: { platform: 'linux', release: '6.8.0', arch: 'x64' },
  isPackaged: true,
  logsFolder: '/home/sup/.local/share/floorwatch/logs',
  logs: [
    { name: 'main.2.log', lines: ['{"msg":"window opened"}'] },
    { name: 'core.1.log', lines: ['{"msg":"feed connected to wss://feed.example/stream?token=s3cret&x=1"}', '{"msg":"Authorization: Bearer abc.def-ghi"}'] },
  ],
  now: new Date('2026-12-03T17:31:02.123Z'),
};

describe('buildProblemReport', () => {
  it('names the version, commit, runtimes and system', () => {
    const report = buildProblemReport(facts);
    expect(report).toContain('Floorwatch 0.1.0 (commit abc1234)');
    expect(report).toContain('Electron 42.0.0, Chromium 140.0.0.0, Node 22.20.0');
    expect(report).toContain('System: linux 6.8.0 (x64)');
    expect(report).toContain('Logs folder: /home/sup/.local/share/floorwatch/logs');
    expect(report).not.toContain('development build');
  });

  it('appends each log’s last lines under its name, with tokens masked', () => {
    const report = buildProblemReport(facts);
    expect(report).toContain('--- Last 1 lines of main.2.log ---\n{"msg":"window opened"}');
    expect(report).toContain('?token=[redacted]&x=1');
    expect(report).toContain('Bearer [redacted]');
    expect(report).not.toContain('s3cret');
    expect(report).not.toContain('abc.def-ghi');
  });

  it('says so when there are no logs, and marks a development build', () => {
    const report = buildProblemReport({ ...facts, logs: [], isPackaged: false });
    expect(report).toContain('No log files were found');
    expect(report).toContain('development build');
  });
});

describe('redactSecrets', () => {
  it.each([
    ['app://floorwatch/#token=abcdef', 'app://floorwatch/#token=[redacted]'],
    ['{"feedToken":"xyz","queueId":"q-1"}', '{"feedToken":"[redacted]","queueId":"q-1"}'],
    ['--feed-token=abc --seed 7', '--feed-token=[redacted] --seed 7'],
    ['nothing secret here', 'nothing secret here'],
  ])('%s → %s', (line, redacted) => {
    expect(redactSecrets(line)).toBe(redacted);
  });
});

describe('problemReportFileName', () => {
  it('is sortable and has no colons', () => {
    expect(problemReportFileName(new Date('2026-12-03T17:31:02.123Z'))).toBe('problem-report-2026-12-03T17-31-02Z.txt');
  });
});
