package binding_test

import (
	"context"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

// splitReserver refuses every account, reporting the holders it is given.
type splitReserver struct{ confirmed, pending int }

func (r splitReserver) ReserveSlot(_ context.Context, _ certificate.Number, _ string, limit int) (binding.Slot, error) {
	return binding.Slot{Count: r.confirmed + r.pending, Limit: limit, Confirmed: r.confirmed, Pending: r.pending}, nil
}

func limitMessages(t *testing.T, v rules.Violation) map[language.Tag]string {
	t.Helper()
	l, err := rules.NewLocalizer(binding.Messages()...)
	require.NoError(t, err)
	out := map[language.Tag]string{}
	for _, tag := range []language.Tag{language.English, language.SimplifiedChinese, language.TraditionalChinese} {
		out[tag] = l.Message(tag, v)
	}
	return out
}

// TestLimitTellsPendingFromConfirmed: the limit's violation carries how many
// holders are authenticated and how many only applied, and its message
// never calls every holder authenticated.
func TestLimitTellsPendingFromConfirmed(t *testing.T) {
	for _, tc := range []struct {
		name               string
		confirmed, pending int
		en, hans, hant     string
	}{
		{"all pending", 0, 3,
			"This certificate is already used by 3 accounts, authenticated or with an application under review; the most allowed is 3.",
			"该证件已被 3 个账号使用（已认证或申请正在审核中），最多允许 3 个。",
			"該證件已被 3 個帳號使用（已認證或申請正在審核中），最多允許 3 個。"},
		{"mixed", 1, 2,
			"This certificate is already used by 3 accounts, authenticated or with an application under review; the most allowed is 3.",
			"该证件已被 3 个账号使用（已认证或申请正在审核中），最多允许 3 个。",
			"該證件已被 3 個帳號使用（已認證或申請正在審核中），最多允許 3 個。"},
		{"all confirmed", 3, 0,
			"This certificate is already used by 3 accounts, authenticated or with an application under review; the most allowed is 3.",
			"该证件已被 3 个账号使用（已认证或申请正在审核中），最多允许 3 个。",
			"該證件已被 3 個帳號使用（已認證或申請正在審核中），最多允許 3 個。"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rule, err := binding.AccountLimit(splitReserver{tc.confirmed, tc.pending}, binding.AccountLimitOptions{})
			require.NoError(t, err)
			vs, err := rule.Check(context.Background(), binding.AccountClaim{Number: sample, Account: "d"})
			require.NoError(t, err)
			require.Len(t, vs, 1)
			v := vs[0]
			assert.Equal(t, binding.CodeLimitReached, v.Code)
			assert.Equal(t, "3", v.Param("count"))
			assert.Equal(t, "3", v.Param("limit"))
			assert.Equal(t, strconv.Itoa(tc.confirmed), v.Param("confirmed"))
			assert.Equal(t, strconv.Itoa(tc.pending), v.Param("pending"))
			assert.Equal(t, "1101**********002X", v.Param("number"))
			assert.Equal(t, v, binding.LimitViolationOf("number",
				binding.Slot{Count: 3, Limit: 3, Confirmed: tc.confirmed, Pending: tc.pending}, sample))

			msg := limitMessages(t, v)
			assert.Contains(t, msg[language.English], tc.en)
			assert.Contains(t, msg[language.SimplifiedChinese], tc.hans)
			assert.Contains(t, msg[language.TraditionalChinese], tc.hant)
			if tc.confirmed == 0 {
				assert.NotRegexp(t, regexp.MustCompile(`already authenticates|已认证 3|已認證 3`), msg[language.English]+msg[language.SimplifiedChinese]+msg[language.TraditionalChinese],
					"pending applications are not authentications")
			}
		})
	}
}

// TestLimitWithoutSplit: a reserver that reports only how many accounts
// hold a slot — the Binder, whose stores report Count alone — gives "?"
// for both parameters, never a guess, and the message stays true.
func TestLimitWithoutSplit(t *testing.T) {
	rule, err := binding.AccountLimit(newBinder(t, binding.NewMemory()), binding.AccountLimitOptions{Limit: 1})
	require.NoError(t, err)
	_, err = rule.Check(context.Background(), binding.AccountClaim{Number: sample, Account: "a"})
	require.NoError(t, err)
	vs, err := rule.Check(context.Background(), binding.AccountClaim{Number: sample, Account: "b"})
	require.NoError(t, err)
	require.Len(t, vs, 1)
	assert.Equal(t, "1", vs[0].Param("count"))
	assert.Equal(t, "?", vs[0].Param("confirmed"))
	assert.Equal(t, "?", vs[0].Param("pending"))
	assert.Equal(t, vs[0], binding.LimitViolation("number", 1, 1, sample), "LimitViolation does not know the split")
	msg := limitMessages(t, vs[0])[language.English]
	assert.Contains(t, msg, "used by 1 accounts, authenticated or with an application under review")
	assert.NotContains(t, msg, "?")

	for _, s := range []binding.Slot{
		{Count: 3},
		{Count: 3, Confirmed: 1},
		{Count: 3, Confirmed: 4, Pending: -1},
	} {
		assert.False(t, s.Split(), "%+v", s)
		v := binding.LimitViolationOf("number", s, sample)
		assert.Equal(t, "?", v.Param("confirmed"), "%+v", s)
		assert.Equal(t, "?", v.Param("pending"), "%+v", s)
	}
	assert.True(t, (binding.Slot{}).Split(), "no holder: nothing to split")
}
