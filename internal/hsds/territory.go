package hsds

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// territories creates the territories addresses and service areas name,
// each once, with ids derived from their names so that importing the same
// dataset again gives the same ids.
type territories struct {
	b    *builder
	recs []domain.TerritoryRecord
	// Places are told apart by the slugs of their names, so "Враца",
	// "Vratsa" and "VRATSA" are one place, as their ids would be one id.
	byKey  map[string]int   // level-qualified path of slugs → index in recs
	byName map[string][]int // slug of a name → address territories of that name
	// Where service areas go: MUNICIPALITY under the parent territory,
	// unless the parent is that low itself.
	areaLevel  domain.TerritoryLevel
	areaParent string
	// cityLevel is the level of addresses' cities: Options.CityLevel, or
	// SETTLEMENT below a parent that is that low.
	cityLevel domain.TerritoryLevel
	unplaced  string // the id of the territory of what no address places, once made
}

func newTerritories(b *builder) *territories {
	t := &territories{b: b, byKey: map[string]int{}, byName: map[string][]int{},
		areaLevel: domain.LevelMunicipality, areaParent: b.opt.ParentTerritoryID, cityLevel: b.opt.CityLevel}
	if p := b.opt.ParentTerritoryID; p != "" {
		switch rank := b.opt.ParentLevel.Rank(); {
		case rank >= domain.LevelSettlement.Rank():
			t.areaParent = ""
		case rank >= domain.LevelMunicipality.Rank():
			t.areaLevel = domain.LevelSettlement
		}
		if b.opt.ParentLevel.Rank() >= t.cityLevel.Rank() {
			t.cityLevel = domain.LevelSettlement
		}
	}
	return t
}

func (t *territories) add(rec domain.TerritoryRecord, key string) int {
	t.recs = append(t.recs, rec)
	t.byKey[key] = len(t.recs) - 1
	return len(t.recs) - 1
}

// fromAddress returns the deepest territory of the hierarchy an address
// names — country (COUNTRY), state_province (REGION), city (cityLevel) —
// creating the parts that do not exist yet; "" when the address names no
// place. With a parent territory, the levels at or above the parent's are
// not created: the parent stands for them.
func (t *territories) fromAddress(a *addr) string {
	parts := []struct {
		level domain.TerritoryLevel
		name  string
	}{{domain.LevelCountry, a.country}, {domain.LevelRegion, a.state}, {t.cityLevel, a.city}}
	parentRank := -1
	cur := t.b.opt.ParentTerritoryID
	if cur != "" {
		parentRank = t.b.opt.ParentLevel.Rank()
	}
	var key, slugs []string
	for _, p := range parts {
		name := strings.Join(strings.Fields(p.name), " ")
		if name == "" {
			continue
		}
		if p.level == domain.LevelCountry && isCountryCode(name) {
			name = strings.ToUpper(name)
		}
		key = append(key, string(p.level)+":"+slug(name, 60))
		slugs = append(slugs, slug(name, 40))
		if p.level.Rank() <= parentRank {
			continue
		}
		k := strings.Join(key, "/")
		i, ok := t.byKey[k]
		if !ok {
			rec := domain.TerritoryRecord{ParentID: cur}
			rec.ID = t.b.ids.claim("territory", "tr-"+shorten(strings.Join(slugs, "-"), 70), a.src)
			rec.Source = t.b.source(a.src)
			rec.Name = t.b.name(a.src, firstOf(a.id, "address"), "territory name", name)
			rec.Level = p.level
			if p.level == domain.LevelCountry && isCountryCode(name) {
				rec.Code = name
			}
			i = t.add(rec, k)
			sn := slug(name, 60)
			t.byName[sn] = append(t.byName[sn], i)
		}
		cur = t.recs[i].ID
	}
	if len(key) == 0 {
		return ""
	}
	return cur
}

