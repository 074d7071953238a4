package rules_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/rules"
)

// signup is the value the examples judge: a form of the examples' own, so
// the core stands alone. The built-in checks of real-name authentication
// are in package rules/precaution.
type signup struct {
	Name string
	Age  int
}

var (
	adult = rules.Func[int](func(_ context.Context, age int) ([]rules.Violation, error) {
		if age < 18 {
			return []rules.Violation{rules.Violate("acme.minor", rules.Reject, false, "age", fmt.Sprint(age))}, nil
		}
		return nil, nil
	})
	named = rules.Func[string](func(_ context.Context, name string) ([]rules.Violation, error) {
		if name == "" {
			return []rules.Violation{rules.Violate("acme.name_empty", rules.Reject, true)}, nil
		}
		return nil, nil
	})
)

func printViolations(vs []rules.Violation, err error) {
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	if len(vs) == 0 {
		fmt.Println("ok")
	}
	for _, v := range vs {
		fmt.Println(v.Field, v.Code, v.Severity, v.Params)
	}
}

func ExampleViolate() {
	v := rules.Violate("certificate.expired", rules.Reject, true, "expires", "2026-01-31").At("document.validity.expires")
	fmt.Println(v)
	fmt.Println(errors.Is(rules.Result{Violations: []rules.Violation{v}}.Err(), rules.Code("certificate.expired")))
	// Output:
	// document.validity.expires: certificate.expired
	// true
}

func ExampleFunc() {
	printViolations(adult.Check(context.Background(), 16))
	// Output:
	//  acme.minor reject [{age 16}]
}

func ExampleAll() {
	r := rules.All(
		rules.Field("age", func(s signup) int { return s.Age }, adult),
		rules.Field("name", func(s signup) string { return s.Name }, named),
	)
	printViolations(r.Check(context.Background(), signup{Age: 12}))
	// Output:
	// age acme.minor reject [{age 12}]
	// name acme.name_empty reject []
}

func ExampleFailFast() {
	r := rules.FailFast(
		rules.Field("name", func(s signup) string { return s.Name }, named),
		rules.Field("age", func(s signup) int { return s.Age }, adult), // not run: the name is already refused
	)
	printViolations(r.Check(context.Background(), signup{Age: 12}))
	// Output:
	// name acme.name_empty reject []
}

func ExampleAnyOf() {
	vip := rules.Func[signup](func(_ context.Context, s signup) ([]rules.Violation, error) {
		if s.Name != "VIP" {
			return []rules.Violation{rules.Violate("acme.not_vip", rules.Reject, false)}, nil
		}
		return nil, nil
	})
	r := rules.AnyOf(rules.Field("age", func(s signup) int { return s.Age }, adult), vip)
	printViolations(r.Check(context.Background(), signup{Name: "Ann", Age: 12}))
	printViolations(r.Check(context.Background(), signup{Name: "VIP", Age: 12}))
	// Output:
	// age acme.minor reject [{age 12}]
	//  acme.not_vip reject []
	// ok
}

func ExampleWhen() {
	guardian := rules.Func[int](func(context.Context, int) ([]rules.Violation, error) {
		return []rules.Violation{rules.Violate("acme.guardian_needed", rules.Review, false)}, nil
	})
	r := rules.When(func(age int) bool { return age < 18 }, guardian)
	printViolations(r.Check(context.Background(), 12))
	printViolations(r.Check(context.Background(), 30))
	// Output:
	//  acme.guardian_needed review []
	// ok
}

func ExampleWhenRule_Else() {
	minor := rules.Func[int](func(context.Context, int) ([]rules.Violation, error) {
		return []rules.Violation{rules.Violate("acme.guardian_needed", rules.Review, false)}, nil
	})
	senior := rules.Func[int](func(context.Context, int) ([]rules.Violation, error) {
		return []rules.Violation{rules.Violate("acme.senior_discount", rules.Review, false)}, nil
	})
	r := rules.When(func(age int) bool { return age < 18 }, minor).Else(rules.When(func(age int) bool { return age >= 65 }, senior))
	printViolations(r.Check(context.Background(), 12))
	printViolations(r.Check(context.Background(), 70))
	printViolations(r.Check(context.Background(), 30))
	// Output:
	//  acme.guardian_needed review []
	//  acme.senior_discount review []
	// ok
}

