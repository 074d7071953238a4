package precaution_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

func TestCertificateValid(t *testing.T) {
	at := func(y int, m time.Month, d, h int) func() time.Time {
		return func() time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }
	}
	doc := func(v certificate.Validity, edit ...func(*precaution.Application)) precaution.Application {
		a := validApplication()
		a.Document.Validity = v
		for _, e := range edit {
			e(&a)
		}
		return a
	}
	// A 20-year card issued 2016-03-01 to someone born 1980-05-20 (aged 35:
	// 26–45 gives 20 years, Resident Identity Card Law art. 5).
	card20 := func(a *precaution.Application) {
		a.Claim.Number, a.Document.Number, a.Document.Birth = "", "", date(1980, 5, 20)
	}
	twenty := certificate.Validity{Issued: date(2016, 3, 1), Expires: date(2036, 3, 1)}
	tests := []struct {
		reason string
		clock  certificate.Clock
		opts   precaution.ValidityOptions
		app    precaution.Application
		want   []string
		param  [2]string
	}{
		{"a long-term card never expires", certificate.Clock{Now: testNow}, precaution.ValidityOptions{}, validApplication(), nil, [2]string{}},
		{"a 20-year card in its period", certificate.Clock{Now: testNow}, precaution.ValidityOptions{}, doc(twenty, card20), nil, [2]string{}},
		{"the expiry date itself is still valid",
			certificate.Clock{Now: at(2036, 3, 1, 3)}, precaution.ValidityOptions{}, doc(twenty, card20), nil, [2]string{}},
		{"the day after the expiry date is expired",
			certificate.Clock{Now: at(2036, 3, 2, 3)}, precaution.ValidityOptions{}, doc(twenty, card20), []string{"certificate.expired"}, [2]string{"expires", "2036-03-01"}},
		{"16:30 UTC on the expiry date is already the next day in Beijing",
			certificate.Clock{Now: at(2036, 3, 1, 17)}, precaution.ValidityOptions{}, doc(twenty, card20), []string{"certificate.expired"}, [2]string{}},
		{"the same instant is still the expiry date in UTC when configured",
			certificate.Clock{Now: at(2036, 3, 1, 17), Location: time.UTC}, precaution.ValidityOptions{}, doc(twenty, card20), nil, [2]string{}},
		{"before the issue date is not yet valid",
			certificate.Clock{Now: at(2016, 2, 29, 3)}, precaution.ValidityOptions{}, doc(twenty, card20), []string{"certificate.not_yet_valid"}, [2]string{"issued", "2016-03-01"}},
		{"the issue date is valid in Beijing while it is still the day before in UTC",
			certificate.Clock{Now: at(2016, 2, 29, 17)}, precaution.ValidityOptions{}, doc(twenty, card20), nil, [2]string{}},
		{"no expiry and not long-term",
			certificate.Clock{Now: testNow}, precaution.ValidityOptions{}, doc(certificate.Validity{Issued: date(2016, 3, 1)}), []string{"certificate.validity_missing"}, [2]string{}},
		{"expiry before the issue date",
			certificate.Clock{Now: testNow}, precaution.ValidityOptions{}, doc(certificate.Validity{Issued: date(2016, 3, 1), Expires: date(2015, 3, 1)}), []string{"certificate.validity_invalid"}, [2]string{}},
		{"an impossible date",
			certificate.Clock{Now: testNow}, precaution.ValidityOptions{}, doc(certificate.Validity{Issued: date(2016, 2, 30), Expires: date(2036, 2, 28)}), []string{"certificate.validity_invalid"}, [2]string{}},
		{"a 10-year card for a holder aged 35 does not fit the law",
			certificate.Clock{Now: testNow}, precaution.ValidityOptions{}, doc(certificate.Validity{Issued: date(2016, 3, 1), Expires: date(2026, 12, 1)}, card20),
			[]string{"certificate.validity_period_mismatch"}, [2]string{"allowed", "20y"}},
		{"a 20-year card for someone born 1949 (aged 60+) should be long-term",
			certificate.Clock{Now: testNow}, precaution.ValidityOptions{}, doc(certificate.Validity{Issued: date(2010, 5, 1), Expires: date(2030, 5, 1)}),
			[]string{"certificate.validity_period_mismatch"}, [2]string{"actual", "20y"}},
		{"the period check can be skipped",
			certificate.Clock{Now: testNow}, precaution.ValidityOptions{SkipPeriodCheck: true}, doc(certificate.Validity{Issued: date(2010, 5, 1), Expires: date(2030, 5, 1)}), nil, [2]string{}},
		{"a passport without issue date: only expiry counts",
			certificate.Clock{Now: testNow}, precaution.ValidityOptions{}, passportApplication("SWE", "SE"), nil, [2]string{}},
		{"minimum remaining validity met",
			certificate.Clock{Now: testNow}, precaution.ValidityOptions{MinRemainingDays: 30}, doc(twenty, card20), nil, [2]string{}},
		{"minimum remaining validity not met: 2036-03-01 is 20 days after 2036-02-10",
			certificate.Clock{Now: at(2036, 2, 10, 3)}, precaution.ValidityOptions{MinRemainingDays: 30}, doc(twenty, card20), []string{"certificate.expires_soon"}, [2]string{"days", "20"}},
		{"long-term cards always have enough validity",
			certificate.Clock{Now: testNow}, precaution.ValidityOptions{MinRemainingDays: 3650}, validApplication(), nil, [2]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			r := must[rules.Rule[precaution.Application]](t)(precaution.CertificateValid(tt.clock, tt.opts))
			vs := check(t, r, tt.app)
			if tt.want == nil {
				tt.want = []string{}
			}
			require.Equal(t, tt.want, codes(vs))
			if tt.param[0] != "" {
				assert.Equal(t, tt.param[1], vs[0].Param(tt.param[0]))
			}
		})
	}
}

func TestCertificateValidConfig(t *testing.T) {
	_, err := precaution.CertificateValid(certificate.Clock{}, precaution.ValidityOptions{MinRemainingDays: -1})
	var ce *rules.ConfigError
	assert.ErrorAs(t, err, &ce)
}
