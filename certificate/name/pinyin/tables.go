package pinyin

// surnameReadings are the readings of characters and compound surnames that
// read differently as surnames, simplified and traditional forms both. The
// first reading is the standard one; the others are also usual for the
// surname (翟 ZHAI and DI). Source: the surname senses of the entries of
// Xiandai Hanyu Cidian (现代汉语词典, 7th ed., 2016), as lists of "surnames
// commonly misread" repeat them (e.g. m.jjdzc.com/mingzi/65.html;
// www.dzwwh.com/59344.html): 单 shàn, 曾 zēng, 仇 qiú, 解 xiè, 区 ōu, 查 zhā,
// 朴 piáo, 召 shào, 繁 pó, 员 yùn, 能 nài, 都 dū, 缪 miào, 秘 bì, 洗 xiǎn,
// 种 chóng, 盖 gě, 乐 yuè, 尉迟 yùchí, 万俟 mòqí, 单于 chányú, 澹台 tántái,
// 长孙 zhǎngsūn.
var surnameReadings = map[string][]string{
	"单": {"SHAN"}, "單": {"SHAN"},
	"曾": {"ZENG"},
	"仇": {"QIU"},
	"解": {"XIE"},
	"区": {"OU"}, "區": {"OU"},
	"查": {"ZHA"},
	"朴": {"PIAO"}, "樸": {"PIAO"},
	"召": {"SHAO"},
	"繁": {"PO"},
	"员": {"YUN"}, "員": {"YUN"},
	"能": {"NAI"},
	"都": {"DU"},
	"缪": {"MIAO"}, "繆": {"MIAO"},
	"秘": {"BI"},
	"洗": {"XIAN"},
	"种": {"CHONG"}, "種": {"CHONG"},
	"盖": {"GE", "GAI"}, "蓋": {"GE", "GAI"},
	"乐": {"YUE", "LE"}, "樂": {"YUE", "LE"},
	"翟": {"ZHAI", "DI"},
	"覃": {"QIN", "TAN"},
	"任": {"REN"},
	"华": {"HUA"}, "華": {"HUA"},
	"沈": {"SHEN"},
	"柏": {"BAI"},
	"石": {"SHI"},
	"贾": {"JIA"}, "賈": {"JIA"},
	"宿": {"SU"},
	"重": {"CHONG"},
	"阚": {"KAN"}, "闞": {"KAN"},
	"乜":  {"NIE"},
	"尉迟": {"YUCHI"}, "尉遲": {"YUCHI"},
	"万俟": {"MOQI"}, "萬俟": {"MOQI"},
	"单于": {"CHANYU"}, "單于": {"CHANYU"},
	"澹台": {"TANTAI"}, "澹臺": {"TANTAI"},
	"长孙": {"ZHANGSUN"}, "長孫": {"ZHANGSUN"},
	"令狐": {"LINGHU"},
}

// compounds are two-character compound surnames, simplified and traditional.
var compounds = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range []string{
		"欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫",
		"尉迟", "尉遲", "万俟", "萬俟", "长孙", "長孫", "慕容", "令狐", "夏侯", "公孙", "公孫",
		"轩辕", "軒轅", "宇文", "司徒", "端木", "西门", "西門", "南宫", "南宮", "独孤", "獨孤",
		"澹台", "澹臺", "公冶", "宗政", "濮阳", "濮陽", "淳于", "单于", "單于", "太叔", "申屠",
		"闻人", "聞人", "赫连", "赫連", "呼延", "钟离", "鍾離", "拓跋", "百里", "东郭", "東郭",
		"左丘", "第五", "司空", "鲜于", "鮮于", "闾丘", "閭丘", "公羊", "梁丘", "羊舌", "微生",
		"仲孙", "仲孫", "叔孙", "叔孫", "乐正", "樂正", "公良", "漆雕", "巫马", "巫馬", "公西",
		"颛孙", "顓孫", "亓官", "司寇", "段干", "东门", "東門", "南门", "南門", "宰父",
	} {
		m[s] = true
	}
	return m
}()

