/**
 * Bad `/contract` input and what the private answer must say, on every platform (the handler layer
 * runs this table as the command layer writes it, the Teams scenarios as Teams shows it, without
 * slashes). Each answer also shows a correct example; nothing is stored.
 */
export const BAD_CONTRACT_INPUT: [input: string, expected: RegExp][] = [
  ['add "Bad Date" vendor:X end:2026-02-30', /not a real calendar date/],
  ['add "Neg" vendor:X end:2027-03-31 notice:-5d', /must not be negative/],
  ['add "Tier" vendor:X end:2027-03-31 tier:4', /must be 1, 2 or 3/],
  ['add "Key" vendor:X end:2027-03-31 colour:blue', /is not an option here/],
  ['add "Open vendor:X end:2027-03-31', /quote is not closed/],
  [`add "${'n'.repeat(3900)}" vendor:X end:2027-03-31`, /longer than 80 characters/],
  ['add "Future" vendor:X end:9999-01-01', /must lie between/],
  ['add "No vendor" end:2027-03-31', /Missing `vendor:`/],
  ['add "Start" vendor:X start:2027-05-01 end:2027-03-31', /must be before/],
  ['add "Manual past" vendor:X end:2025-01-31 renewal:manual', /in the past/],
  ['frobnicate', /is not a \/contract command/],
];
