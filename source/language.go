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
	if plainEnglish(sample) {
		return "en"
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

// englishMarkers are frequent English function words that no other
// language written in Latin script uses as words; in news English they are
// about one word in six.
var englishMarkers = map[string]bool{
	"the": true, "and": true, "of": true, "that": true, "with": true, "from": true,
	"have": true, "has": true, "was": true, "were": true, "which": true,
	"this": true, "would": true, "their": true, "said": true, "for": true,
}

// plainEnglish is the fast path of Language: a sample of at least 50
// words of which at least one in eight is an English marker is English,
// without running the n-gram identifier (which costs about 2 ms on a
// 2 KB sample, more than some pipeline stages spend on the document).
// Anything else, short or mixed text included, goes to the identifier.
func plainEnglish(sample string) bool {
	words, markers := 0, 0
	var buf [8]byte
	for i := 0; i < len(sample); {
		c := sample[i]
		if !isASCIILetter(c) {
			i++
			continue
		}
		j := i
		for j < len(sample) && (isASCIILetter(sample[j]) || sample[j] == '\'') {
			j++
		}
		words++
		if n := j - i; n <= len(buf) {
			for k := 0; k < n; k++ {
				buf[k] = sample[i+k] | 0x20
			}
			if englishMarkers[string(buf[:n])] {
				markers++
			}
		}
		i = j
	}
	return words >= 50 && markers*8 >= words
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
