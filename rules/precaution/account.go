package precaution

import (
	"context"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

// AccountOptions configures [AccountEligible]. The zero value is the default
// policy.
type AccountOptions struct {
	// RefusePending also refuses an account with a pending application
	// ([CodeApplicationPending]). Off by default: the flow resubmits from
	// the same account without taking a second binding slot.
	RefusePending bool
}

type accountRule struct{ refusePending bool }

// AccountEligible returns a rule that refuses accounts in a partner program
// ([CodePartnerProgram], precaution 8) and accounts already authenticated
// ([CodeAlreadyAuthenticated]); neither is retryable.
func AccountEligible(opts AccountOptions) rules.Rule[Account] {
	return accountRule{refusePending: opts.RefusePending}
}

func (r accountRule) Check(ctx context.Context, a Account) ([]rules.Violation, error) {
	if err := rules.Cancelled(ctx, "account"); err != nil {
		return nil, err
	}
	var out []rules.Violation
	if a.PartnerProgram {
		out = append(out, rules.Violate(CodePartnerProgram, rules.Reject, false))
	}
	switch {
	case a.Standing == StandingAuthenticated:
		out = append(out, rules.Violate(CodeAlreadyAuthenticated, rules.Reject, false))
	case a.Standing == StandingPending && r.refusePending:
		out = append(out, rules.Violate(CodeApplicationPending, rules.Reject, true))
	}
	return out, nil
}

// KindPolicy says which certificate kinds each account region may use. The
// zero value allows every kind everywhere.
type KindPolicy struct {
	// ByRegion lists the kinds allowed for accounts of a region; a region
	// that is not a key uses Default.
	ByRegion map[language.Region][]certificate.Kind
	// Default lists the kinds allowed for other regions; nil means all
	// seven kinds.
	Default []certificate.Kind
}

type kindRule struct {
	byRegion map[language.Region][]certificate.Kind
	def      []certificate.Kind
}

// KindAllowed returns a rule that refuses a claim whose kind is not a valid
// kind ([CodeKindInvalid], field "claim.kind") or is not allowed for the
// account's registration region ([CodeKindNotAllowed]). The policy is
// copied. A policy naming an invalid kind is a [*rules.ConfigError].
func KindAllowed(p KindPolicy) (rules.Rule[Application], error) {
	r := kindRule{byRegion: make(map[language.Region][]certificate.Kind, len(p.ByRegion)), def: slices.Clone(p.Default)}
	if p.Default == nil {
		r.def = certificate.Kinds()
	}
	for _, k := range r.def {
		if !k.Valid() {
			return nil, &rules.ConfigError{Rule: "kind_allowed", Reason: "default policy names an invalid kind"}
		}
	}
	for _, reg := range slices.SortedFunc(maps.Keys(p.ByRegion), func(a, b language.Region) int { return strings.Compare(a.String(), b.String()) }) {
		for _, k := range p.ByRegion[reg] {
			if !k.Valid() {
				return nil, &rules.ConfigError{Rule: "kind_allowed", Reason: "policy for " + reg.String() + " names an invalid kind"}
			}
		}
		r.byRegion[reg] = slices.Clone(p.ByRegion[reg])
	}
	return r, nil
}

func (r kindRule) Check(ctx context.Context, a Application) ([]rules.Violation, error) {
	if err := rules.Cancelled(ctx, "kind_allowed"); err != nil {
		return nil, err
	}
	k := a.Claim.Kind
	if !k.Valid() {
		return []rules.Violation{rules.Violate(CodeKindInvalid, rules.Reject, true).At("claim.kind")}, nil
	}
	allowed, ok := r.byRegion[a.Account.RegistrationRegion]
	if !ok {
		allowed = r.def
	}
	if !slices.Contains(allowed, k) {
		return []rules.Violation{rules.Violate(CodeKindNotAllowed, rules.Reject, true,
			"kind", k.String(), "account_region", regionString(a.Account.RegistrationRegion)).At("claim.kind")}, nil
	}
	return nil, nil
}

// regionString returns the region's code, or "" for the zero region.
func regionString(r language.Region) string {
	if r == (language.Region{}) {
		return ""
	}
	return r.String()
}
