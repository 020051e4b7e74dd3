import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../src-shared/errors.js';

describe('errorMessage', () => {
  it.each([
    ['an Error', new Error('the socket closed'), 'the socket closed'],
    ['a subclass of Error', new TypeError('not a function'), 'not a function'],
    ['a thrown string', 'refused', 'refused'],
    ['a thrown number', 42, '42'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
  ])('gives the text of %s', (_name, error, expected) => {
    expect(errorMessage(error)).toBe(expected);
  });

  it('does not add the stack', () => {
    const error = new Error('short');
    expect(errorMessage(error)).not.toContain('\n');
  });
});
