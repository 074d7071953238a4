// Package name decides whether the name an applicant typed matches the name on
// a document: the visual zone of a card, or the primary and secondary
// identifiers of a machine-readable zone.
//
// # Rules
//
// [Match] and [MatchMRZ] compare names after folding both sides:
//
//   - NFKC normalisation, width folding and upper-casing (Ｍüller, müller and
//     MÜLLER are one name);
//   - spaces, hyphens, apostrophes, the MRZ filler '<', commas and full stops
//     separate name components and are otherwise ignored, so JEAN-PIERRE,
//     Jean Pierre and JEAN<PIERRE match, and O'Brien matches OBRIEN;
//   - the middle dot of transcribed Chinese names (·, and its look-alikes ・ •
//     ‧ ･ ∙ ⋅) is a separator too: 阿依古丽·买买提 matches 阿依古丽买买提;
//   - Latin letters with diacritics are transliterated after ICAO Doc 9303
//     Part 3 §6, accepting the expanded and the plain form: Müller matches
//     MUELLER, MULLER and MUXXLLER; Ñ matches N and NXX; ß matches SS;
//   - the components may be rotated, so surname-first and given-name-first
//     orders match (ERIKSSON ANNA MARIA, Anna Maria Eriksson);
//   - for a machine-readable zone whose name field is full ([MatchMRZ] with
//     truncated set), the zone's name may be a prefix of the typed name,
//     because ICAO truncates names that do not fit.
//
// One transliteration form is used per side at a time: a name that mixes an
// expanded Ü with a plain Ö on the same document does not match.
//
// # Limits
//
// The matcher does not transliterate scripts (no Cyrillic to Latin); a
// typed Chinese name is compared with the Chinese name on the document.
// Package certificate/name/pinyin compares a name typed in Chinese
// characters with a romanized one (张三 and ZHANG SAN), keeping its
// dictionary out of this package. Names longer than [MaxLen] bytes never match. An empty name
// never matches.
//
// # Cost
//
// Matching works in fixed-size buffers on the stack and does not allocate on
// ASCII input.
package name