// romanizations are common spellings of surnames other than Hanyu Pinyin:
// Hong Kong's Cantonese romanization (HKSAR passports and identity cards:
// CHAN, WONG, CHEUNG), Macao's, Wade–Giles as Taiwan passports write it
// without apostrophes (CHANG, HSU, TSAI), and the Hokkien and Teochew
// spellings of Southeast Asia (TAN, LIM, ONG). Source: the romanization
// columns of en.wikipedia.org/wiki/List_of_common_Chinese_surnames. A
// match through one of them is a review: they are not readings of the
// character in the dictionary.
var romanizations = map[string][]string{
	"陈": {"CHAN", "TAN", "CHUN"}, "陳": {"CHAN", "TAN", "CHUN"},
	"黄": {"WONG", "HWANG", "NG", "OOI", "WEE", "UY"}, "黃": {"WONG", "HWANG", "NG", "OOI", "WEE", "UY"},
	"张": {"CHEUNG", "CHANG", "CHEONG", "TEO", "TEOH", "CHONG"}, "張": {"CHEUNG", "CHANG", "CHEONG", "TEO", "TEOH", "CHONG"},
	"李": {"LEE", "LEI", "LY", "RHEE"},
	"何": {"HO", "HOR"},
	"吴": {"NG", "GOH", "GO", "WOO", "NGO"}, "吳": {"NG", "GOH", "GO", "WOO", "NGO"},
	"蔡": {"TSAI", "CHOI", "CHUA", "TSOI", "CHOY", "CHAI"},
	"许": {"HSU", "HUI", "KOH", "KHOO", "HOI"}, "許": {"HSU", "HUI", "KOH", "KHOO", "HOI"},
	"王": {"WONG", "ONG", "VUONG", "HEONG"},
	"刘": {"LAU", "LOW", "LAO", "LEW"}, "劉": {"LAU", "LOW", "LAO", "LEW"},
	"林": {"LAM", "LIM", "LUM"},
	"梁": {"LEUNG", "LEONG", "NEO", "LIONG"},
	"郑": {"CHENG", "TAY", "TEH", "CHANG", "CHEANG"}, "鄭": {"CHENG", "TAY", "TEH", "CHANG", "CHEANG"},
	"谢": {"TSE", "HSIEH", "CHIA", "SEAH", "CHE"}, "謝": {"TSE", "HSIEH", "CHIA", "SEAH", "CHE"},
	"叶": {"YIP", "YEH", "YAP", "IP"}, "葉": {"YIP", "YEH", "YAP", "IP"},
	"邓": {"TANG", "TENG", "DANG"}, "鄧": {"TANG", "TENG", "DANG"},
	"周": {"CHOW", "CHOU", "CHEW", "CHAU"},
	"郭": {"KWOK", "KUO", "KOK", "QUEK", "KUOK"},
	"罗": {"LO", "LAW", "LOH"}, "羅": {"LO", "LAW", "LOH"},
	"马": {"MAH", "BE"}, "馬": {"MAH", "BE"},
	"麦": {"MAK", "MACK"}, "麥": {"MAK", "MACK"},
	"杨": {"YEUNG", "YEO", "IEONG", "YONG"}, "楊": {"YEUNG", "YEO", "IEONG", "YONG"},
	"曾": {"TSANG", "TSENG", "CHAN"},
	"冯": {"FUNG", "FONG"}, "馮": {"FUNG", "FONG"},
	"赵": {"CHIU", "CHAO", "CHEW"}, "趙": {"CHIU", "CHAO", "CHEW"},
	"胡": {"WU", "OU", "OW", "FU"},
	"吕": {"LUI", "LOI"}, "呂": {"LUI", "LOI"},
	"区": {"AU", "AO"}, "區": {"AU", "AO"},
	"余": {"YUE", "U", "SEE"},
	"徐": {"TSUI", "HSU", "CHUI", "CHEE"},
	"苏": {"SO", "SOH", "SOO"}, "蘇": {"SO", "SOH", "SOO"},
	"孙": {"SUEN", "SOON"}, "孫": {"SUEN", "SOON"},
	"高": {"KO", "KAO", "KOH"},
	"朱": {"CHU", "CHOO"},
	"钟": {"CHUNG", "CHONG"}, "鍾": {"CHUNG", "CHONG"}, "鐘": {"CHUNG", "CHONG"},
	"彭": {"PANG", "PHANG"},
	"卢": {"LO", "LOO", "LOU"}, "盧": {"LO", "LOO", "LOU"},
	"潘": {"POON", "PHUA", "PUN"},
	"唐": {"TONG"},
	"汤": {"TONG", "TNG"}, "湯": {"TONG", "TNG"},
	"袁": {"YUEN"},
	"邱": {"YAU", "CHIU", "KHOO", "HIEW"}, "丘": {"YAU", "CHIU", "KHOO", "HIEW"},
	"江": {"KONG", "CHIANG", "KANG"},
	"蒋": {"CHIANG", "TSEUNG"}, "蔣": {"CHIANG", "TSEUNG"},
	"韩": {"HON"}, "韓": {"HON"},
	"冼": {"SIN"},
	"丁": {"TING"},
	"傅": {"FOO"},
	"尹": {"WAN"},
	"姚": {"YIU"},
	"侯": {"HAU"},
	"龚": {"KUNG"}, "龔": {"KUNG"},
	"黎": {"LAI"},
	"严": {"YIM", "YEN"}, "嚴": {"YIM", "YEN"},
	"石": {"SHEK", "SHIH"},
	"施": {"SZE", "SHIH", "SI"},
	"金": {"KAM", "CHIN", "KIM"},
	"庄": {"CHONG", "CHUANG", "CHNG"}, "莊": {"CHONG", "CHUANG", "CHNG"},
	"沈": {"SHUM", "SIM"},
	"董": {"TUNG"},
	"宋": {"SUNG"},
	"洪": {"HUNG", "ANG"},
	"方": {"FONG", "HONG"},
	"廖": {"LIU", "LEOW"},
	"戴": {"TAI", "TAY"},
	"温": {"WAN", "VOON"}, "溫": {"WAN", "VOON"},
	"莫": {"MOK"},
	"甘": {"KAM", "KAN"},
	"关": {"KWAN", "KUAN"}, "關": {"KWAN", "KUAN"},
	"崔": {"TSUI", "CHOI"},
	"翁": {"YUNG"},
	"岑": {"SHUM", "TSEN"},
	"龙": {"LUNG"}, "龍": {"LUNG"},
	"司徒": {"SZETO", "SEETO", "SSUTU"},
	"欧阳": {"AUYEUNG", "AUYANG"}, "歐陽": {"AUYEUNG", "AUYANG"},
	"上官": {"SHEUNGKWUN"},
}
