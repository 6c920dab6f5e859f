// Routes of the citizen area (pages load on first visit: each is its own chunk).
import { lazy } from 'preact-iso';
import type { RouteDef } from '../lib/routes';

export const citizenRoutes: RouteDef[] = [
  { path: '/thu-tuc', component: lazy(() => import('./procedure-search')) },
  { path: '/thu-tuc/:code', component: lazy(() => import('./procedure-page')) },
  { path: '/tra-cuu', component: lazy(() => import('./track')) },
  { path: '/phan-anh', component: lazy(() => import('./feedback-list')) },
  // Fixed paths before `/phan-anh/:id`.
  { path: '/phan-anh/gui', component: lazy(() => import('./feedback-send')) },
  { path: '/phan-anh/cua-toi', component: lazy(() => import('./feedback-mine')) },
  { path: '/phan-anh/:id', component: lazy(() => import('./feedback-item')) },
  { path: '/hoi-dap', component: lazy(() => import('./faq')) },
];
