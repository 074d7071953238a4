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

type schemeKey struct {
	kind   Kind
	region string
}

// Registry is a read-only set of schemes keyed by kind and region. Build one
// with [NewRegistry]; extend it with [Registry.With], which returns a copy.
// The zero value is an empty registry. A Registry is safe for concurrent use.
type Registry struct {
	m map[schemeKey]Scheme
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
	return Registry{m: m}, nil
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
	return Registry{m: m}
}

// clone copies r's map with room for extra more schemes.
func (r Registry) clone(extra int) map[schemeKey]Scheme {
	m := make(map[schemeKey]Scheme, len(r.m)+extra)
	maps.Copy(m, r.m)
	return m
}

// Lookup returns the scheme for kind in region, falling back to a scheme
// registered for kind with the empty region (one that accepts any region).
// A [RegionalScheme] found through that fallback is returned bound to
// region: its Region is region and its Parse calls ParseIn(region, …).
func (r Registry) Lookup(kind Kind, region string) (Scheme, bool) {
	if s, ok := r.m[schemeKey{kind, region}]; ok {
		return s, true
	}
	s, ok := r.m[schemeKey{kind, ""}]
	if rs, regional := s.(RegionalScheme); ok && regional && region != "" {
		return boundScheme{rs, region}, true
	}
	return s, ok
}

// boundScheme is a RegionalScheme serving one region.
type boundScheme struct {
	RegionalScheme
	region string
}

func (b boundScheme) Region() string                     { return b.region }
func (b boundScheme) Parse(input string) (Parsed, error) { return b.ParseIn(b.region, input) }

// Parse parses input with the scheme for kind in region. Without such a
// scheme it returns an error matching [ErrUnsupported]. A [RegionalScheme]
// found through the empty-region fallback is given the requested region
// (see [Registry.Lookup]).
func (r Registry) Parse(kind Kind, region, input string) (Parsed, error) {
	if s, ok := r.m[schemeKey{kind, region}]; ok {
		return s.Parse(input)
	}
	s, ok := r.m[schemeKey{kind, ""}]
	if !ok {
		return Parsed{}, fmt.Errorf("%w: %s in %q", ErrUnsupported, kind, truncate(region, 16))
	}
	if rs, regional := s.(RegionalScheme); regional {
		return rs.ParseIn(region, input) // as Lookup's bound scheme would, without boxing it
	}
	return s.Parse(input)
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
