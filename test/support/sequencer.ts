// The order test files start in. The slowest files (measured on 2 cores) start first, so none of
// them is left for the end to keep one worker busy after the others are done. Without a results
// cache (a clean clone, CI) vitest would otherwise start the largest files first, and the slowest
// are not the largest; with a cache its own order (failed first, then longest) follows the list.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const SLOW_FIRST = [
  'test/local/start.test.ts', // two `npm start`s, each seeding six months of activity
  'test/sync/replay.test.ts',
  'test/sync/outage.test.ts', // a portal of its own, DynamoDB Local killed and restarted
  'test/infra/bundling.test.ts', // esbuild for every function
  'test/dossiers/dossiers.integration.test.ts',
  'test/web/official.browser.test.ts',
  'test/web/citizen-public.browser.test.ts',
  'test/web/account.browser.test.ts',
  'test/web/dashboard.browser.test.ts',
  'test/local/emulators.test.ts',
];

const rankOf = (spec: TestSpecification) => {
  const file = spec.moduleId.replaceAll('\\', '/');
  const rank = SLOW_FIRST.findIndex((slow) => file.endsWith(`/${slow}`));
  return rank === -1 ? SLOW_FIRST.length : rank;
};

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted
      .map((spec, index) => ({ spec, index, rank: rankOf(spec) }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .map(({ spec }) => spec);
  }
}
