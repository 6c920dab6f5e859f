// Routes of the official area (pages load on first visit: each is its own chunk).
import { lazy } from 'preact-iso';
import type { RouteDef } from '../lib/routes';

export const officialRoutes: RouteDef[] = [
  { path: '/can-bo', component: lazy(() => import('./queue')) },
  { path: '/can-bo/ho-so/:id', component: lazy(() => import('./dossier-page')) },
  { path: '/can-bo/phan-anh', component: lazy(() => import('./feedback-queue')) },
  { path: '/can-bo/phan-anh/:id', component: lazy(() => import('./feedback-item')) },
];
