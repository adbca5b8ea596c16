package depparse

import "github.com/parley-news/parley/perceptron"

// sentence holds the hashed atoms of a sentence: word and tag per
// position, position 0 being the root.
type sentence struct {
	w, p []uint64
	// c holds the word classes (class+1, 0 unknown) at the 128, 512 and
	// 2048 granularities.
	c [][3]uint64
}

var (
	hNone  = perceptron.Hash("\x00NONE")
	hRootW = perceptron.Hash("\x00ROOT-W")
	hRootP = perceptron.Hash("\x00ROOT-P")
)

// Feature templates of Zhang & Nivre (2011, "Transition-based Dependency
// Parsing with Rich Non-local Features", table 1), plus a few over the
// second stack word. The values only need to be distinct.
const (
	tS0wp = iota + 1
	tS0w
	tS0p
	tN0wp
	tN0w
	tN0p
	tN1wp
	tN1w
	tN1p
	tN2wp
	tN2w
	tN2p
	tS0wpN0wp
	tS0wpN0w
	tS0wN0wp
	tS0wpN0p
	tS0pN0wp
	tS0wN0w
	tS0pN0p
	tN0pN1p
	tN0pN1pN2p
	tS0pN0pN1p
	tS0hpS0pN0p
	tS0pS0lpN0p
	tS0pS0rpN0p
	tS0pN0pN0lp
	tS0wd
	tS0pd
	tN0wd
	tN0pd
	tS0wN0wd
	tS0pN0pd
	tS0wvr
	tS0pvr
	tS0wvl
	tS0pvl
	tN0wvl
	tN0pvl
	tS0hw
	tS0hp
	tS0l
	tS0lw
	tS0lp
	tS0ll
	tS0rw
	tS0rp
	tS0rl
	tN0lw
	tN0lp
	tN0ll
	tS0h2w
	tS0h2p
	tS0hl
	tS0l2w
	tS0l2p
	tS0l2l
	tS0r2w
	tS0r2p
	tS0r2l
	tN0l2w
	tN0l2p
	tN0l2l
	tS0pS0lpS0l2p
	tS0pS0rpS0r2p
	tS0pS0hpS0h2p
	tN0pN0lpN0l2p
	tS0wsr
	tS0psr
	tS0wsl
	tS0psl
	tN0wsl
	tN0psl
	tS1w
	tS1p
	tS1pS0pN0p
	tS1wS0w
	tN3p
	tS0wN1p
	tS0c
	tN0c
	tN1c
	tS0cf
	tN0cf
	tS0cN0c
	tS0cN0p
	tS0pN0c
	tS0cN0cd
	tN0cN1c
	tS0cN0pN1p
	tS0hcS0cN0c
	tS0m1p
	tS0p1p
	tN0m1p
	tS0pS0p1pN0p
	tS0pN0m1pN0p
	tS2p
	tS1pS2pS0p
	tS0rlN0p
	tS0llN0p
	tN0wS0hp
	tS1pS0pN0pDist

	// numTemplates counts the templates above.
	numTemplates = iota
)

// bufferTemplates lists, by position in the output of features, the
// templates that read only the words at and around the front of the
// buffer, none of its dependents; restTemplates lists the others.
var bufferTemplates, restTemplates = func() (buf, rest []int) {
	isBuf := map[int]bool{}
	for _, t := range []int{tN0wp, tN0w, tN0p, tN1wp, tN1w, tN1p, tN2wp, tN2w, tN2p,
		tN0pN1p, tN0pN1pN2p, tN3p, tN0c, tN1c, tN0cf, tN0cN1c, tN0m1p} {
		isBuf[t] = true
	}
	for t := 1; t <= numTemplates; t++ {
		if isBuf[t] {
			buf = append(buf, t-1)
		} else {
			rest = append(rest, t-1)
		}
	}
	return buf, rest
}()

