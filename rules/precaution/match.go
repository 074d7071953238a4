package precaution

import (
	"context"
	"strings"

	"github.com/realname-go/realname/certificate/name"
	"github.com/realname-go/realname/certificate/name/pinyin"
	"github.com/realname-go/realname/rules"
)

// CodeNameRomanized: the name typed in Chinese characters matches the
// document's Latin name only through another reading of a character, a
// Wade–Giles spelling or a Cantonese (or other) romanization of the
// surname; a person confirms (review). Params: via (a [pinyin.Via] name:
// heteronym, surname_split, wade_giles, romanization,
// given_names_unchecked, same_sound).
const CodeNameRomanized rules.Code = "claim.name_romanized"

// MatchOptions configures [NameMatches]. The zero value uses the matchers of
// packages certificate/name and certificate/name/pinyin.
type MatchOptions struct {
	// NameMatcher compares a typed name with a name printed as one string;
	// nil means name.Match (width and case folding, NFKC, spaces, the middle
	// dot, surname and given-name order, ICAO transliteration).
	NameMatcher func(typed, document string) bool
	// MRZNameMatcher compares a typed name with primary and secondary
	// identifiers, allowing for truncation; nil means name.MatchMRZ.
	MRZNameMatcher func(typed, primary, secondary string, truncated bool) bool
	// RomanizedMatcher compares a name typed in Chinese characters with a
	// name printed as one string, when NameMatcher finds no match; nil
	// means pinyin.Match.
	RomanizedMatcher func(typed, document string) pinyin.Outcome
	// RomanizedMRZMatcher compares a name typed in Chinese characters with
	// primary and secondary identifiers, when MRZNameMatcher finds no
	// match; nil means pinyin.MatchMRZ.
	RomanizedMRZMatcher func(typed, primary, secondary string, truncated bool) pinyin.Outcome
	// NoRomanization turns the two romanized matchers off: a name typed
	// in Chinese characters then never matches a Latin name.
	NoRomanization bool
}

type nameMatchRule struct {
	match       func(typed, document string) bool
	matchMRZ    func(typed, primary, secondary string, truncated bool) bool
	romanized   func(typed, document string) pinyin.Outcome
	romanizeMRZ func(typed, primary, secondary string, truncated bool) pinyin.Outcome
}

func newNameMatch(opts MatchOptions) nameMatchRule {
	r := nameMatchRule{match: opts.NameMatcher, matchMRZ: opts.MRZNameMatcher,
		romanized: opts.RomanizedMatcher, romanizeMRZ: opts.RomanizedMRZMatcher}
	if r.match == nil {
		r.match = name.Match
	}
	if r.matchMRZ == nil {
		r.matchMRZ = name.MatchMRZ
	}
	if r.romanized == nil {
		r.romanized = pinyin.Match
	}
	if r.romanizeMRZ == nil {
		r.romanizeMRZ = pinyin.MatchMRZ
	}
	if opts.NoRomanization {
		r.romanized = func(string, string) pinyin.Outcome { return pinyin.Outcome{} }
		r.romanizeMRZ = func(string, string, string, bool) pinyin.Outcome { return pinyin.Outcome{} }
	}
	return r
}

// NameMatches returns the name half of precaution 4: the typed name matches
// the name read from the document, either [Document.Name] or the pair
// [Document.Surname] and [Document.GivenNames] (either one matching is
// enough). A name typed in Chinese characters matches a Latin name through
// Hanyu Pinyin (package certificate/name/pinyin: 张三 matches ZHANG SAN);
// a match only through another reading or romanization (CHAN for 陈) asks
// for review ([CodeNameRomanized]). A mismatch is [CodeNameMismatch] at
// "claim.name"; a document without a name asks for review
// ([CodeNameUnverified]).
func NameMatches(opts MatchOptions) rules.Rule[Application] {
	return newNameMatch(opts)
}

// nameVerdict is the outcome of comparing a typed name with a document.
type nameVerdict uint8

const (
	nameMatched nameVerdict = iota
	nameUnread
	nameRomanized
	nameDiffers
)

// compare compares typed with the name of d; via is set for nameRomanized.
func (r nameMatchRule) compare(typed string, d *Document) (nameVerdict, pinyin.Via) {
	hasName := strings.TrimSpace(d.Name) != ""
	hasParts := strings.TrimSpace(d.Surname+d.GivenNames) != ""
	switch {
	case !hasName && !hasParts:
		return nameUnread, 0
	case hasName && r.match(typed, d.Name):
		return nameMatched, 0
	case hasParts && r.matchMRZ(typed, d.Surname, d.GivenNames, d.NameTruncated):
		return nameMatched, 0
	}
	var best pinyin.Outcome
	if hasName {
		best = r.romanized(typed, d.Name)
	}
	if hasParts && best.Result != pinyin.Matches {
		if o := r.romanizeMRZ(typed, d.Surname, d.GivenNames, d.NameTruncated); o.Result == pinyin.Matches ||
			(o.Result == pinyin.Review && (best.Result != pinyin.Review || o.Via < best.Via)) {
			best = o
		}
	}
	switch best.Result {
	case pinyin.Matches:
		return nameMatched, 0
	case pinyin.Review:
		return nameRomanized, best.Via
	}
	return nameDiffers, 0
}

func (r nameMatchRule) Check(ctx context.Context, a Application) ([]rules.Violation, error) {
	if err := rules.Cancelled(ctx, "name_match"); err != nil {
		return nil, err
	}
	switch v, via := r.compare(a.Claim.Name, &a.Document); v {
	case nameMatched:
		return nil, nil
	case nameUnread:
		return []rules.Violation{rules.Violate(CodeNameUnverified, rules.Review, false).At("document.name")}, nil
	case nameRomanized:
		return []rules.Violation{rules.Violate(CodeNameRomanized, rules.Review, false, "via", via.String()).At("claim.name")}, nil
	}
	return []rules.Violation{rules.Violate(CodeNameMismatch, rules.Reject, true).At("claim.name")}, nil
}
