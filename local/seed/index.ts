// Seed data of the local runtime: the catalogue (real procedures and shared catalogues) and the
// demo accounts. Each step is idempotent, so a restart with kept state seeds nothing twice.
import { seedDemoAccounts } from './accounts';
import { seedAgencySystems } from './agency-systems';
import { seedCatalogue } from './catalogue';

const timed = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const value = await work();
  return { value, ms: Math.round(performance.now() - started) };
};

export const seedLocalData = async (opts: { userPoolId: string; agencyReceiverUrl: string; log: (line: string) => void }) => {
  const [catalogue, accounts] = await Promise.all([
    timed(seedCatalogue),
    timed(async () => {
      await seedDemoAccounts(opts.userPoolId);
      await seedAgencySystems({ endpointUrl: opts.agencyReceiverUrl });
    }),
  ]);
  opts.log(catalogue.value.seeded
    ? `seeded the catalogue (${catalogue.value.procedures} procedures) in ${catalogue.ms} ms`
    : 'catalogue present: not seeded again');
  opts.log(`demo accounts and the demo agency system ready in ${accounts.ms} ms`);
};
