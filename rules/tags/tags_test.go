package tags_test

import (
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/schemes"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/tags"
)

type idForm struct {
	Name   string `validate:"required,person_name"`
	Number string `validate:"required,cn_resident_id"`
}

type anyForm struct {
	Kind    string `validate:"required,certificate_kind"`
	Region  string
	Number  string `validate:"required,certificate_number"`
	Fixed   string `validate:"omitempty,certificate_number=id_card CN"`
	TypedK  certificate.Kind
	ByField string `validate:"omitempty,certificate_number=TypedK Region"`
	Age     int    `validate:"max=150"`
}

func newValidate(t *testing.T) *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	require.NoError(t, tags.RegisterValidations(v, schemes.Default()))
	return v
}

func TestValidatorTags(t *testing.T) {
	v := newValidate(t)
	tests := []struct {
		reason string
		form   any
		want   map[string]string // field → code
	}{
		{"a valid PRC form", idForm{Name: "张三", Number: "11010519491231002x"}, nil},
		{"the legacy 15-digit number is valid", idForm{Name: "张三", Number: "110105491231002"}, nil},
		{"a wrong check character", idForm{Name: "张三", Number: "360426199101010072"},
			map[string]string{"Number": "number.invalid_checksum"}},
		{"an impossible birth date (python-stdnum's test: 1991-13-01)", idForm{Name: "张三", Number: "360426199113010079"},
			map[string]string{"Number": "number.invalid_birth_date"}},
		{"missing fields", idForm{}, map[string]string{"Name": "field.required", "Number": "field.required"}},
		{"a name with a zero-width space", idForm{Name: "张\u200b三", Number: "360426199101010071"},
			map[string]string{"Name": "name.invisible_character"}},
		{"a look-alike name only asks for review, so the tag passes", idForm{Name: "Аnna", Number: "360426199101010071"}, nil},
		{"a valid generic form", anyForm{Kind: "id_card", Region: "CN", Number: "360426199101010071", Fixed: "11010519491231002X"}, nil},
		{"an unknown kind", anyForm{Kind: "visa", Number: "x"},
			map[string]string{"Kind": "claim.kind_invalid", "Number": "claim.number_invalid"}},
		{"a literal kind and region give the precise reason", anyForm{Kind: "id_card", Region: "CN", Number: "360426199101010071", Fixed: "1101"},
			map[string]string{"Fixed": "number.invalid_length"}},
		{"kind and region from other fields, the Kind type included",
			anyForm{Kind: "id_card", Region: "cn", Number: "360426199101010071", TypedK: certificate.IDCard, ByField: "360426199101010072"},
			map[string]string{"ByField": "claim.number_invalid"}},
		{"a built-in tag gets a code of its own", anyForm{Kind: "id_card", Region: "CN", Number: "360426199101010071", Age: 200},
			map[string]string{"Age": "field.too_large"}},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			err := v.Struct(tt.form)
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			got := map[string]string{}
			for _, vi := range tags.FromValidationErrors(err, schemes.Default()) {
				got[vi.Field] = string(vi.Code)
				if n := vi.Param("number"); n != "" {
					assert.Contains(t, n, "*", "masked")
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestRegisterValidationsNeedsCN(t *testing.T) {
	err := tags.RegisterValidations(validator.New(), certificate.Registry{})
	var ce *rules.ConfigError
	assert.ErrorAs(t, err, &ce)
	assert.ErrorAs(t, tags.RegisterValidations(nil, schemes.Default()), &ce)
	assert.Nil(t, tags.FromValidationErrors(assert.AnError, schemes.Default()), "not a validation error")
}
