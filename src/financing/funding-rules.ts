import { badRequest } from '../common/bad-request.js';
import { GRANTED_STATUSES, type FundingStatus } from './funding-request.entity.js';

/**
 * The most one request may ask or be granted: 10 million dollars, in cents. Far above any co-op's
 * financial set-up, and well within the 32-bit integer column (21 million dollars).
 */
export const MAX_AMOUNT_CENTS = 1_000_000_000;

/** The dates of a request, each the step it records, in the order they happen. */
export const FUNDING_DATES = ['submittedOn', 'decidedOn', 'paidOn'] as const;
export type FundingDateField = (typeof FUNDING_DATES)[number];

/** The date each status requires, and the dates it may carry (those of its own step and earlier ones). */
const DATES_OF: Record<FundingStatus, { required: FundingDateField | null; allowed: FundingDateField[] }> = {
  in_preparation: { required: null, allowed: [] },
  submitted: { required: 'submittedOn', allowed: ['submittedOn'] },
  granted: { required: 'decidedOn', allowed: ['submittedOn', 'decidedOn'] },
  refused: { required: 'decidedOn', allowed: ['submittedOn', 'decidedOn'] },
  paid: { required: 'paidOn', allowed: ['submittedOn', 'decidedOn', 'paidOn'] },
};

export const takesGrantedAmount = (status: FundingStatus) => GRANTED_STATUSES.includes(status);
export const allowedDates = (status: FundingStatus) => DATES_OF[status].allowed;

/** A request as it will be stored, for the checks that span several fields. */
export interface FundingRequestState {
  status: FundingStatus;
  requestedCents: number;
  grantedCents: number | null;
  submittedOn: string | null;
  decidedOn: string | null;
  paidOn: string | null;
}

/**
 * Checks what no single field's validator can: the amount granted and the dates the status implies,
 * no date after `today` (Montréal's), and dates in order. A 400 naming every field at fault.
 */
export function assertConsistent(request: FundingRequestState, today: string): void {
  const problems = new Map<string, string[]>();
  const refuse = (field: string, problem: string) => problems.set(field, [...(problems.get(field) ?? []), problem]);
  const { status } = request;

  if (takesGrantedAmount(status)) {
    if (request.grantedCents === null) refuse('grantedCents', `grantedCents is required when the status is ${status}`);
    else if (request.grantedCents > request.requestedCents)
      refuse(
        'grantedCents',
        `grantedCents (${request.grantedCents}) must not be above requestedCents (${request.requestedCents})`,
      );
  } else if (request.grantedCents !== null) {
    refuse('grantedCents', `grantedCents must be null when the status is ${status}: nothing is granted yet or ever`);
  }

  const { required, allowed } = DATES_OF[status];
  if (required && request[required] === null) refuse(required, `${required} is required when the status is ${status}`);
  let previous: { field: FundingDateField; date: string } | null = null;
  for (const field of FUNDING_DATES) {
    const date = request[field];
    if (date === null) continue;
    if (!allowed.includes(field)) refuse(field, `${field} must be null when the status is ${status}`);
    if (date > today) refuse(field, `${field} (${date}) must not be in the future: today is ${today}`);
    if (previous && date < previous.date)
      refuse(field, `${field} (${date}) must not be before ${previous.field} (${previous.date})`);
    previous = { field, date };
  }

  if (problems.size > 0) {
    const details = [...problems].map(([field, list]) => ({ field, problems: list }));
    throw badRequest(`Invalid input: ${details.flatMap((d) => d.problems).join('; ')}`, details);
  }
}