// complete fills in the country and state an address leaves out when the
// other addresses say what they must be: the dataset's only country, the
// only state a city of that name is in elsewhere. Directories often give
// the country once, or not at all, and the state only on some rows; without
// this one city would be two territories, one of them outside its state.
func (t *territories) complete(addrs []*addr) {
	countries := map[string]string{}         // slug → name as first given
	states := map[string]map[string]string{} // country slug + city slug → state slug → state
	cityKey := func(a *addr) string { return slug(a.country, 60) + "\x00" + slug(a.city, 60) }
	for _, a := range addrs {
		if a.country != "" {
			if _, ok := countries[slug(a.country, 60)]; !ok {
				countries[slug(a.country, 60)] = a.country
			}
		}
	}
	if len(countries) == 1 {
		for _, country := range countries {
			for _, a := range addrs {
				if a.country == "" && a.state+a.city != "" {
					a.country = country
					t.b.rep.warnOnce(a.src, firstOf(a.id, "address"), "address country",
						fmt.Sprintf("addresses without a country are taken to be in %s, the only country the others name", country))
				}
			}
		}
	}
	for _, a := range addrs {
		if a.state != "" && a.city != "" {
			k := cityKey(a)
			if states[k] == nil {
				states[k] = map[string]string{}
			}
			states[k][slug(a.state, 60)] = a.state
		}
	}
	for _, a := range addrs {
		if a.state != "" || a.city == "" || len(states[cityKey(a)]) != 1 {
			continue
		}
		for _, state := range states[cityKey(a)] {
			a.state = state
		}
		t.b.rep.warnOnce(a.src, firstOf(a.id, "address"), "address state_province",
			"addresses without a state_province whose city other addresses place in one state_province are taken to be in it")
	}
}

// unplacedFor returns the territory made for the records no address
// places, "Unplaced — <source>", making it the first time. It is at the
// cities' level, so that the matrix's rows show what is in it, and part of
// the dataset's country when all its addresses are in one.
func (t *territories) unplacedFor(at src) string {
	if t.unplaced != "" {
		return t.unplaced
	}
	var roots []int
	for i, r := range t.recs {
		if r.ParentID == "" {
			roots = append(roots, i)
		}
	}
	rec := domain.TerritoryRecord{}
	if len(roots) == 1 && t.recs[roots[0]].Level.Rank() < t.cityLevel.Rank() {
		rec.ParentID = t.recs[roots[0]].ID
	}
	source := firstOf(t.b.opt.Source, "HSDS import")
	rec.ID = t.b.ids.claim("territory", "tr-unplaced-"+slug(firstOf(t.b.opt.sourceID, source), 40), at)
	rec.Source = t.b.source(at)
	rec.Name = t.b.name(at, "", "territory name", "Unplaced — "+source)
	rec.Level = t.cityLevel
	t.unplaced = t.recs[t.add(rec, unplacedKey)].ID
	return t.unplaced
}

// unplacedKey keys the Unplaced territory among the others (whose keys
// start with a level).
const unplacedKey = "UNPLACED"

func isCountryCode(s string) bool {
	return len(s) == 2 && strings.IndexFunc(s, func(r rune) bool { return r > unicode.MaxASCII || !unicode.IsLetter(r) }) < 0
}

// area returns the territory of a service area: the address territory of
// the same name when there is exactly one, else a territory of its own,
// one per distinct name (told apart by slug). HSDS gives a service area as
// free text (and maybe a polygon, extent, in the format extent_type says,
// which is not read), so its level is a guess: the level a short name
// states ("Vratsa district"), else MUNICIPALITY, the usual extent of a
// local service; always below the parent territory.
func (t *territories) area(a *area) string {
	name := strings.Join(strings.Fields(firstOf(a.name, a.desc)), " ")
	if name == "" {
		t.b.rep.warn(a.src, firstOf(a.id, "service area"), "name", "the service area has no name or description; ignored")
		return ""
	}
	sn := slug(name, 60)
	if is := t.byName[sn]; len(is) == 1 {
		return t.recs[is[0]].ID
	}
	k := "AREA:" + sn
	if i, ok := t.byKey[k]; ok {
		return t.recs[i].ID
	}
	if t.b.opt.ParentTerritoryID != "" && t.areaParent == "" {
		t.b.rep.warnOnce(a.src, a.id, "service area parent", fmt.Sprintf("the parent territory is a %s, too low for service areas to be part of it; they are imported without parent", t.b.opt.ParentLevel))
	}
	rec := domain.TerritoryRecord{ParentID: t.areaParent}
	rec.ID = t.b.ids.claim("territory", "tr-area-"+sn, a.src)
	rec.Source = t.b.source(a.src)
	rec.Name = t.b.name(a.src, firstOf(a.id, "service area"), "service area name", name)
	rec.Level = t.areaLevel
	if l := areaLevel(name); l != "" && (t.areaParent == "" || l.Rank() > t.b.opt.ParentLevel.Rank()) {
		rec.Level = l
	}
	return t.recs[t.add(rec, k)].ID
}

