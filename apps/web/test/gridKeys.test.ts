// The grid pattern's moves: arrows by one cell, Home/End to the row's ends, Ctrl to the corners, never outside.
import { describe, expect, it } from 'vitest';
import { gridMove } from '../src/components/gridKeys.ts';

describe('grid keys', () => {
  const at = { row: 2, col: 3 };
  it('moves by one cell and stops at the edges', () => {
    expect(gridMove('ArrowRight', at, 6, 152)).toEqual({ row: 2, col: 4 });
    expect(gridMove('ArrowLeft', at, 6, 152)).toEqual({ row: 2, col: 2 });
    expect(gridMove('ArrowDown', at, 6, 152)).toEqual({ row: 3, col: 3 });
    expect(gridMove('ArrowUp', { row: 0, col: 0 }, 6, 152)).toEqual({ row: 0, col: 0 });
    expect(gridMove('ArrowRight', { row: 5, col: 151 }, 6, 152)).toEqual({ row: 5, col: 151 });
  });

  it('goes to the ends of the row, or with Ctrl to the first and last cell', () => {
    expect(gridMove('Home', at, 6, 152)).toEqual({ row: 2, col: 0 });
    expect(gridMove('End', at, 6, 152)).toEqual({ row: 2, col: 151 });
    expect(gridMove('Home', at, 6, 152, true)).toEqual({ row: 0, col: 0 });
    expect(gridMove('End', at, 6, 152, true)).toEqual({ row: 5, col: 151 });
  });

  it('leaves other keys alone', () => {
    expect(gridMove('Tab', at, 6, 152)).toBeNull();
    expect(gridMove('a', at, 6, 152)).toBeNull();
  });
});
