/** The message of anything thrown: an Error's own, or the thrown value as text. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The text with every e-mail address in it replaced by `<address>`: a mail server's refusal names
 * the recipient ("550 <camille@example.org>: no such user"), and no log line or stored error may
 * carry a person's address (Law 25).
 */
export const withoutAddresses = (text: string): string =>
  text.replace(/[^\s<>(),;:[\]]*@[^\s<>"'(),;:[\]]+/g, '<address>');
