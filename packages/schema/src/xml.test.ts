import { describe, expect, it } from 'vitest';
import { escapeXml } from './xml.ts';

describe('escapeXml', () => {
  it('escapes markup and drops the characters XML forbids, lone surrogates included', () => {
    expect(escapeXml(`a<b>&"'\u0001\u000b`)).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    expect(escapeXml('سطر\nثان\tو\r')).toBe('سطر\nثان\tو\r');
    expect(escapeXml('x\ud800y\udc00z\uffff')).toBe('xyz');
    expect(escapeXml('😀')).toBe('😀');
  });
});
