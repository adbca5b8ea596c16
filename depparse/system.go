package depparse

// The arc-eager transition system (Nivre 2003) with an artificial root at
// position 0 that starts on the stack, and the dynamic oracle of Goldberg
// & Nivre (2012, "A Dynamic Oracle for Arc-Eager Dependency Parsing").
// Positions are 1-based as in CoNLL-U; head 0 is the root.

// Transition kinds; a transition id is shift, reduce, left+label or
// left+nLabels+label (right).
const (
	shift    = 0
	reduce   = 1
	firstArc = 2
)

const none = -1

// config is a parser configuration over a sentence of n words.
type config struct {
	n       int
	stack   []int
	b       int // front of the buffer; the buffer is b..n
	heads   []int
	labels  []int
	onStack []bool
	// Children summaries for the feature templates: the two leftmost and
	// two rightmost dependents, dependent counts and label sets.
	lc1, lc2, rc1, rc2 []int
	nl, nr             []int
	lset, rset         []uint64
	rootChild          int
}

func newConfig(n int) *config {
	c := &config{n: n}
	m := n + 1
	ints := make([]int, 8*m)
	c.heads, c.labels = ints[0:m], ints[m:2*m]
	c.lc1, c.lc2, c.rc1, c.rc2 = ints[2*m:3*m], ints[3*m:4*m], ints[4*m:5*m], ints[5*m:6*m]
	c.nl, c.nr = ints[6*m:7*m], ints[7*m:8*m]
	sets := make([]uint64, 2*m)
	c.lset, c.rset = sets[:m], sets[m:]
	c.onStack = make([]bool, m)
	c.stack = make([]int, 0, 16)
	c.reset(n)
	return c
}

func (c *config) reset(n int) {
	c.n = n
	for i := 0; i <= n; i++ {
		c.heads[i], c.labels[i] = none, none
		c.lc1[i], c.lc2[i], c.rc1[i], c.rc2[i] = none, none, none, none
		c.nl[i], c.nr[i] = 0, 0
		c.lset[i], c.rset[i] = 0, 0
		c.onStack[i] = false
	}
	c.stack = append(c.stack[:0], 0)
	c.onStack[0] = true
	c.b = 1
	c.rootChild = none
}

func (c *config) terminal() bool { return c.b > c.n }

func (c *config) s0() int {
	if len(c.stack) == 0 {
		return none
	}
	return c.stack[len(c.stack)-1]
}

// legal fills ok with the transitions allowed in c. rootLabel is the id of
// the "root" relation, the only one allowed from the artificial root, and
// only once.
func (c *config) legal(ok []bool, nLabels, rootLabel int) {
	clear(ok)
	if c.terminal() {
		return
	}
	s0 := c.s0()
	ok[shift] = true
	if s0 > 0 && c.heads[s0] != none {
		ok[reduce] = true
	}
	if s0 > 0 && c.heads[s0] == none {
		for l := range nLabels {
			ok[firstArc+l] = l != rootLabel
		}
	}
	switch {
	case s0 == 0 && c.rootChild == none:
		ok[firstArc+nLabels+rootLabel] = true
	case s0 > 0:
		for l := range nLabels {
			ok[firstArc+nLabels+l] = l != rootLabel
		}
	}
}

func (c *config) addArc(h, d, l int) {
	c.heads[d], c.labels[d] = h, l
	if h == 0 {
		c.rootChild = d
		return
	}
	if d < h {
		c.nl[h]++
		c.lset[h] |= 1 << uint(l%64)
		switch {
		case c.lc1[h] == none || d < c.lc1[h]:
			c.lc1[h], c.lc2[h] = d, c.lc1[h]
		case c.lc2[h] == none || d < c.lc2[h]:
			c.lc2[h] = d
		}
	} else {
		c.nr[h]++
		c.rset[h] |= 1 << uint(l%64)
		switch {
		case c.rc1[h] == none || d > c.rc1[h]:
			c.rc1[h], c.rc2[h] = d, c.rc1[h]
		case c.rc2[h] == none || d > c.rc2[h]:
			c.rc2[h] = d
		}
	}
}

