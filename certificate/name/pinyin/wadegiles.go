package pinyin

import "strings"

// wadeGiles returns the Wade–Giles spelling of a toneless pinyin syllable
// in upper case, ü written V, as a machine-readable zone holds it: without
// the apostrophe of aspiration (so ZH, CH, J and Q all become CH, B and P
// become P) and without the diaeresis (HSÜ becomes HSU). Taiwan passports
// write names this way (CHANG, HSU, TSAI, CHIH-MING). The rules are those
// of the Wade–Giles system as set out in the conversion tables of
// en.wikipedia.org/wiki/Wade–Giles. It returns "" for a syllable it does
// not know.
func wadeGiles(s string) string {
	switch s {
	case "ZI":
		return "TZU"
	case "CI":
		return "TZU"
	case "SI":
		return "SSU"
	case "ZHI", "CHI":
		return "CHIH"
	case "SHI":
		return "SHIH"
	case "RI":
		return "JIH"
	case "ER":
		return "ERH"
	case "E":
		return "O"
	case "YI":
		return "I"
	case "YE":
		return "YEH"
	case "YAN":
		return "YEN"
	case "YOU":
		return "YU"
	case "YONG":
		return "YUNG"
	case "YUE":
		return "YUEH"
	case "GE", "KE":
		return "KO"
	case "HE":
		return "HO"
	}
	if s == "" || strings.HasPrefix(s, "Y") || strings.HasPrefix(s, "W") {
		return s // YAO, YIN, YUAN, WANG, WU, …: the same letters
	}
	ini, fin := splitInitial(s)
	if fin == "" {
		return ""
	}
	umlaut := ini == "J" || ini == "Q" || ini == "X"
	var b strings.Builder
	switch ini {
	case "B", "P":
		b.WriteString("P")
	case "D", "T":
		b.WriteString("T")
	case "G", "K":
		b.WriteString("K")
	case "ZH", "CH", "J", "Q":
		b.WriteString("CH")
	case "Z", "C":
		b.WriteString("TS")
	case "X":
		b.WriteString("HS")
	case "R":
		b.WriteString("J")
	default:
		b.WriteString(ini)
	}
	switch {
	case fin == "ONG":
		fin = "UNG"
	case fin == "IONG":
		fin = "IUNG"
	case fin == "IAN":
		fin = "IEN"
	case fin == "IE":
		fin = "IEH"
	case fin == "UE" || fin == "VE":
		fin = "UEH"
	case fin == "V":
		fin = "U"
	case fin == "UO" && ini != "G" && ini != "K" && ini != "H" && ini != "SH":
		fin = "O"
	case fin == "UI" && (ini == "G" || ini == "K"):
		fin = "UEI"
	case umlaut && fin == "U":
		fin = "U"
	}
	b.WriteString(fin)
	return b.String()
}

// initials are the pinyin initials, two-letter ones first.
var initials = [...]string{"ZH", "CH", "SH", "B", "P", "M", "F", "D", "T", "N", "L", "G", "K", "H", "J", "Q", "X", "R", "Z", "C", "S"}

// splitInitial splits a pinyin syllable into its initial and final.
func splitInitial(s string) (string, string) {
	for _, i := range initials {
		if strings.HasPrefix(s, i) {
			return i, s[len(i):]
		}
	}
	return "", s
}
