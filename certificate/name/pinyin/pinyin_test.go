package pinyin

import (
	"strings"
	"testing"
)

func TestMatchMRZ(t *testing.T) {
	tests := []struct {
		typed, primary, secondary string
		truncated                 bool
		want                      Result
		via                       Via
	}{
		{"张三", "ZHANG", "SAN", false, Matches, ViaPinyin},
		{"張三", "ZHANG", "SAN", false, Matches, ViaPinyin},
		{"张三丰", "ZHANG", "SANFENG", false, Matches, ViaPinyin},
		{"张三丰", "ZHANG", "SAN<FENG", false, Matches, ViaPinyin},
		{"李四", "ZHANG", "SAN", false, NoMatch, 0},
		{"张四", "ZHANG", "SAN", false, NoMatch, 0},
		{"陈大文", "CHEN", "DAWEN", false, Matches, ViaPinyin},
		{"陳大文", "CHEN", "DAWEN", false, Matches, ViaPinyin},
		// Surname readings.
		{"单雄信", "SHAN", "XIONGXIN", false, Matches, ViaPinyin},
		{"单雄信", "DAN", "XIONGXIN", false, Review, ViaHeteronym},
		{"曾国藩", "ZENG", "GUOFAN", false, Matches, ViaPinyin},
		{"仇英", "QIU", "YING", false, Matches, ViaPinyin},
		{"仇英", "CHOU", "YING", false, Review, ViaHeteronym},
		{"解缙", "XIE", "JIN", false, Matches, ViaPinyin},
		{"区寄", "OU", "JI", false, Matches, ViaPinyin},
		{"查良镛", "ZHA", "LIANGYONG", false, Matches, ViaPinyin},
		{"朴槿惠", "PIAO", "JINHUI", false, Matches, ViaPinyin},
		{"尉迟恭", "YUCHI", "GONG", false, Matches, ViaPinyin},
		{"尉遲恭", "YUCHI", "GONG", false, Matches, ViaPinyin},
		{"万俟卨", "MOQI", "XIE", false, Matches, ViaPinyin},
		{"长孙无忌", "ZHANGSUN", "WUJI", false, Matches, ViaPinyin},
		// Compound surnames.
		{"欧阳修", "OUYANG", "XIU", false, Matches, ViaPinyin},
		{"歐陽修", "OUYANG", "XIU", false, Matches, ViaPinyin},
		{"司马光", "SIMA", "GUANG", false, Matches, ViaPinyin},
		{"诸葛亮", "ZHUGE", "LIANG", false, Matches, ViaPinyin},
		{"欧阳修", "OU", "YANGXIU", false, Review, ViaSplit},
		// ü.
		{"吕小军", "LYU", "XIAOJUN", false, Matches, ViaPinyin},
		{"吕小军", "LU", "XIAOJUN", false, Matches, ViaPinyin},
		{"吕小军", "LV", "XIAOJUN", false, Matches, ViaPinyin},
		{"吕小军", "LUE", "XIAOJUN", false, Matches, ViaPinyin},
		{"吕小军", "LUI", "SIU<KWAN", false, Review, ViaGivenUnchecked},
		{"李女", "LI", "NYU", false, Matches, ViaPinyin},
		// Cantonese and Wade–Giles.
		{"陈大文", "CHAN", "TAI<MAN", false, Review, ViaGivenUnchecked},
		{"陈大文", "CHAN", "TAIMAN", false, NoMatch, 0},
		{"陈大文", "CHAN", "TAI", false, NoMatch, 0},
		{"陈大文", "CHAN", "DA<WEN", false, Review, ViaRomanization},
		{"黄小明", "WONG", "SIU<MING", false, Review, ViaGivenUnchecked},
		{"张家豪", "CHANG", "CHIA<HAO", false, Review, ViaWadeGiles},
		{"许志明", "HSU", "CHIH<MING", false, Review, ViaWadeGiles},
		{"蔡英文", "TSAI", "YING<WEN", false, Review, ViaWadeGiles},
		{"谢秀英", "HSIEH", "HSIU<YING", false, Review, ViaWadeGiles},
		{"李四", "LEE", "SZE", false, Review, ViaGivenUnchecked},
		{"李四", "HO", "SZE", false, NoMatch, 0},
		// Truncation.
		{"张三丰", "ZHANG", "SANF", true, Matches, ViaPinyin},
		{"张三丰", "ZHANG", "SANF", false, NoMatch, 0},
		// Everything in the primary identifier.
		{"张三", "ZHANGSAN", "", false, Review, ViaSplit},
		// Not Chinese.
		{"Zhang San", "ZHANG", "SAN", false, NoMatch, 0},
		{"张三", "", "", false, NoMatch, 0},
		// Chinese on both sides.
		{"陈三", "陳", "三", false, Review, ViaSameSound},
		{"张三", "张", "三", false, NoMatch, 0}, // certificate/name decides
		{"李四", "张", "三", false, NoMatch, 0},
	}
	for _, tc := range tests {
		got := MatchMRZ(tc.typed, tc.primary, tc.secondary, tc.truncated)
		if got.Result != tc.want || (tc.want != NoMatch && got.Via != tc.via) {
			t.Errorf("MatchMRZ(%q, %q, %q, %v) = %v/%v, want %v/%v", tc.typed, tc.primary, tc.secondary, tc.truncated, got.Result, got.Via, tc.want, tc.via)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		typed, doc string
		want       Result
		via        Via
	}{
		{"张三", "ZHANG SAN", Matches, ViaPinyin},
		{"张三", "San Zhang", Matches, ViaPinyin},
		{"张三", "Zhang San", Matches, ViaPinyin},
		{"李四", "ZHANG SAN", NoMatch, 0},
		{"陈大文", "CHAN Tai Man", Review, ViaGivenUnchecked},
		{"陈大文", "Tai Man CHAN", Review, ViaGivenUnchecked},
		{"陈", "陳", Review, ViaSameSound},
		{"陈大文", "陳大文", Review, ViaSameSound},
		{"李四", "张三", NoMatch, 0},
		{"李四", "李四五", NoMatch, 0},
		{"吕女", "Lü Nü", Matches, ViaPinyin},
	}
	for _, tc := range tests {
		got := Match(tc.typed, tc.doc)
		if got.Result != tc.want || (tc.want != NoMatch && got.Via != tc.via) {
			t.Errorf("Match(%q, %q) = %v/%v, want %v/%v", tc.typed, tc.doc, got.Result, got.Via, tc.want, tc.via)
		}
	}
}

// TestTraditional checks that the dictionary reads simplified and
// traditional forms alike.
func TestTraditional(t *testing.T) {
	for _, pair := range [][2]string{{"陈", "陳"}, {"张", "張"}, {"刘", "劉"}, {"黄", "黃"}, {"吴", "吳"}, {"郑", "鄭"}, {"杨", "楊"}, {"赵", "趙"}, {"欧阳", "歐陽"}} {
		s1, _, ok1 := Romanize(pair[0] + "一")
		s2, _, ok2 := Romanize(pair[1] + "一")
		if !ok1 || !ok2 || s1 != s2 {
			t.Errorf("%s reads %q, %s reads %q", pair[0], s1, pair[1], s2)
		}
	}
}

func TestRomanize(t *testing.T) {
	for typed, want := range map[string]string{
		"张三丰": "ZHANG SANFENG", "吕小军": "LYU XIAOJUN", "单雄信": "SHAN XIONGXIN",
		"欧阳修": "OUYANG XIU", "尉迟恭": "YUCHI GONG", "曾国藩": "ZENG GUOFAN", "李女": "LI NYU",
	} {
		s, g, ok := Romanize(typed)
		if got := s + " " + g; !ok || got != want {
			t.Errorf("Romanize(%q) = %q, %v; want %q", typed, got, ok, want)
		}
	}
	if _, _, ok := Romanize("Zhang"); ok {
		t.Error("a Latin name has no pinyin")
	}
}

func TestWadeGiles(t *testing.T) {
	for py, wg := range map[string]string{
		"ZHANG": "CHANG", "XU": "HSU", "CAI": "TSAI", "ZHI": "CHIH", "JIA": "CHIA", "XIU": "HSIU",
		"XIE": "HSIEH", "GUO": "KUO", "LUO": "LO", "ZHOU": "CHOU", "RONG": "JUNG", "QIANG": "CHIANG",
		"ZI": "TZU", "SI": "SSU", "YAN": "YEN", "GUI": "KUEI", "XUE": "HSUEH", "LV": "LU", "BIAN": "PIEN",
		"HONG": "HUNG", "YONG": "YUNG", "ER": "ERH", "HE": "HO", "DE": "TE", "WANG": "WANG", "YING": "YING",
	} {
		if got := wadeGiles(py); got != wg {
			t.Errorf("wadeGiles(%s) = %s, want %s", py, got, wg)
		}
	}
}

// TestLimits: long and hostile input is NoMatch, never a panic.
func TestLimits(t *testing.T) {
	long := strings.Repeat("张", 17)
	if got := MatchMRZ(long, "ZHANG", strings.Repeat("ZHANG", 16), false); got.Result != NoMatch {
		t.Errorf("17 characters: %v", got)
	}
	if got := Match("张三", strings.Repeat("A", 300)); got.Result != NoMatch {
		t.Errorf("300 letters: %v", got)
	}
	if got := MatchMRZ("张\xff三", "ZHANG", "SAN", false); got.Result != NoMatch {
		t.Errorf("invalid UTF-8: %v", got)
	}
	if got := MatchMRZ("张三", strings.Repeat("ZHANG", 20), "SAN", false); got.Result != NoMatch {
		t.Errorf("100 letters: %v", got)
	}
}

func FuzzMatchMRZ(f *testing.F) {
	f.Add("张三", "ZHANG", "SAN", false)
	f.Add("欧阳修", "OU", "YANG<XIU", true)
	f.Add("吕·女", "LYU", "", true)
	f.Fuzz(func(t *testing.T, typed, p, s string, trunc bool) {
		o := MatchMRZ(typed, p, s, trunc)
		if o.Result > Review {
			t.Fatalf("result %d", o.Result)
		}
		Match(typed, p+" "+s)
	})
}

func BenchmarkMatchMRZ(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		MatchMRZ("欧阳小明", "OUYANG", "XIAOMING", false)
	}
}

func BenchmarkMatchMRZCantonese(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		MatchMRZ("陈大文", "CHAN", "TAI<MAN", false)
	}
}
