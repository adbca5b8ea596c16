// Package export writes a store's contents in formats other programs read:
// CSV and Parquet tables of event mentions, JSON Lines of whole documents,
// GDELT 2.0 event rows of merged events, and PLOVER event records.
package export

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/parley-news/parley/store"
)

// Formats lists the export formats, each with what it writes.
var Formats = map[string]string{
	"csv":     "event mentions, one row each, with a header",
	"jsonl":   "whole documents with all annotations, one JSON object a line",
	"gdelt":   "merged events as GDELT 2.0 event rows (61 tab-separated columns, no header)",
	"plover":  "event mentions as PLOVER JSON records, one a line",
	"parquet": "event mentions as a Parquet file (same columns as csv)",
}

// FormatNames returns the format names, sorted.
func FormatNames() []string {
	var ns []string
	for n := range Formats {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return ns
}

// Write exports what f selects from s to w in format and returns the
// number of records written. For jsonl, f's DocID, From/To (on the
// publication date) and Query select documents.
func Write(ctx context.Context, s store.Store, format string, f store.EventFilter, w io.Writer) (int, error) {
	switch format {
	case "csv":
		return WriteCSV(ctx, s, f, w)
	case "jsonl":
		return WriteJSONL(ctx, s, store.DocumentFilter{ID: f.DocID, From: f.From, To: f.To, Query: f.Query, Limit: f.Limit}, w)
	case "gdelt":
		return WriteGDELT(ctx, s, f, w)
	case "plover":
		return WritePLOVER(ctx, s, f, w)
	case "parquet":
		return WriteParquet(ctx, s, f, w)
	}
	return 0, fmt.Errorf("export: unknown format %q (want %s)", format, strings.Join(FormatNames(), ", "))
}

// pageSize is how many rows one store call fetches.
const pageSize = 2000

// EachEvent calls fn for every event mention f selects, in the store's
// order, fetching pageSize rows at a time; f.Limit caps the total.
func EachEvent(ctx context.Context, s store.Store, f store.EventFilter, fn func(store.EventRow) error) error {
	return eachPage(f, pageSize, func(g store.EventFilter) ([]store.EventRow, error) {
		rows, _, err := s.FindEvents(ctx, g)
		return rows, err
	}, fn)
}

// EachMerged calls fn for every merged event f selects, with mentions.
func EachMerged(ctx context.Context, s store.Store, f store.EventFilter, fn func(store.MergedEvent) error) error {
	f.WithMentions = true
	return eachPage(f, pageSize/4, func(g store.EventFilter) ([]store.MergedEvent, error) {
		rows, _, err := s.FindMergedEvents(ctx, g)
		return rows, err
	}, fn)
}

// eachPage pages through what f selects, size rows per find call, and
// calls fn for each row; f.Limit caps the total.
func eachPage[T any](f store.EventFilter, size int, find func(store.EventFilter) ([]T, error), fn func(T) error) error {
	max := f.Limit
	n := 0
	for {
		g := f
		g.Offset = f.Offset + n
		g.Limit = size
		if max > 0 && max-n < size {
			g.Limit = max - n
		}
		rows, err := find(g)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		n += len(rows)
		if len(rows) < g.Limit || (max > 0 && n >= max) {
			return nil
		}
	}
}

// TriggerText returns the words of the event's trigger, read from its
// evidence text when the trigger lies inside the evidence.
func TriggerText(r store.EventRow) string {
	s := r.Trigger.Start - r.Evidence.Start
	e := r.Trigger.End - r.Evidence.Start
	if s < 0 || e > len(r.Text) || s > e || r.Evidence.Len() != len(r.Text) {
		return ""
	}
	return r.Text[s:e]
}
