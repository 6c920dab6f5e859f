// The period a request or a job names, checked before anything is read: 400 VALIDATION_FAILED
// when it names no period, 422 PERIOD_NOT_STARTED when it has not begun, 422 PERIOD_BEFORE_INDEX
// when no index definition is in force for it.
import { badRequest, unprocessable } from '../../shared/errors/domain-error';
import { definitionFor } from './domain/definitions';
import { hasBegun, parsePeriod, type Period } from './domain/period';

export const requirePeriod = (id: string): Period => {
  const p = parsePeriod(id);
  if (!p) throw badRequest('VALIDATION_FAILED', 'The period is not valid', [{ path: 'query.period', message: 'expected YYYY-MM, YYYY-Qn or YYYY' }]);
  return p;
};

/** A period that has begun: a period yet to come has no figures, not zero ones. */
export const begunPeriod = (id: string, now: Date): Period => {
  const period = requirePeriod(id);
  if (!hasBegun(period, now)) throw unprocessable('PERIOD_NOT_STARTED', `The period ${period.id} has not begun`);
  return period;
};

/** A period the index can be read or computed for: it has begun and a definition is in force for it. */
export const scorablePeriod = (id: string, now: Date): Period => {
  const period = begunPeriod(id, now);
  try {
    definitionFor(period.id);
  } catch (error) {
    throw unprocessable('PERIOD_BEFORE_INDEX', (error as Error).message);
  }
  return period;
};
