// The signed-in user as component state, and the guard pages put around what needs an account.
import { useEffect, useState } from 'preact/hooks';
import { currentUser, onUserChange, type Group, type User } from './auth';

export const useUser = (): User | null => {
  const [user, setUser] = useState(currentUser);
  useEffect(() => onUserChange(setUser), []);
  return user;
};

export const hasAnyGroup = (user: User | null, groups: readonly Group[]) =>
  Boolean(user?.groups.some((g) => groups.includes(g)));

/** Where the sign-in page sends the user back to (only paths of this site: no open redirect). */
export const safeNext = (next: string | null | undefined) =>
  next?.startsWith('/') && !next.startsWith('//') ? next : '/';

/** Set after the first in-app navigation: page headings take focus from then on. */
export const navigation = { navigated: false };
