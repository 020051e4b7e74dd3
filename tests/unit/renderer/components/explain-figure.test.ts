/**
 * A figure's explanation as the dialog shows it: the inputs in words and numbers, the arithmetic
 * back to the figure, the vendors' definitions, and links to what is behind it. Rendered as the
 * browser first receives it; opening it from the keyboard is exercised in Chromium (tests/e2e/explain.e2e.ts).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ExplanationDetails, FigureButton } from '../../../../src-renderer/components/explain-figure.js';
import { agentFigureButtonName, arithmetic, figureButtonName, moreNote, termLines } from '../../../../src-renderer/components/explain-model.js';
import { explainLinks } from '../../../../src-renderer/shell/explain-links.js';
import type { MetricExplanation } from '../../../../src-shared/metrics/explanation.js';
import { AGENT_FIGURES, type AgentFigureExplanation } from '../../../../src-shared/metrics/agent-explanation.js';

const T = Date.UTC(2024, 2, 5, 12, 5, 0);
const nothing = (): void => undefined;

const serviceLevel: MetricExplanation = {
  metricId: 'serviceLevelPct',
  queueIds: ['q-billing'],
  asOfSeq: 42,
  asOfTime: T,
  value: (100 * 4) / 6,
  kind: 'percent',
  numerator: { label: 'answered within 60 s', value: 4 },
  denominator: { label: 'eligible (assigned, or abandoned after 5 s)', value: 6 },
  exclusions: [{ label: 'abandon under 5 s excluded', value: 1 }],
  summary: '4 answered within 60 s of 6 eligible (assigned, or abandoned after 5 s); 1 abandon under 5 s excluded',
  behind: { kind: 'history', from: Date.UTC(2024, 2, 5), until: T },
};

const queued: MetricExplanation = {
  metricId: 'queued',
  queueIds: ['q-billing'],
  asOfSeq: 42,
  asOfTime: T,
  value: 3,
  kind: 'count',
  numerator: { label: 'waiting now', value: 3 },
  denominator: null,
  exclusions: [],
  summary: '3 waiting now',
  behind: { kind: 'conversations', ids: ['c1', 'c2'], total: 3 },
};

function details(explanation: MetricExplanation): string {
  return renderToStaticMarkup(createElement(ExplanationDetails, { explanation, links: explainLinks({ kind: 'queue', queueId: 'q-billing' }), timeZone: 'UTC', onNavigate: nothing }));
}

describe('explain model', () => {
  it('lists numerator, denominator and exclusions, and the arithmetic that gives the figure', () => {
    expect(termLines(serviceLevel).map((line) => `${line.role}: ${line.term.value} ${line.term.label}`)).toEqual([
      'numerator: 4 answered within 60 s',
      'denominator: 6 eligible (assigned, or abandoned after 5 s)',
      'excluded: 1 abandon under 5 s excluded',
    ]);
    expect(arithmetic(serviceLevel)).toBe('100 × 4 / 6 = 67%');
    expect(arithmetic(queued)).toBe('3 = 3');
    expect(arithmetic({ ...serviceLevel, metricId: 'avgWaitSec', kind: 'mean', numerator: { label: 's', value: 150 }, denominator: { label: 'n', value: 2 }, value: 75 })).toBe('150 / 2 = 1:15');
    expect(arithmetic({ ...serviceLevel, denominator: { label: 'eligible', value: 0 }, numerator: { label: 'answered', value: 0 }, value: null })).toBe('100 × 0 / 0 = no value (nothing to divide by): –');
  });

  it('links conversations to their transcript and agents to the table filtered to them', () => {
    expect(explainLinks({ kind: 'queue', queueId: 'q-billing' }).liveTable({ conversationId: 'c1' })).toBe('#/queue/q-billing/conversations?conversation=c1');
    expect(explainLinks({ kind: 'group', groupId: 'preset-chat' }).liveTable({ agentId: 'a 1' })).toBe('#/group/preset-chat/conversations?agent=a+1');
    expect(explainLinks({ kind: 'group', groupId: 'preset-chat' }).history()).toBe('#/history');
    expect(moreNote(200, 250)).toBe('and 50 more not listed');
    expect(moreNote(2, 2)).toBeNull();
  });
});

describe('ExplanationDetails', () => {
  it('shows the value, the inputs in words, the formula, the vendors\' definitions and the history link', () => {
    const markup = details(serviceLevel);
    expect(markup).toContain('<strong>67%</strong> since midnight');
    expect(markup).toContain('as of 12:05:00 on the floor');
    expect(markup).toContain('4 answered within 60 s of 6 eligible (assigned, or abandoned after 5 s); 1 abandon under 5 s excluded');
    expect(markup).toContain('100 × assigned within target / (assigned + abandoned after 5 s)');
    expect(markup).toContain('Others count abandons in the denominator without the 5 s grace');
    expect(markup).toContain('href="#/history" data-testid="explain-history"');
    expect(markup).toContain('href="#/dictionary/serviceLevelPct"');
  });

  it('lists the conversations behind a live figure, says how many are not listed, and opens the live table', () => {
    const markup = details(queued);
    expect(markup).toContain('href="#/queue/q-billing/conversations?conversation=c1" data-behind-id="c1"');
    expect(markup).toContain('href="#/queue/q-billing/conversations?conversation=c2" data-behind-id="c2"');
    expect(markup).toContain('and 1 more not listed');
    expect(markup).toContain('href="#/queue/q-billing/conversations" data-testid="explain-live-table"');
    expect(markup).toContain('The dictionary records no other definition in use by vendors.');
  });
});

describe('FigureButton', () => {
  it('is a button named by the figure, its value and what it does; out of the tab order when asked', () => {
    const button = (focusable: boolean) =>
      renderToStaticMarkup(createElement(FigureButton, { scope: { target: { kind: 'queue', queueId: 'q-billing' }, links: explainLinks({ kind: 'queue', queueId: 'q-billing' }) }, figure: { metricId: 'queued', value: 3 }, title: 'Billing', severity: 'critical', focusable, testId: 'metric-queued', children: '3' }));
    expect(figureButtonName('queued', 3)).toBe('Queued: 3. Explain this figure');
    expect(button(true)).toBe('<button type="button" class="figure-button" aria-label="Queued: 3. Explain this figure (critical: past threshold)" data-metric="queued" data-testid="metric-queued">3</button>');
    expect(button(false)).toContain('tabindex="-1"');
  });
});

describe("an agent figure's explanation", () => {
  const handleToday: AgentFigureExplanation = {
    figureId: 'handleTimeSec',
    agentId: 'a1',
    agentName: 'Ann',
    period: 'today',
    asOfSeq: 42,
    asOfTime: T,
    value: 150,
    kind: 'mean',
    numerator: { label: 'seconds handled', value: 300 },
    denominator: { label: 'assignments finished since midnight', value: 2 },
    exclusions: [],
    summary: '300 s in total over 2 assignments finished since midnight: mean 150 s',
    behind: { kind: 'history', from: Date.UTC(2024, 2, 5), until: T },
  };

  it('says its definition, inputs and arithmetic, formatted as the agent panel shows it', () => {
    const html = renderToStaticMarkup(createElement(ExplanationDetails, { explanation: handleToday, links: explainLinks({ kind: 'queue', queueId: 'q-billing' }), timeZone: 'UTC', onNavigate: nothing }));
    expect(html).toContain(AGENT_FIGURES.handleTimeSec.definition);
    expect(html).toContain('assignments finished since midnight');
    expect(arithmetic(handleToday)).toBe('300 / 2 = 2:30');
    expect(arithmetic({ ...handleToday, figureId: 'assignments', kind: 'count', numerator: { label: 'held', value: 2 }, denominator: null, value: 2 })).toBe('2 = 2');
    expect(agentFigureButtonName('handleTimeSec', 'Ann', 150)).toBe('Handle time of Ann: 2:30. Explain this figure');
    expect(html).not.toContain('in the data dictionary');
  });

  it("opens the Conversation Manager filtered to the agent's conversations since the day's start", () => {
    const html = renderToStaticMarkup(createElement(ExplanationDetails, { explanation: handleToday, links: explainLinks({ kind: 'queue', queueId: 'q-billing' }), timeZone: 'UTC', onNavigate: nothing }));
    const href = /href="([^"]*)"[^>]*data-testid="explain-history"/.exec(html)?.[1] ?? '';
    const params = new URLSearchParams(href.replaceAll('&amp;', '&').split('?')[1] ?? '');
    expect(href.startsWith('#/history?')).toBe(true);
    expect(JSON.parse(params.get('filters') ?? '{}')).toEqual({ agentIds: ['a1'], createdAt: { min: Date.UTC(2024, 2, 5) } });
  });
});
