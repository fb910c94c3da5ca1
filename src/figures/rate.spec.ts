import { rate } from './rate.js';

describe('rate', () => {
  it('rounds half up to a whole percent', () => {
    expect(rate(10, 16)).toEqual({ numerator: 10, denominator: 16, ratio: 0.625, percent: 63 });
    expect(rate(20, 42)?.percent).toBe(48);
    expect(rate(11, 20)?.percent).toBe(55);
    expect(rate(11, 42)?.percent).toBe(26);
    expect(rate(1, 8)?.percent).toBe(13); // 12.5
    expect(rate(1, 3)?.percent).toBe(33);
    expect(rate(4, 4)?.percent).toBe(100);
    expect(rate(0, 5)).toEqual({ numerator: 0, denominator: 5, ratio: 0, percent: 0 });
  });

  it('is null, not 0 or NaN, over nothing', () => {
    expect(rate(0, 0)).toBeNull();
  });
});
