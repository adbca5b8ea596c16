package depparse

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/parley-news/parley/conllu"
	"github.com/parley-news/parley/perceptron"
	"github.com/parley-news/parley/postag"
)

// TrainOptions controls Train.
type TrainOptions struct {
	// Iterations is the number of passes over the training data.
	Iterations int
	// Seed fixes the shuffling and the exploration choices.
	Seed uint64
	// ExploreFrom is the first pass that follows the model's own
	// (possibly wrong) transitions, with probability ExploreProb.
	ExploreFrom int
	ExploreProb float64
	// Dev, when set, is parsed after every pass (with the tags it holds)
	// and the best pass is kept.
	Dev []*conllu.Sentence
	// Log receives progress lines; nil discards them.
	Log io.Writer
	// Context, when set, stops training between passes once it is done.
	Context context.Context
	// MinWeight drops averaged weights smaller than this in absolute value.
	MinWeight float64
	// TwoStage trains a transition-kind classifier and a separate
	// relation classifier instead of one classifier over labelled
	// transitions: it scores several times fewer weights per step.
	TwoStage bool
}

// Train learns a parser from sentences whose UPOS and XPOS columns hold
// the tags the parser will see at run time (see Jackknife). Non-projective
// trees are skipped: the arc-eager system cannot build them.
func Train(train []*conllu.Sentence, opt TrainOptions) (*Parser, error) {
	if opt.Iterations <= 0 {
		opt.Iterations = 15
	}
	if opt.ExploreFrom <= 0 {
		opt.ExploreFrom = 2
	}
	if opt.ExploreProb == 0 {
		opt.ExploreProb = 0.9
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	labelSet := map[string]bool{}
	for _, s := range train {
		for _, w := range s.Words {
			labelSet[w.Deprel] = true
		}
	}
	labels := make([]string, 0, len(labelSet))
	for l := range labelSet {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	p, err := newParser(labels)
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	for i, l := range labels {
		index[l] = i
	}
	var exs []example
	skipped := 0
	for _, s := range train {
		n := len(s.Words)
		gh, gl := make([]int, n+1), make([]int, n+1)
		gh[0], gl[0] = none, none
		for i, w := range s.Words {
			gh[i+1], gl[i+1] = w.Head, index[w.Deprel]
		}
		if !projective(gh) || !singleRoot(gh) {
			skipped++
			continue
		}
		forms, upos, xpos := columns(s)
		exs = append(exs, example{makeSentence(forms, upos, xpos, p.words), gh, gl})
	}
	fmt.Fprintf(opt.Log, "dep: %d training sentences, %d non-projective skipped, %d labels\n", len(exs), skipped, len(labels))

	if opt.TwoStage {
		return trainTwoStage(p, exs, opt)
	}
	nc := p.nClasses()
	tr := perceptron.NewTrainer(nc)
	rng := rand.New(rand.NewPCG(opt.Seed, 0xde9))
	ok := make([]bool, nc)
	cost := make([]int, nc)
	scores := make([]float32, nc)
	feats := make([]uint32, 0, 96)
	var best *perceptron.Model
	bestLAS := -1.0
	for it := 1; it <= opt.Iterations; it++ {
		if err := ctxErr(opt.Context); err != nil {
			return nil, err
		}
		start := time.Now()
		rng.Shuffle(len(exs), func(i, j int) { exs[i], exs[j] = exs[j], exs[i] })
		steps, errs := 0, 0
		explore := it >= opt.ExploreFrom
		for _, ex := range exs {
			c := newConfig(len(ex.gh) - 1)
			for !c.terminal() {
				c.legal(ok, len(labels), p.rootLabel)
				feats = features(c, ex.sent, feats[:0])
				clear(scores)
				tr.Score(feats, scores)
				pred := perceptron.Best(scores, ok)
				c.costs(ok, cost, ex.gh, ex.gl, len(labels))
				gold, minCost := -1, math.MaxInt
				for t := range nc {
					if ok[t] && cost[t] < minCost {
						minCost = cost[t]
					}
				}
				var bs float32
				for t := range nc {
					if ok[t] && cost[t] == minCost && (gold < 0 || scores[t] > bs) {
						gold, bs = t, scores[t]
					}
				}
				tr.Tick()
				steps++
				next := pred
				if cost[pred] > minCost {
					errs++
					tr.Update(feats, gold, pred)
					if !explore || rng.Float64() >= opt.ExploreProb {
						next = gold
					}
				}
				c.apply(next, len(labels))
			}
		}
		line := fmt.Sprintf("dep: iteration %d: %d transitions, %.2f%% wrong", it, steps, 100*float64(errs)/float64(max(steps, 1)))
		if len(opt.Dev) > 0 || it == opt.Iterations {
			p.model = tr.Average(opt.MinWeight)
		}
		if len(opt.Dev) > 0 {
			sc := Evaluate(p, opt.Dev, nil)
			line += fmt.Sprintf(", dev UAS %.2f%% LAS %.2f%%", sc.UASPct(), sc.LASPct())
			if sc.LASPct() > bestLAS {
				bestLAS, best = sc.LASPct(), p.model
			}
		} else {
			best = p.model
		}
		fmt.Fprintf(opt.Log, "%s (%s)\n", line, time.Since(start).Round(time.Millisecond))
	}
	p.model = best
	return p, nil
}

// example is a training sentence with its gold tree.
type example struct {
	sent   *sentence
	gh, gl []int
}

// trainTwoStage trains the transition-kind and relation classifiers. The
// kind classifier learns from the dynamic oracle, a kind costing what its
// best-labelled transition costs; the relation classifier learns from
// every arc the parser builds that is in the gold tree.
func trainTwoStage(p *Parser, exs []example, opt TrainOptions) (*Parser, error) {
	nL := len(p.labels)
	nc := p.nClasses()
	tr := perceptron.NewTrainer(numKinds)
	lt := perceptron.NewTrainer(nL)
	rng := rand.New(rand.NewPCG(opt.Seed, 0xde9))
	ok := make([]bool, nc)
	okKind := make([]bool, numKinds)
	okLabel := make([]bool, nL)
	cost := make([]int, nc)
	kcost := make([]int, numKinds)
	scores := make([]float32, numKinds)
	lscores := make([]float32, nL)
	feats := make([]uint32, 0, 128)
	lfeats := make([]uint32, 0, 64)
	var best, bestL *perceptron.Model
	bestLAS := -1.0
	for it := 1; it <= opt.Iterations; it++ {
		if err := ctxErr(opt.Context); err != nil {
			return nil, err
		}
		start := time.Now()
		rng.Shuffle(len(exs), func(i, j int) { exs[i], exs[j] = exs[j], exs[i] })
		steps, errs, arcs, lerrs := 0, 0, 0, 0
		explore := it >= opt.ExploreFrom
		for _, ex := range exs {
			c := newConfig(len(ex.gh) - 1)
			for !c.terminal() {
				c.legal(ok, nL, p.rootLabel)
				kindsAllowed(ok, okKind, nL)
				c.costs(ok, cost, ex.gh, ex.gl, nL)
				for k := range kcost {
					kcost[k] = math.MaxInt
				}
				for t := range nc {
					if ok[t] {
						k := kindOf(t, nL)
						kcost[k] = min(kcost[k], cost[t])
					}
				}
				feats = features(c, ex.sent, feats[:0])
				clear(scores)
				tr.Score(feats, scores)
				pred := perceptron.Best(scores, okKind)
				minCost := math.MaxInt
				for k := range numKinds {
					if okKind[k] {
						minCost = min(minCost, kcost[k])
					}
				}
				gold := -1
				var bs float32
				for k := range numKinds {
					if okKind[k] && kcost[k] == minCost && (gold < 0 || scores[k] > bs) {
						gold, bs = k, scores[k]
					}
				}
				tr.Tick()
				steps++
				next := pred
				followPred := true
				if kcost[pred] > minCost {
					errs++
					tr.Update(feats, gold, pred)
					if !explore || rng.Float64() >= opt.ExploreProb {
						next, followPred = gold, false
					}
				}
				t := shift
				switch next {
				case kindReduce:
					t = reduce
				case kindLeft, kindRight:
					base := firstArc
					if next == kindRight {
						base += nL
					}
					copy(okLabel, ok[base:base+nL])
					h, d := arcOf(c, next)
					lfeats = labelFeatures(c, ex.sent, h, d, lfeats[:0])
					clear(lscores)
					lt.Score(lfeats, lscores)
					pl := perceptron.Best(lscores, okLabel)
					l := pl
					if ex.gh[d] == h && okLabel[ex.gl[d]] {
						arcs++
						lt.Tick()
						if pl != ex.gl[d] {
							lerrs++
							lt.Update(lfeats, ex.gl[d], pl)
						}
						if !followPred || !explore {
							l = ex.gl[d]
						}
					}
					t = base + l
				}
				c.apply(t, nL)
			}
		}
		line := fmt.Sprintf("dep: iteration %d: %d transitions, %.2f%% wrong kinds, %.2f%% wrong relations", it, steps,
			100*float64(errs)/float64(max(steps, 1)), 100*float64(lerrs)/float64(max(arcs, 1)))
		if len(opt.Dev) > 0 || it == opt.Iterations {
			p.model, p.labeler = tr.Average(opt.MinWeight), lt.Average(opt.MinWeight)
		}
		if len(opt.Dev) > 0 {
			sc := Evaluate(p, opt.Dev, nil)
			line += fmt.Sprintf(", dev UAS %.2f%% LAS %.2f%%", sc.UASPct(), sc.LASPct())
			if sc.LASPct() > bestLAS {
				bestLAS, best, bestL = sc.LASPct(), p.model, p.labeler
			}
		} else {
			best, bestL = p.model, p.labeler
		}
		fmt.Fprintf(opt.Log, "%s (%s)\n", line, time.Since(start).Round(time.Millisecond))
	}
	p.model, p.labeler = best, bestL
	return p, nil
}

func singleRoot(gh []int) bool {
	n := 0
	for _, h := range gh[1:] {
		if h == 0 {
			n++
		}
	}
	return n == 1
}

func columns(s *conllu.Sentence) (forms, upos, xpos []string) {
	forms = make([]string, len(s.Words))
	upos = make([]string, len(s.Words))
	xpos = make([]string, len(s.Words))
	for i, w := range s.Words {
		forms[i], upos[i], xpos[i] = w.Form, w.UPOS, w.XPOS
	}
	return forms, upos, xpos
}

// Jackknife returns copies of sents whose UPOS and XPOS hold the tags of
// a tagger trained without them: the sentences are split into folds and
// each fold is tagged by a tagger trained on the others, so that the
// parser learns from tags as noisy as those it will see.
func Jackknife(sents []*conllu.Sentence, folds int, opt postag.TrainOptions) ([]*conllu.Sentence, error) {
	out := make([]*conllu.Sentence, len(sents))
	for i, s := range sents {
		c := *s
		c.Words = slices.Clone(s.Words)
		out[i] = &c
	}
	for k := range folds {
		if err := ctxErr(opt.Context); err != nil {
			return nil, err
		}
		var rest []*conllu.Sentence
		for i, s := range sents {
			if i%folds != k {
				rest = append(rest, s)
			}
		}
		t, err := postag.Train(rest, opt)
		if err != nil {
			return nil, err
		}
		for i := k; i < len(out); i += folds {
			upos, xpos := t.Tag(out[i].Forms())
			for j := range out[i].Words {
				out[i].Words[j].UPOS, out[i].Words[j].XPOS = upos[j], xpos[j]
			}
		}
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "dep: jackknife fold %d/%d tagged\n", k+1, folds)
		}
	}
	return out, nil
}

