/**
 * The string catalogues stay in step with the code (docs/decisions/0031-ui-string-catalogues.md):
 * every key the code names exists in English, no English key is left unused, every plural has its
 * forms, and the areas already moved to catalogues keep no user-visible literal in their JSX.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EN_CATALOGUES } from '../../../../src-renderer/i18n/catalogues/en/index.js';
import { translate, type Namespace } from '../../../../src-renderer/i18n/translate.js';

const RENDERER = join(import.meta.dirname, '../../../../src-renderer');

/** The folders whose words all live in catalogues; the rule grows with the work. */
const CONVERTED_FOLDERS: readonly string[] = ['shell', 'components', 'views/dictionary', 'views/audit', 'views/connection', 'views/replay', 'views/alerts', 'views/live-overview', 'views/users', 'views/management', 'views/history', 'views/queue-detail', 'views/wallboard', 'views/insights', 'views/reports'];

/** Attributes a person reads or hears. */
const TEXT_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt']);

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const FILES = sourceFiles(RENDERER).map((path) => ({ path: relative(RENDERER, path), text: readFileSync(path, 'utf8') }));

function baseKeys(namespace: Namespace): Set<string> {
  return new Set(Object.keys(EN_CATALOGUES[namespace]).map((key) => key.replace(PLURAL_SUFFIX, '')));
}

/** The keys each file names: `translate('ns', 'key'` and `t('key'` where `t = useT('ns')`. */
function keysNamed(text: string): { readonly namespace: string; readonly key: string }[] {
  const found: { namespace: string; key: string }[] = [];
  for (const match of text.matchAll(/translate\(\s*'([a-z-]+)',\s*'([^']+)'/g)) found.push({ namespace: match[1] ?? '', key: match[2] ?? '' });
  for (const binding of text.matchAll(/const (\w+) = useT\('([a-z-]+)'\)/g)) {
    const name = binding[1] ?? '';
    for (const call of text.matchAll(new RegExp(`\\b${name}\\(\\s*'([^']+)'`, 'g'))) found.push({ namespace: binding[2] ?? '', key: call[1] ?? '' });
  }
  return found;
}

/** Whether a file refers to an area's catalogue at all. */
function usesNamespace(text: string, namespace: string): boolean {
  return text.includes(`useT('${namespace}')`) || text.includes(`translate('${namespace}'`);
}

function jsxLiterals(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(source))) {
      const value = node.initializer;
      const literal = value !== undefined && ts.isJsxExpression(value) ? value.expression : value;
      if (literal !== undefined && (ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal)) && /\p{L}/u.test(literal.text)) {
        found.push(`${node.name.getText(source)}="${literal.text}"`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the UI string catalogues', () => {
  it('have every key the code names, in English', () => {
    const missing = FILES.flatMap((file) =>
      keysNamed(file.text)
        .filter(({ namespace, key }) => !(namespace in EN_CATALOGUES) || !baseKeys(namespace as Namespace).has(key))
        .map(({ namespace, key }) => `${file.path}: ${namespace}:${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('have no key the code never names', () => {
    const unused = (Object.keys(EN_CATALOGUES) as Namespace[]).flatMap((namespace) => {
      // A key may be named through a table of keys, so any quoted mention in a file of the area counts.
      const users = FILES.filter((file) => usesNamespace(file.text, namespace)).map((file) => file.text);
      return [...baseKeys(namespace)].filter((key) => !users.some((text) => text.includes(`'${key}'`))).map((key) => `${namespace}:${key}`);
    });
    expect(unused).toEqual([]);
  });

  it('give every plural both of the forms English needs', () => {
    const incomplete = (Object.keys(EN_CATALOGUES) as Namespace[]).flatMap((namespace) => {
      const keys = Object.keys(EN_CATALOGUES[namespace]);
      const plurals = new Set(keys.filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, '')));
      return [...plurals].filter((base) => !keys.includes(`${base}_one`) || !keys.includes(`${base}_other`)).map((base) => `${namespace}:${base}`);
    });
    expect(incomplete).toEqual([]);
  });

  it('choose plurals by count and format numbers in the locale', () => {
    expect(translate('shell', 'tableAuditLog', { count: 1 })).toBe('1 audit record');
    expect(translate('shell', 'tableAuditLog', { count: 1204 })).toBe('1,204 audit records');
    expect(translate('shell', 'signedInAs', { name: '<b>Ana</b>' })).toBe('Signed in as <b>Ana</b>');
  });

  it.each(CONVERTED_FOLDERS)('leave no user-visible literal in the JSX of %s', (folder) => {
    const literals = FILES.filter((file) => file.path.startsWith(`${folder}/`)).flatMap((file) => jsxLiterals(file.path, file.text).map((literal) => `${file.path}: ${literal}`));
    expect(literals).toEqual([]);
  });
});
