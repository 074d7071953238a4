package precaution

import (
	"context"
	"strings"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/internal/textfold"
	"github.com/realname-go/realname/rules"
)

// CheckZoneRead is the name of [ZoneMatches] as [Checks] returns it: the
// machine-readable zone read from the certificate image agrees with what
// was typed and read (precautions 2 and 4).
const CheckZoneRead = "certificate.zone_read"

// Codes of the zone read from the certificate image.
const (
	// CodeZoneNotFound: no machine-readable zone was found in the image of
	// a passport, whose data page always has one; a person checks the
	// image (review). The same code as rules/mrzread's.
	CodeZoneNotFound rules.Code = "zone.not_found"
	// CodeZoneUnreadable: a zone was found in the certificate image but no
	// reading of it passed its check digits; a person reads it (review).
	// The same code as rules/mrzread's.
	CodeZoneUnreadable rules.Code = "zone.unreadable"
	// CodeZoneNameMismatch: the typed name differs from the name in the
	// zone read from the certificate image, although it may match the
	// caller's [Document] (reject).
	CodeZoneNameMismatch rules.Code = "zone.name_mismatch"
	// CodeZoneNumberMismatch: the typed number differs from the number in
	// the zone read from the certificate image (reject). Params: number
	// (the typed number, masked).
	CodeZoneNumberMismatch rules.Code = "zone.number_mismatch"
	// CodeClaimRegionMismatch: the region picked differs from the issuing
	// state of the zone read from the certificate image (reject). Params:
	// region (picked), issuing_region (the zone's).
	CodeClaimRegionMismatch rules.Code = "claim.region_mismatch"
)

// ZoneState says what a reader of machine-readable zones found in the
// certificate image.
type ZoneState uint8

// The states of a [Zone].
const (
	// ZoneNotLooked: no reader looked (none configured, or the file was
	// not an image the inspection decoded).
	ZoneNotLooked ZoneState = iota
	// ZoneFound: a zone was found and read; [Zone.Document] holds it.
	ZoneFound
	// ZoneNotFound: the reader found no zone in the image.
	ZoneNotFound
	// ZoneUnreadable: the reader found a zone but no reading of it passed
	// its check digits.
	ZoneUnreadable
)

var zoneStateNames = [...]string{"not_looked", "found", "not_found", "unreadable"}

// String returns "not_looked", "found", "not_found" or "unreadable".
func (s ZoneState) String() string {
	if int(s) < len(zoneStateNames) {
		return zoneStateNames[s]
	}
	return "unknown"
}

// Zone is what a reader of machine-readable zones found in the
// certificate image.
type Zone struct {
	State ZoneState
	// Document is the zone's data when State is [ZoneFound]: see
	// [ZoneDocument].
	Document Document
}

// ZoneDocument returns the data of a zone read by a machine as a
// [Document] marked [SourceZone]: the kind from the document code (P a
// passport; I and A an identity card; others, C among them, no kind), the number, the
// names (primary and secondary identifiers, truncation), the birth and
// expiry dates, the sex, the issuing state and its region, and the zone's
// text.
func ZoneDocument(m *mrz.MRZ) Document {
	d := Document{
		Source:        SourceZone,
		Number:        m.DocumentNumber,
		Surname:       m.Primary,
		GivenNames:    m.Secondary,
		NameTruncated: m.Truncated,
		Birth:         m.Birth,
		Sex:           m.Sex,
		Validity:      certificate.Validity{Expires: m.Expiry},
		IssuingState:  m.IssuingState.Code(),
		MRZ:           strings.Join(m.Lines(), "\n"),
	}
	if r, ok := m.IssuingState.Region(); ok {
		d.IssuingRegion = r
	}
	if c := m.DocumentCode; c != "" {
		switch c[0] {
		case 'P':
			d.Kind = certificate.Passport
		case 'I', 'A':
			d.Kind = certificate.IDCard
		}
		// C is left without a kind: ICAO allows it on identity cards, and
		// the PRC's card-type travel permits built on TD1 use it too
		// (CS, CD; the 2015 Taiwan residents' permit is a TD1 card).
	}
	return d
}

// FillFromZone returns the caller's Document d with the fields it left
// empty taken from z, a [ZoneDocument]: the kind, number, names, birth
// date, sex, expiry date, issuing state and region, and the zone's text.
// Fields d holds stay as they are, and [ZoneMatches] compares them with the
// zone; its Source stays d's. A zero d gives z itself.
func FillFromZone(d, z Document) Document {
	if nothingRead(&d) {
		return z
	}
	if !d.Kind.Valid() {
		d.Kind = z.Kind
	}
	if strings.TrimSpace(d.Number) == "" {
		d.Number = z.Number
	}
	if strings.TrimSpace(d.Name+d.Surname+d.GivenNames) == "" {
		d.Surname, d.GivenNames, d.NameTruncated = z.Surname, z.GivenNames, z.NameTruncated
	}
	if d.Birth.IsZero() {
		d.Birth = z.Birth
	}
	if d.Sex == certificate.SexUnspecified {
		d.Sex = z.Sex
	}
	if d.Validity.Expires.IsZero() && !d.Validity.LongTerm {
		d.Validity.Expires = z.Validity.Expires
	}
	if d.IssuingState == "" && d.IssuingRegion == (language.Region{}) {
		d.IssuingState, d.IssuingRegion = z.IssuingState, z.IssuingRegion
	}
	if strings.TrimSpace(d.MRZ) == "" {
		d.MRZ = z.MRZ
	}
	return d
}