// features appends the feature hashes of configuration c, one for each
// template in the order of their constants.
func features(c *config, s *sentence, f []uint32) []uint32 {
	word := func(i int) uint64 {
		if i < 0 {
			return hNone
		}
		return s.w[i]
	}
	tag := func(i int) uint64 {
		if i < 0 {
			return hNone
		}
		return s.p[i]
	}
	label := func(i int) uint64 {
		if i < 0 || c.labels[i] < 0 {
			return 0
		}
		return uint64(c.labels[i]) + 1
	}
	at := func(i int) int {
		if i < 0 {
			return none
		}
		return i
	}
	s0 := c.s0()
	s1 := none
	if len(c.stack) >= 2 {
		s1 = c.stack[len(c.stack)-2]
	}
	n0, n1, n2, n3 := none, none, none, none
	if c.b <= c.n {
		n0 = c.b
	}
	if c.b+1 <= c.n {
		n1 = c.b + 1
	}
	if c.b+2 <= c.n {
		n2 = c.b + 2
	}
	if c.b+3 <= c.n {
		n3 = c.b + 3
	}
	s0h, s0h2, s0l, s0r, s0l2, s0r2 := none, none, none, none, none, none
	var s0vl, s0vr, s0sl, s0sr uint64
	if s0 >= 0 {
		s0h = c.heads[s0]
		if s0h >= 0 {
			s0h2 = c.heads[s0h]
		}
		s0l, s0r, s0l2, s0r2 = c.lc1[s0], c.rc1[s0], c.lc2[s0], c.rc2[s0]
		s0vl, s0vr, s0sl, s0sr = uint64(c.nl[s0]), uint64(c.nr[s0]), c.lset[s0], c.rset[s0]
	}
	n0l, n0l2 := none, none
	var n0vl, n0sl uint64
	if n0 >= 0 {
		n0l, n0l2 = c.lc1[n0], c.lc2[n0]
		n0vl, n0sl = uint64(c.nl[n0]), c.lset[n0]
	}
	dist := uint64(0)
	if s0 >= 0 && n0 >= 0 {
		dist = uint64(min(n0-s0, 5))
		if s0 == 0 {
			dist = 6
		}
	}
	s0w, s0p, n0w, n0p := word(s0), tag(s0), word(n0), tag(n0)
	n1w, n1p, n2w, n2p := word(n1), tag(n1), word(n2), tag(n2)
	s0hp, s0lp, s0rp, n0lp := tag(at(s0h)), tag(s0l), tag(s0r), tag(n0l)
	class := func(i, g int) uint64 {
		if i < 0 {
			return hNone
		}
		return s.c[i][g]
	}
	s0c, n0c, n1c := class(s0, 0), class(n0, 0), class(n1, 0)
	// Surface neighbours of s0 and n0 (Zhang & Nivre use only the
	// structural ones); they help with punctuation and coordination.
	s0m1, s0p1, n0m1 := none, none, none
	if s0 > 0 {
		s0m1, s0p1 = s0-1, s0+1
		if s0p1 > c.n {
			s0p1 = none
		}
	}
	if n0 > 0 {
		n0m1 = n0 - 1
	}
	s2 := none
	if len(c.stack) >= 3 {
		s2 = c.stack[len(c.stack)-3]
	}
	f = append(f,
		perceptron.Mix2(tS0wp, s0w, s0p),
		perceptron.Mix1(tS0w, s0w),
		perceptron.Mix1(tS0p, s0p),
		perceptron.Mix2(tN0wp, n0w, n0p),
		perceptron.Mix1(tN0w, n0w),
		perceptron.Mix1(tN0p, n0p),
		perceptron.Mix2(tN1wp, n1w, n1p),
		perceptron.Mix1(tN1w, n1w),
		perceptron.Mix1(tN1p, n1p),
		perceptron.Mix2(tN2wp, n2w, n2p),
		perceptron.Mix1(tN2w, n2w),
		perceptron.Mix1(tN2p, n2p),
		perceptron.Mix4(tS0wpN0wp, s0w, s0p, n0w, n0p),
		perceptron.Mix3(tS0wpN0w, s0w, s0p, n0w),
		perceptron.Mix3(tS0wN0wp, s0w, n0w, n0p),
		perceptron.Mix3(tS0wpN0p, s0w, s0p, n0p),
		perceptron.Mix3(tS0pN0wp, s0p, n0w, n0p),
		perceptron.Mix2(tS0wN0w, s0w, n0w),
		perceptron.Mix2(tS0pN0p, s0p, n0p),
		perceptron.Mix2(tN0pN1p, n0p, n1p),
		perceptron.Mix3(tN0pN1pN2p, n0p, n1p, n2p),
		perceptron.Mix3(tS0pN0pN1p, s0p, n0p, n1p),
		perceptron.Mix3(tS0hpS0pN0p, s0hp, s0p, n0p),
		perceptron.Mix3(tS0pS0lpN0p, s0p, s0lp, n0p),
		perceptron.Mix3(tS0pS0rpN0p, s0p, s0rp, n0p),
		perceptron.Mix3(tS0pN0pN0lp, s0p, n0p, n0lp),
		perceptron.Mix2(tS0wd, s0w, dist),
		perceptron.Mix2(tS0pd, s0p, dist),
		perceptron.Mix2(tN0wd, n0w, dist),
		perceptron.Mix2(tN0pd, n0p, dist),
		perceptron.Mix3(tS0wN0wd, s0w, n0w, dist),
		perceptron.Mix3(tS0pN0pd, s0p, n0p, dist),
		perceptron.Mix2(tS0wvr, s0w, s0vr),
		perceptron.Mix2(tS0pvr, s0p, s0vr),
		perceptron.Mix2(tS0wvl, s0w, s0vl),
		perceptron.Mix2(tS0pvl, s0p, s0vl),
		perceptron.Mix2(tN0wvl, n0w, n0vl),
		perceptron.Mix2(tN0pvl, n0p, n0vl),
		perceptron.Mix1(tS0hw, word(at(s0h))),
		perceptron.Mix1(tS0hp, s0hp),
		perceptron.Mix1(tS0l, label(s0)),
		perceptron.Mix1(tS0lw, word(s0l)),
		perceptron.Mix1(tS0lp, s0lp),
		perceptron.Mix1(tS0ll, label(s0l)),
		perceptron.Mix1(tS0rw, word(s0r)),
		perceptron.Mix1(tS0rp, s0rp),
		perceptron.Mix1(tS0rl, label(s0r)),
		perceptron.Mix1(tN0lw, word(n0l)),
		perceptron.Mix1(tN0lp, n0lp),
		perceptron.Mix1(tN0ll, label(n0l)),
		perceptron.Mix1(tS0h2w, word(at(s0h2))),
		perceptron.Mix1(tS0h2p, tag(at(s0h2))),
		perceptron.Mix1(tS0hl, label(at(s0h))),
		perceptron.Mix1(tS0l2w, word(s0l2)),
		perceptron.Mix1(tS0l2p, tag(s0l2)),
		perceptron.Mix1(tS0l2l, label(s0l2)),
		perceptron.Mix1(tS0r2w, word(s0r2)),
		perceptron.Mix1(tS0r2p, tag(s0r2)),
		perceptron.Mix1(tS0r2l, label(s0r2)),
		perceptron.Mix1(tN0l2w, word(n0l2)),
		perceptron.Mix1(tN0l2p, tag(n0l2)),
		perceptron.Mix1(tN0l2l, label(n0l2)),
		perceptron.Mix3(tS0pS0lpS0l2p, s0p, s0lp, tag(s0l2)),
		perceptron.Mix3(tS0pS0rpS0r2p, s0p, s0rp, tag(s0r2)),
		perceptron.Mix3(tS0pS0hpS0h2p, s0p, s0hp, tag(at(s0h2))),
		perceptron.Mix3(tN0pN0lpN0l2p, n0p, n0lp, tag(n0l2)),
		perceptron.Mix2(tS0wsr, s0w, s0sr),
		perceptron.Mix2(tS0psr, s0p, s0sr),
		perceptron.Mix2(tS0wsl, s0w, s0sl),
		perceptron.Mix2(tS0psl, s0p, s0sl),
		perceptron.Mix2(tN0wsl, n0w, n0sl),
		perceptron.Mix2(tN0psl, n0p, n0sl),
		perceptron.Mix1(tS1w, word(s1)),
		perceptron.Mix1(tS1p, tag(s1)),
		perceptron.Mix3(tS1pS0pN0p, tag(s1), s0p, n0p),
		perceptron.Mix2(tS1wS0w, word(s1), s0w),
		perceptron.Mix1(tN3p, tag(n3)),
		perceptron.Mix2(tS0wN1p, s0w, n1p),
		perceptron.Mix1(tS0c, class(s0, 1)),
		perceptron.Mix1(tN0c, class(n0, 1)),
		perceptron.Mix1(tN1c, class(n1, 1)),
		perceptron.Mix1(tS0cf, class(s0, 2)),
		perceptron.Mix1(tN0cf, class(n0, 2)),
		perceptron.Mix2(tS0cN0c, s0c, n0c),
		perceptron.Mix2(tS0cN0p, s0c, n0p),
		perceptron.Mix2(tS0pN0c, s0p, n0c),
		perceptron.Mix3(tS0cN0cd, s0c, n0c, dist),
		perceptron.Mix2(tN0cN1c, n0c, n1c),
		perceptron.Mix3(tS0cN0pN1p, s0c, n0p, n1p),
		perceptron.Mix3(tS0hcS0cN0c, class(at(s0h), 0), s0c, n0c),
		perceptron.Mix1(tS0m1p, tag(s0m1)),
		perceptron.Mix1(tS0p1p, tag(s0p1)),
		perceptron.Mix1(tN0m1p, tag(n0m1)),
		perceptron.Mix3(tS0pS0p1pN0p, s0p, tag(s0p1), n0p),
		perceptron.Mix3(tS0pN0m1pN0p, s0p, tag(n0m1), n0p),
		perceptron.Mix1(tS2p, tag(s2)),
		perceptron.Mix3(tS1pS2pS0p, tag(s1), tag(s2), s0p),
		perceptron.Mix2(tS0rlN0p, label(s0r), n0p),
		perceptron.Mix2(tS0llN0p, label(s0l), n0p),
		perceptron.Mix2(tN0wS0hp, n0w, s0hp),
		perceptron.Mix4(tS1pS0pN0pDist, tag(s1), s0p, n0p, dist),
	)
	return f
}

