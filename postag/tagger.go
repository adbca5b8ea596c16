// Package postag is parley's part-of-speech tagger: a greedy left-to-right
// averaged perceptron over UD English EWT that predicts the universal tag
// (UPOS) and the Penn Treebank tag (XPOS) as one joint class, with a tag
// dictionary for frequent unambiguous words (Collins 2002; feature set
// after Ratnaparkhi 1996 and Honnibal's "A good POS tagger in 200 lines").
package postag

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parley-news/parley/perceptron"
	"github.com/parley-news/parley/wordcluster"
)

// Tagger assigns UPOS and XPOS tags to tokenised sentences. It is safe for
// concurrent use.
type Tagger struct {
	// classes are the joint tags, "UPOS XPOS".
	classes []string
	upos    []string
	xpos    []string
	// dict maps frequent unambiguous forms straight to their class.
	dict map[string]int
	// allowed maps a frequent lowercase word to the only classes it may
	// take: those it bore in training (a closed tag dictionary for
	// well-attested words, after Ratnaparkhi 1996).
	allowed map[string][]bool
	// amb maps a lowercase word to its ambiguity class: the hash of the
	// set of UPOS tags it bore in training.
	amb     map[string]uint64
	ambText map[string]string
	model   *perceptron.Model
	words   *wordcluster.Table
	// forms caches what is derived from a form alone (cache.go); it
	// belongs to one model.
	cacheMu sync.Mutex
	forms   formCache
}

// NumClasses returns the number of joint tags.
func (t *Tagger) NumClasses() int { return len(t.classes) }

// UPOS returns the universal tag of class c.
func (t *Tagger) UPOS(c int) string { return t.upos[c] }

// XPOS returns the Penn Treebank tag of class c.
func (t *Tagger) XPOS(c int) string { return t.xpos[c] }

// Tag returns the UPOS and XPOS tags of a sentence's tokens.
func (t *Tagger) Tag(forms []string) (upos, xpos []string) {
	cls := t.TagClasses(forms, nil)
	upos = make([]string, len(cls))
	xpos = make([]string, len(cls))
	for i, c := range cls {
		upos[i], xpos[i] = t.upos[c], t.xpos[c]
	}
	return upos, xpos
}

// TagClasses appends the joint class of each token of forms to out.
func (t *Tagger) TagClasses(forms []string, out []int) []int {
	st := t.prepare(forms)
	ents := t.entries(st.forms, nil)
	for i, e := range ents {
		st.words[i+2] = e.w
	}
	scores := make([]float32, len(t.classes))
	sums := t.model.NewSums()
	for i, e := range ents {
		c := e.class
		if c < 0 {
			// The form's own templates come summed from the cache.
			copy(sums, e.static)
			st.feats = t.contextFeatures(st, i, st.feats[:0])
			t.model.Add(st.feats, sums)
			clear(scores)
			t.model.Scores(sums, scores)
			c = perceptron.Best(scores, t.allowed[e.w.lowerStr])
		}
		st.tags[i+2] = c + 1
	}
	for i := range forms {
		out = append(out, st.tags[i+2]-1)
	}
	return out
}

// state is the per-sentence working memory of the tagger.
type state struct {
	forms []string
	words []word // padded: two start words, the sentence, two end words
	tags  []int  // padded like words; 0 is "no tag", class+1 otherwise
	feats []uint32
}

// titleCase reports whether a sentence looks like a title-case headline:
// most of its longer words are capitalised.
func titleCase(forms []string) bool {
	long, capped := 0, 0
	for _, f := range forms {
		if utf8.RuneCountInString(f) < 4 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsLetter(r) {
			continue
		}
		long++
		if unicode.IsUpper(r) {
			capped++
		}
	}
	return long >= 3 && capped*5 >= long*4
}

