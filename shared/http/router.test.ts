import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { routeHandler } from './router';

type Event = { routeKey: string };
const answer = (name: string) => async (event: Event, context: { calls: string[] }) => {
  context.calls.push(name);
  return `${name} ${event.routeKey}`;
};

describe('router', () => {
  const routes = [['GET /v1/a', answer('a')], ['POST /v1/a/{id}', answer('a-id')]] as const;

  it('hands the event and context to the handler of the route API Gateway matched', async () => {
    const context = { calls: [] as string[] };
    const route = routeHandler(routes);
    expect(await route({ routeKey: 'POST /v1/a/{id}' }, context)).toBe('a-id POST /v1/a/{id}');
    expect(await route({ routeKey: 'GET /v1/a' }, context)).toBe('a GET /v1/a');
    expect(context.calls).toEqual(['a-id', 'a']);
  });

  it('answers a key no route declares with the domain error not_found ROUTE_NOT_FOUND', async () => {
    const refusal = routeHandler(routes)({ routeKey: '$default' }, { calls: [] });
    await expect(refusal).rejects.toBeInstanceOf(DomainError);
    await expect(refusal).rejects.toMatchObject({ kind: 'not_found', code: 'ROUTE_NOT_FOUND' });
  });

  it('gives an undeclared key to the fallback when there is one, and only such keys', async () => {
    const context = { calls: [] as string[] };
    const route = routeHandler(routes, answer('fallback'));
    expect(await route({ routeKey: '$default' }, context)).toBe('fallback $default');
    expect(await route({ routeKey: 'GET /v1/a' }, context)).toBe('a GET /v1/a');
    expect(context.calls).toEqual(['fallback', 'a']);
  });

  it('refuses at startup two implementations of one route', () => {
    expect(() => routeHandler([...routes, ['GET /v1/a', answer('again')]])).toThrow('Route GET /v1/a is implemented twice');
  });
});