// Templates of the relation classifier, which labels an arc once the
// transition classifier has chosen to build it. d is the dependent, h the
// head; every template is conjoined with the arc's direction.
const (
	lBias = iota + 200
	lDw
	lDp
	lHw
	lHp
	lDc
	lHc
	lDwDp
	lHwHp
	lDpHp
	lDwHp
	lDpHw
	lDwHw
	lDpHpDist
	lDpDm1p
	lDpDp1p
	lHpHm1p
	lHpHp1p
	lDlcl
	lDrcl
	lDvl
	lDvr
	lHlset
	lHrset
	lDpHpHlset
	lHhp
	lDcfHp
	lDpHc
	lDpHpHhp
)

// labelFeatures appends the relation classifier's features for the arc
// h → d in configuration c (before the arc is added).
func labelFeatures(c *config, s *sentence, h, d int, f []uint32) []uint32 {
	dir := uint64(0)
	if h < d {
		dir = 1
	}
	tag := func(i int) uint64 {
		if i < 0 || i > c.n {
			return hNone
		}
		return s.p[i]
	}
	label := func(i int) uint64 {
		if i < 0 || c.labels[i] < 0 {
			return 0
		}
		return uint64(c.labels[i]) + 1
	}
	dist := uint64(min(max(d-h, h-d), 8))
	if h == 0 {
		dist = 9
	}
	hh := none
	if h > 0 {
		hh = c.heads[h]
	}
	dw, dp, hw, hp := s.w[d], s.p[d], s.w[h], s.p[h]
	dc, hc := s.c[d][0], s.c[h][0]
	m1 := func(i int) int {
		if i <= 0 {
			return none
		}
		return i - 1
	}
	at := func(i int) int {
		if i < 0 {
			return none
		}
		return i
	}
	f = append(f,
		perceptron.Mix1(lBias, dir),
		perceptron.Mix2(lDw, dir, dw),
		perceptron.Mix2(lDp, dir, dp),
		perceptron.Mix2(lHw, dir, hw),
		perceptron.Mix2(lHp, dir, hp),
		perceptron.Mix2(lDc, dir, s.c[d][1]),
		perceptron.Mix2(lHc, dir, s.c[h][1]),
		perceptron.Mix3(lDwDp, dir, dw, dp),
		perceptron.Mix3(lHwHp, dir, hw, hp),
		perceptron.Mix3(lDpHp, dir, dp, hp),
		perceptron.Mix3(lDwHp, dir, dw, hp),
		perceptron.Mix3(lDpHw, dir, dp, hw),
		perceptron.Mix3(lDwHw, dir, dw, hw),
		perceptron.Mix4(lDpHpDist, dir, dp, hp, dist),
		perceptron.Mix3(lDpDm1p, dir, dp, tag(m1(d))),
		perceptron.Mix3(lDpDp1p, dir, dp, tag(d+1)),
		perceptron.Mix3(lHpHm1p, dir, hp, tag(m1(h))),
		perceptron.Mix3(lHpHp1p, dir, hp, tag(h+1)),
		perceptron.Mix3(lDlcl, dir, dp, label(c.lc1[d])),
		perceptron.Mix3(lDrcl, dir, dp, label(c.rc1[d])),
		perceptron.Mix3(lDvl, dir, dp, uint64(c.nl[d])),
		perceptron.Mix3(lDvr, dir, dp, uint64(c.nr[d])),
		perceptron.Mix2(lHlset, dir, c.lset[h]),
		perceptron.Mix2(lHrset, dir, c.rset[h]),
		perceptron.Mix(lDpHpHlset, dir, dp, hp, c.lset[h], c.rset[h]),
		perceptron.Mix2(lHhp, dir, tag(at(hh))),
		perceptron.Mix3(lDcfHp, dir, s.c[d][2], hp),
		perceptron.Mix3(lDpHc, dir, dp, hc),
		perceptron.Mix(lDpHpHhp, dir, dp, hp, tag(at(hh)), dc),
	)
	return f
}
