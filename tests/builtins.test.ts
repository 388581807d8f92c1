/**
 * src/kernel/builtins.ts: Node 24's RegExp.escape and Node 22's URL.parse where they exist, the hand-written
 * equivalents on Node 20. CI runs this file on both, so each native function and each fallback is checked
 * against the same properties (the fallback on every Node).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeRegExp, escapeRegExpFallback, parseUrl, parseUrlFallback } from '../src/kernel/builtins.js';

const major = Number(process.versions.node.split('.')[0]);

describe('escapeRegExp', () => {
  it('uses the native RegExp.escape exactly where Node has it (24 and later)', () => {
    const native = typeof (RegExp as { escape?: unknown }).escape === 'function';
    expect(native).toBe(major >= 24);
    expect(escapeRegExp === escapeRegExpFallback).toBe(!native);
  });

  for (const [name, escape] of [
    ['escapeRegExp', escapeRegExp],
    ['the fallback', escapeRegExpFallback],
  ] as const) {
    it(`${name}: the pattern matches exactly the text, with and without the u flag, alone and in context`, () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 8 }), (text, other) => {
          for (const flags of ['', 'u']) {
            expect(new RegExp(`^${escape(text)}$`, flags).test(text)).toBe(true);
            // Joined as the code joins them: alternatives, and a piece between others.
            expect(new RegExp(`^(?:${escape(other)}|${escape(text)})$`, flags).test(text)).toBe(true);
            const inside = new RegExp(`a${escape(text)}b`, flags).exec(`xa${text}by`);
            expect(inside?.[0]).toBe(`a${text}b`);
            if (text !== other) expect(new RegExp(`^${escape(text)}$`, flags).test(other)).toBe(false);
          }
        }),
        { numRuns: 500 },
      );
    });
  }

  it('takes every character with a meaning in a pattern literally', () => {
    const text = '.*+?^$' + '{}()|[]\\/-';
    for (const escape of [escapeRegExp, escapeRegExpFallback]) {
      expect(new RegExp(`^${escape(text)}$`, 'u').test(text)).toBe(true);
      expect(new RegExp(escape('a.c')).test('abc')).toBe(false);
    }
  });
});

describe('parseUrl', () => {
  const samples = [
    'https://discord.com/api',
    'http://127.0.0.1:8787/',
    'redis://:secret@cache.internal:6380/0',
    'rediss://host',
    'not a url',
    '',
    'http://',
    '//no-scheme.example',
    'https://user:pw@example.com/a?b#c',
    'mailto:someone@example.com',
  ];

  it('agrees with the fallback (new URL, TypeError caught) on URLs and non-URLs alike', () => {
    for (const s of samples) {
      expect(parseUrl(s)?.href ?? null, s).toBe(parseUrlFallback(s)?.href ?? null);
    }
    expect(parseUrl('not a url')).toBeNull();
    expect(parseUrl('redis://:secret@cache.internal:6380/0')?.hostname).toBe('cache.internal');
  });
});
