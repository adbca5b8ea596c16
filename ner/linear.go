package ner

import "math"

// linear is a first-order linear-chain scorer used while training: feature weights per label
// plus label-transition weights, decoded with Viterbi under the BILOU
// constraints.
type linear struct {
	feats *table
	// w holds nlab weights per feature row.
	w     []float32
	trans [nlab + 1][nlab]float32
}

// emissions adds the weights of each token's features into scores
// (len(feats)×nlab).
func (m *linear) emissions(feats [][]uint64, scores []float32) {
	for i, fs := range feats {
		row := scores[i*nlab : i*nlab+nlab : i*nlab+nlab]
		for k := range row {
			row[k] = 0
		}
		for _, h := range fs {
			r := m.feats.get(h)
			if r < 0 {
				continue
			}
			wr := m.w[int(r)*nlab : int(r)*nlab+nlab : int(r)*nlab+nlab]
			for k := range row {
				row[k] += wr[k]
			}
		}
	}
}

// viterbi returns the best label sequence for n tokens given emission
// scores and transition weights; back and delta are scratch space.
func viterbi(n int, scores []float32, trans *[nlab + 1][nlab]float32, out []uint8, back []uint8, delta []float32) []uint8 {
	out = out[:0]
	if n == 0 {
		return out
	}
	negInf := float32(math.Inf(-1))
	prev := delta[:nlab]
	cur := delta[nlab : 2*nlab]
	for c := 0; c < nlab; c++ {
		if allowed[nlab][c] {
			prev[c] = trans[nlab][c] + scores[c]
		} else {
			prev[c] = negInf
		}
	}
	for i := 1; i < n; i++ {
		em := scores[i*nlab : i*nlab+nlab]
		bk := back[i*nlab : i*nlab+nlab]
		for c := 0; c < nlab; c++ {
			best, arg := negInf, uint8(0)
			for _, p := range prevOf[c] {
				// Written so that the compiler can select without a
				// branch, which the scores would make unpredictable.
				s := prev[p] + trans[p][c]
				gt := s > best
				best = max(best, s)
				if gt {
					arg = p
				}
			}
			cur[c] = best + em[c]
			bk[c] = arg
		}
		prev, cur = cur, prev
	}
	best, arg := negInf, 0
	for c := 0; c < nlab; c++ {
		if canEnd[c] && prev[c] > best {
			best, arg = prev[c], c
		}
	}
	for i := 0; i < n; i++ {
		out = append(out, 0)
	}
	out[n-1] = uint8(arg)
	for i := n - 1; i > 0; i-- {
		out[i-1] = back[i*nlab+int(out[i])]
	}
	return out
}
