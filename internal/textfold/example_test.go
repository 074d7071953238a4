package textfold_test

import (
	"fmt"

	"github.com/realname-go/realname/internal/textfold"
)

func ExampleCompact() {
	fmt.Println(textfold.Compact(" １１０１０５ 19491231 002ｘ ", " -"))
	fmt.Println(textfold.Compact("A123456(7)", "()"))
	// Output:
	// 11010519491231002X
	// A1234567
}
