import { METRIC_DICTIONARY } from './dictionary.js';

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
    lines.push(`## ${title}`, '', '| metric | id | unit | definition | formula |', '|---|---|---|---|---|');
    for (const metric of METRIC_DICTIONARY.values()) {
      if (metric.period !== period) continue;
      const definition = metric.alternatives ? `${metric.definition} *Alternatives:* ${metric.alternatives}` : metric.definition;
      lines.push(`| ${metric.label} | \`${metric.id}\` | ${metric.unit} | ${definition.replaceAll('|', '\\|')} | ${metric.formula.replaceAll('|', '\\|')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
