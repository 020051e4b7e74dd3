/**
 * Guard: the renderer sends commands through one module. `client/commands.ts` makes one command id
 * per user intent and reuses it on every retry, and turns a missing answer into "unknown yet"
 * (docs/decisions/0013-command-ledger.md); a view that called `ConsoleClient.command` itself would
 * skip both. Only the client folder may call it.
 */
import { describe, expect, it } from 'vitest';
import { readSource, sourceFiles } from './source-tree.js';

const RAW_COMMAND_CALL = /\.command\s*(<[^>]*>)?\s*\(/u;

describe('command path in the renderer', () => {
  const files = sourceFiles(['src-renderer']);

  it('finds the command module and its callers', () => {
    expect(files).toContain('src-renderer/client/commands.ts');
    expect(files.filter((file) => /issueCommand|useCommandIssuer|useCommand\b/u.test(readSource(file))).length).toBeGreaterThan(5);
  });

  it('calls ConsoleClient.command only from src-renderer/client', () => {
    const raw = files.filter((file) => !file.startsWith('src-renderer/client/') && RAW_COMMAND_CALL.test(readSource(file)));
    expect(raw, 'Send commands with issueCommand / useCommandIssuer / useCommand (src-renderer/client/commands.ts), never client.command:\n' + raw.join('\n')).toEqual([]);
  });

  it('recognises a raw call when it sees one', () => {
    expect(RAW_COMMAND_CALL.test("client.command({ type: 'layout.save', hiddenQueueIds: [] }, id)")).toBe(true);
    expect(RAW_COMMAND_CALL.test("client.command<'layout.save'>(command, id)")).toBe(true);
    expect(RAW_COMMAND_CALL.test('issueCommand(client, command, id)')).toBe(false);
  });
});
