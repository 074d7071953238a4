package authn

import (
	"slices"

	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
	"github.com/realname-go/realname/rules/mrzread"
	"github.com/realname-go/realname/rules/precaution"
)

// CheckZoneRead is the check of the machine-readable zone read from the
// certificate image (precautions 2 and 4); it runs only with
// [WithZoneReader].
const CheckZoneRead = precaution.CheckZoneRead

// WithZoneReader makes the verifier read the machine-readable zone of the
// certificate image with r: the evidence inspection hands r the image it
// decoded (one decode per file, and a decode even without pixel checks),
// and the zone it reads is compared with the application by
// [CheckZoneRead] (see [precaution.ZoneMatches]):
//
//   - the application's Document, when the caller gave none, is the zone
//     ([precaution.ZoneDocument], marked [precaution.SourceZone]), so the
//     name, number, kind, validity and region checks judge what a machine
//     read from the image and never what was typed: typing 李四 with
//     张三's passport is rejected (claim.name_mismatch);
//   - when the caller gave a Document too, the fields it left empty are
//     taken from the zone ([precaution.FillFromZone]) and both are
//     compared: the Document by the usual checks, the zone by
//     [CheckZoneRead] (zone.name_mismatch, zone.number_mismatch,
//     application.mrz_mismatch);
//   - a zone found but unreadable asks for review (zone.unreadable); a
//     passport image without a zone asks for review (zone.not_found); other
//     kinds need no zone. The largest image inside a PDF certificate is
//     read too.
//
// A zone read counts as a machine-read match for [Policy.AutoApprove].
// The reader is off by default: it costs a full decode of each
// certificate image, and turns passport photos that do not show the zone
// into reviews, a choice for each deployment. The form handler inspects
// files with [Verifier.Inspector], which carries the reader too.
func WithZoneReader(r *mrzread.Reader) Option { return func(c *config) { c.zone = r } }

// evidenceOptions returns o with the zone reader among its readers.
func (c *config) evidenceOptions(o evidence.Options) evidence.Options {
	if c.zone != nil {
		o.Readers = append(slices.Clip(o.Readers), c.zone)
	}
	return o
}

// zoneOf returns what the zone reader found in the certificate's report;
// the zero Zone when no reader looked.
func zoneOf(er *evidence.Report) precaution.Zone {
	if er == nil {
		return precaution.Zone{}
	}
	for _, rd := range er.Readings {
		r, ok := rd.(*mrzread.Reading)
		if !ok || r == nil {
			continue
		}
		switch {
		case r.Zone != nil && r.Zone.MRZ != nil:
			return precaution.Zone{State: precaution.ZoneFound, Document: precaution.ZoneDocument(r.Zone.MRZ)}
		case r.Code == mrzread.CodeUnreadable:
			return precaution.Zone{State: precaution.ZoneUnreadable}
		case r.Code == mrzread.CodeNoZone:
			return precaution.Zone{State: precaution.ZoneNotFound}
		}
	}
	return precaution.Zone{}
}

// applyZone records the zone in a, and fills what the caller's Document
// left empty from it (all of it when the caller read nothing).
func applyZone(a *precaution.Application, z precaution.Zone) {
	a.Zone = z
	if z.State == precaution.ZoneFound {
		a.Document = precaution.FillFromZone(a.Document, z.Document)
	}
}

// documentRead reports whether anything was read from the certificate: a
// Document with more than its Source.
func documentRead(d precaution.Document) bool {
	d.Source = precaution.SourceUnknown
	return d != precaution.Document{}
}

// machineRead reports whether a machine read the certificate: a zone read
// from its image, or a Document marked as read by a machine.
func machineRead(a precaution.Application) bool {
	return a.Zone.State == precaution.ZoneFound || (a.Document.Source.Machine() && documentRead(a.Document))
}

// fileCheck is the result of one file check, reported after the checks of
// typed values.
type fileCheck struct {
	name string
	vs   []rules.Violation
}
