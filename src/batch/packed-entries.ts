/**
 * A party's entries packed for the trip between threads: v8-serialised and
 * deflated (level 1). A national batch holds 38,000 stations' entries between
 * reading and scoring; as objects they take ~30 KB each (over 1 GB in all),
 * packed about 2 KB. Packing is deterministic, so a packed input can be
 * fingerprinted (batch --resume).
 */
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { PartyEntries, StationInput, StationMeta } from '../score/types.js';

export type PackedEntries = Uint8Array;

export interface PackedStationInput {
  station: StationMeta;
  self: PackedEntries;
  spot?: PackedEntries;
  /** A rubric with `parties`: each party's entries, by party id. */
  parties?: Record<string, PackedEntries>;
}

export function packEntries(entries: PartyEntries): PackedEntries {
  return new Uint8Array(deflateRawSync(serialize(entries), { level: 1 }));
}

export function unpackEntries(packed: PackedEntries): PartyEntries {
  return deserialize(inflateRawSync(packed)) as PartyEntries;
}

export function unpackInput(input: PackedStationInput): StationInput {
  return {
    station: input.station,
    self: unpackEntries(input.self),
    ...(input.spot ? { spot: unpackEntries(input.spot) } : {}),
    ...(input.parties ? { parties: Object.fromEntries(Object.entries(input.parties).map(([id, e]) => [id, unpackEntries(e)])) } : {}),
  };
}
