// Dispatch on API Gateway's route key (docs/requirements.md R-API-ROUTES), in the shape of middy's
// http-router: the router is the function's handler and each route has a handler of its own (its
// chain of route middlewares). API Gateway has already matched method and path against the
// declared routes, so the key alone picks the route: no path matching here. A key no route of the
// function declares is the fallback's, if the function gives one, else 404 ROUTE_NOT_FOUND.
import { DomainError } from '../errors/domain-error';

type RouteKeyed = { routeKey: string };
type Handler<E extends RouteKeyed, C, R> = (event: E, context: C) => Promise<R>;

export const routeHandler = <E extends RouteKeyed, C, R>(
  routes: Iterable<readonly [routeKey: string, handler: Handler<E, C, R>]>,
  fallback?: Handler<E, C, R>,
): Handler<E, C, R> => {
  const byKey = new Map<string, Handler<E, C, R>>();
  for (const [key, handler] of routes) {
    // Two implementations of one route would silently shadow each other: a startup error instead.
    if (byKey.has(key)) throw new Error(`Route ${key} is implemented twice`);
    byKey.set(key, handler);
  }
  return async (event, context) => {
    const handler = byKey.get(event.routeKey) ?? fallback;
    if (!handler) throw new DomainError('not_found', 'ROUTE_NOT_FOUND', 'No such route');
    return handler(event, context);
  };
};
