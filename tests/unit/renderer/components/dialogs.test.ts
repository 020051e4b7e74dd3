/**
 * The dialogs' markup, rendered as the browser first receives it: labelled by their title, modal,
 * with the test ids and texts the views and the end-to-end tests rely on. Focus, Esc and the
 * platform's modality are exercised in a real Chromium by the end-to-end tests.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConfirmDialog, type ConfirmDialogProps } from '../../../../src-renderer/components/confirm-dialog.js';
import { Dialog } from '../../../../src-renderer/components/dialog.js';
import { FormDialog, type FormDialogProps } from '../../../../src-renderer/components/form-dialog.js';

const nothing = (): void => undefined;

/** The attributes of the first element with `data-testid="testId"`. */
function attributesOf(markup: string, testId: string): Readonly<Record<string, string>> {
  const tag = new RegExp(`<[a-z0-9]+[^>]*data-testid="${testId}"[^>]*>`).exec(markup)?.[0];
  if (tag === undefined) throw new Error(`no element with data-testid="${testId}" in ${markup}`);
  return Object.fromEntries([...tag.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].slice(1).map((match) => [match[1] ?? '', match[2] ?? '']));
}

/** The text inside the first element with `data-testid="testId"`, tags removed. */
function textOf(markup: string, testId: string): string {
  const start = markup.indexOf(`data-testid="${testId}"`);
  const open = markup.indexOf('>', start);
  const tagName = /<([a-z0-9]+)[^<]*$/.exec(markup.slice(0, start))?.[1] ?? '';
  const close = markup.indexOf(`</${tagName}>`, open);
  return markup.slice(open + 1, close).replace(/<[^>]+>/g, '');
}

function confirm(props: Partial<ConfirmDialogProps> = {}): string {
  const children = createElement('p', null, 'The agent loses it.');
  return renderToStaticMarkup(createElement(ConfirmDialog, { title: 'Take over?', confirmLabel: 'Take over', onConfirm: nothing, onCancel: nothing, testId: 'takeover-dialog', children, ...props }));
}

function form(props: Partial<FormDialogProps> = {}): string {
  return renderToStaticMarkup(createElement(FormDialog, { title: 'Thresholds', testId: 'thresholds-dialog', onCancel: nothing, children: createElement('p', null, 'Fields'), ...props }));
}

describe('Dialog', () => {
  it('is a modal dialog labelled by its title', () => {
    const markup = renderToStaticMarkup(createElement(Dialog, { title: 'Customize', testId: 'customize-dialog', onCancel: nothing, children: 'body' }));
    const dialog = attributesOf(markup, 'customize-dialog');
    expect(markup.startsWith('<dialog')).toBe(true);
    expect(dialog['aria-modal']).toBe('true');
    expect(dialog['class']).toBe('dialog');
    const titleId = dialog['aria-labelledby'] ?? '';
    expect(titleId).not.toBe('');
    expect(markup).toContain(`<h2 class="dialog__title" id="${titleId}">Customize</h2>`);
    expect(markup).not.toContain('customize-dialog-close');
  });

  it('adds a close button, the wide size, the area scope and the step when asked', () => {
    const markup = renderToStaticMarkup(createElement(Dialog, { title: 'Export', testId: 'export-dialog', onCancel: nothing, closeButton: true, wide: true, className: 'live-admin', dataStep: 'running', children: 'body' }));
    expect(attributesOf(markup, 'export-dialog')).toMatchObject({ class: 'dialog dialog--wide live-admin', 'data-step': 'running' });
    expect(attributesOf(markup, 'export-dialog-close')).toMatchObject({ 'aria-label': 'Close', type: 'button' });
  });
});

describe('ConfirmDialog', () => {
  it('asks with Cancel and the confirm label, and shows no error before an attempt', () => {
    const markup = confirm();
    expect(textOf(markup, 'takeover-dialog-cancel')).toBe('Cancel');
    expect(textOf(markup, 'takeover-dialog-confirm')).toBe('Take over');
    expect(markup).toContain('The agent loses it.');
    expect(markup).not.toContain('role="alert"');
  });

  it('waits while the action runs: both buttons disabled, the confirm button says so', () => {
    const markup = confirm({ busy: true });
    expect(attributesOf(markup, 'takeover-dialog-cancel')).toHaveProperty('disabled');
    expect(attributesOf(markup, 'takeover-dialog-confirm')).toMatchObject({ 'aria-busy': 'true' });
    expect(textOf(markup, 'takeover-dialog-confirm')).toBe('Working…');
  });

  it('shows the refusal of the last attempt as an alert', () => {
    const markup = confirm({ error: 'The feed did not answer.' });
    expect(attributesOf(markup, 'takeover-dialog-error')).toMatchObject({ role: 'alert' });
    expect(textOf(markup, 'takeover-dialog-error')).toBe('The feed did not answer.');
  });

  it('takes the names of its parts from the caller, and draws a destructive action as such', () => {
    const markup = confirm({ testId: 'confirm-dialog', partTestIds: { cancel: 'confirm-cancel', confirm: 'confirm-ok', error: 'confirm-error' }, tone: 'danger', error: 'Refused' });
    expect(attributesOf(markup, 'confirm-ok')['class']).toBe('button button--danger');
    expect(textOf(markup, 'confirm-cancel')).toBe('Cancel');
    expect(textOf(markup, 'confirm-error')).toBe('Refused');
  });
});

describe('FormDialog', () => {
  it('is a form with Cancel and a submit button', () => {
    const markup = form({ onSubmit: nothing, submitLabel: 'Save thresholds' });
    expect(markup).toMatch(/<form class="dialog__form"[^>]*>/);
    expect(attributesOf(markup, 'thresholds-dialog-submit')).toMatchObject({ type: 'submit', class: 'button button--primary' });
    expect(textOf(markup, 'thresholds-dialog-submit')).toBe('Save thresholds');
    expect(textOf(markup, 'thresholds-dialog-cancel')).toBe('Cancel');
    expect(attributesOf(markup, 'thresholds-dialog-close')).toMatchObject({ 'aria-label': 'Close' });
  });

  it('has no submit button without an action, and names a refusal "Not done"', () => {
    const markup = form({ error: 'the queue is gone', cancelLabel: 'Close' });
    expect(markup).not.toContain('thresholds-dialog-submit');
    expect(textOf(markup, 'thresholds-dialog-cancel')).toBe('Close');
    expect(textOf(markup, 'thresholds-dialog-error')).toBe('Not done: the queue is gone');
  });

  it('disables the submit button and draws a destructive action as such', () => {
    const markup = form({ onSubmit: nothing, submitDisabled: true, tone: 'danger' });
    expect(attributesOf(markup, 'thresholds-dialog-submit')).toMatchObject({ class: 'button button--danger' });
    expect(attributesOf(markup, 'thresholds-dialog-submit')).toHaveProperty('disabled');
  });
});
