import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bull';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bull';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessTokens } from '../auth/access-tokens.js';
import { QUEUES } from './queue.constants.js';

export const DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'coop_queues_token';

/**
 * Bull Board at /admin/queues, for admins only. A browser cannot send a bearer header, so
 * /admin/queues?token=<accessToken> exchanges the token for an HttpOnly cookie limited to this
 * path, then redirects to the board; API clients may send the header as usual.
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const board = new BullBoardFastifyAdapter();
  board.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QUEUES).map((name) => new BullAdapter(app.get<Queue>(getQueueToken(name)))),
    serverAdapter: board,
  });
  const tokens = app.get(AccessTokens);

  const adminOnly = async (request: FastifyRequest, reply: FastifyReply) => {
    const query = request.query as Record<string, string | undefined>;
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const cookie = readCookie(request.headers.cookie, COOKIE);
    const token = query.token ?? bearer ?? cookie;
    const refuse = (statusCode: 401 | 403, message: string) =>
      reply.status(statusCode).send({ statusCode, error: statusCode === 401 ? 'Unauthorized' : 'Forbidden', message });
    if (!token) return refuse(401, `Sign in first: open ${DASHBOARD_PATH}?token=<accessToken from POST /auth/login>`);
    const check = await tokens.check(token);
    if (!check.ok) return refuse(401, check.reason);
    const { user } = check.token;
    if (user.role !== 'admin') return refuse(403, `The queue dashboard is for admins; you are ${user.role}`);
    if (query.token) {
      const secure = request.protocol === 'https' ? '; Secure' : '';
      return reply
        .header('set-cookie', `${COOKIE}=${token}; Path=${DASHBOARD_PATH}; HttpOnly; SameSite=Strict${secure}`)
        .redirect(DASHBOARD_PATH, 303);
    }
  };

  await app
    .getHttpAdapter()
    .getInstance()
    .register(
      async (scope) => {
        scope.addHook('onRequest', adminOnly);
        await scope.register(board.registerPlugin());
      },
      { prefix: DASHBOARD_PATH },
    );
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
