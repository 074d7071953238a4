package tags

import (
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
)

// FieldName returns the name a struct field goes by in validator's errors
// and in the violations of [FromValidationErrors]: the name of its json tag,
// else of its form tag (the tag gin and authn/form bind), else "", which the
// validator reads as the Go name. A tag of "-", or one that gives only
// options (json:",omitempty"), names nothing. [RegisterValidations]
// registers it as the validator's tag-name function unless the caller has
// registered one; register it yourself to combine it with other settings.
func FieldName(f reflect.StructField) string {
	for _, key := range [...]string{"json", "form"} {
		if name, _, _ := strings.Cut(f.Tag.Get(key), ","); name != "" && name != "-" {
			return name
		}
	}
	return ""
}

// hasTagNameFunc reports whether v has a tag-name function. The validator
// does not export it, so it reads the unexported field RegisterTagNameFunc
// sets; known is false when that field is gone (another validator
// version), and then the caller must leave v's names alone.
func hasTagNameFunc(v *validator.Validate) (has, known bool) {
	f := reflect.ValueOf(v).Elem().FieldByName("hasTagNameFunc")
	if !f.IsValid() || f.Kind() != reflect.Bool {
		return false, false
	}
	return f.Bool(), true
}
