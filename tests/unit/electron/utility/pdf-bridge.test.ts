/**
 * The desktop app's PDF renderer as the core sees it: a print document posted to the main process
 * by request id, the answer matched back to its caller (bytes or the reason), anything else left
 * to the API relay, answers for no one ignored, and every wait refused when the core closes. The
 * messages are read strictly (core and main are separate processes: nothing is trusted).
 */
import { describe, expect, it } from 'vitest';
import { MAX_PRINT_DOCUMENT_CHARS, parsePdfAnswer, parsePdfAsk, type PdfAsk } from '../../../../src-main/electron/common/pdf-protocol.js';
import { createPdfBridge } from '../../../../src-main/electron/utility/pdf-bridge.js';

function bridgeWithOutbox() {
  const posted: PdfAsk[] = [];
  const bridge = createPdfBridge((message) => posted.push(message));
  return { posted, bridge };
}

describe('the PDF bridge of the core process', () => {
  it('asks main with the document and resolves each caller with its own answer', async () => {
    const { posted, bridge } = bridgeWithOutbox();
    const first = bridge.renderer.render('<p>one</p>');
    const second = bridge.renderer.render('<p>two</p>');
    expect(posted).toEqual([
      { kind: 'pdf-render', requestId: 1, html: '<p>one</p>' },
      { kind: 'pdf-render', requestId: 2, html: '<p>two</p>' },
    ]);
    expect(bridge.receive({ kind: 'pdf-failed', requestId: 2, error: 'the window crashed' })).toBe(true);
    expect(bridge.receive({ kind: 'pdf-rendered', requestId: 1, pdf: new Uint8Array([37, 80, 68, 70]) })).toBe(true);
    await expect(first).resolves.toEqual(new Uint8Array([37, 80, 68, 70]));
    await expect(second).rejects.toThrow('the window crashed');
  });

  it('leaves the API traffic to the relay and ignores answers for no one', () => {
    const { bridge } = bridgeWithOutbox();
    expect(bridge.receive({ kind: 'shutdown' })).toBe(false);
    expect(bridge.receive({ kind: 'request', windowId: 1, message: {} })).toBe(false);
    expect(bridge.receive({ kind: 'pdf-rendered', requestId: 99, pdf: new Uint8Array([1]) })).toBe(true);
  });

  it('refuses waiting and later documents once the core closes', async () => {
    const { posted, bridge } = bridgeWithOutbox();
    const waiting = bridge.renderer.render('<p>one</p>');
    bridge.close();
    await expect(waiting).rejects.toThrow('the console is closing');
    await expect(bridge.renderer.render('<p>two</p>')).rejects.toThrow('the console is closing');
    expect(posted).toHaveLength(1);
  });

  it('says so when main cannot be asked', async () => {
    const bridge = createPdfBridge(() => {
      throw new Error('port closed');
    });
    await expect(bridge.renderer.render('<p>x</p>')).rejects.toThrow('the desktop app could not be asked to draw it: port closed');
  });
});

describe('the PDF messages between the processes', () => {
  it('reads a request and both answers', () => {
    expect(parsePdfAsk({ kind: 'pdf-render', requestId: 3, html: '<p>x</p>' })).toEqual({ kind: 'pdf-render', requestId: 3, html: '<p>x</p>' });
    expect(parsePdfAnswer({ kind: 'pdf-failed', requestId: 3, error: 'no' })).toEqual({ kind: 'pdf-failed', requestId: 3, error: 'no' });
    expect(parsePdfAnswer({ kind: 'pdf-rendered', requestId: 3, pdf: new Uint8Array([1]) })?.kind).toBe('pdf-rendered');
  });

  it.each([
    ['an API message', { kind: 'ready' }],
    ['a negative id', { kind: 'pdf-render', requestId: -1, html: '' }],
    ['a document that is not text', { kind: 'pdf-render', requestId: 1, html: 42 }],
    ['an oversized document', { kind: 'pdf-render', requestId: 1, html: 'x'.repeat(MAX_PRINT_DOCUMENT_CHARS + 1) }],
    ['an extra field', { kind: 'pdf-render', requestId: 1, html: '', url: 'file:///etc/passwd' }],
  ])('refuses %s as a request', (_name, message) => {
    expect(parsePdfAsk(message)).toBeNull();
  });

  it.each([
    ['bytes that are not bytes', { kind: 'pdf-rendered', requestId: 1, pdf: 'JVBERi0=' }],
    ['an answer without an id', { kind: 'pdf-failed', error: 'no' }],
    ['a request', { kind: 'pdf-render', requestId: 1, html: '' }],
  ])('refuses %s as an answer', (_name, message) => {
    expect(parsePdfAnswer(message)).toBeNull();
  });
});
