// The ratings capability (docs/requirements.md R-CAP-RATINGS, docs/ratings.md): the applicant rates
// a handled dossier once, may replace the rating for 14 days after the first one, and every write
// moves the agency-month aggregate (index indicator 5.4) in the same transaction. Rules live in
// domain/; this file orders the steps, enforces who may read what, and retries a decision that lost
// a race on fresh data.
import type { Principal } from '../../shared/auth/principal';
import { agencyInScope, ownsResource } from '../../shared/auth/scope';
import type { RateDossier, Rating } from '../../shared/contracts/ratings';
import { conflict, notFound } from '../../shared/errors/domain-error';
import { done, lostRace, retryOnConflict } from '../../shared/retry/retry-on-conflict';
import type { DossierRecord } from '../dossiers/public';
import type { RatingStore } from './adapters/rating-store';
import { aggregateDelta } from './domain/aggregate';
import { decideRating, normaliseContent, normaliseCriteria, replaceableUntil, type RatingRecord } from './domain/rating';

export interface RatingDeps {
  store: RatingStore;
  /** A read of one dossier (the dossiers capability's store). */
  dossiers: { get(id: string): Promise<DossierRecord | undefined> };
  now?: () => Date;
}

export class RatingService {
  private readonly now: () => Date;

  constructor(private readonly deps: RatingDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** `POST /v1/dossiers/{id}/rating`: `created` on the first rating, else a replacement (or no change). */
  async rate(principal: Principal, dossierId: string, body: RateDossier): Promise<{ rating: Rating; created: boolean }> {
    const d = await this.deps.dossiers.get(dossierId);
    if (!d) throw notFound('Dossier');
    const callerSub = principal.kind === 'user' ? principal.sub : '';
    const content = normaliseContent(body);
    // A decision made on data a concurrent rating changed (another first rating, another
    // replacement) is made again on a fresh read.
    return retryOnConflict(async () => {
      const existing = ownsResource(principal, d.applicant) ? await this.deps.store.get(d.id) : undefined;
      const decision = decideRating({ dossier: d, callerSub, existing, content, now: this.now() });
      if (!decision.ok) {
        if (decision.kind === 'not_found') throw notFound('Dossier');
        throw conflict(decision.code, decision.message);
      }
      if (decision.kind === 'unchanged') return done({ rating: this.view(decision.record), created: false });
      const written = decision.kind === 'create'
        ? await this.deps.store.create(decision.record, aggregateDelta(null, decision.record))
        : await this.deps.store.replace(decision.record, decision.previous.revisions, aggregateDelta(decision.previous, decision.record));
      return written === 'written' ? done({ rating: this.view(decision.record), created: decision.kind === 'create' }) : lostRace;
    }, () => conflict('RATING_BUSY', 'The rating of this dossier is being changed at the same time; try again'));
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
