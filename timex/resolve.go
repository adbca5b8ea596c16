package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Tense is the tense of the clause holding a time expression; it decides
// whether "Sunday" or "in February" lies before or after the anchor.
type Tense int

// Tenses.
const (
	TenseUnknown Tense = iota
	TensePast
	TensePresent
	TenseFuture
)

func (t Tense) String() string {
	return [...]string{"unknown", "past", "present", "future"}[t]
}

// Anchor is what relative expressions are resolved against.
type Anchor struct {
	// Date is the publication date; zero when unknown.
	Date time.Time
	// Year is a document year inferred from the text, used only when Date
	// is zero; 0 when unknown.
	Year int
	// Ref is the last date the text stated outright (with its year), which
	// "two years later" and "that day" count from; zero when none. RefUnit
	// is its granularity: Y, M or D.
	Ref     time.Time
	RefUnit string
}

// result is a normalised expression.
type result struct {
	typ, value, mod, gran string
	anchored, inferred    bool
}

// Granularity names, as stored in document.Timex.Granularity.
var granName = map[string]string{
	"T": "time", "D": "day", "W": "week", "WE": "weekend", "M": "month", "Q": "quarter",
	"H": "half", "SE": "season", "Y": "year", "DE": "decade", "CE": "century",
}

// resolve turns a rule match into a TIMEX3 type and value.
func (n *Normalizer) resolve(m match, a Anchor, tense Tense) (result, bool) {
	g := m.groups
	r := result{typ: m.rule.typ, mod: m.rule.opts["mod"], gran: m.rule.opts["gran"]}
	if v, ok := g["mod"]; ok && r.mod == "" {
		r.mod, _ = n.lex.lookup("mod", strings.TrimSuffix(v, "-"))
	}
	if v, ok := g["relmod"]; ok && r.mod == "" {
		r.mod, _ = n.lex.lookup("relmod", v)
	}
	if v, ok := g["durmod"]; ok && r.mod == "" {
		r.mod, _ = n.lex.lookup("durmod", v)
	}
	if v, ok := m.rule.opts["value"]; ok {
		r.value = v
		return r, true
	}
	if v, ok := g["fuzzy"]; ok {
		r.value, ok = n.lex.lookup("fuzzy", v)
		return r, ok
	}
	switch r.typ {
	case "SET":
		return n.resolveSet(g, r)
	case "DURATION":
		return n.resolveDuration(g, r)
	}
	return n.resolveDate(m, a, tense, r)
}

func (n *Normalizer) resolveSet(g map[string]string, r result) (result, bool) {
	pod := ""
	if v, ok := g["pod"]; ok {
		pod, _ = n.lex.lookup("pod", v)
		pod = "T" + pod
	}
	switch {
	case g["freq"] != "":
		v, ok := n.lex.lookup("freq", g["freq"])
		r.value = v
		return r, ok
	case g["dow"] != "" || g["dows"] != "":
		d, ok := n.lex.lookup("dow", g["dow"])
		if !ok {
			d, ok = n.lex.lookup("dows", g["dows"])
		}
		r.value = "XXXX-WXX-" + d + pod
		return r, ok
	case g["month"] != "":
		mo, ok := n.lex.lookup("month", g["month"])
		r.value = "XXXX-" + mo
		return r, ok
	case g["season"] != "":
		s, ok := n.lex.lookup("season", g["season"])
		r.value = "XXXX-" + s
		return r, ok
	case pod != "":
		r.value = "XXXX-XX-XX" + pod
		return r, true
	case g["unit"] != "":
		u, ok := n.lex.lookup("unit", g["unit"])
		count := "1"
		if c, ok := n.count(g["n"]); ok && g["n"] != "" {
			count = c
		}
		r.value = durationValue(count, u)
		return r, ok
	}
	return r, false
}

