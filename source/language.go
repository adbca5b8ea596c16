package source

import (
	"strings"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// langSample is how much of a text language identification reads: enough
// for a reliable answer, bounded so long documents cost no more.
const langSample = 2 << 10

// Language returns the ISO 639-1 code of text's language, or hint (an
// HTML lang attribute such as "en-GB", reduced to its primary subtag) when
// the text is too short or mixed to tell, or "" when neither says.
func Language(text, hint string) string {
	sample := text
	if len(sample) > langSample {
		cut := langSample
		for cut > 0 && !utf8.RuneStart(sample[cut]) {
			cut--
		}
		sample = sample[:cut]
	}
	info := whatlanggo.Detect(sample)
	if info.Lang >= 0 && info.IsReliable() {
		if code := info.Lang.Iso6391(); code != "" {
			return code
		}
	}
	hint = strings.ToLower(strings.TrimSpace(hint))
	if i := strings.IndexAny(hint, "-_"); i > 0 {
		hint = hint[:i]
	}
	if len(hint) == 2 {
		return hint
	}
	return ""
}
