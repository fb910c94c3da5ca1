import { randomBytes } from 'node:crypto';

/** The domain of the sender's address in MAIL_FROM (`Suivi <suivi@federation.coop>`: federation.coop). */
export function senderDomain(from: string): string {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  return address
    .slice(address.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
}

/**
 * The Message-ID an e-mail keeps on every attempt, so that a copy sent again (a worker died after
 * the server accepted it) is the same message to mail readers. It says what the e-mail is for (its
 * key) and ends with a random part, because keys repeat across databases (a demo loaded twice) and
 * some readers drop a message whose Message-ID they have already seen.
 */
export function newMessageId(key: string, domain: string): string {
  const readable = key.replace(/[^a-z0-9-]+/gi, '.').replace(/^\.+|\.+$/g, '');
  return `<${readable}.${randomBytes(8).toString('hex')}@${domain}>`;
}