func (n *Normalizer) resolveDuration(g map[string]string, r result) (result, bool) {
	u, ok := n.lex.lookup("unit", g["unit"])
	if !ok {
		return r, false
	}
	count := "1"
	switch {
	case g["n"] != "":
		if count, ok = n.count(g["n"]); !ok {
			return r, false
		}
		if g["plushalf"] != "" && count != "X" {
			count += ".5"
		}
	case g["plushalf"] != "":
		count = "0.5"
	case strings.HasSuffix(strings.ToLower(g["unit"]), "s") && !strings.HasSuffix(strings.ToLower(g["unit"]), "ss"):
		count = "X"
	}
	r.value = durationValue(count, u)
	return r, true
}

// durationValue writes a TIMEX3 duration of count units.
func durationValue(count, unit string) string {
	scale := func(k int) string {
		if c, err := strconv.ParseFloat(count, 64); err == nil {
			return strconv.FormatFloat(c*float64(k), 'f', -1, 64)
		}
		return count
	}
	switch unit {
	case "H", "MIN", "S":
		return "PT" + count + map[string]string{"H": "H", "MIN": "M", "S": "S"}[unit]
	case "DE":
		return "P" + scale(10) + "Y"
	case "CE":
		return "P" + scale(100) + "Y"
	case "FN":
		return "P" + scale(2) + "W"
	case "WE":
		return "P" + scale(2) + "D"
	}
	return "P" + count + unit
}

// count reads a number written in digits or words; "X" for vague counts.
func (n *Normalizer) count(s string) (string, bool) {
	s = foldForm(s)
	if s == "" {
		return "", false
	}
	s = strings.ReplaceAll(s, ",", "")
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s, true
	}
	if v, ok := n.lex.lookup("numword", s); ok {
		return v, true
	}
	if v, ok := n.lex.lookup("article", s); ok {
		return v, true
	}
	// Compound number words: "twenty-five", "two hundred".
	total, cur := 0, 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' }) {
		if w == "and" {
			continue
		}
		v, ok := n.lex.lookup("numword", w)
		if !ok || v == "X" {
			return "", false
		}
		k, _ := strconv.Atoi(v)
		switch {
		case k == 100 || k == 1000:
			if cur == 0 {
				cur = 1
			}
			cur *= k
			if k == 1000 {
				total += cur
				cur = 0
			}
		default:
			cur += k
		}
	}
	return strconv.Itoa(total + cur), true
}

