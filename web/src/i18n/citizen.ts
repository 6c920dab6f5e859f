// Texts of the public citizen pages: procedures, tracking, feedback, FAQ.
import type { AreaDictionary } from '.';

export const citizen: AreaDictionary = {
  vi: {
  },
  en: {
  },
};
