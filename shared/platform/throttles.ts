import type { RouteId } from './routes';

// Per-route stage throttles, sized to the route (docs/capacity.md "Settings"). A route listed here
// carries a share of every submitted dossier: its rate limit is its calls per dossier × the design
// rate (CDK context `designRate`, infra/config.ts) × THROTTLE_HEADROOM, so that the design rate
// loads it to half its limit. Every other route takes the stage default (`apiRateLimit`).
// Calls per dossier are the capacity model's measured figures (bench/capacity), rounded up.
export const routeCallsPerDossier: Partial<Record<RouteId, number>> = {
  completeAttachmentUpload: 4,
  requestAttachmentUpload: 3.5,
  getDossier: 3,
  actOnDossier: 2.6,
  agencyWorkQueue: 2.6,
  listMyDossiers: 2,
  getProcedure: 1,
  createDossier: 1,
  submitDossier: 1,
  trackDossier: 1,
  requestResultUpload: 0.5,
  syncStatuses: 0.16,
  // The same status traffic, from the systems that speak QCVN 120 (either route may carry all of it).
  qcvn120Sync: 0.16,
  // A system that looks each of its dossiers up once (TraCuuHoSo) beside its progress updates.
  qcvn120Share: 0.16,
  supplementDossier: 0.13,
  createPayment: 0.13,
  paymentCallback: 0.13,
};

/** The design rate loads a sized route to 1 / THROTTLE_HEADROOM of its limit (the 50% bar). */
export const THROTTLE_HEADROOM = 2;
/** Burst = rate × this (the stage default's ratio, 400 / 200). */
export const THROTTLE_BURST_RATIO = 2;

export interface RouteThrottle {
  rateLimit: number;
  burstLimit: number;
}

/**
 * The throttle of one route at a design rate (submissions per second), and the stage default
 * for routes not sized here. A sized route never gets less than the default.
 */
export const routeThrottle = (
  id: string,
  settings: { designRate: number; apiRateLimit: number; apiBurstLimit: number },
): RouteThrottle => {
  const perDossier = (routeCallsPerDossier as Record<string, number | undefined>)[id];
  const sized = perDossier === undefined ? 0 : Math.ceil(perDossier * settings.designRate * THROTTLE_HEADROOM);
  if (sized <= settings.apiRateLimit) return { rateLimit: settings.apiRateLimit, burstLimit: settings.apiBurstLimit };
  return { rateLimit: sized, burstLimit: sized * THROTTLE_BURST_RATIO };
};
