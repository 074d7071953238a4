package pinyin_test

import (
	"fmt"

	"github.com/realname-go/realname/certificate/name/pinyin"
)

func ExampleMatchMRZ() {
	// A PRC passport: P<CHNZHANG<<SANFENG<<<…
	fmt.Println(pinyin.MatchMRZ("张三丰", "ZHANG", "SANFENG", false).Result)
	// 李四 typed with 张三's passport.
	fmt.Println(pinyin.MatchMRZ("李四", "ZHANG", "SAN", false).Result)
	// A Hong Kong passport romanizes in Cantonese: a person confirms.
	o := pinyin.MatchMRZ("陈大文", "CHAN", "TAI<MAN", false)
	fmt.Println(o.Result, o.Via)
	// Output:
	// match
	// no_match
	// review given_names_unchecked
}

func ExampleRomanize() {
	s, g, _ := pinyin.Romanize("吕小军")
	fmt.Println(s, g)
	s, g, _ = pinyin.Romanize("单雄信")
	fmt.Println(s, g)
	// Output:
	// LYU XIAOJUN
	// SHAN XIONGXIN
}
