import { EntityManager, In } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { canReadFreeText } from '../projects/project-access.js';
import { User } from '../users/user.entity.js';
import type { FundingRequest } from './funding-request.entity.js';

export interface FundingRequestView extends Omit<FundingRequest, 'note' | 'recordedById'> {
  /** Free text: left out for readers who may not read it (viewers). */
  note?: string | null;
  recordedBy: { id: number; name: string } | null;
}

/** Requests as a reader sees them: who recorded each (one read of names), the note only for staff. */
export async function fundingRequestViews(
  manager: EntityManager,
  requests: FundingRequest[],
  reader: AuthenticatedUser,
): Promise<FundingRequestView[]> {
  const ids = [...new Set(requests.map((r) => r.recordedById).filter((id): id is number => id !== null))];
  const users = ids.length ? await manager.find(User, { where: { id: In(ids) } }) : [];
  const names = new Map(users.map((u) => [u.id, { id: u.id, name: u.name }]));
  return requests.map(({ note, recordedById, ...request }) => ({
    ...request,
    ...(canReadFreeText(reader) ? { note } : {}),
    recordedBy: recordedById === null ? null : (names.get(recordedById) ?? null),
  }));
}
