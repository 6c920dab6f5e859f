// Texts of the applicant's own pages: the submission wizard, my dossiers, payments.
import type { AreaDictionary } from '.';

export const account: AreaDictionary = {
  vi: {
  },
  en: {
  },
};
