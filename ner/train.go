package ner

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	_ "embed"

	"github.com/parley-news/parley/wordcluster"
)

//go:embed data/headline_minor_words.txt
var headlineMinorWords string

//go:embed data/honorifics.txt
var honorificsData string

// dataLines returns the non-empty, non-comment lines of an embedded list.
func dataLines(data string) []string {
	var out []string
	for _, l := range strings.Split(data, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// TrainOptions configures Train.
type TrainOptions struct {
	// Epochs is the most perceptron epochs per pass; the epoch with the
	// best development F1 is kept.
	Epochs int
	// Folds is the number of jackknife folds used to give the second pass
	// realistic first-pass labels on the training data.
	Folds int
	// TitleCaseEvery makes a Title Case copy of every n-th training
	// sentence (0: none), teaching the model headline capitalisation.
	TitleCaseEvery int
	// HonorificEvery copies every n-th training sentence that names a
	// person with a title ("Mr.", "Sen.") inserted before the name (0:
	// none).
	HonorificEvery int
	// GazMin is the number of training documents that must label a name
	// before it enters the gazetteer.
	GazMin int
	// Runs is the number of perceptrons, each on its own shuffling of the
	// data, whose weights are averaged into each pass: it removes most of
	// the run-to-run variance of a single perceptron.
	Runs int
	// Prune drops weights smaller than this in absolute value from the
	// compiled model.
	Prune float32
	Seed  uint64
	// Log receives progress lines; may be nil.
	Log io.Writer
}

// DefaultTrainOptions are the settings the committed model was trained
// with.
var DefaultTrainOptions = TrainOptions{Epochs: 12, Folds: 5, TitleCaseEvery: 8, HonorificEvery: 4, Runs: 3, GazMin: 1, Prune: 0.5, Seed: 1}

// example is one training sentence.
type example struct {
	doc   int // index of the source document (for the gazetteer and folds)
	words []string
	gold  []uint8
}

// trainDoc groups examples that share document-level features.
type trainDoc struct {
	src   int
	sents []example
}

// Train fits a model on train, choosing the number of epochs of each pass
// on dev. clusters may be nil.
func Train(ctx context.Context, train, dev []Doc, clusters *wordcluster.Table, clusterSum [32]byte, opt TrainOptions) (*Model, error) {
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", args...)
		}
	}
	start := time.Now()
	minor := map[string]bool{}
	for _, l := range dataLines(headlineMinorWords) {
		minor[l] = true
	}
	honorifics := dataLines(honorificsData)
	npers := 0
	// Documents, their names, and Title Case copies as extra one-sentence
	// documents tied to their source for the gazetteer and the folds.
	var docs []trainDoc
	counts := gazCounts{}
	own := make([]map[uint64]uint8, len(train))
	nsent := 0
	for di, d := range train {
		td := trainDoc{src: di}
		var words [][]string
		var chunks [][]Chunk
		for _, s := range d.Sentences {
			if s.Tags == nil {
				return nil, fmt.Errorf("ner: training document %d has no tags", di)
			}
			cs := Chunks(s.Tags)
			td.sents = append(td.sents, example{doc: di, words: s.Words, gold: chunksToLabels(cs, len(s.Words))})
			words = append(words, s.Words)
			chunks = append(chunks, cs)
		}
		own[di] = docNames(words, chunks)
		counts.add(own[di])
		docs = append(docs, td)
		for _, ex := range td.sents {
			nsent++
			if opt.TitleCaseEvery > 0 && nsent%opt.TitleCaseEvery == 0 && sentenceCase(ex.words) == sentNormal {
				tc := example{doc: di, words: titleCase(ex.words, minor), gold: ex.gold}
				docs = append(docs, trainDoc{src: di, sents: []example{tc}})
			}
			if c, ok := personToTitle(ex); ok && opt.HonorificEvery > 0 && len(honorifics) > 0 {
				npers++
				if npers%opt.HonorificEvery == 0 {
					h := honorifics[(npers/opt.HonorificEvery)%len(honorifics)]
					docs = append(docs, trainDoc{src: di, sents: []example{withTitle(ex, c, h)}})
				}
			}
		}
	}
	logf("ner: %d training documents (%d with Title Case and title-before-name copies), %d gazetteer keys", len(train), len(docs), len(counts))

	m := &Model{clusters: clusters, clusterSum: clusterSum, gaz: counts.final(int32(opt.GazMin))}
	// Training features: the gazetteer without the document's own names.
	feats := make([][][][]uint64, len(docs))
	infos := make([][][]tokInfo, len(docs))
	for di, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		exclude := own[d.src]
		match := func(h uint64) uint8 {
			e := counts[h]
			if e == nil {
				return 0
			}
			mine := exclude[h]
			var bits uint8
			for t := 0; t < 4; t++ {
				n := e[t]
				if mine&(1<<t) != 0 {
					n--
				}
				if n >= int32(opt.GazMin) {
					bits |= 1 << t
				}
			}
			return bits
		}
		sents := make([][]string, len(d.sents))
		for i, ex := range d.sents {
			sents[i] = ex.words
		}
		infos[di], feats[di] = m.featurize(sents, match)
	}
	logf("ner: features extracted (%v)", time.Since(start).Round(time.Second))
	devSents := make([][][]string, len(dev))
	for di, d := range dev {
		for _, s := range d.Sentences {
			devSents[di] = append(devSents[di], s.Words)
		}
	}

	// Pass 1 on all the training data, epochs chosen on dev.
	all := make([]int, len(docs))
	for i := range all {
		all[i] = i
	}
	gold := func(di, si int) []uint8 { return docs[di].sents[si].gold }
	evalPass1 := func(l *linear) float64 {
		sc := NewScore()
		for di, d := range dev {
			_, fs := m.featurize(devSents[di], m.gazMatch)
			ls := decode(l, fs)
			for si, s := range d.Sentences {
				sc.Add(s.Tags, Encode(labelsToChunks(ls[si]), len(ls[si]), "IOB2"))
			}
		}
		_, _, f := sc.PRF("")
		return f
	}
	var err error
	var epochs1 int
	runs := max(opt.Runs, 1)
	m.pass1, epochs1, err = trainRuns(ctx, runs, feats, all, gold, opt.Epochs, opt.Seed, evalPass1, func(e int, f float64) {
		logf("ner: pass 1 epoch %d: dev F1 %.2f (%v)", e, f, time.Since(start).Round(time.Second))
	})
	if err != nil {
		return nil, err
	}
	logf("ner: pass 1 keeps epoch %d (runs averaged: dev F1 %.2f)", epochs1, evalPass1(m.pass1))

	// Jackknife first-pass labels for the second pass's training data.
	folds := max(opt.Folds, 2)
	labels1 := make([][][]uint8, len(docs))
	for f := 0; f < folds; f++ {
		var in, out []int
		for di, d := range docs {
			if d.src%folds == f {
				out = append(out, di)
			} else {
				in = append(in, di)
			}
		}
		l, _, err := trainRuns(ctx, runs, feats, in, gold, epochs1, opt.Seed+uint64(f)+1, nil, nil)
		if err != nil {
			return nil, err
		}
		for _, di := range out {
			labels1[di] = decode(l, feats[di])
		}
		logf("ner: fold %d/%d done (%v)", f+1, folds, time.Since(start).Round(time.Second))
	}
	for di := range docs {
		docFeatures(infos[di], labels1[di], feats[di])
	}
	evalPass2 := func(l *linear) float64 {
		sc := NewScore()
		for di, d := range dev {
			pred := m.tagLinear(m.pass1, l, devSents[di])
			for si, s := range d.Sentences {
				sc.Add(s.Tags, Encode(pred[si], len(s.Words), "IOB2"))
			}
		}
		_, _, f := sc.PRF("")
		return f
	}
	var epochs2 int
	m.pass2, epochs2, err = trainRuns(ctx, runs, feats, all, gold, opt.Epochs, opt.Seed+100, evalPass2, func(e int, f float64) {
		logf("ner: pass 2 epoch %d: dev F1 %.2f (%v)", e, f, time.Since(start).Round(time.Second))
	})
	if err != nil {
		return nil, err
	}
	logf("ner: pass 2 keeps epoch %d (runs averaged: dev F1 %.2f); trained in %v", epochs2, evalPass2(m.pass2), time.Since(start).Round(time.Second))
	m.compile(opt.Prune)
	m.pass1, m.pass2 = nil, nil
	return m, nil
}