func (c *config) pop() {
	s0 := c.stack[len(c.stack)-1]
	c.onStack[s0] = false
	c.stack = c.stack[:len(c.stack)-1]
}

func (c *config) push() {
	c.stack = append(c.stack, c.b)
	c.onStack[c.b] = true
	c.b++
}

// apply performs transition t, which must be legal.
func (c *config) apply(t, nLabels int) {
	switch {
	case t == shift:
		c.push()
	case t == reduce:
		c.pop()
	case t < firstArc+nLabels:
		c.addArc(c.b, c.s0(), t-firstArc)
		c.pop()
	default:
		c.addArc(c.s0(), c.b, t-firstArc-nLabels)
		c.push()
	}
}

// finish attaches the words left without a head when the buffer runs
// out: the first becomes the root when there is none, the others depend
// on the root word with fallback.
func (c *config) finish(rootLabel, fallback int) {
	for i := 1; i <= c.n; i++ {
		if c.heads[i] != none {
			continue
		}
		if c.rootChild == none {
			c.addArc(0, i, rootLabel)
			continue
		}
		c.addArc(c.rootChild, i, fallback)
	}
}

// costs fills cost with the number of gold arcs each legal transition
// makes unreachable (Goldberg & Nivre 2012), labels included; illegal
// transitions are left alone. gh and gl are the gold heads and labels,
// indexed by position.
func (c *config) costs(ok []bool, cost []int, gh, gl []int, nLabels int) {
	s0, b0 := c.s0(), c.b
	// Gold dependents of s0 and of b0 still in the buffer, and headless
	// stack words whose gold head is b0.
	s0DepsInBuf, b0HeadInBuf, s0HeadInBufNotB0 := 0, false, false
	for k := b0; k <= c.n; k++ {
		if gh[k] == s0 {
			s0DepsInBuf++
		}
	}
	if gh[b0] > b0 {
		b0HeadInBuf = true
	}
	if s0 > 0 && gh[s0] > b0 {
		s0HeadInBufNotB0 = true
	}
	b0DepsOnStack := 0
	for _, k := range c.stack {
		if k > 0 && c.heads[k] == none && gh[k] == b0 {
			b0DepsOnStack++
		}
	}
	// The root takes a single dependent: once it has one, it is no
	// longer a reachable head.
	b0HeadOnStack := gh[b0] >= 0 && c.onStack[gh[b0]] && (gh[b0] > 0 || c.rootChild == none)
	if ok[shift] {
		cost[shift] = b0DepsOnStack
		if b0HeadOnStack {
			cost[shift]++
		}
	}
	if ok[reduce] {
		cost[reduce] = s0DepsInBuf
	}
	left := s0DepsInBuf
	if s0HeadInBufNotB0 {
		left++
	}
	right := b0DepsOnStack
	if b0HeadInBuf || (b0HeadOnStack && gh[b0] != s0) {
		right++
	}
	for l := range nLabels {
		if t := firstArc + l; ok[t] {
			cost[t] = left
			if s0 > 0 && gh[s0] == b0 && gl[s0] != l {
				cost[t]++
			}
		}
		if t := firstArc + nLabels + l; ok[t] {
			cost[t] = right
			if gh[b0] == s0 && gl[b0] != l {
				cost[t]++
			}
		}
	}
}

// projective reports whether the tree given by heads (1-based, heads[0]
// unused) has no crossing arcs.
func projective(heads []int) bool {
	n := len(heads) - 1
	for d := 1; d <= n; d++ {
		h := heads[d]
		lo, hi := min(h, d), max(h, d)
		for k := lo + 1; k < hi; k++ {
			// every word strictly between must descend from h
			a := k
			for steps := 0; a != h && a > 0 && steps <= n; steps++ {
				a = heads[a]
			}
			if a != h {
				return false
			}
		}
	}
	return true
}
