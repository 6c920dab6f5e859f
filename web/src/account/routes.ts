// Routes of the account area (pages load on first visit: each is its own chunk).
import type { RouteDef } from '../lib/routes';

export const accountRoutes: RouteDef[] = [];