// Retag returns copies of sents with the tagger's UPOS and XPOS.
func Retag(t *postag.Tagger, sents []*conllu.Sentence) []*conllu.Sentence {
	out := make([]*conllu.Sentence, len(sents))
	for i, s := range sents {
		c := *s
		c.Words = slices.Clone(s.Words)
		upos, xpos := t.Tag(c.Forms())
		for j := range c.Words {
			c.Words[j].UPOS, c.Words[j].XPOS = upos[j], xpos[j]
		}
		out[i] = &c
	}
	return out
}

// Scores counts attachment agreement under the CoNLL 2018 shared task
// definitions: every word counts, punctuation included; LAS compares the
// relation without its subtype (the part after ':').
type Scores struct {
	Words, UAS, LAS int
	// Exact counts sentences whose labelled tree is right in full.
	Sentences, Exact int
}

// UASPct is the unlabelled attachment score in percent.
func (s Scores) UASPct() float64 { return pct(s.UAS, s.Words) }

// LASPct is the labelled attachment score in percent.
func (s Scores) LASPct() float64 { return pct(s.LAS, s.Words) }

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// UniversalRelation strips the language-specific subtype: "nmod:poss" →
// "nmod".
func UniversalRelation(r string) string {
	u, _, _ := strings.Cut(r, ":")
	return u
}

// Evaluate parses the gold sentences and counts agreement. With a tagger
// the words are tagged first; without one the parser reads the UPOS and
// XPOS columns of gold as they are.
func Evaluate(p *Parser, gold []*conllu.Sentence, t *postag.Tagger) Scores {
	var sc Scores
	for _, s := range gold {
		forms, upos, xpos := columns(s)
		if t != nil {
			upos, xpos = t.Tag(forms)
		}
		heads, rels := p.Parse(forms, upos, xpos)
		exact := true
		for i, w := range s.Words {
			sc.Words++
			if heads[i] == w.Head {
				sc.UAS++
				if UniversalRelation(rels[i]) == UniversalRelation(w.Deprel) {
					sc.LAS++
					continue
				}
			}
			exact = false
		}
		sc.Sentences++
		if exact {
			sc.Exact++
		}
	}
	return sc
}

func ctxErr(ctx context.Context) error {
	if ctx == nil {
		return nil
	}
	return ctx.Err()
}
