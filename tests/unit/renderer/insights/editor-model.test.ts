import { describe, expect, it } from 'vitest';
import { checkedDocument, copyDocument, newDocument, newWidget, nextWidgetId, withWidget, withoutWidget } from '../../../../src-renderer/views/insights/editor-model.js';

describe('editing a custom dashboard', () => {
  it('starts a valid document and adds widgets under unused ids', () => {
    const document = newDocument('Mine', 'Offered per day');
    expect(checkedDocument(document).ok).toBe(true);
    const grown = { ...document, widgets: [...document.widgets, newWidget(document.widgets, 'Second')] };
    expect(grown.widgets.map((widget) => widget.id)).toEqual(['w1', 'w2']);
    expect(nextWidgetId([{ id: 'w2' }, { id: 'w3' }])).toBe('w4');
  });

  it('changes and removes one widget, and copies under a new name', () => {
    const document = { ...newDocument('Mine', 'A'), widgets: [newWidget([], 'A'), newWidget([{ id: 'w1' }], 'B')] };
    expect(withWidget(document, 1, { chart: 'bar' }).widgets.map((widget) => widget.chart)).toEqual(['line', 'bar']);
    expect(withoutWidget(document, 0).widgets.map((widget) => widget.title)).toEqual(['B']);
    expect(copyDocument(document, 'Copy of Mine').name).toBe('Copy of Mine');
  });

  it('names the field at fault before the core is asked', () => {
    const document = withWidget(newDocument('Mine', 'A'), 0, { title: '' });
    const checked = checkedDocument(document);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toMatch(/^widgets\.0\.title: /);
  });
});
