import { describe, expect, it } from 'vitest';
import { safeHref } from './links';

const base = 'https://app.example.com/billing/invoices?x=1';

describe('safeHref', () => {
  it.each([
    ['https://help.example.com/a', 'https://help.example.com/a'],
    ['HTTP://help.example.com/a', 'http://help.example.com/a'],
    ['/help/vat-ids', 'https://app.example.com/help/vat-ids'],
    ['vat-ids#format', 'https://app.example.com/billing/vat-ids#format'],
    ['../settings', 'https://app.example.com/settings'],
    ['?tab=2', 'https://app.example.com/billing/invoices?tab=2'],
    ['//cdn.example.com/x', 'https://cdn.example.com/x'],
    ['  /padded  ', 'https://app.example.com/padded'],
  ])('links %j to %s', (raw, want) => expect(safeHref(raw, base)).toBe(want));

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'javascript&colon;alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'mailto:a@b.c',
    'http:alert(1)',
    '\\\\evil.example.com',
    '',
    'x'.repeat(2049),
  ])('refuses %j', (raw) => expect(safeHref(raw, base)).toBeNull());

  it('refuses what is not a string', () => {
    for (const v of [undefined, null, 42, {}, ['/a']]) expect(safeHref(v, base)).toBeNull();
  });
});
