// What both examples need besides the client kit: waiting for an asynchronous outcome, and the
// command line's options.

/** Polls `read` every half second until it gives a value, or fails after `patienceMs`. */
export const waitFor = async <T>(what: string, patienceMs: number, read: () => Promise<T | undefined>): Promise<T> => {
  const deadline = Date.now() + patienceMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${patienceMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
};

/** The value after `name` on the command line (`--base-url http://…`). */
export const argument = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
