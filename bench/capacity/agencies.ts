// The country's agencies and how the national rate spreads over them (docs/capacity.md "Traffic").
//
// The seed (seed/catalogue, loaded by local/seed/catalogue.ts) holds the 17 ministries, the 34
// provincial People's Committees and a sample of communes; administrative-units.json holds all
// 3,321 communes. Every commune becomes an agency with the seed's code scheme
// `000.00.<gso5>.<province suffix>` (seed/README.md), so keys have their real lengths: 3,372 agencies.
//
// Share: Zipf-like over a rank order, the exponent solved so that rank 1 takes `topShare` (5%:
// 100 submits/s at 2,000/s). Rank order: provincial committees first (each carries all its
// departments' work), then ministries, then communes; within a level a hash of the code decides,
// so no province is favoured by its name.
//
// Agency systems: one per province (its committee and communes: the generator's `sync-<province>`,
// local/seed/dossier-activity.ts) and one per ministry. The hottest system carries the largest
// province's whole share.
import { createHash } from 'node:crypto';
import { catalogueSeed } from '../../local/seed/catalogue';
import type { createWorkingCalendar } from '../../shared/calendar';
import type { Procedure } from '../../shared/contracts/catalogue';

export type AgencyLevel = 'central' | 'province' | 'commune';

export interface NationalAgency {
  code: string;
  name: string;
  level: AgencyLevel;
  parentCode: string | null;
  /** The agency system speaking for it (the province's, or the ministry's own). */
  systemKeyId: string;
  /** Share of the national submissions, Σ = 1. */
  share: number;
}

interface SeedAgency { code: string; name: string; level: AgencyLevel; parentCode: string | null; administrativeUnitCode: string | null }
export interface TreasuryEntry { id: string; code: string; agencyCode: string; accountNumber: string; treasuryName: string; bankCode: string | null }
interface SeedUnit { code: string; name: string; level: 'province' | 'commune'; parentCode: string | null }

const LEVEL_RANK: Record<AgencyLevel, number> = { province: 0, central: 1, commune: 2 };
const hashOf = (s: string) => createHash('sha256').update(s).digest('hex');

/** The exponent s of shares ∝ rank^-s with Σ = 1 over n ranks and rank 1 at `top`. */
export const zipfExponent = (n: number, top: number): number => {
  if (n === 1) return 0;
  const topShare = (s: number) => {
    let h = 0;
    for (let k = 1; k <= n; k++) h += k ** -s;
    return 1 / h;
  };
  if (top <= 1 / n) return 0;
  let lo = 0;
  let hi = 4;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (topShare(mid) < top) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
};

/** Shares of ranks 1..n, Zipf-like with rank 1 at `top` (all equal when `top` ≤ 1/n). */
export const zipfShares = (n: number, top: number): number[] => {
  const s = zipfExponent(n, top);
  const weights = Array.from({ length: n }, (_, i) => (i + 1) ** -s);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
};

/** A system key id as the generator names them: `sync-<the province committee's or ministry's code>`. */
const systemOf = (code: string, level: AgencyLevel, parentCode: string | null) =>
  `sync-${level === 'commune' ? parentCode : code}`;

/** The catalogue seed: agencies (all communes added) and procedures. */
export const seedData = () => {
  const seed = catalogueSeed();
  const agencies = seed.catalogues.agencies as SeedAgency[];
  const units = seed.catalogues['administrative-units'] as SeedUnit[];
  const holidays = seed.catalogues.holidays as Parameters<typeof createWorkingCalendar>[0];
  const treasury = seed.catalogues['treasury-accounts'] as TreasuryEntry[];
  return { agencies, units, procedures: seed.procedures as Procedure[], holidays, treasury };
};

/** Every agency of the country with its share of the national rate (Σ = 1, rank 1 = `topShare`). */
export const nationalAgencies = (topShare: number, data = seedData()): NationalAgency[] => {
  const byCode = new Map<string, Omit<NationalAgency, 'share' | 'systemKeyId'>>();
  for (const a of data.agencies) byCode.set(a.code, { code: a.code, name: a.name, level: a.level, parentCode: a.parentCode });
  const provinceOfUnit = new Map(data.agencies.filter((a) => a.level === 'province').map((a) => [a.administrativeUnitCode, a]));
  for (const unit of data.units) {
    if (unit.level !== 'commune') continue;
    const province = provinceOfUnit.get(unit.parentCode);
    if (!province) throw new Error(`capacity: commune ${unit.code} of an unknown province ${unit.parentCode}`);
    const code = `000.00.${unit.code}.${province.code.split('.').at(-1)}`;
    if (!byCode.has(code)) byCode.set(code, { code, name: `UBND ${unit.name}`, level: 'commune', parentCode: province.code });
  }
  const ranked = [...byCode.values()].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || (hashOf(a.code) < hashOf(b.code) ? -1 : 1));
  const shares = zipfShares(ranked.length, topShare);
  return ranked.map((a, i) => ({ ...a, systemKeyId: systemOf(a.code, a.level, a.parentCode), share: shares[i]! }));
};

/** Each agency system's share of the national rate, largest first. */
export const systemShares = (agencies: readonly NationalAgency[]): { keyId: string; share: number; agencies: number }[] => {
  const bySystem = new Map<string, { share: number; agencies: number }>();
  for (const a of agencies) {
    const s = bySystem.get(a.systemKeyId) ?? { share: 0, agencies: 0 };
    s.share += a.share;
    s.agencies += 1;
    bySystem.set(a.systemKeyId, s);
  }
  return [...bySystem].map(([keyId, s]) => ({ keyId, ...s })).sort((a, b) => b.share - a.share);
};
