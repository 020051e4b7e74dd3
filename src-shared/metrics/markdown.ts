import { METRIC_DICTIONARY } from './dictionary.js';

/** How "since midnight" reads on a console that started mid-day (docs/decisions/0041-one-past-for-the-live-pages.md). */
const SINCE_MIDNIGHT_NOTE = [
  "On a console started after the queue's midnight, the hours before it started come from the local cache (the stored conversations,",
  'counted at the time of each step as the live counters count them), so every view shows the whole day. When the cache starts',
  'later than midnight the figures count from its start; when it holds nothing close to the moment the console started (its last',
  'conversation ended more than 15 minutes before), from that moment. Either way the view says "Today since HH:MM" and why. The cache',
  'keeps no time-outs and no slot time: on such a day timed out by agent, occupancy and concurrency are not known.',
];

/** docs/metrics.md, rendered from the dictionary so the two cannot disagree (a test compares them). */
export function renderMetricsMarkdown(): string {
  const lines = [
    '# Metric dictionary',
    '',
    'Generated from `src-shared/metrics/dictionary.ts` by `npm run docs:metrics`; a test fails when this file is out of date.',
    'Every number the console shows names one of these metrics (its tooltip shows the same text). Pressing a figure opens its explanation:',
    'this definition and formula, the inputs the figure was computed from at that moment (numerator, denominator and what was left out,',
    'from the `live.explain` query), the alternatives, and the conversations or agents it counts.',
    '',
  ];
  for (const [period, title] of [
    ['now', 'Right now'],
    ['today', "Since midnight (the queue's time zone)"],
  ] as const) {
    lines.push(`## ${title}`, '');
    if (period === 'today') lines.push(...SINCE_MIDNIGHT_NOTE, '');
    lines.push('| metric | id | unit | definition | formula |', '|---|---|---|---|---|');
    for (const metric of METRIC_DICTIONARY.values()) {
      if (metric.period !== period) continue;
      const definition = metric.alternatives ? `${metric.definition} *Alternatives:* ${metric.alternatives}` : metric.definition;
      lines.push(`| ${metric.label} | \`${metric.id}\` | ${metric.unit} | ${definition.replaceAll('|', '\\|')} | ${metric.formula.replaceAll('|', '\\|')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