// personToTitle returns the first person's name in a normal-case
// sentence that no title or capitalised word precedes.
func personToTitle(ex example) (Chunk, bool) {
	if sentenceCase(ex.words) != sentNormal {
		return Chunk{}, false
	}
	for _, c := range labelsToChunks(ex.gold) {
		if c.Type != "PER" {
			continue
		}
		if c.Start > 0 && capClass(ex.words[c.Start-1]) != capLower && capClass(ex.words[c.Start-1]) != capNone {
			continue
		}
		return c, true
	}
	return Chunk{}, false
}

// withTitle copies ex with title inserted before the name c, labelled O.
func withTitle(ex example, c Chunk, title string) example {
	words := make([]string, 0, len(ex.words)+1)
	words = append(words, ex.words[:c.Start]...)
	words = append(words, title)
	words = append(words, ex.words[c.Start:]...)
	gold := make([]uint8, 0, len(ex.gold)+1)
	gold = append(gold, ex.gold[:c.Start]...)
	gold = append(gold, 0)
	gold = append(gold, ex.gold[c.Start:]...)
	return example{doc: ex.doc, words: words, gold: gold}
}

// titleCase capitalises words the way English headlines do.
func titleCase(words []string, minor map[string]bool) []string {
	out := make([]string, len(words))
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		if i > 0 && minor[strings.ToLower(w)] || !unicode.IsLower(r) {
			out[i] = w
			continue
		}
		out[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return out
}

// trainRuns trains runs perceptrons with different shuffling seeds and
// averages their weights (parameter mixing; McDonald et al. 2010). With
// eval, each run keeps its best epoch and the returned epoch count is the
// rounded mean.
func trainRuns(ctx context.Context, runs int, feats [][][][]uint64, use []int, gold func(di, si int) []uint8, epochs int, seed uint64, eval func(*linear) float64, progress func(int, float64)) (*linear, int, error) {
	var sum *linear
	total := 0
	for r := 0; r < runs; r++ {
		l, e, err := trainPass(ctx, feats, use, gold, epochs, seed+uint64(r)*7919, eval, progress)
		if err != nil {
			return nil, 0, err
		}
		total += e
		if sum == nil {
			sum = l
			continue
		}
		// Same training documents give the same feature table.
		for k := range sum.w {
			sum.w[k] += l.w[k]
		}
		for p := range sum.trans {
			for c := range sum.trans[p] {
				sum.trans[p][c] += l.trans[p][c]
			}
		}
	}
	inv := 1 / float32(runs)
	for k := range sum.w {
		sum.w[k] *= inv
	}
	for p := range sum.trans {
		for c := range sum.trans[p] {
			sum.trans[p][c] *= inv
		}
	}
	return sum, (total + runs/2) / runs, nil
}

// trainPass trains an averaged structured perceptron (Collins 2002) over
// the documents in use, for at most epochs epochs. When eval is not nil it
// scores the averaged weights after each epoch and returns the best.
func trainPass(ctx context.Context, feats [][][][]uint64, use []int, gold func(di, si int) []uint8, epochs int, seed uint64, eval func(*linear) float64, progress func(int, float64)) (*linear, int, error) {
	// Feature dictionary over the training data in use.
	index := map[uint64]int32{}
	var keys []uint64
	type inst struct {
		di, si int
		f      [][]int32
	}
	var insts []inst
	for _, di := range use {
		for si, toks := range feats[di] {
			fi := make([][]int32, len(toks))
			for i, fs := range toks {
				row := make([]int32, len(fs))
				for k, h := range fs {
					r, ok := index[h]
					if !ok {
						r = int32(len(keys))
						index[h] = r
						keys = append(keys, h)
					}
					row[k] = r
				}
				fi[i] = row
			}
			insts = append(insts, inst{di, si, fi})
		}
	}
	nf := len(keys)
	w := make([]float32, nf*nlab)
	u := make([]float32, nf*nlab) // Σ c·update, for averaging (Daumé 2006)
	var tw, tu [nlab + 1][nlab]float32
	c := float32(1)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	tbl := newTable(keys)
	cur := &linear{feats: tbl, w: w}
	var scores, delta []float32
	delta = make([]float32, 2*nlab)
	var back, pred []uint8
	average := func() *linear {
		l := &linear{feats: tbl, w: make([]float32, len(w))}
		for k := range w {
			l.w[k] = w[k] - u[k]/c
		}
		for p := range tw {
			for q := range tw[p] {
				l.trans[p][q] = tw[p][q] - tu[p][q]/c
			}
		}
		return l
	}
	var best *linear
	bestF, bestE := -1.0, 0
	for e := 1; e <= epochs; e++ {
		rng.Shuffle(len(insts), func(i, j int) { insts[i], insts[j] = insts[j], insts[i] })
		for _, in := range insts {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
			n := len(in.f)
			g := gold(in.di, in.si)
			scores = growF(scores, n*nlab)
			back = growU(back, n*nlab)
			for i, row := range in.f {
				sc := scores[i*nlab : i*nlab+nlab]
				for k := range sc {
					sc[k] = 0
				}
				for _, r := range row {
					wr := w[int(r)*nlab : int(r)*nlab+nlab]
					for k := range sc {
						sc[k] += wr[k]
					}
				}
			}
			cur.trans = tw
			pred = viterbi(n, scores, &cur.trans, pred[:0], back, delta)
			for i := 0; i < n; i++ {
				if pred[i] != g[i] {
					gl, pl := int(g[i]), int(pred[i])
					for _, r := range in.f[i] {
						w[int(r)*nlab+gl]++
						u[int(r)*nlab+gl] += c
						w[int(r)*nlab+pl]--
						u[int(r)*nlab+pl] -= c
					}
				}
				gp, pp := nlab, nlab
				if i > 0 {
					gp, pp = int(g[i-1]), int(pred[i-1])
				}
				if gp != pp || g[i] != pred[i] {
					tw[gp][g[i]]++
					tu[gp][g[i]] += c
					tw[pp][pred[i]]--
					tu[pp][pred[i]] -= c
				}
			}
			c++
		}
		if eval == nil {
			continue
		}
		l := average()
		f := eval(l)
		if progress != nil {
			progress(e, f)
		}
		if f > bestF {
			best, bestF, bestE = l, f, e
		}
	}
	if eval == nil {
		return average(), epochs, nil
	}
	return best, bestE, nil
}

func growF(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

func growU(s []uint8, n int) []uint8 {
	if cap(s) < n {
		return make([]uint8, n)
	}
	return s[:n]
}
