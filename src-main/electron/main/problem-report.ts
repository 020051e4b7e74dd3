/**
 * "Report a problem": the text a supervisor sends to whoever supports Floorwatch. Everything a
 * first reply would ask for (version, commit, Electron/Chromium/Node versions, the system, the
 * last lines of each process's log) in one plain-text file, built here as a pure function so what
 * it contains, and what it leaves out, is tested.
 */

/** Lines of each log in a report: enough to see what led up to the problem, short enough to paste. */
export const REPORT_LOG_LINES = 200;

export interface ProblemReportFacts {
  readonly appVersion: string;
  /** The commit the app was built from (a build-time constant), or "unknown". */
  readonly commit: string;
  readonly versions: { readonly electron: string; readonly chrome: string; readonly node: string };
  readonly os: { readonly platform: string; readonly release: string; readonly arch: string };
  readonly isPackaged: boolean;
  readonly logsFolder: string;
  /** Each log file's name and its last lines (newest last). */
  readonly logs: readonly { readonly name: string; readonly lines: readonly string[] }[];
  readonly now: Date;
}

// Secrets that can end up in a log line: feed tokens in URLs or headers, console links' #token=.
const SECRET_PATTERNS: readonly RegExp[] = [/([?&#](?:token|access_token|feed-token)=)[^&\s"']+/gi, /(bearer\s+)[\w.~+/-]+=*/gi, /(--feed-token[=\s]+)[^\s"']+/gi, /("(?:token|feedToken|password|secret)"\s*:\s*")[^"]*/gi];

/**
 * Masks tokens and passwords in a log line. The report leaves the machine, so nothing that
 * grants access to a feed or a console may go with it.
 */
export function redactSecrets(line: string): string {
  return SECRET_PATTERNS.reduce((text, pattern) => text.replace(pattern, '$1[redacted]'), line);
}

/** The report file's name: sortable and safe on every file system. */
export function problemReportFileName(now: Date): string {
  return `problem-report-${now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.txt`;
}

/** Builds the report's text. */
export function buildProblemReport(facts: ProblemReportFacts): string {
  const header = [
    'Floorwatch problem report',
    '',
    'What happened (please describe what you did and what you saw):',
    '',
    '',
    '--- About this installation ---',
    `Floorwatch ${facts.appVersion} (commit ${facts.commit})${facts.isPackaged ? '' : ', development build'}`,
    `Electron ${facts.versions.electron}, Chromium ${facts.versions.chrome}, Node ${facts.versions.node}`,
    `System: ${facts.os.platform} ${facts.os.release} (${facts.os.arch})`,
    `Report made: ${facts.now.toISOString()}`,
    `Logs folder: ${facts.logsFolder}`,
  ];
  const logs = facts.logs.length === 0 ? ['', '--- No log files were found ---'] : facts.logs.flatMap((log) => ['', `--- Last ${log.lines.length} lines of ${log.name} ---`, ...log.lines.map(redactSecrets)]);
  return `${[...header, ...logs].join('\n')}\n`;
}
