// Texts of the official pages.
import type { AreaDictionary } from '.';

export const official: AreaDictionary = {
  vi: {
  },
  en: {
  },
};
