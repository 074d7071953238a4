package tags_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate/schemes"
	"github.com/realname-go/realname/rules/tags"
)

type holder struct {
	FullName string `json:"full_name" validate:"required"`
}

type jsonForm struct {
	Name    string `json:"name,omitempty" form:"the_name" validate:"required,person_name"`
	Number  string `form:"id_number" validate:"required,cn_resident_id"`
	Hidden  string `json:"-" form:"hidden" validate:"required"`
	Bare    string `json:",omitempty" validate:"required"`
	Plain   string `validate:"required"`
	Holder  holder `json:"holder"`
	Skipped string `json:"-" validate:"required"`
}

// fieldsOf returns the fields FromValidationErrors names, by code.
func fieldsOf(t *testing.T, v *validator.Validate, form any) map[string]string {
	t.Helper()
	err := v.Struct(form)
	require.Error(t, err)
	got := map[string]string{}
	for _, vi := range tags.FromValidationErrors(err, schemes.Default()) {
		got[vi.Field] = string(vi.Code)
	}
	return got
}

// Without a tag-name function of the user's, fields go by their json name,
// else their form name, else their Go name.
func TestFieldNamesFromJSONAndFormTags(t *testing.T) {
	v := newValidate(t)
	got := fieldsOf(t, v, jsonForm{Number: "360426199101010072"})
	assert.Equal(t, map[string]string{
		"name":             "field.required",
		"id_number":        "number.invalid_checksum",
		"hidden":           "field.required",
		"Bare":             "field.required",
		"Plain":            "field.required",
		"holder.full_name": "field.required",
		"Skipped":          "field.required",
	}, got)

	// validator's own errors carry the same names, so its translations do too.
	var ves validator.ValidationErrors
	require.ErrorAs(t, v.Struct(jsonForm{}), &ves)
	assert.Equal(t, "name", ves[0].Field())
}

// A tag-name function the user registered before RegisterValidations stays.
func TestFieldNamesKeepTheUsersFunction(t *testing.T) {
	v := validator.New()
	v.RegisterTagNameFunc(func(f reflect.StructField) string { return "my_" + strings.ToLower(f.Name) })
	require.NoError(t, tags.RegisterValidations(v, schemes.Default()))
	got := fieldsOf(t, v, jsonForm{Name: "张三", Number: "360426199101010071", Hidden: "x", Bare: "x", Plain: "x", Skipped: "x"})
	assert.Equal(t, map[string]string{"my_holder.my_fullname": "field.required"}, got)

	// and one registered afterwards replaces this package's.
	v = newValidate(t)
	v.RegisterTagNameFunc(func(reflect.StructField) string { return "" })
	got = fieldsOf(t, v, jsonForm{Name: "张三", Number: "360426199101010071", Hidden: "x", Bare: "x", Plain: "x", Skipped: "x"})
	assert.Equal(t, map[string]string{"Holder.FullName": "field.required"}, got)
}

func TestFieldName(t *testing.T) {
	typ := reflect.TypeFor[jsonForm]()
	var got []string
	for i := range typ.NumField() {
		got = append(got, tags.FieldName(typ.Field(i)))
	}
	assert.Equal(t, []string{"name", "id_number", "hidden", "", "", "holder", ""}, got)
}
