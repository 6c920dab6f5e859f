// Header names are case-insensitive; the portal spells them lower-case everywhere: request headers
// as API Gateway hands them over (tools and tests may not), response headers as it sends them.
import type { ApiMiddleware } from './context';

/** The same headers with lower-case names (a later spelling of one name wins). */
export const lowerCaseHeaderNames = <V>(headers: Readonly<Record<string, V>> | null | undefined): Record<string, V> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));

/** Used first so it runs last: one spelling for response header names, whichever middleware set them. */
export const lowerCaseResponseHeaders = (): ApiMiddleware => {
  const lowerCase: NonNullable<ApiMiddleware['after']> = ({ response }) => {
    if (response?.headers) response.headers = lowerCaseHeaderNames(response.headers);
  };
  return { after: lowerCase, onError: lowerCase };
};
