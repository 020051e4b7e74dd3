import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_NODE_FLAGS } from '../../../src-main/core/runtime-flags.js';
import { HOST_NODE_FLAGS } from '../../../scripts/electron-native.mjs';

describe('node flags of the core process', () => {
  it('are the same wherever the core is started', () => {
    expect(HOST_NODE_FLAGS).toEqual(CORE_NODE_FLAGS);
    const scripts = (JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['host', 'bench']) expect(scripts[name], name).toContain(`node ${CORE_NODE_FLAGS.join(' ')} dist/`);
  });
});
