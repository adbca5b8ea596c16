package export

import (
	"context"
	"encoding/csv"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/parley-news/parley/store"
)

// EventRecord is one event mention as a flat row: the columns of the csv
// and parquet exports, in this order.
type EventRecord struct {
	DocID         string  `parquet:"doc_id" csv:"doc_id"`
	DocSource     string  `parquet:"doc_source" csv:"doc_source"`
	Published     string  `parquet:"published" csv:"published"`
	EventID       string  `parquet:"event_id" csv:"event_id"`
	MergedID      string  `parquet:"merged_id" csv:"merged_id"`
	Type          string  `parquet:"type" csv:"type"`
	Mode          string  `parquet:"mode" csv:"mode"`
	Context       string  `parquet:"context" csv:"context"`
	CAMEO         string  `parquet:"cameo" csv:"cameo"`
	QuadClass     int32   `parquet:"quad_class" csv:"quad_class"`
	Intensity     float64 `parquet:"intensity" csv:"intensity"`
	Source        string  `parquet:"source" csv:"source"`
	SourceText    string  `parquet:"source_text" csv:"source_text"`
	SourceActor   string  `parquet:"source_actor" csv:"source_actor"`
	SourceKey     string  `parquet:"source_key" csv:"source_key"`
	Target        string  `parquet:"target" csv:"target"`
	TargetText    string  `parquet:"target_text" csv:"target_text"`
	TargetActor   string  `parquet:"target_actor" csv:"target_actor"`
	TargetKey     string  `parquet:"target_key" csv:"target_key"`
	Place         string  `parquet:"place" csv:"place"`
	Date          string  `parquet:"date" csv:"date"`
	DateStated    bool    `parquet:"date_stated" csv:"date_stated"`
	DateFrom      string  `parquet:"date_from" csv:"date_from"`
	DateTo        string  `parquet:"date_to" csv:"date_to"`
	Status        string  `parquet:"status" csv:"status"`
	ClaimedBy     string  `parquet:"claimed_by" csv:"claimed_by"`
	Negated       bool    `parquet:"negated" csv:"negated"`
	TriggerStart  int64   `parquet:"trigger_start" csv:"trigger_start"`
	TriggerEnd    int64   `parquet:"trigger_end" csv:"trigger_end"`
	Trigger       string  `parquet:"trigger" csv:"trigger"`
	EvidenceStart int64   `parquet:"evidence_start" csv:"evidence_start"`
	EvidenceEnd   int64   `parquet:"evidence_end" csv:"evidence_end"`
	Text          string  `parquet:"text" csv:"text"`
}

// NewEventRecord flattens an event mention.
func NewEventRecord(r store.EventRow) EventRecord {
	pub := ""
	if !r.Published.IsZero() {
		pub = r.Published.UTC().Format(time.RFC3339)
	}
	return EventRecord{
		DocID: r.DocID, DocSource: r.DocSource, Published: pub, EventID: r.ID, MergedID: r.MergedID,
		Type: r.Type, Mode: r.Mode, Context: strings.Join(r.Context, ","), CAMEO: r.CAMEO,
		QuadClass: int32(r.QuadClass), Intensity: r.Intensity,
		Source: r.Source, SourceText: r.SourceText, SourceActor: r.SourceActor, SourceKey: r.SourceKey,
		Target: r.Target, TargetText: r.TargetText, TargetActor: r.TargetActor, TargetKey: r.TargetKey,
		Place: r.Place, Date: r.Date, DateStated: r.DateStated, DateFrom: r.DateFrom, DateTo: r.DateTo,
		Status: r.Status, ClaimedBy: r.ClaimedBy, Negated: r.Negated,
		TriggerStart: int64(r.Trigger.Start), TriggerEnd: int64(r.Trigger.End), Trigger: TriggerText(r),
		EvidenceStart: int64(r.Evidence.Start), EvidenceEnd: int64(r.Evidence.End), Text: r.Text,
	}
}

// EventColumns returns the csv header: EventRecord's csv tags in order.
func EventColumns() []string {
	t := reflect.TypeFor[EventRecord]()
	cols := make([]string, t.NumField())
	for i := range cols {
		cols[i] = t.Field(i).Tag.Get("csv")
	}
	return cols
}

// Values returns the record's fields as csv strings, in column order.
func (e EventRecord) Values() []string {
	v := reflect.ValueOf(e)
	out := make([]string, v.NumField())
	for i := range out {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			out[i] = f.String()
		case reflect.Int32, reflect.Int64:
			out[i] = strconv.FormatInt(f.Int(), 10)
		case reflect.Float64:
			out[i] = strconv.FormatFloat(f.Float(), 'g', -1, 64)
		case reflect.Bool:
			out[i] = strconv.FormatBool(f.Bool())
		}
	}
	return out
}

// WriteCSV writes event mentions as RFC 4180 CSV with a header line.
func WriteCSV(ctx context.Context, s store.Store, f store.EventFilter, w io.Writer) (int, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(EventColumns()); err != nil {
		return 0, err
	}
	n := 0
	err := EachEvent(ctx, s, f, func(r store.EventRow) error {
		n++
		return cw.Write(NewEventRecord(r).Values())
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	return n, err
}

// WriteParquet writes event mentions as one Parquet file (zstd), in row
// groups of pageSize rows.
func WriteParquet(ctx context.Context, s store.Store, f store.EventFilter, w io.Writer) (int, error) {
	pw := parquet.NewGenericWriter[EventRecord](w, parquet.Compression(&parquet.Zstd))
	buf := make([]EventRecord, 0, pageSize)
	n := 0
	flush := func() error {
		if len(buf) == 0 {
			return nil
		}
		if _, err := pw.Write(buf); err != nil {
			return err
		}
		n += len(buf)
		buf = buf[:0]
		return nil
	}
	err := EachEvent(ctx, s, f, func(r store.EventRow) error {
		buf = append(buf, NewEventRecord(r))
		if len(buf) == cap(buf) {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if cerr := pw.Close(); err == nil {
		err = cerr
	}
	return n, err
}
