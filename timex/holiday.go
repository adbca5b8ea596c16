package timex

import (
	"strconv"
	"strings"
	"time"
)

// lookupHoliday returns the code of a named day from data/holidays.txt.
func (l *lexicon) lookupHoliday(form string) (string, bool) {
	return l.lookup("holiday", form)
}

// holidayDate returns the date of a holiday code in year y: MM-DD, MM-nWd
// (n-th ISO weekday d of the month, n=-1 the last) or E±k (days from
// Western Easter).
func holidayDate(code string, y int) time.Time {
	if rest, ok := strings.CutPrefix(code, "E"); ok {
		k, _ := strconv.Atoi(rest)
		return easter(y).AddDate(0, 0, k)
	}
	mo, _ := strconv.Atoi(code[:2])
	rest := code[3:]
	if i := strings.Index(rest, "W"); i >= 0 {
		nth, _ := strconv.Atoi(rest[:i])
		wd, k := rest[i+1:], 0
		if j := strings.IndexAny(wd, "+-"); j > 0 {
			k, _ = strconv.Atoi(wd[j:])
			wd = wd[:j]
		}
		d, _ := strconv.Atoi(wd)
		return nthWeekday(y, mo, nth, d).AddDate(0, 0, k)
	}
	d, _ := strconv.Atoi(rest)
	return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
}

// nthWeekday returns the nth ISO weekday d (1 = Monday) of month mo in
// year y; n = -1 is the last.
func nthWeekday(y, mo, nth, d int) time.Time {
	wd := time.Weekday(d % 7)
	if nth < 0 {
		last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC)
		back := (int(last.Weekday()) - int(wd) + 7) % 7
		return last.AddDate(0, 0, -back)
	}
	first := time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC)
	fwd := (int(wd) - int(first.Weekday()) + 7) % 7
	return first.AddDate(0, 0, fwd+7*(nth-1))
}

// holidayUnderspecified is the month-day part of a holiday in an unknown
// year: fixed days keep it, movable ones do not.
func holidayUnderspecified(code string) string {
	if len(code) == 5 && code[2] == '-' && !strings.HasPrefix(code, "E") {
		return code
	}
	return "XX-XX"
}

// easter computes Western Easter Sunday by the anonymous Gregorian
// algorithm (Meeus/Jones/Butcher).
func easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}
