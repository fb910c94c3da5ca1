import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients, as the server saw them. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  /** As sent, with its angle brackets. */
  messageId: string;
  headers: Record<string, string>;
}

/** A message the server was given (one DATA), whether it accepted it or refused it. */
export interface OfferedMail {
  to: string[];
  messageId: string;
  accepted: boolean;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Every message offered, refused ones included, in order. */
  offered: OfferedMail[];
  /** While on, the server refuses every message with a temporary error (451). */
  refuse(on: boolean): void;
  /** How many messages it has refused. */
  refusals(): number;
  /** Resolves once `count` messages have arrived; fails after the timeout with what did arrive. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** How long the server takes to answer each message, as a busy relay does. */
  acceptDelayMs?: number;
}

/** A real SMTP server on loopback that keeps what it receives, decoded as a mail reader would. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const offered: OfferedMail[] = [];
  let refusing = false;
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const answer = async () => {
          const mail = await PostalMime.parse(Buffer.concat(chunks));
          const messageId = mail.messageId ?? '';
          if (options.acceptDelayMs) await new Promise((resolve) => setTimeout(resolve, options.acceptDelayMs));
          offered.push({ to, messageId, accepted: !refusing });
          if (refusing) {
            refused += 1;
            // Named in the refusal, as real servers do: what the service keeps and logs of it must not carry it.
            throw Object.assign(new Error(`Mailbox of <${to.join('>, <')}> busy, try again later`), {
              responseCode: 451,
            });
          }
          received.push({
            to,
            from: mail.from?.address ?? '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            messageId,
            headers: Object.fromEntries(mail.headers.map((h) => [h.key, h.value])),
          });
        };
        answer().then(() => callback(), callback);
      });
    },
  });
  // A client that goes away mid-exchange (a worker killed while it sends) is not the server's failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    offered,
    refuse: (on) => void (refusing = on),
    refusals: () => refused,
    async waitFor(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(
            `expected ${count} e-mails, received ${received.length}: ${received.map((m) => m.subject).join(' | ')}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
