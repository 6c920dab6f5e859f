// Routes of the dashboard area (pages load on first visit: each is its own chunk; Chart.js is a
// further chunk the pages load after their tables).
import { lazy } from 'preact-iso';
import type { RouteDef } from '../lib/routes';

export const dashboardRoutes: RouteDef[] = [
  { path: '/chi-so', component: lazy(() => import('./ranking')) },
  { path: '/chi-so/:agencyCode', component: lazy(() => import('./agency')) },
  { path: '/thong-ke', component: lazy(() => import('./statistics')) },
];
