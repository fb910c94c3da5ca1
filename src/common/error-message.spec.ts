import { withoutAddresses } from './error-message.js';

describe('withoutAddresses', () => {
  it('replaces every address a mail server names, and leaves the rest of its answer', () => {
    expect(withoutAddresses('550 5.1.1 <Camille.Roy@example.org>: Recipient address rejected')).toBe(
      '550 5.1.1 <<address>>: Recipient address rejected',
    );
    expect(withoutAddresses('Can\'t send mail - all recipients were rejected: a@b.test, "x"@y.test')).toBe(
      "Can't send mail - all recipients were rejected: <address>, <address>",
    );
    expect(withoutAddresses('451 4.3.0 try again later')).toBe('451 4.3.0 try again later');
  });
});
