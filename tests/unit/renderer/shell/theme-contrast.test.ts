/**
 * The colour tokens of both themes (src-renderer/styles.css) keep text readable: every text colour
 * on every surface it is drawn on reaches WCAG AA (4.5:1), and the focus ring stands out (3:1).
 * axe checks the drawn pages end to end; this pins the table itself, so a new token value that
 * breaks one pair fails here first, with its name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../support/host-process.js';

const CSS = readFileSync(join(ROOT, 'src-renderer', 'styles.css'), 'utf8');

/** The declarations of the first rule whose selector list starts with `selector`. */
function tokens(selector: string): ReadonlyMap<string, string> {
  const start = CSS.indexOf(`${selector}`);
  const body = CSS.slice(CSS.indexOf('{', start) + 1, CSS.indexOf('}', start));
  const entries = [...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((match) => [match[1] ?? '', (match[2] ?? '').trim()] as const);
  return new Map(entries);
}

function luminance(hex: string): number {
  const value = hex.replace('#', '');
  const full = value.length === 3 ? [...value].map((digit) => digit + digit).join('') : value;
  const channel = (offset: number): number => {
    const c = parseInt(full.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const THEMES = { dark: tokens(':root,\n.wb-theme--dark'), light: tokens(":root[data-theme='light'],\n.wb-theme--light") };

const SURFACES = ['--bg', '--surface', '--surface-raised'];
const TEXTS = ['--text', '--text-muted', '--text-faint', '--accent', '--ok', '--warning', '--critical', '--chat', '--voice'];
const FILLED: readonly [string, string][] = [
  ['--on-accent', '--accent'],
  ['--on-focus', '--focus'],
  ['--on-ok', '--ok'],
  ['--on-warning', '--warning'],
  ['--on-critical', '--critical'],
  ['--banner-critical-text', '--banner-critical-bg'],
  ['--banner-warning-text', '--banner-warning-bg'],
];

describe.each(Object.entries(THEMES))('the %s theme', (_name, table) => {
  const colour = (token: string): string => {
    const value = table.get(token);
    if (value === undefined || !value.startsWith('#')) throw new Error(`${token} is not a hex colour in this theme: ${String(value)}`);
    return value;
  };

  it.each(TEXTS.flatMap((text) => SURFACES.map((surface) => [text, surface] as const)))('%s on %s reaches 4.5:1', (text, surface) => {
    expect(contrast(colour(text), colour(surface))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(FILLED)('%s on %s reaches 4.5:1', (text, fill) => {
    expect(contrast(colour(text), colour(fill))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(SURFACES)('the focus ring stands out from %s (3:1)', (surface) => {
    expect(contrast(colour('--focus'), colour(surface))).toBeGreaterThanOrEqual(3);
  });
});
