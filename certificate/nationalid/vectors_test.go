package nationalid_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/nationalid"
)

// Published valid numbers, one list per region. Sources (not in this
// repository):
//   - python-stdnum 2.2, tests/test_<cc>_<module>.doctest and the module
//     doctests (arthurdejong/python-stdnum);
//   - validator.js, test/validators/isIdentityCard.test.js (validatorjs/validator.js).
var publishedValid = map[string][]string{
	// validator.js zh-HK valid list (brackets and parentheses around the check).
	"HK": {"OV290326[A]", "Q803337[0]", "Z0977986", "W520128(7)", "A494866[4]", "A494866(4)", "Z867821A", "ag293013(9)", "k348609(5)"},
	// validator.js zh-TW valid list.
	"TW": {
		// identique/idnumbers tests/nationalid/test_TWN.py (check digit 0 cases from its issue #276).
		"A123456789", "M140051653", "Q238927307", "A120229780", "A123402290", "A130456780", "M162773050",
		"B176944193", "K101189797", "F112866121", "A219758834", "A244144802", "A146047171", "Q170219004", "Z277018381", "X231071923"},
	// IonBazan/go-nric nric_test.go (S, T, F, G and the 2022 M series).
	"SG": {"S6083480F", "T5717279C", "F6470401W", "G8877699U", "M5043078W", "M2424771J", "s6083480f",
		// identique/idnumbers tests/nationalid/test_SGP.py (M1234567K: FormSG's M-series vector).
		"S8076606H", "S1728872E", "G4549883U", "G4552218R", "S2111122H", "M1234567K", "M3960741N"},
	// identique/idnumbers tests/nationalid/test_MAC.py (resident cards: 1, 5, 7).
	"MO": {"5215299(8)", "12281507"},
	// identique/idnumbers tests/nationalid/test_PHL.py.
	"PH": {"1234-5678912-3", "123456789123"},
	// identique/idnumbers tests/nationalid/test_ARE.py.
	"AE": {"784-1980-1234567-8", "784198012345678", "784-1979-1234567-1", "784-1952-0464048-6", "784-1968-6570305-0"},
	// python-stdnum tests/test_my_nric.doctest.
	"MY": {"770305-02-1234", "890131-06-1224", "810909785542", "880229875542"},
	// python-stdnum tests/test_th_pin.doctest (a selection) and validator.js TH.
	"TH": {"1 1101 00152 64 1", "1-1002-00439-84-4", "1100900359657", "3   451  000  50     5414", "3  91 05 00  3    92 03 6", "4 6205000  0482 7", "5900599008311", "1101230000001", "1101230000060"},
	// python-stdnum stdnum/id/nik.py doctest.
	"ID": {"3171011708450001", "3171015708450001", "3171012902001234"},
	// python-stdnum tests/test_in_aadhaar.doctest; validator.js IN.
	"IN": {"234123412346", "298448863364", "2984 4886 3364"},
	// python-stdnum stdnum/jp/in_.py doctest.
	"JP": {"123456789018", "1234-5678-9018"},
	// python-stdnum tests/test_kr_rrn.doctest.
	"KR": {"9710139019902", "971013-9019902", "991231-4019906", "880411-2238459", "760406-1679592", "861121-1967921", "751121-1356129", "970510-1931536", "771228-2514165", "931112-6271351", "850618-1811204", "870316-1692085", "750313-1852815", "940624-5149547", "751129-1803993", "860719-1668646", "910723-2859903", "881219-5460537", "741213-6670511", "810819-6901483", "930315-2140281", "861012-2690172", "900417-2806195"},
	// python-stdnum tests/test_tr_tckimlik.doctest (a selection).
	"TR": {"10010405214", "10036951702", "10048987300", "12245687724", "23128444884", "38491580480", "49432850678", "59464150004", "71467095762"},
	// python-stdnum tests/test_za_idnr.doctest.
	"ZA": {"7611055077082", "7209170838080", "0001015077082", "9103225261083", "5306060050180", "6107165087088", "6302285896084", "7106245929185", "8012185201081", "9708205014086"},
	// python-stdnum tests/test_br_cpf.doctest and stdnum/br/cpf.py doctest.
	"BR": {"39053344705", "390.533.447-05"},
	// python-stdnum tests/test_mx_curp.doctest.
	"MX": {"BOXW310820HNERXN09", "HEGG560427MVZRRL04", "BEML920313HMCLNS09", "PEGL890909MJCRMS08", "AAAA000101HDFCCC09", "AAMG890608HDFLJL00", "BAAA890317HDFRLL03", "BAAD890419HMNRRV07", "HEGR891009HMNRRD09", "MARR890512HMNRMN09", "MESJ890928HMNZNS00", "OOMG890727HMNRSR06", "TOMA880125HMNRRN02", "VIAA900930MMNCLL08"},
	// python-stdnum tests/test_cl_rut.doctest (a selection of personal RUNs).
	"CL": {"10075381-2", "10626628-K", "10726809-K", "12392004-K", "3528355-2", "4769973-8", "5314394-6", "7741928-4", "8005083-6", "9334748-K", "9890042-K", "16607084-8"},
	// python-stdnum tests/test_pe_cui.doctest.
	"PE": {"10812543-3", "10812543-H", "05209244-8", "10586119B", "25543680E", "32023446H", "45055499E", "474996072", "72859897-8"},
	// validator.js ES; python-stdnum tests/test_es_dni.doctest and test_es_nie.doctest.
	"ES": {"99999999R", "12345678Z", "01234567L", "01234567l", "X1234567l", "x1234567l", "X1234567L", "Y1234567X", "Z1234567R", "11111111H", "X1111111G"},
	// python-stdnum tests/test_it_codicefiscale.doctest.
	"IT": {"MRTNTN23M02D969P", "RCCMNL83S18D969H", "MRSMSR81D60Z611H", "CNTCHR83T41D969D", "FOXDRA26C24H872Y", "MAILCU91A25F839D", "RSSMRA45C12F205C", "RSSMRA45C12F20RX", "RSSMRA45C12F2L5N", "RSSMRA45C12F2LRI", "RSSMRAQRCMNFNLRG"},
	// python-stdnum stdnum/nl/bsn.py doctest.
	"NL": {"111222333", "1112.22.333", "123456782"},
	// python-stdnum tests/test_be_nn.doctest and stdnum/be/nn.py doctest.
	"BE": {"85.07.30-033 28", "17 07 30 033 84", "00000100166", "00000100195", "00000000128", "00010000135", "85073500107", "75.06.08-980.09"},
	// python-stdnum stdnum/pl/pesel.py doctest; validator.js PL.
	"PL": {"44051401359", "02122401358", "02211307589", "99012229019", "09210215408", "20313034701", "86051575214"},
	// python-stdnum tests/test_se_personnummer.doctest.
	"SE": {"670919-9530", "811228-9874", "880320-0016", "880320-0057", "8803200073", "8803200420", "191705120424", "121212-1212", "121212+1212", "400606+5827"},
	// python-stdnum tests/test_no_fodselsnummer.doctest; validator.js NO.
	"NO": {"100487 45526", "10048744732", "10048745364", "111115984-03", "151086-95088", "18-06-15-92527", "231140-38547", "23114048690", "26 11 15 940 14", "26111593816", "26111594286", "26111594448", "09053426694", "26028338723", "08031470790", "12051539514", "02077448074", "14035638319", "13031379673", "29126214926", "13-04-99-58441"},
	// python-stdnum tests/test_fi_hetu.doctest; validator.js FI.
	"FI": {"131052-308T", "131052+308T", "131052A308T", "131052a308t", "131052-313Y"},
	// python-stdnum tests/test_ee_ik.doctest.
	"EE": {"36805280109", "16805280107", "51205280105", "81205280108", "46805280103", "36205030034", "34508136020", "44909210102", "49105080018", "34706045216", "46708270050"},
}

