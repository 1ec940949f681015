import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from './markdown';

describe('escapeMarkdown', () => {
  it.each([
    ['[Click here](https://evil.example)', '\\[Click here\\]\\(https://evil.example\\)'],
    ['**bold** _it_ ~~gone~~ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\`'],
    ['# Heading', '\\# Heading'],
    ['<https://evil.example> <b>', '\\<https://evil.example\\> \\<b\\>'],
    ['| a | b |', '\\| a \\| b \\|'],
    ['- item + item ! img', '\\- item \\+ item \\! img'],
    ['a\\b', 'a\\\\b'],
    ['line one\n\n# two\r\n- three', 'line one \\# two \\- three'],
    ['plain words, 42.', 'plain words, 42.'],
  ])('%j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});