// trueCase lowercases the capitalised words of a title-case sentence that
// the unlabeled news corpus shows in lowercase mid-sentence (under half of
// the time capitalised), so that "Witkoff Believes the Meeting Will Be
// Productive" is tagged like running text. The first word is left alone,
// as it is capitalised in any sentence.
func (t *Tagger) trueCase(forms []string) {
	if t.words == nil || !titleCase(forms) {
		return
	}
	for i := 1; i < len(forms); i++ {
		lower := strings.ToLower(forms[i])
		if lower == forms[i] || forms[i] != upperFirst(lower) {
			continue // not in title case, or all capitals (CNN)
		}
		if r, ok := t.words.CapRatio(lower); ok && r < 50 {
			forms[i] = lower
		}
	}
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func (t *Tagger) newState(forms []string) *state {
	st := t.prepare(forms)
	for i, f := range st.forms {
		st.words[i+2] = t.makeWord(f)
	}
	return st
}

// prepare returns the state of a sentence with its forms normalised and
// true-cased, but without its words.
func (t *Tagger) prepare(forms []string) *state {
	st := &state{
		forms: make([]string, len(forms)),
		words: make([]word, len(forms)+4),
		tags:  make([]int, len(forms)+4),
		feats: make([]uint32, 0, 48),
	}
	st.words[0], st.words[1] = startWord, startWord
	st.words[len(forms)+2], st.words[len(forms)+3] = endWord, endWord
	for i, f := range forms {
		st.forms[i] = Normalize(f)
	}
	t.trueCase(st.forms)
	return st
}

func (t *Tagger) makeWord(form string) word {
	lower := Lower(form)
	w := word{
		form:     perceptron.Hash(form),
		lower:    perceptron.Hash(lower),
		shape:    shapeHash(form),
		lowerStr: lower,
	}
	w.pre, w.suf = affixes(lower)
	if a, ok := t.amb[lower]; ok {
		w.amb = a
	}
	if t.words != nil {
		cl := ClusterOf(t.words, form)
		for k := range min(len(cl), len(w.cl)) {
			w.cl[k] = uint64(cl[k]) + 1
		}
		w.caps = capBucket(t.words, lower)
	}
	return w
}

// formFeatures appends the hashes of the templates that read only the
// word itself: those features() gives every token of the same form.
func formFeatures(w *word, f []uint32) []uint32 {
	f = append(f,
		perceptron.Mix0(fBias),
		perceptron.Mix1(fLower, w.lower),
		perceptron.Mix1(fForm, w.form),
		perceptron.Mix1(fShape, w.shape),
		perceptron.Mix1(fAmb, w.amb),
		perceptron.Mix2(fAmbLower, w.amb, w.lower),
	)
	for k := range 4 {
		f = append(f, perceptron.Mix2(fPre, uint64(k), w.pre[k]), perceptron.Mix2(fSuf, uint64(k), w.suf[k]), perceptron.Mix2(fCluster, uint64(k), w.cl[k]))
	}
	return append(f, perceptron.Mix1(fCaps, w.caps))
}

// contextFeatures appends the hashes of the other templates, those that
// read the token's neighbours, the tags to its left or its position.
func (t *Tagger) contextFeatures(st *state, i int, f []uint32) []uint32 {
	p := i + 2
	w, m1, m2, p1, p2 := &st.words[p], &st.words[p-1], &st.words[p-2], &st.words[p+1], &st.words[p+2]
	t1, t2 := uint64(st.tags[p-1]), uint64(st.tags[p-2])
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	return append(f,
		perceptron.Mix2(fFirstCap, first, w.shape),
		perceptron.Mix1(fLowerM1, m1.lower),
		perceptron.Mix1(fLowerM2, m2.lower),
		perceptron.Mix1(fLowerP1, p1.lower),
		perceptron.Mix1(fLowerP2, p2.lower),
		perceptron.Mix1(fSuf3M1, m1.suf[2]),
		perceptron.Mix1(fSuf3P1, p1.suf[2]),
		perceptron.Mix1(fTagM1, t1),
		perceptron.Mix1(fTagM2, t2),
		perceptron.Mix2(fTagM1M2, t1, t2),
		perceptron.Mix2(fTagM1Lower, t1, w.lower),
		perceptron.Mix2(fLowerM1Lower, m1.lower, w.lower),
		perceptron.Mix2(fLowerLowerP1, w.lower, p1.lower),
		perceptron.Mix1(fAmbP1, p1.amb),
		perceptron.Mix1(fAmbP2, p2.amb),
		perceptron.Mix2(fAmbAmbP1, w.amb, p1.amb),
		perceptron.Mix2(fTagM1AmbP1, t1, p1.amb),
		perceptron.Mix1(fShapeP1, p1.shape),
		perceptron.Mix1(fShapeM1, m1.shape),
		perceptron.Mix2(fTagM1Suf3, t1, w.suf[2]),
		perceptron.Mix1(fClusterM1, m1.cl[1]),
		perceptron.Mix2(fClusterM1, 3, m1.cl[3]),
		perceptron.Mix1(fClusterP1, p1.cl[1]),
		perceptron.Mix2(fClusterP1, 3, p1.cl[3]),
		perceptron.Mix1(fClusterP2, p2.cl[1]),
		perceptron.Mix2(fTagM1Cluster, t1, w.cl[2]),
		perceptron.Mix3(fCapsShapeFirst, w.caps, w.shape, first),
		perceptron.Mix2(fLowerAmbP1, w.lower, p1.amb),
		perceptron.Mix2(fLowerSuf2P1, w.lower, p1.suf[1]),
	)
}

// features appends the feature hashes for token i (0-based, unpadded),
// reading the tags already assigned to its left. Their order does not
// matter: training sums integer weights.
func (t *Tagger) features(st *state, i int, f []uint32) []uint32 {
	return t.contextFeatures(st, i, formFeatures(&st.words[i+2], f))
}

const fileMagic = "PARLEY-POS2"

// Save writes the tagger as a gzip stream.
func (t *Tagger) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	e := perceptron.NewEncoder(zw)
	e.String(fileMagic)
	e.Strings(t.classes)
	forms := make([]string, 0, len(t.dict))
	for f := range t.dict {
		forms = append(forms, f)
	}
	slices.Sort(forms)
	e.Uint(uint64(len(forms)))
	for _, f := range forms {
		e.String(f)
		e.Uint(uint64(t.dict[f]))
	}
	low := make([]string, 0, len(t.allowed))
	for w := range t.allowed {
		low = append(low, w)
	}
	slices.Sort(low)
	e.Uint(uint64(len(low)))
	for _, w := range low {
		e.String(w)
		var cls []uint64
		for c, ok := range t.allowed[w] {
			if ok {
				cls = append(cls, uint64(c))
			}
		}
		e.Uint(uint64(len(cls)))
		for _, c := range cls {
			e.Uint(c)
		}
	}
	words := make([]string, 0, len(t.ambText))
	for f := range t.ambText {
		words = append(words, f)
	}
	slices.Sort(words)
	e.Uint(uint64(len(words)))
	for _, f := range words {
		e.String(f)
		e.String(t.ambText[f])
	}
	if err := e.Model(t.model); err != nil {
		return fmt.Errorf("postag: save: %w", err)
	}
	if err := e.Flush(); err != nil {
		return fmt.Errorf("postag: save: %w", err)
	}
	return zw.Close()
}