type zoneMatchRule struct {
	name   nameMatchRule
	number numberMatchRule
}

// ZoneMatches returns the check of the zone read from the certificate
// image ([Application.Zone]):
//
//   - no zone found in the image of a passport (the kind picked or read)
//     asks for review ([CodeZoneNotFound]); other kinds need no zone;
//   - a zone found but not read asks for review ([CodeZoneUnreadable]);
//   - a zone read must agree with the claim: for a passport or identity
//     card, the region picked with its issuing state
//     ([CodeClaimRegionMismatch]; a Hong Kong or Macao region fits the state
//     CHN of their SAR passports). When the
//     application's [Document] is the zone itself ([SourceZone]) the name,
//     number and kind are judged by [NameMatches] and [NumberMatches] and
//     this check adds nothing more. When the caller read a Document too,
//     both are compared: the typed name and number with the zone
//     ([CodeZoneNameMismatch], [CodeNameRomanized], [CodeZoneNumberMismatch],
//     [CodeKindMismatch]), unless the Document holds the zone's own name or
//     number ([FillFromZone]), and the Document's number, birth and expiry
//     dates and sex with the zone's ([CodeMRZMismatch] with the item).
//
// Dates in the zone were judged by the reader; reg parses the numbers
// compared, and opts compares the names.
func ZoneMatches(reg certificate.Registry, clock certificate.Clock, opts MatchOptions) rules.Rule[Application] {
	return zoneMatchRule{name: newNameMatch(opts), number: numberMatchRule{reg, clock}}
}

func (r zoneMatchRule) Check(ctx context.Context, a Application) ([]rules.Violation, error) {
	if err := rules.Cancelled(ctx, CheckZoneRead); err != nil {
		return nil, err
	}
	const field = "certificate"
	switch a.Zone.State {
	case ZoneNotFound:
		if a.Claim.Kind == certificate.Passport || a.Document.Kind == certificate.Passport {
			return []rules.Violation{rules.Violate(CodeZoneNotFound, rules.Review, true).At(field)}, nil
		}
		return nil, nil
	case ZoneUnreadable:
		return []rules.Violation{rules.Violate(CodeZoneUnreadable, rules.Review, true).At(field)}, nil
	case ZoneFound:
	default:
		return nil, nil
	}
	z := a.Zone.Document
	var out []rules.Violation
	// The issuing state names the region of a passport or identity card;
	// the PRC issues the travel permits of Hong Kong, Macao and Taiwan
	// residents under CHN.
	ownState := a.Claim.Kind == certificate.Passport || a.Claim.Kind == certificate.IDCard
	if picked := countryOf(a.Claim.Region); ownState && picked != (language.Region{}) && z.IssuingRegion != (language.Region{}) && !sameIssuer(picked, z.IssuingRegion) {
		out = append(out, rules.Violate(CodeClaimRegionMismatch, rules.Reject, true,
			"region", picked.String(), "issuing_region", z.IssuingRegion.String()).At("claim.region"))
	}
	d := &a.Document
	if d.Source == SourceZone {
		return out, nil
	}
	// The typed name and number are compared with the zone here unless the
	// Document carries the zone's own (FillFromZone), which NameMatches and
	// NumberMatches judge.
	if d.Name != "" || d.Surname != z.Surname || d.GivenNames != z.GivenNames {
		switch v, via := r.name.compare(a.Claim.Name, &z); v {
		case nameRomanized:
			out = append(out, rules.Violate(CodeNameRomanized, rules.Review, false, "via", via.String()).At("claim.name"))
		case nameDiffers:
			out = append(out, rules.Violate(CodeZoneNameMismatch, rules.Reject, true).At("claim.name"))
		}
	}
	if d.Number != z.Number || d.Kind != z.Kind {
		za := a
		za.Document = z
		vs, err := r.number.Check(ctx, za)
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			if v.Code == CodeNumberMismatch {
				v.Code = CodeZoneNumberMismatch
			}
			out = append(out, v)
		}
	}
	mismatch := func(item string) {
		out = append(out, rules.Violate(CodeMRZMismatch, rules.Reject, true, "item", item).At("document.mrz"))
	}
	if n := textfold.Compact(d.Number, " -<"); n != "" && !strings.EqualFold(n, z.Number) {
		mismatch("number")
	}
	if !d.Birth.IsZero() && !z.Birth.IsZero() && d.Birth != z.Birth {
		mismatch("birth")
	}
	if !d.Validity.Expires.IsZero() && !z.Validity.Expires.IsZero() && d.Validity.Expires != z.Validity.Expires {
		mismatch("expiry")
	}
	if d.Sex != certificate.SexUnspecified && z.Sex != certificate.SexUnspecified && d.Sex != z.Sex {
		mismatch("sex")
	}
	return out, nil
}

// sameIssuer reports whether a region picked names the issuer of a zone:
// the same region, or Hong Kong or Macao under CHN, which their SAR
// passports carry as issuing state.
func sameIssuer(picked, zone language.Region) bool {
	if picked == zone {
		return true
	}
	return zone.String() == "CN" && (picked.String() == "HK" || picked.String() == "MO")
}