func ExampleField() {
	r := rules.Field("applicant.age", func(s signup) int { return s.Age }, adult)
	printViolations(r.Check(context.Background(), signup{Age: 17}))
	// Output:
	// applicant.age acme.minor reject [{age 17}]
}

func ExampleCheckConfig() {
	// A nil rule or a Field without a getter is a configuration error when
	// the policy is built, never a rule that silently passes.
	var forgotten rules.Rule[int]
	fmt.Println(rules.CheckConfig(rules.All(adult, forgotten)))
	fmt.Println(rules.CheckConfig(rules.Field[signup, int]("age", nil, adult)))
	fmt.Println(rules.CheckConfig(rules.All(adult)))
	// Output:
	// rules: all: rule 2 of 2 is nil
	// rules: field age: no getter
	// <nil>
}

func ExampleEvaluate() {
	res, err := rules.Evaluate(context.Background(), adult, 16)
	fmt.Println(res.Verdict(), err)
	fmt.Println(errors.Is(res.Err(), rules.Code("acme.minor")))
	// Output:
	// reject <nil>
	// true
}

func ExampleResult_Err() {
	res, _ := rules.Evaluate(context.Background(), adult, 16)
	err := res.Err()
	var ve *rules.ViolationError
	fmt.Println(res.Verdict(), errors.As(err, &ve), errors.Is(err, rules.Code("acme.minor")))
	// Output: reject true true
}

func ExampleViolation_Under() {
	v := rules.Violate("name.empty", rules.Reject, true)
	fmt.Println(v.Under("claim.name"))
	fmt.Println(v.At("given").Under("claim.name"))
	// Output:
	// claim.name: name.empty
	// claim.name.given: name.empty
}

func ExampleVerdict_UnmarshalText() {
	b, _ := json.Marshal(rules.Result{Violations: []rules.Violation{rules.Violate("acme.minor", rules.Review, false)}})
	fmt.Println(string(b))
	var back rules.Result
	fmt.Println(json.Unmarshal(b, &back), back.Verdict())
	// Output:
	// {"violations":[{"code":"acme.minor","severity":"review","retryable":false}]}
	// <nil> review
}

func ExampleNewLocalizer() {
	l, err := rules.NewLocalizer(
		rules.Translated("acme.vip_only", rules.Reject,
			"Only {tier} members may apply from {account_region}.",
			"{account_region}仅限{tier}会员申请。",
			"{account_region}僅限{tier}會員申請。").
			With(language.Japanese, "{account_region}からは{tier}会員のみ申し込めます。"),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	v := rules.Violate("acme.vip_only", rules.Reject, false, "tier", "gold", "account_region", "MO")
	fmt.Println(l.Message(language.English, v))
	fmt.Println(l.Message(language.TraditionalChinese, v))
	fmt.Println(l.Message(l.Match("ja-JP,en;q=0.5"), v))
	fmt.Println(l.Languages())
	// Output:
	// Only gold members may apply from Macau SAR China.
	// 中國澳門特別行政區僅限gold會員申請。
	// 中華人民共和国マカオ特別行政区からはgold会員のみ申し込めます。
	// [en ja zh-Hans zh-Hant]
}

func ExampleLocalizer_Match() {
	l, _ := rules.NewLocalizer(rules.Translated("acme.x", rules.Reject, "X.", "X。", "X。"))
	fmt.Println(l.Match("zh-TW,zh;q=0.9,en;q=0.8"))
	fmt.Println(l.Match("zh-CN"))
	fmt.Println(l.Match("zh-HK"))
	fmt.Println(l.Match("fr-FR"))
	// Output:
	// zh-Hant
	// zh-Hans
	// zh-Hant
	// en
}
