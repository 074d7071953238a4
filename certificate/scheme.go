package certificate

import (
	"fmt"
	"maps"
	"sort"
)

// Parsed is what a [Scheme] learns from a valid number.
type Parsed struct {
	Number Number
	// Birth and Sex are set when the number encodes them.
	Birth Date
	Sex   Sex
	// HolderRegion is the region the holder belongs to when the number says so
	// (HK or MO for a Home Return Permit, TW for a Taiwan residence permit).
	HolderRegion string
	// Review lists advisory codes: the number is valid, but a person should
	// look (for example "number.division_unlisted").
	Review []string
}

// Scheme parses the numbers of one kind of certificate issued in one region.
// Implementations must be safe for concurrent use and must never panic.
type Scheme interface {
	// Kind is the kind of certificate.
	Kind() Kind
	// Region is the issuing region: ISO 3166-1 alpha-2 ("CN") or ISO 3166-2
	// ("US-CA").
	Region() string
	// Parse validates input as people type it and returns the canonical
	// number, or a *NumberError.
	Parse(input string) (Parsed, error)
}

// RegionalScheme is a [Scheme] that serves many regions from one
// registration under the empty region (for example a generic driving-licence
// number) and needs to know which region was asked for. [Registry.Lookup]
// and [Registry.Parse] call ParseIn with the requested region instead of
// Parse.
type RegionalScheme interface {
	Scheme
	// ParseIn parses input as a number issued in region.
	ParseIn(region, input string) (Parsed, error)
}

// DatedScheme is a [Scheme] whose judgement depends on today's date (for
// example one that refuses a birth date after today, or places a two-digit
// year in its century). [Registry.Parse] on a registry with a clock
// ([Registry.WithClock]) and [Registry.ParseOn] call ParseOn instead of
// Parse. Its Parse judges against the zero [Clock].
type DatedScheme interface {
	Scheme
	// ParseOn is Parse with today as the date of the judgement. A zero
	// today means the zero Clock's today.
	ParseOn(today Date, input string) (Parsed, error)
}

// RegionalDatedScheme is a [RegionalScheme] that is also dated: the registry
// calls ParseInOn where it would call ParseIn and has a date to give.
type RegionalDatedScheme interface {
	RegionalScheme
	// ParseInOn is ParseIn with today as the date of the judgement. A zero
	// today means the zero Clock's today.
	ParseInOn(today Date, region, input string) (Parsed, error)
}

type schemeKey struct {
	kind   Kind
	region string
}

// Registry is a read-only set of schemes keyed by kind and region, with the
// [Clock] its dated schemes judge by. Build one with [NewRegistry]; extend it
// with [Registry.With], which returns a copy; set the clock with
// [Registry.WithClock]. The zero value is an empty registry with the zero
// clock. A Registry is safe for concurrent use.
type Registry struct {
	m     map[schemeKey]Scheme
	clock Clock
}

// NewRegistry returns a registry of schemes. Two schemes for the same kind
// and region are a configuration error.
func NewRegistry(schemes ...Scheme) (Registry, error) {
	return Registry{}.With(schemes...)
}

// With returns a copy of r with schemes added. A scheme whose kind and region
// are already present is a configuration error unless it replaces on purpose:
// use [Registry.Replace] for that.
func (r Registry) With(schemes ...Scheme) (Registry, error) {
	m := r.clone(len(schemes))
	for _, s := range schemes {
		if s == nil {
			return Registry{}, fmt.Errorf("certificate: nil scheme")
		}
		k := schemeKey{s.Kind(), s.Region()}
		if _, dup := m[k]; dup {
			return Registry{}, fmt.Errorf("certificate: two schemes for %s in %s", s.Kind(), s.Region())
		}
		m[k] = s
	}
	return Registry{m: m, clock: r.clock}, nil
}

// Replace returns a copy of r in which schemes replace any with the same kind
// and region.
func (r Registry) Replace(schemes ...Scheme) Registry {
	m := r.clone(len(schemes))
	for _, s := range schemes {
		if s != nil {
			m[schemeKey{s.Kind(), s.Region()}] = s
		}
	}
	return Registry{m: m, clock: r.clock}
}

// WithClock returns a copy of r whose dated schemes ([DatedScheme],
// [RegionalDatedScheme]) judge dates by c: [Registry.Parse] reads c once per
// call to a dated scheme and passes c.Today() to it, and the schemes that
// [Registry.Lookup] returns do the same. The copy shares r's schemes; r is
// unchanged. The zero Clock is the system clock in China Standard Time.
func (r Registry) WithClock(c Clock) Registry {
	r.clock = c
	return r
}

// Clock returns the clock of r's dated schemes (see [Registry.WithClock]).
func (r Registry) Clock() Clock { return r.clock }

