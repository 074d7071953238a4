package precaution

import (
	"context"
	"strings"

	"github.com/realname-go/realname/certificate/name"
	"github.com/realname-go/realname/rules"
)

// MatchOptions configures [NameMatches]. The zero value uses the matcher of
// package certificate/name.
type MatchOptions struct {
	// NameMatcher compares a typed name with a name printed as one string;
	// nil means name.Match (width and case folding, NFKC, spaces, the middle
	// dot, surname and given-name order, ICAO transliteration).
	NameMatcher func(typed, document string) bool
	// MRZNameMatcher compares a typed name with primary and secondary
	// identifiers, allowing for truncation; nil means name.MatchMRZ.
	MRZNameMatcher func(typed, primary, secondary string, truncated bool) bool
}

type nameMatchRule struct {
	match    func(typed, document string) bool
	matchMRZ func(typed, primary, secondary string, truncated bool) bool
}

// NameMatches returns the name half of precaution 4: the typed name matches
// the name read from the document, either [Document.Name] or the pair
// [Document.Surname] and [Document.GivenNames] (either one matching is
// enough). A mismatch is [CodeNameMismatch] at "claim.name"; a document
// without a name asks for review ([CodeNameUnverified]).
func NameMatches(opts MatchOptions) rules.Rule[Application] {
	r := nameMatchRule{match: opts.NameMatcher, matchMRZ: opts.MRZNameMatcher}
	if r.match == nil {
		r.match = name.Match
	}
	if r.matchMRZ == nil {
		r.matchMRZ = name.MatchMRZ
	}
	return r
}

func (r nameMatchRule) Check(ctx context.Context, a Application) ([]rules.Violation, error) {
	if err := rules.Cancelled(ctx, "name_match"); err != nil {
		return nil, err
	}
	d := &a.Document
	hasName := strings.TrimSpace(d.Name) != ""
	hasParts := strings.TrimSpace(d.Surname+d.GivenNames) != ""
	switch {
	case !hasName && !hasParts:
		return []rules.Violation{rules.Violate(CodeNameUnverified, rules.Review, false).At("document.name")}, nil
	case hasName && r.match(a.Claim.Name, d.Name):
		return nil, nil
	case hasParts && r.matchMRZ(a.Claim.Name, d.Surname, d.GivenNames, d.NameTruncated):
		return nil, nil
	}
	return []rules.Violation{rules.Violate(CodeNameMismatch, rules.Reject, true).At("claim.name")}, nil
}