func (n *Normalizer) resolveDate(m match, a Anchor, tense Tense, r result) (result, bool) {
	g := m.groups
	known := !a.Date.IsZero()
	at := a.Date
	var (
		value string
		gran  string
	)
	podSuffix := ""
	if v, ok := g["pod"]; ok {
		p, ok := n.lex.lookup("pod", v)
		if !ok {
			return r, false
		}
		podSuffix = "T" + p
	}
	rel := 0
	hasRel := false
	if v, ok := g["rel"]; ok {
		s, ok := n.lex.lookup("rel", v)
		if !ok {
			return r, false
		}
		rel, _ = strconv.Atoi(s)
		hasRel = true
	}
	if v, ok := m.rule.opts["shift"]; ok && !hasRel {
		rel, _ = strconv.Atoi(v)
		hasRel = true
	}
	year, yearStated := 0, false
	if v, ok := g["year"]; ok {
		year, yearStated = parseYear(v), true
	}
	if v, ok := g["spelledyear"]; ok {
		if year = n.spelledYear(v); year == 0 {
			return r, false
		}
		yearStated = true
	}
	if v, ok := g["yrel"]; ok {
		s, _ := n.lex.lookup("rel", v)
		k, _ := strconv.Atoi(s)
		switch {
		case known:
			year, yearStated, r.anchored = at.Year()+k, true, true
		case a.Year != 0:
			year, yearStated, r.inferred = a.Year+k, true, true
		}
	}
	// yearOf picks the year of a month-level expression lying in month mo.
	// months [first, last] of the year: "last" expressions lie wholly
	// before the anchor's month, "next" ones wholly after it, and past or
	// future tense moves a period that has not begun or has ended by a year.
	yearOfSpan := func(first, last int) (int, bool) {
		switch {
		case yearStated:
			return year, true
		case known:
			r.anchored = true
			y, am := at.Year(), int(at.Month())
			switch {
			case hasRel && rel < 0 && last >= am:
				y--
			case hasRel && rel > 0 && first <= am:
				y++
			case !hasRel && tense == TensePast && first > am:
				y--
			case !hasRel && tense == TenseFuture && last < am:
				y++
			case !hasRel && tense != TensePast && tense != TenseFuture:
				// No tense to go by: the nearest such period, the
				// earlier one on a tie.
				y = nearestYear(y, am, first, last)
			}
			return y, true
		case a.Year != 0:
			r.inferred = true
			return a.Year, true
		}
		return 0, false
	}
	yearOf := func(mo int) (int, bool) { return yearOfSpan(mo, mo) }
	yearString := func(y int, ok bool) string {
		if !ok {
			return "XXXX"
		}
		return fmt.Sprintf("%04d", y)
	}
	switch {
	case g["deictic"] != "":
		v, ok := n.lex.lookup("deictic", g["deictic"])
		if !ok {
			return r, false
		}
		off, pod := v, ""
		if i := strings.IndexAny(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"); i >= 0 {
			off, pod = v[:i], v[i:]
		}
		k, _ := strconv.Atoi(off)
		if pod != "" && podSuffix == "" {
			podSuffix = "T" + pod
		}
		gran = "D"
		if known {
			r.anchored = true
			value = at.AddDate(0, 0, k).Format("2006-01-02")
		} else {
			value = "XXXX-XX-XX"
		}
	case g["holiday"] != "":
		v, ok := n.lex.lookupHoliday(g["holiday"])
		if !ok {
			return r, false
		}
		gran = "D"
		if tense != TensePast {
			// "Shops close on Christmas Day": a named day not in the
			// past tense is the coming one.
			tense = TenseFuture
		}
		hm, _ := strconv.Atoi(v[:2])
		if strings.HasPrefix(v, "E") {
			hm = 4
		}
		y, ok := yearOf(hm)
		if !ok {
			value = "XXXX-" + holidayUnderspecified(v)
			break
		}
		value = holidayDate(v, y).Format("2006-01-02")
	case g["month"] != "":
		v, ok := n.lex.lookup("month", g["month"])
		if !ok {
			k, err := strconv.Atoi(g["month"])
			if err != nil || k < 1 || k > 12 {
				return r, false
			}
			v = fmt.Sprintf("%02d", k)
		}
		mo, _ := strconv.Atoi(v)
		y, ok := yearOf(mo)
		value = yearString(y, ok) + "-" + v
		gran = "M"
		if d := g["day"]; d != "" {
			day, err := strconv.Atoi(strings.TrimLeft(d, "0"))
			if err != nil || day < 1 || day > 31 {
				return r, false
			}
			value += fmt.Sprintf("-%02d", day)
			gran = "D"
		}
	case g["dow"] != "":
		v, ok := n.lex.lookup("dow", g["dow"])
		if !ok {
			return r, false
		}
		d, _ := strconv.Atoi(v)
		gran = "D"
		if m.possessive && !hasRel {
			tense = TensePast
		}
		if known {
			r.anchored = true
			value = weekday(at, d, hasRel, rel, tense).Format("2006-01-02")
		} else {
			value = "XXXX-WXX-" + v
		}
	case g["quarter"] != "" || g["half"] != "":
		unit, part := "Q", g["quarter"]
		if part == "" {
			unit, part = "H", g["half"]
		}
		v, ok := n.lex.lookup("ordinal", part)
		if !ok {
			return r, false
		}
		q, _ := strconv.Atoi(v)
		per := 3
		if unit == "H" {
			per = 6
		}
		if q > 12/per {
			q = 12 / per
		}
		if tense == TenseFuture {
			// "expects a third-quarter loss": reports look back on
			// the quarter just ended as often as ahead.
			tense = TenseUnknown
		}
		y, ok := yearOfSpan((q-1)*per+1, q*per)
		value = fmt.Sprintf("%s-%s%d", yearString(y, ok), unit, q)
		gran = unit
	case g["season"] != "":
		s, ok := n.lex.lookup("season", g["season"])
		if !ok {
			return r, false
		}
		first := map[string]int{"SP": 3, "SU": 6, "FA": 9, "WI": 12}[s]
		y, ok := yearOfSpan(first, first+2)
		value = yearString(y, ok) + "-" + s
		gran = "SE"
	case g["decade"] != "":
		d := strings.TrimRight(strings.TrimLeft(g["decade"], "'’"), "sS'’")
		switch len(d) {
		case 4:
			value = d[:3]
		case 2:
			value = fmt.Sprintf("%03d", parseYear(d)/10)
		default:
			return r, false
		}
		gran = "DE"
	case g["decadeword"] != "":
		d, ok := n.lex.lookup("decadeword", g["decadeword"])
		if !ok {
			return r, false
		}
		// The century is the anchor's, or the one before when that
		// decade has not come yet.
		c := 19
		if known {
			c = at.Year() / 100
			if dd, _ := strconv.Atoi(d); c*100+dd*10 > at.Year() {
				c--
			}
		}
		value, gran = fmt.Sprintf("%02d%s", c, d), "DE"
	case g["century"] != "":
		v, ok := n.lex.lookup("ordinal", g["century"])
		if !ok {
			return r, false
		}
		c, _ := strconv.Atoi(v)
		value = fmt.Sprintf("%02d", c-1)
		gran = "CE"
	case yearStated:
		value = fmt.Sprintf("%04d", year)
		gran = "Y"
	case g["unit"] != "" || m.rule.opts["unit"] != "":
		u, ok := n.lex.lookup("unit", g["unit"])
		if m.rule.opts["unit"] != "" {
			u, ok = m.rule.opts["unit"], true
		}
		if !ok {
			return r, false
		}
		k := rel
		if g["dir"] != "" || g["n"] != "" {
			c, ok := n.count(g["n"])
			if g["n"] == "" {
				c, ok = "1", true
			}
			if !ok {
				return r, false
			}
			sign := 1
			if d, _ := n.lex.lookup("dir", g["dir"]); d == "-" {
				sign = -1
			}
			if c == "X" {
				r.value = map[int]string{-1: "PAST_REF", 1: "FUTURE_REF"}[sign]
				return r, true
			}
			f, err := strconv.ParseFloat(c, 64)
			if err != nil {
				return r, false
			}
			k = sign * int(f)
		}
		gran = u
		if (u == "H" || u == "MIN" || u == "S") && g["dir"] != "" {
			// "an hour later": the day is not known, only the length.
			r.typ, r.value, r.gran = "DURATION", durationValue(strconv.Itoa(abs(k)), u), ""
			return r, true
		}
		if u == "WE" && g["rel"] == "" && tense == TensePast && at.Weekday() != time.Saturday && at.Weekday() != time.Sunday {
			// "over the weekend" in a past-tense weekday report.
			k = -1
		}
		base := at
		if d := foldForm(g["dir"]); (d == "later" || d == "earlier") && !a.Ref.IsZero() {
			// Counted from the last stated date, not the publication.
			base, known = a.Ref, true
		}
		if s, ok := m.rule.opts["ref"]; ok {
			k, _ = strconv.Atoi(s)
			if a.Ref.IsZero() {
				value = underspecified(u)
				break
			}
			value = refValue(shift(a.Ref, u, k), u, a.RefUnit)
			break
		}
		if _, ok := n.lex.lookup("anaphoric", g["rel"]); ok && !a.Ref.IsZero() && g["n"] == "" {
			value = refValue(shift(a.Ref, u, k), u, a.RefUnit)
			break
		}
		switch {
		case known:
			r.anchored = base.Equal(at)
			value = formatAt(shift(base, u, k), u)
		case u == "Y" && a.Year != 0:
			r.inferred = true
			value = fmt.Sprintf("%04d", a.Year+k)
		default:
			value = underspecified(u)
		}
	case g["hour"] != "" || g["clock"] != "":
		gran = "T"
		if known {
			r.anchored = true
			value = at.Format("2006-01-02")
		} else {
			value = "XXXX-XX-XX"
		}
	case podSuffix != "":
		gran = "D"
		if known {
			r.anchored = true
			value = at.Format("2006-01-02")
		} else {
			value = "XXXX-XX-XX"
		}
	default:
		return r, false
	}
	if c, ok := g["clock"]; ok {
		v, ok := n.lex.lookup("clock", c)
		if !ok || len(v) != 4 {
			return r, false
		}
		g["hour"], g["minute"] = v[:2], v[2:]
	}
	if h := g["hour"]; h != "" {
		hour, err := strconv.Atoi(h)
		if err != nil || hour > 24 {
			return r, false
		}
		ampm := strings.ToLower(strings.ReplaceAll(g["ampm"], ".", ""))
		if ampm == "" && g["pod"] != "" {
			// "4 in the morning"
			ampm = map[string]string{"morning": "am", "afternoon": "pm", "evening": "pm"}[foldForm(g["pod"])]
		}
		switch {
		case ampm == "pm" && hour < 12:
			hour += 12
		case ampm == "am" && hour == 12:
			hour = 0
		}
		mi := g["minute"]
		if mi == "" {
			mi = "00"
		}
		value += fmt.Sprintf("T%02d:%s", hour, mi)
		gran = "T"
		if r.typ == "DATE" {
			r.typ = "TIME"
		}
	} else if podSuffix != "" && (gran == "D" || gran == "") {
		value += podSuffix
		gran = "T"
		if r.typ == "DATE" {
			r.typ = "TIME"
		}
	}
	r.value = value
	if r.gran == "" {
		r.gran = granName[gran]
	}
	return r, value != ""
}

