// Seed data of the local runtime: the catalogue (real procedures and shared catalogues), the FAQ, the
// demo accounts, and six months of generated activity for the service index. Each step is idempotent, so a restart with kept state seeds nothing twice.
import { seedDemoAccounts } from './accounts';
import { seedAgencySystems } from './agency-systems';
import { seedCatalogue } from './catalogue';
import { seedIndexActivity, storeIndexHistory } from './index-activity';
import { seedSupport } from './support';

const timed = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const value = await work();
  return { value, ms: Math.round(performance.now() - started) };
};

export const seedLocalData = async (opts: { userPoolId: string; agencyReceiverUrl: string; log: (line: string) => void; activity: boolean }) => {
  const [catalogue, accounts, activity] = await Promise.all([
    // The FAQ names catalogue procedures: it is checked against the catalogue once that is in.
    timed(async () => ({ catalogue: await seedCatalogue(), faq: await seedSupport() })),
    timed(async () => {
      await seedDemoAccounts(opts.userPoolId);
      await seedAgencySystems({ endpointUrl: opts.agencyReceiverUrl });
    }),
    timed(() => (opts.activity ? seedIndexActivity() : Promise.resolve(null))),
  ]);
  opts.log(catalogue.value.catalogue.seeded
    ? `seeded the catalogue (${catalogue.value.catalogue.procedures} procedures) in ${catalogue.ms} ms`
    : 'catalogue present: not seeded again');
  opts.log(catalogue.value.faq.seeded ? `seeded the FAQ (${catalogue.value.faq.entries} entries)` : 'FAQ present: not seeded again');
  opts.log(`demo accounts and the demo agency system ready in ${accounts.ms} ms`);
  const a = activity.value;
  if (a) {
    opts.log(a.seeded
      ? `seeded ${a.dossiers} dossiers of activity in ${a.months[0]}…${a.months.at(-1)} (index counters, ratings, feedback answers) in ${activity.ms} ms`
      : `activity of ${a.months[0] ?? '?'}…${a.months.at(-1) ?? '?'} present: not seeded again`);
    // The index of those months as the monthly job would have stored it (the reads compute nothing).
    const history = await timed(() => storeIndexHistory(a.months));
    const { stored, queued } = history.value;
    if (stored.length) opts.log(`stored the index of ${stored.join(', ')} in ${history.ms} ms`);
    if (queued.length) opts.log(`queued the index of ${queued.join(', ')} for the jobs function`);
  }
};
