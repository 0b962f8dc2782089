import { describe, expect, it } from 'vitest';
import { popupKeyAction, stepThrough, type KeyInput } from '../../../lib/ui/popup-keys';

const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  code: '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  typing: false,
  ...extra,
});

describe('popupKeyAction', () => {
  it.each([
    ['n', key('n'), 'new'],
    ['N (caps lock)', key('N'), 'new'],
    ['c', key('c'), 'copy'],
    ['/', key('/'), 'search'],
    ['ArrowDown', key('ArrowDown'), 'next'],
    ['ArrowUp', key('ArrowUp'), 'previous'],
    ['n on an Arabic layout (ى on KeyN)', key('ى', { code: 'KeyN' }), 'new'],
    ['c on a Bengali layout', key('ম', { code: 'KeyC' }), 'copy'],
    ['n while typing in a field', key('n', { typing: true }), null],
    ['/ while typing in a field', key('/', { typing: true }), null],
    ['ArrowDown while typing', key('ArrowDown', { typing: true }), null],
    ['Ctrl+C (the browser copy)', key('c', { ctrlKey: true }), null],
    ['Cmd+N', key('n', { metaKey: true }), null],
    ['Alt+N', key('n', { altKey: true }), null],
    ['another letter', key('x', { code: 'KeyX' }), null],
    ['a Latin letter on KeyN of another layout', key('b', { code: 'KeyN' }), null],
    ['Enter (left to the focused button)', key('Enter'), null],
  ])('%s', (_name, input, action) => {
    expect(popupKeyAction(input)).toBe(action);
  });
});

describe('stepThrough', () => {
  const rows = ['a', 'b', 'c'];
  it.each([
    [null, 1, 'a'],
    [null, -1, 'c'],
    ['a', 1, 'b'],
    ['c', 1, 'c'],
    ['a', -1, 'a'],
    ['b', -1, 'a'],
    ['gone', 1, 'a'],
  ] as const)('from %s by %d lands on %s', (from, step, to) => {
    expect(stepThrough(rows, from, step)).toBe(to);
  });
  it('has nowhere to go in an empty list', () => {
    expect(stepThrough([], null, 1)).toBeUndefined();
  });
});
