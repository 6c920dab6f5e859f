// The standard's times (docs/sync.md "QCVN 120 packets"): `yyyyMMddHHmmss` in Vietnam time, which
// has been UTC+7 all year since 1975 (no daylight saving), so a fixed offset converts both ways.

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** `20261102090000` → `2026-11-02T09:00:00+07:00`; null unless a real instant. */
export const isoFromQcvn120 = (value: string): string | null => {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}+07:00`;
  const ms = Date.parse(iso);
  // Date.parse rolls 31/11 over to 1/12 or refuses 25:00: only a time that reads back unchanged is real.
  return Number.isFinite(ms) && qcvn120FromIso(new Date(ms).toISOString()) === value ? iso : null;
};

/** Any ISO instant → `yyyyMMddHHmmss` in Vietnam time. */
export const qcvn120FromIso = (iso: string): string => {
  const local = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS).toISOString(); // its UTC fields are Vietnam's wall clock
  return local.slice(0, 19).replace(/[-T:]/g, '');
};