// parseYear reads a four-digit year or a two-digit one ('98, 98).
func parseYear(s string) int {
	s = strings.TrimLeft(s, "'’")
	y, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	if len(s) == 2 {
		if y < 50 {
			return 2000 + y
		}
		return 1900 + y
	}
	return y
}

// weekday finds ISO weekday d (1 = Monday) relative to at: with last/next
// strictly before/after it, with this in its ISO week, otherwise by tense —
// the past one (the anchor day included) for past tense, the coming one
// for future, and the nearest for an unknown or present tense.
func weekday(at time.Time, d int, hasRel bool, rel int, tense Tense) time.Time {
	cur := int(at.Weekday())
	if cur == 0 {
		cur = 7
	}
	back := (cur - d + 7) % 7 // days back to the previous-or-same d
	fwd := (d - cur + 7) % 7  // days forward to the next-or-same d
	switch {
	case hasRel && rel < 0:
		if back == 0 {
			back = 7
		}
		return at.AddDate(0, 0, -back)
	case hasRel && rel > 0:
		if fwd == 0 {
			fwd = 7
		}
		return at.AddDate(0, 0, fwd)
	case hasRel:
		return at.AddDate(0, 0, d-cur)
	case tense == TenseFuture:
		return at.AddDate(0, 0, fwd)
	case tense == TensePast:
		return at.AddDate(0, 0, -back)
	case fwd < back:
		return at.AddDate(0, 0, fwd)
	}
	return at.AddDate(0, 0, -back)
}

