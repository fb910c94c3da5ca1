import { newMessageId, senderDomain } from './message-id.js';

describe('Message-ID', () => {
  it("takes the domain of the sender's address, with or without a name", () => {
    expect(senderDomain('Suivi des projets <suivi@Federation.Coop>')).toBe('federation.coop');
    expect(senderDomain('suivi@localhost')).toBe('localhost');
    expect(senderDomain('"Suivi, @ la fédé" <suivi@fede.example>')).toBe('fede.example');
  });

  it('says what the e-mail is for in characters a Message-ID allows, and differs from one record to the next', () => {
    const id = newMessageId('check-in:12:30:contact:5', 'federation.coop');
    expect(id).toMatch(/^<check-in\.12\.30\.contact\.5\.[0-9a-f]{16}@federation\.coop>$/);
    const twice = [1, 2].map(() => newMessageId('digest:4:2026-11-23', 'federation.coop'));
    expect(twice[0]).not.toBe(twice[1]);
  });
});
