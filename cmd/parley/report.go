package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/parley-news/parley/document"
)

// writeReport prints the readable summary of an analysed document.
func writeReport(w io.Writer, doc *document.Document) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "source:    %s\n", doc.Source)
	if doc.Title != "" {
		fmt.Fprintf(bw, "title:     %s\n", doc.Title)
	}
	if !doc.Published.IsZero() {
		fmt.Fprintf(bw, "published: %s (%s)\n", doc.Published.Format("2006-01-02"), doc.PublishedFrom)
	} else {
		fmt.Fprintf(bw, "published: unknown\n")
	}
	headlines := 0
	for _, s := range doc.Sentences {
		if s.Headline {
			headlines++
		}
	}
	fmt.Fprintf(bw, "text:      %d bytes, %d sentences (%d headlines), %d tokens\n",
		len(doc.Text), len(doc.Sentences), headlines, len(doc.Tokens))

	section(bw, "Sentences", len(doc.Sentences))
	for i, s := range doc.Sentences {
		mark := " "
		if s.Headline {
			mark = "H"
		}
		fmt.Fprintf(bw, "  %3d %s [%d:%d] %s\n", i+1, mark, s.Start, s.End, oneLine(s.Text))
	}
	writeAnnotations(bw, doc)
	if len(doc.Warnings) > 0 {
		section(bw, "Warnings", len(doc.Warnings))
		for _, wn := range doc.Warnings {
			fmt.Fprintf(bw, "  %s\n", wn)
		}
	}
	return bw.Flush()
}

func section(w io.Writer, name string, n int) {
	fmt.Fprintf(w, "\n%s (%d)\n", name, n)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// writeAnnotations prints what the stages after segmentation found.
func writeAnnotations(w io.Writer, doc *document.Document) {
	if len(doc.Entities) > 0 {
		section(w, "Entities", len(doc.Entities))
		for _, en := range doc.Entities {
			actor := ""
			if en.Actor != "" {
				actor = " -> " + en.Actor
			}
			fmt.Fprintf(w, "  [%d:%d] %-4s %s%s\n", en.Start, en.End, en.Type, oneLine(en.Text), actor)
		}
	}
	if len(doc.Actors) > 0 {
		section(w, "Actors", len(doc.Actors))
		for _, a := range doc.Actors {
			var mentions []string
			for _, m := range doc.Mentions {
				if m.Actor == a.ID {
					mentions = append(mentions, fmt.Sprintf("%s@%d", oneLine(m.Text), m.Start))
				}
			}
			role := a.Role
			if role != "" {
				role = ", " + role
			}
			fmt.Fprintf(w, "  %-10s %s (%s%s)\n", a.Code, a.Name, a.Kind, role)
			if len(mentions) > 0 {
				fmt.Fprintf(w, "             mentions: %s\n", strings.Join(mentions, "; "))
			}
		}
	}
	if len(doc.Timexes) > 0 {
		section(w, "Time expressions", len(doc.Timexes))
		for _, t := range doc.Timexes {
			note := ""
			if t.Inferred {
				note = " (year inferred)"
			}
			fmt.Fprintf(w, "  [%d:%d] %-8s %-14s %s%s\n", t.Start, t.End, t.Type, t.Value, oneLine(t.Text), note)
		}
	}
	if len(doc.Quotes) > 0 {
		section(w, "Quotes by speaker", len(doc.Quotes))
		names := map[string]string{}
		for _, a := range doc.Actors {
			names[a.ID] = a.Name
		}
		// Speakers in order of their first quote.
		var order []string
		bySpeaker := map[string][]document.Quote{}
		for _, q := range doc.Quotes {
			key := q.SpeakerActor
			if key == "" {
				key = "text:" + oneLine(q.SpeakerText)
			}
			if _, seen := bySpeaker[key]; !seen {
				order = append(order, key)
			}
			bySpeaker[key] = append(bySpeaker[key], q)
		}
		for _, key := range order {
			name := names[key]
			switch {
			case name != "":
				name += " (" + key + ")"
			case strings.HasPrefix(key, "text:") && key != "text:":
				name = strings.TrimPrefix(key, "text:") + " (unresolved)"
			default:
				name = "unknown speaker"
			}
			fmt.Fprintf(w, "  %s\n", name)
			for _, q := range bySpeaker[key] {
				kind := "reported"
				if q.Direct {
					kind = "direct"
				}
				fmt.Fprintf(w, "    [%d:%d] %s %q (%s, %s, %s, tone %s): %s\n", q.Start, q.End, oneLine(q.SpeakerText), q.CueText,
					kind, q.Signal, q.Date, q.Tone, oneLine(q.Text))
			}
		}
	}
	if len(doc.Events) > 0 {
		section(w, "Events", len(doc.Events))
		for _, ev := range doc.Events {
			date := ev.Date
			if date == "" {
				date = "-"
			}
			typ, code := ev.Type, ev.CAMEO
			if ev.Action != "" {
				// Show what is planned, agreed or refused; the standard
				// coding (intent, threat, rejection) follows in brackets.
				typ, code = ev.Action, ev.ActionCAMEO
			}
			fmt.Fprintf(w, "  %-10s %-9s %-5s %s -> %s  [%s", date, typ, code,
				party(ev.Source, ev.SourceText), party(ev.Target, ev.TargetText), strings.ReplaceAll(ev.Status, "_", " "))
			if ev.Action != "" {
				fmt.Fprintf(w, ", coded %s %s", ev.Type, ev.CAMEO)
			}
			if ev.Mode != "" {
				fmt.Fprintf(w, ", mode %s", ev.Mode)
			}
			if ev.Place != "" {
				fmt.Fprintf(w, ", in %s", oneLine(ev.Place))
			}
			if ev.ClaimedBy != "" {
				by := ev.ClaimedBy
				for _, a := range doc.Actors {
					if a.ID == by && a.Name != "" {
						by = a.Name
					}
				}
				fmt.Fprintf(w, ", claimed by %s", by)
			}
			if ev.Negated {
				fmt.Fprintf(w, ", negated")
			}
			if len(ev.Mentions) > 0 {
				fmt.Fprintf(w, ", %d more mentions", len(ev.Mentions))
			}
			fmt.Fprintf(w, "]\n             %q in [%d:%d] %s\n", doc.Slice(ev.Trigger), ev.Evidence.Start, ev.Evidence.End, oneLine(ev.Text))
		}
	}
}

// party names an event's source or target: its actor code and the words.
func party(code, text string) string {
	text = oneLine(text)
	switch {
	case code == "" && text == "":
		return "?"
	case code == "":
		return "\"" + text + "\""
	case text == "":
		return code
	}
	return code + " (" + text + ")"
}
