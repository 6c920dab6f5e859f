// Loads the FAQ seed (seed/support/faq.json, written by us in Vietnamese) through the support
// capability's loader, once: a kept state with a FAQ is left alone. Runs after the catalogue seed,
// since every procedure code it names must be in the catalogue.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { catalogueReader } from '../../functions/catalogue/public';
import { DynamoFaqStore } from '../../functions/support/adapters/faq-store';
import { loadFaq, parseFaqEntries } from '../../functions/support/load';

export const FAQ_SEED_FILE = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../seed/support/faq.json');

export const faqSeed = (): unknown[] => JSON.parse(readFileSync(FAQ_SEED_FILE, 'utf8')) as unknown[];

export const seedSupport = async (): Promise<{ seeded: boolean; entries: number }> => {
  const store = new DynamoFaqStore(dynamoClient, () => tableName('support'));
  if ((await store.all()).length > 0) return { seeded: false, entries: 0 };
  const entries = await parseFaqEntries(faqSeed(), catalogueReader(), new Date().toISOString());
  return loadFaq(store, entries);
};
