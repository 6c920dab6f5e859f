// Routes of the citizen area (pages load on first visit: each is its own chunk).
import type { RouteDef } from '../lib/routes';

export const citizenRoutes: RouteDef[] = [];