func TestPublishedValid(t *testing.T) {
	for region, numbers := range publishedValid {
		s, found := nationalid.Scheme(region, nationalid.Options{})
		require.True(t, found, region)
		for _, n := range numbers {
			_, err := parseOn(s, certificate.Date{Year: 2026, Month: 1, Day: 1}, n)
			assert.NoError(t, err, "%s %s: published as valid", region, n)
		}
	}
}

// Published invalid numbers with the reason the source gives.
func TestPublishedInvalid(t *testing.T) {
	cases := []struct {
		region, number string
		want           error
		reason         string
	}{
		{"HK", "A1234567890", certificate.ErrLength, "validator.js zh-HK invalid: too long"},
		{"HK", "98765432", certificate.ErrFormat, "validator.js zh-HK invalid: no letter"},
		{"HK", "O962472(9)", certificate.ErrChecksum, "validator.js zh-HK invalid"},
		{"HK", "M4578601", certificate.ErrChecksum, "validator.js zh-HK invalid"},
		{"HK", "X731324[8]", certificate.ErrChecksum, "validator.js zh-HK invalid"},
		{"HK", "C503134(5)", certificate.ErrChecksum, "validator.js zh-HK invalid"},
		{"HK", "RH265886(3)", certificate.ErrChecksum, "validator.js zh-HK invalid"},
		{"TW", "A185034995", certificate.ErrChecksum, "validator.js zh-TW invalid"},
		{"TW", "X431071923", certificate.ErrComponent, "validator.js zh-TW invalid: second digit 4"},
		{"TW", "X231071922", certificate.ErrChecksum, "validator.js zh-TW invalid"},
		{"TW", "123456789", certificate.ErrLength, "validator.js zh-TW invalid"},
		{"SG", "S1179607H", certificate.ErrChecksum, "idnumbers test_SGP.py"},
		{"SG", "M1234567N", certificate.ErrChecksum, "idnumbers test_SGP.py: the old M algorithm without +3"},
		{"TW", "A223456789", certificate.ErrChecksum, "idnumbers test_TWN.py"},
		{"TW", "A120229781", certificate.ErrChecksum, "idnumbers test_TWN.py"},
		{"TW", "M162773051", certificate.ErrChecksum, "idnumbers test_TWN.py"},
		{"SG", "S1234567E", certificate.ErrChecksum, "go-nric: invalid checksum"},
		{"SG", "T5717279A", certificate.ErrChecksum, "go-nric: invalid checksum"},
		{"SG", "F6470401K", certificate.ErrChecksum, "go-nric: invalid checksum"},
		{"SG", "G8877699L", certificate.ErrChecksum, "go-nric: invalid checksum"},
		{"SG", "M8877689K", certificate.ErrChecksum, "go-nric: invalid checksum"},
		{"SG", "G88776991Z", certificate.ErrLength, "go-nric: too long"},
		{"SG", "GAAAAAAAZ", certificate.ErrFormat, "go-nric: letters for digits"},
		{"SG", "Z1111111A", certificate.ErrComponent, "go-nric: prefix Z"},
		{"MO", "22281507", certificate.ErrComponent, "idnumbers test_MAC.py: first digit 2"},
		// idnumbers accepts 0 (commercial individual) and 8 (entity): numbers
		// of businesses, not resident identity cards.
		{"MO", "02281507", certificate.ErrComponent, "commercial-individual number, not a resident card"},
		{"MO", "82152998", certificate.ErrComponent, "entity number, not a resident card"},
		{"PH", "1234567890", certificate.ErrLength, "idnumbers test_PHL.py"},
		{"AE", "784-1981-1234567-9", certificate.ErrChecksum, "idnumbers test_ARE.py"},
		{"MY", "771305-02-1234", certificate.ErrComponent, "stdnum my.nric: month 13"},
		{"MY", "890132-06-1224", certificate.ErrComponent, "stdnum my.nric: day 32"},
		{"MY", "870229875542", certificate.ErrComponent, "stdnum my.nric: 29 Feb in a common year"},
		{"MY", "770305-00-1234", certificate.ErrComponent, "stdnum my.nric: birthplace 00"},
		{"MY", "890131-17-1224", certificate.ErrComponent, "stdnum my.nric: birthplace 17"},
		{"MY", "810909805542", certificate.ErrComponent, "stdnum my.nric: birthplace 80"},
		{"MY", "880229195542", certificate.ErrComponent, "stdnum my.nric: birthplace 19"},
		{"MY", "770305-00", certificate.ErrLength, "stdnum my.nric: short"},
		{"MY", "890A31-17-1224", certificate.ErrFormat, "stdnum my.nric: letter"},
		{"TH", "1-2345-45678-78-11", certificate.ErrLength, "stdnum th.pin"},
		{"TH", "1-2345-45678-78-X", certificate.ErrFormat, "stdnum th.pin"},
		{"TH", "0-2345-45678-78-1", certificate.ErrComponent, "stdnum th.pin: first digit 0"},
		{"TH", "9-2345-45678-78-1", certificate.ErrComponent, "stdnum th.pin: first digit 9"},
		{"TH", "1101230000007", certificate.ErrChecksum, "validator.js TH invalid"},
		{"ID", "31710117084500", certificate.ErrLength, "stdnum id.nik"},
		{"ID", "9971011708450001", certificate.ErrComponent, "stdnum id.nik: province 99"},
		{"ID", "3171013002001234", certificate.ErrComponent, "stdnum id.nik: 30 February"},
		{"IN", "234123412347", certificate.ErrChecksum, "stdnum in.aadhaar"},
		{"IN", "123412341234", certificate.ErrFormat, "stdnum in.aadhaar: starts with 1"},
		{"IN", "6433435VH", certificate.ErrFormat, "stdnum in.aadhaar"},
		{"KR", "971013901990", certificate.ErrLength, "stdnum kr.rrn: 12 digits"},
		{"KR", "97101390199020", certificate.ErrLength, "stdnum kr.rrn: 14 digits"},
		{"KR", "acvbnmkjh", certificate.ErrFormat, "stdnum kr.rrn"},
		{"KR", "971013-9019903", certificate.ErrChecksum, "stdnum kr.rrn"},
		{"KR", "971310-9019908", certificate.ErrComponent, "stdnum kr.rrn: month 13"},
		{"MX", "1230", certificate.ErrLength, "stdnum mx.curp"},
		{"MX", "123ZZZZZZZZZZZZZ90", certificate.ErrFormat, "stdnum mx.curp"},
		{"MX", "BACA890909MJCRMS05", certificate.ErrComponent, "stdnum mx.curp: blocked word"},
		{"MX", "BOXW310820HNERXN08", certificate.ErrChecksum, "stdnum mx/curp.py"},
		{"MX", "PEGL891313MJCRMS06", certificate.ErrComponent, "stdnum mx.curp: invalid date"},
		{"MX", "PEGL890909QJCRMS08", certificate.ErrComponent, "stdnum mx.curp: sex Q"},
		{"MX", "PEGL890909MQQRMS02", certificate.ErrComponent, "stdnum mx.curp: state QQ"},
		{"MX", "PEGL890909MJCRMS09", certificate.ErrChecksum, "stdnum mx.curp"},
		{"PE", "1081254332", certificate.ErrLength, "stdnum pe.cui"},
		{"PE", "108125H3-3", certificate.ErrFormat, "stdnum pe.cui"},
		{"ES", "12345678A", certificate.ErrChecksum, "validator.js ES invalid"},
		{"ES", "1234*678Z", certificate.ErrFormat, "validator.js ES invalid"},
		{"ES", "12345678!", certificate.ErrFormat, "validator.js ES invalid"},
		{"ES", "1234567L", certificate.ErrLength, "validator.js ES invalid"},
		{"ES", "A1234567L", certificate.ErrFormat, "validator.js ES invalid"},
		{"ES", "X1234567A", certificate.ErrChecksum, "validator.js ES invalid"},
		{"ES", "Y1234567B", certificate.ErrChecksum, "validator.js ES invalid"},
		{"ES", "Z1234567C", certificate.ErrChecksum, "validator.js ES invalid"},
		{"ES", "11111111T", certificate.ErrChecksum, "stdnum es.dni"},
		{"ES", "X1111111A", certificate.ErrChecksum, "stdnum es.nie"},
		{"IT", "CSTNGL22I10D086I", certificate.ErrFormat, "stdnum it.codicefiscale: month I"},
		{"IT", "FOXDRA26C24H872A", certificate.ErrChecksum, "stdnum it.codicefiscale"},
		{"IT", "CNTCHR83T32D969H", certificate.ErrComponent, "stdnum it.codicefiscale: 32 December"},
		{"BE", "12345678901", certificate.ErrChecksum, "stdnum be.nn"},
		{"BE", "85133000105", certificate.ErrComponent, "stdnum be.nn: month 13"},
		{"PL", "44051401358", certificate.ErrChecksum, "stdnum pl.pesel"},
		{"PL", "02381307589", certificate.ErrComponent, "stdnum pl.pesel: invalid date"},
		{"PL", "12345678901", certificate.ErrChecksum, "validator.js PL invalid"},
		{"PL", "99212229019", certificate.ErrChecksum, "validator.js PL invalid"},
		// validator.js lists these as valid PL numbers, but it checks only the
		// digit; their months (33, 00, 56, 55) are no PESEL month, and
		// python-stdnum, the reference, refuses them.
		{"PL", "77334586883", certificate.ErrComponent, "month 33 is no PESEL month"},
		{"PL", "54007481320", certificate.ErrComponent, "month 00"},
		{"PL", "06566860643", certificate.ErrComponent, "month 56 is no PESEL month"},
		{"PL", "77552478861", certificate.ErrComponent, "month 55 is no PESEL month"},
		{"SE", "aaaaaaaaaa", certificate.ErrFormat, "stdnum se.personnummer"},
		{"SE", "8899200425", certificate.ErrComponent, "stdnum se.personnummer: month 99"},
		{"NO", "26111593817", certificate.ErrChecksum, "stdnum no.fodselsnummer: second check"},
		{"NO", "26111593826", certificate.ErrChecksum, "stdnum no.fodselsnummer: first check"},
		{"NO", "26111593875", certificate.ErrChecksum, "stdnum no.fodselsnummer: first wrong, second right"},
		{"NO", "42485176432123", certificate.ErrLength, "stdnum no.fodselsnummer"},
		{"NO", "a0gzaB30529", certificate.ErrFormat, "stdnum no.fodselsnummer"},
		{"NO", "19575770838", certificate.ErrComponent, "stdnum no.fodselsnummer: no valid birth date"},
		{"NO", "09053426699", certificate.ErrChecksum, "validator.js NO invalid"},
		{"FI", "131052-308U", certificate.ErrChecksum, "stdnum fi.hetu"},
		{"FI", "131052/308T", certificate.ErrFormat, "stdnum fi.hetu: century sign /"},
		{"FI", "131052T308T", certificate.ErrFormat, "stdnum fi.hetu: century sign T"},
		{"FI", "310252-308Y", certificate.ErrComponent, "stdnum fi.hetu: 31 February"},
		{"FI", "130052-308R", certificate.ErrComponent, "stdnum fi.hetu: month 00"},
		{"FI", "10101-0101", certificate.ErrLength, "stdnum fi.hetu: leading zero left out"},
		{"FI", "131052-000V", certificate.ErrComponent, "stdnum fi.hetu: individual number 000"},
		{"FI", "131052-9993", certificate.ErrComponent, "stdnum fi.hetu: temporary number"},
		{"FI", "131052308T", certificate.ErrLength, "validator.js FI invalid: no century sign"},
		{"EE", "06805280106", certificate.ErrComponent, "stdnum ee.ik: first digit 0"},
		{"EE", "36805280108", certificate.ErrChecksum, "stdnum ee.ik"},
		{"EE", "368052801099", certificate.ErrLength, "stdnum ee.ik"},
		{"EE", "38102290106", certificate.ErrComponent, "stdnum ee.ik: 29 February 1981"},
		{"ZA", "0099015077086", certificate.ErrComponent, "stdnum za.idnr: month 99"},
		{"ZA", "5306060050883", certificate.ErrComponent, "stdnum za.idnr: citizenship 8"},
		{"BR", "23100299900", certificate.ErrChecksum, "stdnum br.cpf"},
	}
	for _, c := range cases {
		s, found := nationalid.Scheme(c.region, nationalid.Options{})
		require.True(t, found)
		_, err := s.Parse(c.number)
		require.Error(t, err, "%s %s: %s", c.region, c.number, c.reason)
		assert.ErrorIs(t, err, c.want, "%s %s: %s (got %v)", c.region, c.number, c.reason, err)
		var ne *certificate.NumberError
		require.True(t, errors.As(err, &ne), c.reason)
		assert.Equal(t, certificate.IDCard, ne.Kind)
		assert.Equal(t, c.region, ne.Region)
	}
}

// parseOn parses input with s, on today when s is dated.
func parseOn(s certificate.Scheme, today certificate.Date, input string) (certificate.Parsed, error) {
	if ds, ok := s.(certificate.DatedScheme); ok {
		return ds.ParseOn(today, input)
	}
	return s.Parse(input)
}
