// Package depparse is parley's dependency parser: a greedy arc-eager
// transition parser with an averaged perceptron over the rich feature
// templates of Zhang & Nivre (2011), trained with the dynamic oracle and
// error exploration of Goldberg & Nivre (2012) on UD English EWT, reading
// the tags of parley's own tagger.
package depparse

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/parley-news/parley/formcache"
	"github.com/parley-news/parley/perceptron"
	"github.com/parley-news/parley/postag"
	"github.com/parley-news/parley/wordcluster"
)

// Parser assigns heads and relations. It is safe for concurrent use.
type Parser struct {
	labels    []string
	rootLabel int
	fallback  int
	model     *perceptron.Model
	// labeler, when set, makes the parser two-stage: model chooses among
	// the four transition kinds and labeler names the relation of each
	// arc, which scores far fewer weights than one model over every
	// labelled transition.
	labeler *perceptron.Model
	words   *wordcluster.Table
	// forms caches the atoms of the forms seen lately.
	forms *formcache.Cache[atoms]
}

// Transition kinds of the two-stage parser.
const (
	kindShift = iota
	kindReduce
	kindLeft
	kindRight
	numKinds
)

// kindOf returns the kind of a labelled transition.
func kindOf(t, nLabels int) int {
	switch {
	case t == shift:
		return kindShift
	case t == reduce:
		return kindReduce
	case t < firstArc+nLabels:
		return kindLeft
	default:
		return kindRight
	}
}

// arcOf returns the head and dependent of an arc transition kind.
func arcOf(c *config, kind int) (h, d int) {
	if kind == kindLeft {
		return c.b, c.s0()
	}
	return c.s0(), c.b
}

// Labels returns the relation labels the parser predicts.
func (p *Parser) Labels() []string { return slices.Clone(p.labels) }

func newParser(labels []string) (*Parser, error) {
	p := &Parser{labels: labels, rootLabel: -1, fallback: -1, forms: formcache.New[atoms](1 << 14)}
	for i, l := range labels {
		switch l {
		case "root":
			p.rootLabel = i
		case "dep":
			p.fallback = i
		}
	}
	if p.rootLabel < 0 {
		return nil, fmt.Errorf("depparse: no root label among %d labels", len(labels))
	}
	if len(labels) > 64 {
		return nil, fmt.Errorf("depparse: %d labels, at most 64", len(labels))
	}
	if p.fallback < 0 {
		p.fallback = p.rootLabel
	}
	var err error
	if p.words, err = postag.Clusters(); err != nil {
		return nil, err
	}
	return p, nil
}

// nClasses is the number of labelled transitions.
func (p *Parser) nClasses() int { return firstArc + 2*len(p.labels) }

// tagAtom combines a token's two tags into one atom.
func tagAtom(upos, xpos string) uint64 {
	return perceptron.Hash(upos)*0x100000001B3 ^ perceptron.Hash(xpos)
}

// atoms is what the parser reads of a word form: its lowercased hash and
// its word classes (class+1, 0 unknown) at the 128, 512 and 2048
// granularities of the table's 32, 128, 512, 2048.
type atoms struct {
	w uint64
	c [3]uint64
}

func formAtoms(f string, words *wordcluster.Table) atoms {
	f = postag.Normalize(f)
	a := atoms{w: perceptron.Hash(postag.Lower(f))}
	if words != nil {
		if cl := postag.ClusterOf(words, f); len(cl) >= 4 {
			a.c = [3]uint64{uint64(cl[1]) + 1, uint64(cl[2]) + 1, uint64(cl[3]) + 1}
		}
	}
	return a
}

func makeSentence(forms, upos, xpos []string, words *wordcluster.Table) *sentence {
	as := make([]atoms, len(forms))
	for i, f := range forms {
		as[i] = formAtoms(f, words)
	}
	return newSentence(as, upos, xpos)
}

