// The filters of procedure search (pure): sector, level, online service and agency. Each is kept
// per ordinal as a small integer, so checking one procedure is a few typed-array reads.
import { LEVELS, ONLINE_LEVELS, resolveAgency, type AgencyRef, type SearchParams } from './search-model';
import { StampArray } from './search-postings';
import type { IndexedProcedure } from './search-snapshot';

export type OrdinalTest = (ordinal: number) => boolean;

export class FilterColumns {
  private readonly sectorIds = new Map<string, number>();
  private readonly sectorIdOf: Int32Array;
  /** Positions in LEVELS / ONLINE_LEVELS. */
  private readonly levelOf: Uint8Array;
  private readonly onlineOf: Uint8Array;
  /** agencyKinds as bits: 1 << position in LEVELS. */
  private readonly agencyKindBitsOf: Uint8Array;
  /** Ministry code → ordinals of the procedures that name it, ascending. */
  private readonly ordinalsByMinistry = new Map<string, number[]>();
  /** Marks the procedures of a central agency's ministries, per query. */
  private readonly agencyStamps: StampArray;

  /** The procedure at index `i` has ordinal `i`. */
  constructor(procedures: readonly IndexedProcedure[]) {
    const count = procedures.length;
    this.sectorIdOf = new Int32Array(count);
    this.levelOf = new Uint8Array(count);
    this.onlineOf = new Uint8Array(count);
    this.agencyKindBitsOf = new Uint8Array(count);
    this.agencyStamps = new StampArray(count);
    procedures.forEach((procedure, ordinal) => {
      let sectorId = this.sectorIds.get(procedure.sectorCode);
      if (sectorId === undefined) {
        sectorId = this.sectorIds.size;
        this.sectorIds.set(procedure.sectorCode, sectorId);
      }
      this.sectorIdOf[ordinal] = sectorId;
      this.levelOf[ordinal] = LEVELS.indexOf(procedure.level);
      this.onlineOf[ordinal] = ONLINE_LEVELS.indexOf(procedure.onlineService);
      let kindBits = 0;
      for (const kind of procedure.agencyKinds) kindBits |= 1 << LEVELS.indexOf(kind);
      this.agencyKindBitsOf[ordinal] = kindBits;
      for (const ministryCode of procedure.ministryCodes ?? []) {
        let ordinals = this.ordinalsByMinistry.get(ministryCode);
        if (!ordinals) {
          ordinals = [];
          this.ordinalsByMinistry.set(ministryCode, ordinals);
        }
        if (ordinals[ordinals.length - 1] !== ordinal) ordinals.push(ordinal);
      }
    });
  }

  /**
   * The test for the filters in `params`, or null when they match nothing (an unknown sector or
   * agency). Good until the next call: it reuses the agency stamps.
   */
  compile(params: SearchParams, agencyOf: (code: string) => AgencyRef | undefined): OrdinalTest | null {
    let agencyKindBit = 0;
    let agencyMark = -1;
    if (params.agency !== undefined) {
      const agency = resolveAgency(params.agency, agencyOf);
      if (agency === null) return null;
      agencyKindBit = 1 << LEVELS.indexOf(agency.level);
      if (agency.codes) {
        agencyMark = this.agencyStamps.reserve(1);
        for (const code of agency.codes) {
          for (const ordinal of this.ordinalsByMinistry.get(code) ?? []) this.agencyStamps.marks[ordinal] = agencyMark;
        }
      }
    }
    const sectorId = params.sector === undefined ? -1 : this.sectorIds.get(params.sector) ?? -2;
    if (sectorId === -2) return null;
    const level = params.level === undefined ? -1 : LEVELS.indexOf(params.level);
    const online = params.online === undefined ? -1 : ONLINE_LEVELS.indexOf(params.online);
    const { sectorIdOf, levelOf, onlineOf, agencyKindBitsOf } = this;
    const agencyMarks = this.agencyStamps.marks;
    return (ordinal) =>
      (sectorId < 0 || sectorIdOf[ordinal] === sectorId) &&
      (level < 0 || levelOf[ordinal] === level) &&
      (online < 0 || onlineOf[ordinal] === online) &&
      (agencyKindBit === 0 || (agencyKindBitsOf[ordinal]! & agencyKindBit) !== 0) &&
      (agencyMark < 0 || agencyMarks[ordinal] === agencyMark);
  }
}
