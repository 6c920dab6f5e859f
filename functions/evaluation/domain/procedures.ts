// The procedures in an agency's competence and their transparency facts (indicators 1.1–1.3, 3.1,
// 3.2, 3.5, 3.5b, 4.5a), computed from the catalogue. Pure: the working calendar is a parameter.
import type { Procedure } from '../../../shared/contracts/catalogue';
import type { AgencyLevel, ProcedureFacts } from './measures';

export interface ScopeAgency { code: string; level: AgencyLevel }

/**
 * Whether the agency answers for the procedure: a ministry for central procedures it is named on
 * (or all central ones when the record names no ministry); a province for province- and
 * commune-level procedures (its communes are in its scope, docs/requirements.md R-INDEX-SCOPE:
 * "tỉnh gồm cấp tỉnh và xã"); a commune for commune-level ones. Repealed procedures are in nobody's
 * competence.
 */
export const inCompetence = (p: Pick<Procedure, 'agencyKinds' | 'ministryCodes' | 'status'>, agency: ScopeAgency): boolean => {
  if (p.status === 'repealed') return false;
  if (agency.level === 'central') return p.agencyKinds.includes('central') && (!p.ministryCodes?.length || p.ministryCodes.includes(agency.code));
  if (agency.level === 'province') return p.agencyKinds.includes('province') || p.agencyKinds.includes('commune');
  return p.agencyKinds.includes('commune');
};

export interface DayCalendar {
  /** The due instant of `n` working days from `from` (shared/calendar's addWorkingDays). */
  addWorkingDays(from: Date | string, n: number): Date;
}

/** Decision 766 deadlines in working days: announce before the basis takes effect; publish after announcing. */
export const TRANSPARENCY_DAYS = {
  central: { announceBefore: 20, publishWithin: 10 },
  local: { announceBefore: 5, publishWithin: 5 },
} as const;

const VN = '+07:00';
const dayStart = (date: string) => `${date.slice(0, 10)}T00:00:00${VN}`;
/** The close of a signing day: working days are counted from the next one (the signing day is day 0). */
const dayClose = (date: string) => `${date.slice(0, 10)}T17:00:00${VN}`;

/** A procedure's facts as judged for an agency of `level`. */
export const procedureFactsOf = (p: Procedure, level: AgencyLevel, calendar: DayCalendar): ProcedureFacts => {
  const days = level === 'central' ? TRANSPARENCY_DAYS.central : TRANSPARENCY_DAYS.local;
  const announced = p.announcedAt.slice(0, 10);
  const published = p.publishedAt.slice(0, 10);
  const effective = p.legalBasis.map((b) => b.effectiveAt).filter((d): d is string => !!d).sort().at(-1) ?? null;
  // "announced ≤ effective − N working days": N working days counted after the announcement day end
  // on or before the effective date. "published ≤ announced + N working days": likewise from the day after.
  const announcedOnTime = effective === null ? null
    : effective < announced ? false
    : calendar.addWorkingDays(dayClose(announced), days.announceBefore).toISOString().slice(0, 10) <= effective;
  const publishDeadline = calendar.addWorkingDays(dayClose(announced), days.publishWithin);
  return {
    code: p.code,
    announcedMonth: announced.slice(0, 7),
    announcedOnTime,
    publishedOnTime: Date.parse(dayStart(published)) <= publishDeadline.getTime(),
    complete: p.name.trim() !== '' && p.steps.length > 0 && p.channels.length > 0 && p.components.length > 0 &&
      p.processingTime.value > 0 && p.applicantTypes.length > 0 && p.agencyKinds.length > 0,
    online: p.onlineService === 'full' || p.onlineService === 'partial',
    hasFee: p.fees.some((f) => f.amount > 0),
    forCitizens: p.applicantTypes.includes('citizen'),
  };
};
