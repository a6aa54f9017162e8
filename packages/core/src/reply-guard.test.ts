import { describe, expect, it } from 'vitest';
import { ReplyGuard } from './reply-guard.js';

const QUOTA = '额度已消耗完';

describe('ReplyGuard', () => {
  it('passes a reply that cannot be the quota text at once', () => {
    const guard = new ReplyGuard(QUOTA);
    expect(guard.accept('Hello')).toBe('Hello');
    expect(guard.accept('额度')).toBe('额度');
    expect(guard.matched).toBe(false);
    expect(guard.release()).toBe('');
  });

  it('holds a start of the quota text and releases it whole once the reply differs', () => {
    const guard = new ReplyGuard(QUOTA);
    expect(guard.accept('额')).toBe('');
    expect(guard.accept('度')).toBe('');
    expect(guard.accept('很好')).toBe('额度很好');
    expect(guard.accept('已消耗完')).toBe('已消耗完');
    expect(guard.matched).toBe(false);
  });

  it('recognises the whole quota text however it is split', () => {
    const guard = new ReplyGuard(QUOTA);
    for (const piece of ['额度', '已', '消耗完']) expect(guard.accept(piece)).toBe('');
    expect(guard.matched).toBe(true);
  });

  it('does not take a mere start of the quota text, or more than it, for the quota', () => {
    const start = new ReplyGuard(QUOTA);
    start.accept('额度已');
    expect(start.matched).toBe(false);
    expect(start.release()).toBe('额度已');
    expect(start.matched).toBe(false);
    expect(start.accept('消耗完')).toBe('消耗完');

    const longer = new ReplyGuard(QUOTA);
    expect(longer.accept(`${QUOTA}!`)).toBe(`${QUOTA}!`);
    expect(longer.matched).toBe(false);
  });
});