// areaWords name the levels above a municipality, in a short area name
// ("Vratsa district", "Provincia di Trento"); a sentence is not searched,
// its words say too little about the extent.
var areaWords = map[string]domain.TerritoryLevel{
	"district": domain.LevelDistrict, "county": domain.LevelDistrict, "oblast": domain.LevelDistrict,
	"област": domain.LevelDistrict, "okrug": domain.LevelDistrict, "kreis": domain.LevelDistrict,
	"region": domain.LevelRegion, "province": domain.LevelRegion, "state": domain.LevelRegion,
	"regione": domain.LevelRegion, "provincia": domain.LevelRegion, "регион": domain.LevelRegion,
}

// areaLevel is the level a short area name states, "" when none.
func areaLevel(name string) domain.TerritoryLevel {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) > 4 {
		return ""
	}
	for _, w := range words {
		if l, ok := areaWords[w]; ok {
			return l
		}
	}
	return ""
}

// used returns the territories the document refers to, with their
// ancestors, in creation order (parents before children). Addresses of
// locations no record relies on give no territory.
func (t *territories) used(refs map[string]bool) []domain.TerritoryRecord {
	index := map[string]int{}
	for i, r := range t.recs {
		index[r.ID] = i
	}
	keep := make([]bool, len(t.recs))
	for id := range refs {
		for i, ok := index[id]; ok && !keep[i]; i, ok = index[t.recs[i].ParentID] {
			keep[i] = true
		}
	}
	var out []domain.TerritoryRecord
	for i, r := range t.recs {
		if keep[i] {
			out = append(out, r)
		}
	}
	return out
}

// translit spells letters that are not ASCII in ASCII for ids: Cyrillic
// (Bulgarian streamlined system) and Latin letters with diacritics.
var translit = map[rune]string{}

func init() {
	for from, to := range map[string]string{
		"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
		"к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
		"ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
		"ё": "yo", "ы": "y", "э": "e", "є": "ye", "і": "i", "ї": "yi", "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj",
		"ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
		"àáâãäåāăą": "a", "çćčĉ": "c", "ďđ": "d", "èéêëēėęěĕ": "e", "ğĝģ": "g", "ìíîïīįı": "i", "ķ": "k",
		"łľĺļ": "l", "ñńňņ": "n", "òóôõöøōőŏ": "o", "ŕř": "r", "śšşșŝ": "s", "ťţț": "t", "ùúûüūůűųŭ": "u",
		"ýÿ": "y", "źżž": "z", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d",
	} {
		for _, r := range from {
			translit[r] = to
		}
	}
}

// slug makes an id part of a name: lower-case ASCII letters and digits
// where possible, other letters as they are, dashes between words; at most
// max characters, a short hash of the whole name keeping cut names apart.
func slug(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch t, ok := translit[r]; {
		case ok:
			b.WriteString(t)
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
			continue
		}
		dash = false
	}
	out := strings.TrimRight(b.String(), "-")
	if out == "" {
		return shortHash(s)
	}
	if utf8.RuneCountInString(out) > max {
		return cutSlug(out, max, shortHash(s))
	}
	return out
}

// shorten keeps a joined slug within max characters (ids have a limit).
func shorten(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return cutSlug(s, max, shortHash(s))
}

// cutSlug cuts a slug at a dash before max characters and adds a hash of
// what it stood for, so that names cut alike stay apart.
func cutSlug(s string, max int, hash string) string {
	cut := string([]rune(s)[:max])
	if i := strings.LastIndexByte(cut, '-'); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, "-") + "-" + hash
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:8]
}