func newSentence(as []atoms, upos, xpos []string) *sentence {
	s := &sentence{w: make([]uint64, len(as)+1), p: make([]uint64, len(as)+1), c: make([][3]uint64, len(as)+1)}
	s.w[0], s.p[0] = hRootW, hRootP
	s.c[0] = [3]uint64{hRootW, hRootW, hRootW}
	for i, a := range as {
		s.w[i+1], s.c[i+1] = a.w, a.c
		s.p[i+1] = tagAtom(upos[i], xpos[i])
	}
	return s
}

// Parse returns the head of each word (1-based, 0 for the root) and its
// relation. upos and xpos are the words' tags, as from postag.
func (p *Parser) Parse(forms, upos, xpos []string) (heads []int, deprels []string) {
	if len(forms) == 0 {
		return nil, nil
	}
	as := p.forms.Get(forms, make([]atoms, 0, len(forms)), func(f string) atoms { return formAtoms(f, p.words) })
	c := p.parse(newSentence(as, upos, xpos))
	heads = make([]int, len(forms))
	deprels = make([]string, len(forms))
	for i := range forms {
		heads[i] = c.heads[i+1]
		deprels[i] = p.labels[c.labels[i+1]]
	}
	return heads, deprels
}

func (p *Parser) parse(s *sentence) *config {
	if p.labeler != nil {
		return p.parseTwoStage(s)
	}
	n := len(s.w) - 1
	c := newConfig(n)
	nc, nL := p.nClasses(), len(p.labels)
	ok := make([]bool, nc)
	scores := make([]float32, nc)
	feats := make([]uint32, 0, numTemplates)
	rest := make([]uint32, 0, numTemplates)
	buf := make([]uint32, 0, numTemplates)
	// The buffer templates read only the front of the buffer, which a
	// left arc or a reduce leaves in place: their sums are kept until it
	// moves, saving about a sixth of the lookups of those transitions.
	bufSums, sums := p.model.NewSums(), p.model.NewSums()
	sumsAt := -1
	rest = rest[:len(restTemplates)]
	buf = buf[:len(bufferTemplates)]
	for !c.terminal() {
		c.legal(ok, len(p.labels), p.rootLabel)
		feats = features(c, s, feats[:0])
		for j, i := range restTemplates {
			rest[j] = feats[i]
		}
		if c.b != sumsAt {
			for j, i := range bufferTemplates {
				buf[j] = feats[i]
			}
			clear(bufSums)
			p.model.Add(buf, bufSums)
			sumsAt = c.b
		}
		copy(sums, bufSums)
		if leftLegal(ok, nL) {
			p.model.Add(rest, sums)
		} else {
			// Half the time no left arc is legal: the rows' left-arc
			// weights, set aside at loading, need not be read.
			p.model.AddExcept(rest, sums)
		}
		clear(scores)
		p.model.Scores(sums, scores)
		c.apply(perceptron.Best(scores, ok), len(p.labels))
	}
	c.finish(p.rootLabel, p.fallback)
	return c
}

func (p *Parser) parseTwoStage(s *sentence) *config {
	n := len(s.w) - 1
	c := newConfig(n)
	nL := len(p.labels)
	ok := make([]bool, p.nClasses())
	okKind := make([]bool, numKinds)
	okLabel := make([]bool, nL)
	scores := make([]float32, numKinds)
	lscores := make([]float32, nL)
	feats := make([]uint32, 0, 128)
	for !c.terminal() {
		c.legal(ok, nL, p.rootLabel)
		kindsAllowed(ok, okKind, nL)
		feats = features(c, s, feats[:0])
		clear(scores)
		p.model.Score(feats, scores)
		kind := perceptron.Best(scores, okKind)
		c.apply(p.labelArc(c, s, kind, ok, okLabel, lscores, feats[:0]), nL)
	}
	c.finish(p.rootLabel, p.fallback)
	return c
}

// leftLegal reports whether ok allows a left arc with some label.
func leftLegal(ok []bool, nLabels int) bool {
	return slices.Contains(ok[firstArc:firstArc+nLabels], true)
}