// ErrFormat reports a file that is not a tagger model.
var ErrFormat = errors.New("postag: not a tagger model")

// Load reads a tagger written by Save.
func Load(r io.Reader) (*Tagger, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("postag: load: %w", err)
	}
	d := perceptron.NewDecoder(zr)
	if d.String() != fileMagic {
		return nil, ErrFormat
	}
	t := &Tagger{classes: d.Strings(1 << 12), dict: map[string]int{}, amb: map[string]uint64{}, ambText: map[string]string{}}
	for range d.Uint() {
		f, c := d.String(), d.Uint()
		if d.Err() != nil {
			break
		}
		if c >= uint64(len(t.classes)) {
			return nil, fmt.Errorf("postag: load: class %d out of range", c)
		}
		t.dict[f] = int(c)
	}
	t.allowed = map[string][]bool{}
	for range d.Uint() {
		w := d.String()
		mask := make([]bool, len(t.classes))
		for range d.Uint() {
			c := d.Uint()
			if c >= uint64(len(mask)) {
				return nil, fmt.Errorf("postag: load: class %d out of range", c)
			}
			mask[c] = true
		}
		if d.Err() != nil {
			break
		}
		t.allowed[w] = mask
	}
	for range d.Uint() {
		f, a := d.String(), d.String()
		if d.Err() != nil {
			break
		}
		t.ambText[f] = a
		t.amb[f] = perceptron.Hash(a)
	}
	t.model = d.Model()
	if t.words, err = Clusters(); err != nil {
		return nil, err
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("postag: load: %w", err)
	}
	if t.model.NClasses != len(t.classes) {
		return nil, fmt.Errorf("postag: load: model has %d classes, tag list %d", t.model.NClasses, len(t.classes))
	}
	t.model.Densify()
	t.splitClasses()
	return t, nil
}

func (t *Tagger) splitClasses() {
	t.upos = make([]string, len(t.classes))
	t.xpos = make([]string, len(t.classes))
	for i, c := range t.classes {
		u, x, _ := strings.Cut(c, " ")
		t.upos[i], t.xpos[i] = u, x
	}
}
