package certificate

import (
	"errors"
	"fmt"
	"strings"
)

// Validity is the period printed on a certificate: an issue (start) date and
// an expiry date, or long-term (长期) with no expiry.
type Validity struct {
	Issued   Date
	Expires  Date
	LongTerm bool
}

// ErrPeriod is matched by a [*PeriodError]: the printed period fits no rule
// for the document and the holder's age ("invalid validity dates").
var ErrPeriod = errors.New("validity period fits no rule for this document")

// CodePeriodMismatch is the violation code of a [*PeriodError].
const CodePeriodMismatch = "certificate.validity_period_mismatch"

// PeriodError says which periods the document could have had.
type PeriodError struct {
	Kind    Kind
	Allowed []string // for example ["10y", "20y"] or ["long-term"]
	Actual  string   // for example "15y" or "long-term"
}

func (e *PeriodError) Error() string {
	return fmt.Sprintf("certificate: %s validity period %s fits no rule (allowed: %s)", e.Kind, e.Actual, strings.Join(e.Allowed, ", "))
}

// Unwrap returns [ErrPeriod].
func (e *PeriodError) Unwrap() error { return ErrPeriod }

// ExpiredOn reports whether the certificate is past its expiry date on day on.
// The expiry date itself is still valid. Long-term certificates never expire.
func (v Validity) ExpiredOn(on Date) bool {
	return !v.LongTerm && !v.Expires.IsZero() && on.After(v.Expires)
}

// NotYetValidOn reports whether day on is before the issue date.
func (v Validity) NotYetValidOn(on Date) bool {
	return !v.Issued.IsZero() && on.Before(v.Issued)
}

// period is a validity length in years; 0 means long-term.
type period int

func (p period) String() string {
	if p == 0 {
		return "long-term"
	}
	return fmt.Sprintf("%dy", int(p))
}

// CheckPeriod checks that the validity period fits the document n and the
// holder's birth date:
//
//   - PRC Resident Identity Card: under 16 at issuance 5 years, 16–25 10 years,
//     26–45 20 years, 46 and over long-term (Resident Identity Card Law of the
//     PRC, 2011 amendment, art. 5);
//   - residence permits for Hong Kong, Macao and Taiwan residents: 5 years
//     (State Council General Office, Guo Ban Fa [2018] No. 81);
//   - Mainland Travel Permit for Hong Kong and Macao Residents: 10 years for
//     adults, 5 (or 3 on the 1999 card, MPS Exit-Entry Administration rule
//     published 2010-03-10) for minors; 5 years for the HA/MA card for
//     non-Chinese citizens (NIA announcement No. 6 (2024));
//   - Mainland Travel Permit for Taiwan Residents: 5 years (the electronic
//     card issued since 21 September 2015).
//
// Ages are taken on the issue date and, to allow for processing time, 90 days
// before it. Other documents have no rule here and return nil, as does a
// validity without an issue date. A zero birth date allows every period of the
// document.
func CheckPeriod(n Number, birth Date, v Validity) error {
	if v.Issued.IsZero() {
		return nil
	}
	var allowed []period
	add := func(ps ...period) {
		for _, p := range ps {
			found := false
			for _, a := range allowed {
				found = found || a == p
			}
			if !found {
				allowed = append(allowed, p)
			}
		}
	}
	ages := []int{-1}
	if !birth.IsZero() {
		ages = []int{birth.AgeOn(v.Issued), birth.AgeOn(v.Issued.AddDays(-90))}
	}
	for _, age := range ages {
		switch {
		case n.Kind() == IDCard && n.Region() == "CN":
			switch {
			case age < 0:
				add(5, 10, 20, 0)
			case age < 16:
				add(5)
			case age <= 25:
				add(10)
			case age <= 45:
				add(20)
			default:
				add(0)
			}
		case n.Kind() == HKMOResidencePermit || n.Kind() == TWResidencePermit || n.Kind() == TWTravelPermit:
			add(5)
		case n.Kind() == HKMOTravelPermit:
			c := n.Canonical()
			switch {
			case len(c) >= 2 && (c[1] == 'A'):
				add(5)
			case age < 0:
				add(10, 5, 3)
			case age < 18:
				add(5, 3)
			default:
				add(10)
			}
		default:
			return nil
		}
	}
	var actual period = -1
	switch {
	case v.LongTerm:
		actual = 0
	case !v.Expires.IsZero():
		// The expiry is the issue date y years on, or the day before it
		// (or, from 29 February, the day after the 28th): y is the
		// difference of the years or one more.
		for y := v.Expires.Year - v.Issued.Year; y <= v.Expires.Year-v.Issued.Year+1; y++ {
			if y < 1 || y > 30 {
				continue
			}
			if e := v.Issued.AddYears(y); e == v.Expires || e.AddDays(-1) == v.Expires || (v.Issued.Month == 2 && v.Issued.Day == 29 && e.AddDays(1) == v.Expires) {
				actual = period(y)
				break
			}
		}
	default:
		return nil
	}
	for _, a := range allowed {
		if a == actual {
			return nil
		}
	}
	e := &PeriodError{Kind: n.Kind(), Actual: "irregular"}
	if actual >= 0 {
		e.Actual = actual.String()
	}
	for _, a := range allowed {
		e.Allowed = append(e.Allowed, a.String())
	}
	return e
}
