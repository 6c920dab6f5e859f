// The stream fan-out's plan for a batch of dossier events (functions/dossiers/events.ts), pure: the
// events go out in rounds, round k holding each dossier's k-th event of the batch, so one dossier's
// events leave in the order the stream gave them while distinct dossiers share every send (one
// SendMessageBatch per queue and round). A dossier whose event could not be forwarded stops there:
// its later events are held back (reported for retry with it), the other dossiers go on.

/** Rounds of `items` (in stream order): each dossier at most once a round, in its own order. */
export const rounds = <T>(items: readonly T[], dossierOf: (item: T) => string): T[][] => {
  const out: T[][] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const dossier = dossierOf(item);
    const round = seen.get(dossier) ?? 0;
    seen.set(dossier, round + 1);
    if (round === out.length) out.push([]);
    out[round]!.push(item);
  }
  return out;
};