// kindsAllowed marks the kinds with at least one legal transition.
func kindsAllowed(ok, okKind []bool, nLabels int) {
	clear(okKind)
	for t, y := range ok {
		if y {
			okKind[kindOf(t, nLabels)] = true
		}
	}
}

// labelArc turns a transition kind into a labelled transition, asking the
// relation classifier for arcs.
func (p *Parser) labelArc(c *config, s *sentence, kind int, ok, okLabel []bool, lscores []float32, buf []uint32) int {
	nL := len(p.labels)
	switch kind {
	case kindShift:
		return shift
	case kindReduce:
		return reduce
	}
	base := firstArc
	if kind == kindRight {
		base += nL
	}
	copy(okLabel, ok[base:base+nL])
	h, d := arcOf(c, kind)
	buf = labelFeatures(c, s, h, d, buf)
	clear(lscores)
	p.labeler.Score(buf, lscores)
	return base + perceptron.Best(lscores, okLabel)
}

// File magics: version 2 adds the two-stage flag and relation model.
const (
	fileMagic   = "PARLEY-DEP2"
	fileMagicV1 = "PARLEY-DEP1"
)

// Save writes the parser as a gzip stream.
func (p *Parser) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	e := perceptron.NewEncoder(zw)
	e.String(fileMagic)
	e.Strings(p.labels)
	twoStage := uint64(0)
	if p.labeler != nil {
		twoStage = 1
	}
	e.Uint(twoStage)
	if err := e.Model(p.model); err != nil {
		return fmt.Errorf("depparse: save: %w", err)
	}
	if p.labeler != nil {
		if err := e.Model(p.labeler); err != nil {
			return fmt.Errorf("depparse: save: %w", err)
		}
	}
	if err := e.Flush(); err != nil {
		return fmt.Errorf("depparse: save: %w", err)
	}
	return zw.Close()
}

// ErrFormat reports a file that is not a parser model.
var ErrFormat = errors.New("depparse: not a parser model")

// Load reads a parser written by Save.
func Load(r io.Reader) (*Parser, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("depparse: load: %w", err)
	}
	d := perceptron.NewDecoder(zr)
	magic := d.String()
	if magic != fileMagic && magic != fileMagicV1 {
		return nil, ErrFormat
	}
	labels := d.Strings(64)
	twoStage := magic == fileMagic && d.Uint() == 1
	m := d.Model()
	var lm *perceptron.Model
	if twoStage {
		lm = d.Model()
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("depparse: load: %w", err)
	}
	p, err := newParser(labels)
	if err != nil {
		return nil, err
	}
	want := p.nClasses()
	if twoStage {
		want = numKinds
		if lm.NClasses != len(labels) {
			return nil, fmt.Errorf("depparse: load: relation model has %d classes, want %d", lm.NClasses, len(labels))
		}
	}
	if m.NClasses != want {
		return nil, fmt.Errorf("depparse: load: model has %d classes, want %d", m.NClasses, want)
	}
	p.model, p.labeler = m, lm
	if !twoStage {
		p.model.SplitRows(firstArc, firstArc+len(labels))
	}
	p.model.Densify()
	return p, nil
}

// Prune drops the weights smaller than minAbs in absolute value, trading
// a little accuracy for a smaller model.
func (p *Parser) Prune(minAbs, quantum float32) {
	p.model = p.model.Prune(minAbs)
	p.model.Quantum = quantum
	if p.labeler != nil {
		p.labeler = p.labeler.Prune(minAbs)
		p.labeler.Quantum = quantum
	}
}

// Size returns the number of features and of weights in the model.
func (p *Parser) Size() (features, weights int) {
	features, weights = p.model.Len(), p.model.Weights()
	if p.labeler != nil {
		features += p.labeler.Len()
		weights += p.labeler.Weights()
	}
	return features, weights
}
