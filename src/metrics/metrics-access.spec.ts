import { metricsAccess } from './metrics-access.js';

describe('metricsAccess', () => {
  const token = 'a-long-enough-metrics-token';

  it('is never allowed without a configured token, whatever is sent', () => {
    for (const header of [undefined, '', 'Bearer ', `Bearer ${token}`]) {
      expect(metricsAccess(null, header)).toBe('not-configured');
      expect(metricsAccess('', header)).toBe('not-configured');
    }
  });

  it('allows exactly Bearer <token>, and refuses anything else', () => {
    expect(metricsAccess(token, `Bearer ${token}`)).toBe('allowed');
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      token,
      `bearer ${token}`,
      `Basic ${token}`,
      `Bearer ${token} `,
      `Bearer  ${token}`,
      `Bearer ${token.slice(0, -1)}`,
      `Bearer ${token}x`,
    ]) {
      expect({ header, access: metricsAccess(token, header) }).toEqual({ header, access: 'refused' });
    }
  });
});
