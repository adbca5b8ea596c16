package actor

import (
	"fmt"
	"io"
	"strings"

	"github.com/parley-news/parley/document"
)

// WriteReport writes the actors of a linked document, each with its code,
// role and the mentions that refer to it (names, descriptions, pronouns)
// with their byte offsets, grouped by coreference chain.
func WriteReport(w io.Writer, doc *document.Document) error {
	byActor := map[string][]document.Mention{}
	for _, m := range doc.Mentions {
		if m.Actor != "" {
			byActor[m.Actor] = append(byActor[m.Actor], m)
		}
	}
	for _, a := range doc.Actors {
		known := "dictionary"
		if !a.Known {
			known = "from the text"
		}
		code := a.Code
		if code == "" {
			code = "-"
		}
		if _, err := fmt.Fprintf(w, "%-9s %s — %s (%s; %s", code, a.Name, a.ID, a.Kind, known); err != nil {
			return err
		}
		if a.Role != "" {
			fmt.Fprintf(w, "; %s", a.Role)
		}
		fmt.Fprintln(w, ")")
		chains := map[int][]string{}
		var order []int
		for _, m := range byActor[a.ID] {
			if _, ok := chains[m.Chain]; !ok {
				order = append(order, m.Chain)
			}
			chains[m.Chain] = append(chains[m.Chain], fmt.Sprintf("%q@%d", m.Text, m.Start))
		}
		for _, c := range order {
			fmt.Fprintf(w, "    chain %d: %s\n", c, strings.Join(chains[c], ", "))
		}
	}
	return nil
}