// shift moves t by k units.
func shift(t time.Time, unit string, k int) time.Time {
	switch unit {
	case "D":
		return t.AddDate(0, 0, k)
	case "W", "WE":
		return t.AddDate(0, 0, 7*k)
	case "FN":
		return t.AddDate(0, 0, 14*k)
	case "M":
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, k, 0)
	case "Q":
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 3*k, 0)
	case "Y":
		return t.AddDate(k, 0, 0)
	case "DE":
		return t.AddDate(10*k, 0, 0)
	case "CE":
		return t.AddDate(100*k, 0, 0)
	case "H":
		return t.Add(time.Duration(k) * time.Hour)
	case "MIN":
		return t.Add(time.Duration(k) * time.Minute)
	case "S":
		return t.Add(time.Duration(k) * time.Second)
	}
	return t
}

// formatAt writes t as a TIMEX3 value at the granularity of unit.
func formatAt(t time.Time, unit string) string {
	switch unit {
	case "D":
		return t.Format("2006-01-02")
	case "W", "FN":
		y, w := t.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case "WE":
		y, w := t.ISOWeek()
		return fmt.Sprintf("%04d-W%02d-WE", y, w)
	case "M":
		return t.Format("2006-01")
	case "Q":
		return fmt.Sprintf("%04d-Q%d", t.Year(), (int(t.Month())-1)/3+1)
	case "Y":
		return t.Format("2006")
	case "DE":
		return fmt.Sprintf("%03d", t.Year()/10)
	case "CE":
		return fmt.Sprintf("%02d", t.Year()/100)
	case "H":
		return t.Format("2006-01-02T15")
	case "MIN", "S":
		return t.Format("2006-01-02T15:04")
	}
	return t.Format("2006-01-02")
}

