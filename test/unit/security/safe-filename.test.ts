import { describe, expect, it } from 'vitest';
import { safeFilename } from '../../../lib/background/extension-handlers';

describe('safeFilename (hostile attachment names)', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../.bashrc', '__.._.bashrc'],
    ['C:\\Windows\\evil.dll', 'C__Windows_evil.dll'],
    ['a\u0000b\u007fc\n.txt', 'a_b_c_.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['x\u2066\u2067\u2068\u2069\u200E\u200F\u061C.zip', 'x.zip'],
    ['notes.txt. . ', 'notes.txt'],
    ['...', '_'],
    ['', 'attachment'],
    ['\u202E', 'attachment'],
  ])('%j -> %j', (input, expected) => {
    expect(safeFilename(input)).toBe(expected);
  });

  it('keeps names at most 120 characters long', () => {
    expect(safeFilename(`${'a'.repeat(200)}.pdf`)).toHaveLength(120);
  });
});
