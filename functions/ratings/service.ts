// The ratings capability (docs/requirements.md R-CAP-RATINGS, docs/ratings.md): the applicant rates
// a handled dossier once, may replace the rating for 14 days after the first one, and every write
// moves the agency-month aggregate (index indicator 5.4) in the same transaction. Rules live in
// domain/; this file orders the steps, enforces who may read what, and retries a decision that lost
// a race on fresh data.
import type { Principal } from '../../shared/auth/principal';
import { agencyInScope, ownsResource } from '../../shared/auth/scope';
import type { RateDossier, Rating } from '../../shared/contracts/ratings';
import { conflict, notFound } from '../../shared/errors/domain-error';
import type { DossierRecord } from '../dossiers/public';
import type { RatingStore } from './adapters/rating-store';
import { aggregateDelta } from './domain/aggregate';
import { decideRating, normaliseContent, normaliseCriteria, replaceableUntil, type RatingRecord } from './domain/rating';

/** Decisions made on data a concurrent rating changed are made again, this many times at most. */
export const WRITE_ATTEMPTS = 8;

export interface RatingDeps {
  store: RatingStore;
  /** A read of one dossier (the dossiers capability's store). */
  dossiers: { get(id: string): Promise<DossierRecord | undefined> };
  now?: () => Date;
  /** Waits before attempt `n` (≥ 1) after a lost race; jittered so racers spread out. */
  backoff?: (attempt: number) => Promise<void>;
}

const jitteredBackoff = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** attempt)));

export class RatingService {
  private readonly now: () => Date;
  private readonly backoff: (attempt: number) => Promise<void>;

  constructor(private readonly deps: RatingDeps) {
    this.now = deps.now ?? (() => new Date());
    this.backoff = deps.backoff ?? jitteredBackoff;
  }

  /** `POST /v1/dossiers/{id}/rating`: `created` on the first rating, else a replacement (or no change). */
  async rate(principal: Principal, dossierId: string, body: RateDossier): Promise<{ rating: Rating; created: boolean }> {
    const d = await this.deps.dossiers.get(dossierId);
    if (!d) throw notFound('Dossier');
    const callerSub = principal.kind === 'user' ? principal.sub : '';
    const content = normaliseContent(body);
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      if (attempt > 0) await this.backoff(attempt);
      const existing = ownsResource(principal, d.applicant) ? await this.deps.store.get(d.id) : undefined;
      const decision = decideRating({ dossier: d, callerSub, existing, content, now: this.now() });
      if (!decision.ok) {
        if (decision.kind === 'not_found') throw notFound('Dossier');
        throw conflict(decision.code, decision.message);
      }
      if (decision.kind === 'unchanged') return { rating: this.view(decision.record), created: false };
      const written = decision.kind === 'create'
        ? await this.deps.store.create(decision.record, aggregateDelta(null, decision.record))
        : await this.deps.store.replace(decision.record, decision.previous.revisions, aggregateDelta(decision.previous, decision.record));
      if (written === 'written') return { rating: this.view(decision.record), created: decision.kind === 'create' };
      // Lost a race (another first rating, or another replacement): read again and decide again.
    }
    throw conflict('RATING_BUSY', 'The rating of this dossier is being changed at the same time; try again');
  }

  /** `GET /v1/dossiers/{id}/rating`: the owner, officials in scope and admins; anyone else (and no rating) is 404. */
  async get(principal: Principal, dossierId: string): Promise<Rating> {
    const r = await this.deps.store.get(dossierId);
    // The rating carries the dossier's applicant and agency, so access needs no dossier read.
    if (!r || (!ownsResource(principal, { sub: r.applicantSub }) && !agencyInScope(principal, { code: r.agencyCode, parentCode: r.agencyParentCode }))) {
      throw notFound('Rating');
    }
    return this.view(r);
  }

  private view(r: RatingRecord): Rating {
    return {
      dossierId: r.dossierId, dossierCode: r.dossierCode, agencyCode: r.agencyCode,
      overall: r.overall, criteria: normaliseCriteria(r.criteria), comment: r.comment,
      ratedAt: r.ratedAt, updatedAt: r.updatedAt, revisions: r.revisions, replaceableUntil: replaceableUntil(r.ratedAt),
    };
  }
}
