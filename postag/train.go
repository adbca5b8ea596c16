package postag

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/parley-news/parley/conllu"
	"github.com/parley-news/parley/perceptron"
)

// TrainOptions controls Train.
type TrainOptions struct {
	// Iterations is the number of passes over the training data.
	Iterations int
	// Seed fixes the shuffling of sentences between passes.
	Seed uint64
	// Dev, when set, is scored after every pass and the best pass is kept.
	Dev []*conllu.Sentence
	// Log receives progress lines; nil discards them.
	Log io.Writer
	// Context, when set, stops training between passes once it is done.
	Context context.Context
	// MinWeight drops averaged weights smaller than this in absolute value.
	MinWeight float64
	// ClosedMin is the number of occurrences from which a word may only
	// take the tags it bore in training; 0 means the default, negative
	// switches the constraint off.
	ClosedMin int
}

// Thresholds for the tag dictionary (after Honnibal): a form seen at least
// dictMinCount times with one tag in at least dictMinShare of them is
// tagged without the model.
const (
	dictMinCount = 20
	dictMinShare = 0.97
	// A word's ambiguity class lists the UPOS tags it bore in at least
	// ambMinShare of at least ambMinCount occurrences.
	ambMinCount = 2
	ambMinShare = 0.05
)

// Train learns a tagger from gold sentences.
func Train(train []*conllu.Sentence, opt TrainOptions) (*Tagger, error) {
	if opt.Iterations <= 0 {
		opt.Iterations = 10
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.ClosedMin == 0 {
		opt.ClosedMin = 30
	}
	t := &Tagger{dict: map[string]int{}, amb: map[string]uint64{}, ambText: map[string]string{}}
	var err error
	if t.words, err = Clusters(); err != nil {
		return nil, err
	}
	classIndex := map[string]int{}
	formCounts := map[string]map[int]int{}
	lowerCounts := map[string]map[string]int{}
	lowerClasses := map[string]map[int]int{}
	gold := make([][]int, len(train))
	for si, s := range train {
		gold[si] = make([]int, len(s.Words))
		for i, w := range s.Words {
			name := w.UPOS + " " + w.XPOS
			c, ok := classIndex[name]
			if !ok {
				c = len(t.classes)
				classIndex[name] = c
				t.classes = append(t.classes, name)
			}
			gold[si][i] = c
			f := Normalize(w.Form)
			if formCounts[f] == nil {
				formCounts[f] = map[int]int{}
			}
			formCounts[f][c]++
			l := Lower(f)
			if lowerCounts[l] == nil {
				lowerCounts[l] = map[string]int{}
			}
			lowerCounts[l][w.UPOS]++
			if lowerClasses[l] == nil {
				lowerClasses[l] = map[int]int{}
			}
			lowerClasses[l][c]++
		}
	}
	if len(t.classes) == 0 {
		return nil, fmt.Errorf("postag: train: no words")
	}
	t.splitClasses()
	for f, cs := range formCounts {
		n, best, bc := 0, 0, -1
		for c, k := range cs {
			n += k
			if k > best || (k == best && c < bc) {
				best, bc = k, c
			}
		}
		if n >= dictMinCount && float64(best) >= dictMinShare*float64(n) {
			t.dict[f] = bc
		}
	}
	for l, cs := range lowerCounts {
		n := 0
		for _, k := range cs {
			n += k
		}
		if n < ambMinCount {
			continue
		}
		var tags []string
		for u, k := range cs {
			if float64(k) >= ambMinShare*float64(n) {
				tags = append(tags, u)
			}
		}
		slices.Sort(tags)
		a := strings.Join(tags, "|")
		t.ambText[l] = a
		t.amb[l] = perceptron.Hash(a)
	}

	t.allowed = map[string][]bool{}
	for l, cs := range lowerClasses {
		n := 0
		for _, k := range cs {
			n += k
		}
		if opt.ClosedMin < 0 || n < opt.ClosedMin {
			continue
		}
		mask := make([]bool, len(t.classes))
		for c := range cs {
			mask[c] = true
		}
		t.allowed[l] = mask
	}
	tr := perceptron.NewTrainer(len(t.classes))
	rng := rand.New(rand.NewPCG(opt.Seed, 0x7a6))
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	scores := make([]float32, len(t.classes))
	var best *perceptron.Model
	bestAcc := -1.0
	for it := 1; it <= opt.Iterations; it++ {
		if err := ctxErr(opt.Context); err != nil {
			return nil, err
		}
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, si := range order {
			s := train[si]
			st := t.newState(s.Forms())
			for i := range s.Words {
				g := gold[si][i]
				c, ok := t.dict[st.forms[i]]
				if !ok {
					st.feats = t.features(st, i, st.feats[:0])
					clear(scores)
					tr.Score(st.feats, scores)
					c = perceptron.Best(scores, t.allowed[st.words[i+2].lowerStr])
					tr.Tick()
					tr.Update(st.feats, g, c)
				}
				if c == g {
					correct++
				}
				total++
				st.tags[i+2] = c + 1
			}
		}
		line := fmt.Sprintf("pos: iteration %d: train %.2f%%", it, 100*float64(correct)/float64(total))
		if len(opt.Dev) > 0 || it == opt.Iterations {
			t.model = tr.Average(opt.MinWeight)
		}
		if len(opt.Dev) > 0 {
			sc := Evaluate(t, opt.Dev)
			line += fmt.Sprintf(", dev UPOS %.2f%% XPOS %.2f%%", sc.UPOSAcc(), sc.XPOSAcc())
			if sc.UPOSAcc() > bestAcc {
				bestAcc, best = sc.UPOSAcc(), t.model
			}
		} else {
			best = t.model
		}
		fmt.Fprintf(opt.Log, "%s (%s)\n", line, time.Since(start).Round(time.Millisecond))
	}
	t.model = best
	return t, nil
}

// Scores counts correct tags.
type Scores struct {
	Words, UPOS, XPOS, Both int
}

// UPOSAcc is the UPOS accuracy in percent.
func (s Scores) UPOSAcc() float64 { return pct(s.UPOS, s.Words) }

// XPOSAcc is the XPOS accuracy in percent.
func (s Scores) XPOSAcc() float64 { return pct(s.XPOS, s.Words) }

// BothAcc is the share of words with both tags right, in percent.
func (s Scores) BothAcc() float64 { return pct(s.Both, s.Words) }

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// Evaluate tags the gold sentences and counts agreement. Sentences are
// tagged from their word forms (UD syntactic words), as in the CoNLL 2018
// shared task's gold-tokenisation setting.
func Evaluate(t *Tagger, gold []*conllu.Sentence) Scores {
	var sc Scores
	var cls []int
	for _, s := range gold {
		cls = t.TagClasses(s.Forms(), cls[:0])
		for i, w := range s.Words {
			u, x := t.upos[cls[i]] == w.UPOS, t.xpos[cls[i]] == w.XPOS
			sc.Words++
			if u {
				sc.UPOS++
			}
			if x {
				sc.XPOS++
			}
			if u && x {
				sc.Both++
			}
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
