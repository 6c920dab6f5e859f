// Texts of the dashboard pages.
import type { AreaDictionary } from '.';

export const dashboard: AreaDictionary = {
  vi: {
  },
  en: {
  },
};
