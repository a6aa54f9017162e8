import { describe, expect, it } from 'vitest';
import { inAttemptOrder } from './random-order.js';

/** A random source that returns `draws` in turn. */
function drawing(...draws: number[]): () => number {
  return () => {
    const draw = draws.shift();
    if (draw === undefined) throw new Error('more draws than expected');
    return draw;
  };
}

describe('inAttemptOrder', () => {
  it('keeps the list order when ordered, drawing nothing', () => {
    const items = ['a', 'b', 'c'];
    expect(inAttemptOrder(items, 'ordered', drawing())).toEqual(['a', 'b', 'c']);
  });

  it('can give an order no rotation of the list gives', () => {
    // Fisher–Yates from the end: swap c with a (draw 0), then keep b (draw 0.99).
    expect(inAttemptOrder(['a', 'b', 'c'], 'random', drawing(0, 0.99))).toEqual(['c', 'b', 'a']);
  });

  it('gives each of the n! orders for exactly one choice of draws, so all are equally likely', () => {
    const orders = new Set<string>();
    for (const first of [0, 0.34, 0.67, 0.99]) {
      for (const second of [0, 0.5, 0.99]) {
        for (const third of [0, 0.99]) {
          orders.add(
            inAttemptOrder(['a', 'b', 'c', 'd'], 'random', drawing(first, second, third)).join(''),
          );
        }
      }
    }
    expect(orders.size).toBe(24);
  });

  it('leaves the given list as it was', () => {
    const items = ['a', 'b', 'c'];
    inAttemptOrder(items, 'random', drawing(0, 0));
    expect(items).toEqual(['a', 'b', 'c']);
  });
});
