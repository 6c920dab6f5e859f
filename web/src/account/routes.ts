// Routes of the account area (pages load on first visit: each is its own chunk).
import { lazy } from 'preact-iso';
import type { RouteDef } from '../lib/routes';

export const accountRoutes: RouteDef[] = [
  { path: '/nop-ho-so/:code', component: lazy(() => import('./wizard')) },
  { path: '/ho-so', component: lazy(() => import('./my-dossiers')) },
  { path: '/ho-so/:id/bien-nhan', component: lazy(() => import('./receipt')) },
  { path: '/ho-so/:id', component: lazy(() => import('./dossier')) },
];