// underspecified is the value of an expression of the given unit whose
// anchor is unknown.
func underspecified(unit string) string {
	switch unit {
	case "W", "FN":
		return "XXXX-WXX"
	case "WE":
		return "XXXX-WXX-WE"
	case "M":
		return "XXXX-XX"
	case "Q":
		return "XXXX-QX"
	case "Y":
		return "XXXX"
	case "DE":
		return "XXX"
	case "CE":
		return "XX"
	case "H", "MIN", "S":
		return "XXXX-XX-XXTXX"
	}
	return "XXXX-XX-XX"
}

// spelledYear reads a year written in words: "nineteen ninety-four" (a
// century and a count) or "two thousand and one".
func (n *Normalizer) spelledYear(s string) int {
	f := strings.Fields(strings.ToLower(strings.ReplaceAll(s, "-", " ")))
	if len(f) >= 2 && f[0] == "two" && f[1] == "thousand" {
		c, ok := n.count(strings.Join(f, " "))
		if !ok {
			return 0
		}
		y, _ := strconv.Atoi(c)
		return y
	}
	if len(f) < 2 {
		return 0
	}
	hi, ok1 := n.count(f[0])
	lo, ok2 := n.count(strings.Join(f[1:], " "))
	h, err1 := strconv.Atoi(hi)
	l, err2 := strconv.Atoi(lo)
	if !ok1 || !ok2 || err1 != nil || err2 != nil {
		return 0
	}
	return h*100 + l
}

func abs(k int) int {
	if k < 0 {
		return -k
	}
	return k
}

// refValue writes t at the granularity of unit, but no finer than what the
// reference date was known to (refUnit Y, M or D): "that day" after "in
// 2019" is 2019-XX-XX.
func refValue(t time.Time, unit, refUnit string) string {
	rank := map[string]int{"Y": 0, "M": 1, "W": 2, "D": 2}
	if rank[unit] <= rank[refUnit] || unit == "W" && refUnit == "D" {
		return formatAt(t, unit)
	}
	y := t.Format("2006")
	switch {
	case unit == "W":
		return y + "-WXX"
	case unit == "M":
		return y + "-XX"
	case refUnit == "M":
		return t.Format("2006-01") + "-XX"
	}
	return y + "-XX-XX"
}

// nearestYear picks, among y-1, y and y+1, the year that puts the months
// [first, last] nearest to month am of year y; the earlier on a tie.
func nearestYear(y, am, first, last int) int {
	best, bestD := y, 1<<30
	for _, c := range []int{y - 1, y, y + 1} {
		a := y*12 + am
		lo, hi := c*12+first, c*12+last
		d := 0
		switch {
		case a < lo:
			d = lo - a
		case a > hi:
			d = a - hi
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