// clone copies r's map with room for extra more schemes.
func (r Registry) clone(extra int) map[schemeKey]Scheme {
	m := make(map[schemeKey]Scheme, len(r.m)+extra)
	maps.Copy(m, r.m)
	return m
}

// Lookup returns the scheme for kind in region, falling back to a scheme
// registered for kind with the empty region (one that accepts any region).
// A [RegionalScheme] found through that fallback is returned bound to
// region: its Region is region and its Parse calls ParseIn(region, …). On a
// registry with a clock other than the zero Clock, a dated scheme is
// returned bound to that clock: its Parse judges dates by it, as
// [Registry.Parse] does, and it is still a [DatedScheme].
func (r Registry) Lookup(kind Kind, region string) (Scheme, bool) {
	s, ok := r.m[schemeKey{kind, region}]
	if !ok {
		s, ok = r.m[schemeKey{kind, ""}]
		if !ok {
			return nil, false
		}
		if rs, regional := s.(RegionalScheme); regional && region != "" {
			if rds, dated := rs.(RegionalDatedScheme); dated {
				s = boundDatedScheme{boundScheme{rs, region}, rds}
			} else {
				s = boundScheme{rs, region}
			}
		}
	}
	if ds, dated := s.(DatedScheme); dated && !r.clock.IsZero() {
		return clockedScheme{ds, r.clock}, true
	}
	return s, true
}

// boundScheme is a RegionalScheme serving one region.
type boundScheme struct {
	RegionalScheme
	region string
}

func (b boundScheme) Region() string                     { return b.region }
func (b boundScheme) Parse(input string) (Parsed, error) { return b.ParseIn(b.region, input) }

// boundDatedScheme is a RegionalDatedScheme serving one region: a
// DatedScheme.
type boundDatedScheme struct {
	boundScheme
	dated RegionalDatedScheme
}

func (b boundDatedScheme) ParseOn(today Date, input string) (Parsed, error) {
	return b.dated.ParseInOn(today, b.region, input)
}

// clockedScheme is a DatedScheme whose Parse judges by a clock.
type clockedScheme struct {
	DatedScheme
	clock Clock
}

func (c clockedScheme) Parse(input string) (Parsed, error) {
	return c.ParseOn(c.clock.Today(), input)
}

// Parse parses input with the scheme for kind in region. Without such a
// scheme it returns an error matching [ErrUnsupported]. A [RegionalScheme]
// found through the empty-region fallback is given the requested region
// (see [Registry.Lookup]). A dated scheme judges dates by the registry's
// clock ([Registry.WithClock]); the clock is not read for other schemes.
func (r Registry) Parse(kind Kind, region, input string) (Parsed, error) {
	s, ok := r.m[schemeKey{kind, region}]
	if ok && r.clock.IsZero() {
		// The hot path: the scheme's own Parse judges by the zero Clock.
		return s.Parse(input)
	}
	return r.parse(s, ok, Date{}, !r.clock.IsZero(), kind, region, input)
}

// ParseOn is [Registry.Parse] with today as the date of the judgement: a
// dated scheme is given today instead of reading the registry's clock. A
// zero today means the registry's clock's today.
func (r Registry) ParseOn(today Date, kind Kind, region, input string) (Parsed, error) {
	if today.IsZero() {
		return r.Parse(kind, region, input)
	}
	s, ok := r.m[schemeKey{kind, region}]
	return r.parse(s, ok, today, true, kind, region, input)
}

// parse calls s, the scheme for kind in region when found is set, or else
// the scheme found through the empty-region fallback. With dated set, a
// dated scheme is given today, or the clock's today when today is zero.
func (r Registry) parse(s Scheme, found bool, today Date, dated bool, kind Kind, region, input string) (Parsed, error) {
	if !found {
		if s, found = r.m[schemeKey{kind, ""}]; !found {
			return Parsed{}, fmt.Errorf("%w: %s in %q", ErrUnsupported, kind, truncate(region, 16))
		}
		// As Lookup's bound scheme would, without boxing it.
		if rs, regional := s.(RegionalScheme); regional {
			if dated {
				if rds, ok := rs.(RegionalDatedScheme); ok {
					return rds.ParseInOn(r.today(today), region, input)
				}
			}
			return rs.ParseIn(region, input)
		}
	}
	if dated {
		if ds, ok := s.(DatedScheme); ok {
			return ds.ParseOn(r.today(today), input)
		}
	}
	return s.Parse(input)
}

// today returns d, or the clock's today when d is zero.
func (r Registry) today(d Date) Date {
	if d.IsZero() {
		return r.clock.Today()
	}
	return d
}

// Schemes returns the registered schemes ordered by kind, then region.
func (r Registry) Schemes() []Scheme {
	out := make([]Scheme, 0, len(r.m))
	for _, s := range r.m {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Kind() != out[j].Kind() {
			return out[i].Kind() < out[j].Kind()
		}
		return out[i].Region() < out[j].Region()
	})
	return out
}
