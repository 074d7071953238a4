// Package pinyin matches a name typed in Chinese characters with a
// romanized name read from a document: the primary and secondary
// identifiers of a machine-readable zone ([MatchMRZ]) or a Latin name
// printed as one string ([Match]). It keeps the Hanyu Pinyin dictionary of
// github.com/mozillazg/go-pinyin out of package certificate/name, which
// compares names of one script without it.
//
// # Readings
//
// Each character is read through the dictionary, which holds simplified
// and traditional forms alike (陈 and 陳 both read CHEN). The surname comes
// first in the typed name and in the zone; a two-character compound
// surname (欧阳, 司马, 诸葛, …) is read as one. Characters that read
// differently as surnames take their surname reading (单 SHAN, 曾 ZENG,
// 仇 QIU, 解 XIE, 区 OU, 查 ZHA, 朴 PIAO, 尉迟 YUCHI, 万俟 MOQI, …). The
// letter ü is written U, V, YU or UE: PRC passports write it YU since
// 2012 (LYU, NYU; LUE for lüe), following GB/T 28039-2011; older ones
// wrote U (LU); LV is the keyboard spelling; UE is ICAO Doc 9303 Part 3's
// transliteration of Ü.
//
// # Outcomes
//
//   - [Matches]: the zone spells the standard readings, surname first.
//   - [Review]: the zone spells the name only through another reading of
//     a character (a heteronym), a split of the surname that is not the
//     usual one, a Wade–Giles spelling (Taiwan: CHANG, HSU) or a common
//     Cantonese, Hokkien or other romanization of the surname (Hong Kong:
//     CHAN, WONG, CHEUNG). Cantonese given names are not in the dictionary:
//     when the surname matches such a romanization and the zone has one
//     given-name syllable per typed character, the given names are left to
//     the reviewer.
//   - [NoMatch]: no reading spells the zone, or the typed name is not
//     Chinese characters.
//
// Two names in Chinese characters that differ only by characters with the
// same standard reading (陈 and 陳, or two homophones) are [Review]: the
// dictionary cannot tell a traditional form from a homophone.
package pinyin
