package appfile

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// checkKeys checks the keys of the JSON object data against the json names
// of the struct type t, exactly: encoding/json matches keys without regard
// to case, so "Typed" would otherwise fill typed. It descends into the
// objects of struct fields, and decodes the values of fields whose type
// reads text (kinds, dates) to report their errors with the field's path.
// Values of the wrong JSON type are left to the decoder.
func checkKeys(data []byte, t reflect.Type, path string) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil
	}
	fields := make(map[string]reflect.Type, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = f.Type
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		p := join(path, k)
		ft, ok := fields[k]
		if !ok {
			for name := range fields {
				if strings.EqualFold(name, k) {
					return fmt.Errorf("unknown field %q: keys are case-sensitive; write %q", p, join(path, name))
				}
			}
			return fmt.Errorf("unknown field %q", p)
		}
		switch {
		case reflect.PointerTo(ft).Implements(textUnmarshaler):
			var s string
			if json.Unmarshal(m[k], &s) != nil {
				continue
			}
			if err := reflect.New(ft).Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
		case ft.Kind() == reflect.Struct:
			if err := checkKeys(m[k], ft, p); err != nil {
				return err
			}
		}
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
