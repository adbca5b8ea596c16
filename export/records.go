package export

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/parley-news/parley/actor"
	"github.com/parley-news/parley/quote"
	"github.com/parley-news/parley/store"
)

// WriteJSONL writes each selected document, with all its annotations, as
// one JSON object a line (parley's document schema).
func WriteJSONL(ctx context.Context, s store.Store, f store.DocumentFilter, w io.Writer) (int, error) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	max, n := f.Limit, 0
	for {
		g := f
		g.Offset, g.Limit = n, pageSize/4
		if max > 0 && max-n < g.Limit {
			g.Limit = max - n
		}
		rows, _, err := s.FindDocuments(ctx, g)
		if err != nil {
			return n, err
		}
		for _, r := range rows {
			doc, err := s.Document(ctx, r.ID)
			if err != nil {
				return n, err
			}
			if err := enc.Encode(doc); err != nil {
				return n, err
			}
		}
		n += len(rows)
		if len(rows) < g.Limit || (max > 0 && n >= max) {
			return n, nil
		}
	}
}

// PLOVERActor is an actor in a PLOVER record, as in the PLOVER gold
// standard records: its text, its country (or IGO) code and its sector.
type PLOVERActor struct {
	ActorText string `json:"actorText"`
	Code      string `json:"code,omitempty"`
	Sector    string `json:"sector,omitempty"`
	Key       string `json:"key,omitempty"`
}

// PLOVERRecord is one event mention in the field names of the PLOVER
// gold standard records (openeventdata/PLOVER), plus parley's provenance:
// the document, byte spans, status and the merged event it belongs to.
type PLOVERRecord struct {
	ID        string        `json:"id"`
	Date      string        `json:"date,omitempty"`
	Source    []PLOVERActor `json:"source,omitempty"`
	Target    []PLOVERActor `json:"target,omitempty"`
	Event     string        `json:"event"`
	EventText string        `json:"eventText,omitempty"`
	Mode      string        `json:"mode,omitempty"`
	Context   string        `json:"context,omitempty"`
	EventLoc  *struct {
		Name string `json:"name"`
	} `json:"eventLoc,omitempty"`
	Text        string  `json:"text"`
	Language    string  `json:"language"`
	Publication string  `json:"publication,omitempty"`
	Published   string  `json:"published,omitempty"`
	CAMEO       string  `json:"cameo,omitempty"`
	QuadClass   int     `json:"quadClass,omitempty"`
	Intensity   float64 `json:"intensity"`
	Status      string  `json:"status,omitempty"`
	ClaimedBy   string  `json:"claimedBy,omitempty"`
	Negated     bool    `json:"negated,omitempty"`
	DocID       string  `json:"docId"`
	MergedID    string  `json:"mergedId,omitempty"`
	Trigger     [2]int  `json:"trigger"`
	Evidence    [2]int  `json:"evidence"`
}

// splitCode splits a CAMEO-style actor code into its country (first three
// letters) and sector (next three): USAGOV → USA, GOV. A code that is not
// a country code is returned whole as the code.
func splitCode(code, country string) (string, string) {
	c := strings.ToUpper(code)
	if country != "" && strings.HasPrefix(c, strings.ToUpper(country)) {
		return strings.ToUpper(country), c[len(country):]
	}
	if len(c) >= 6 && isUpper(c[:6]) {
		return c[:3], c[3:6]
	}
	return c, ""
}

func isUpper(s string) bool {
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func ploverActor(text, code, key string) []PLOVERActor {
	if text == "" && code == "" && key == "" {
		return nil
	}
	c, sector := splitCode(code, "")
	return []PLOVERActor{{ActorText: text, Code: c, Sector: sector, Key: key}}
}

// NewPLOVERRecord converts an event mention.
func NewPLOVERRecord(r store.EventRow) PLOVERRecord {
	p := PLOVERRecord{
		ID:    fmt.Sprintf("%.16s-%s", r.DocID, r.ID),
		Date:  r.DateFrom,
		Event: r.Type, EventText: TriggerText(r), Mode: r.Mode, Context: strings.Join(r.Context, ","),
		Source: ploverActor(r.SourceText, r.Source, r.SourceKey),
		Target: ploverActor(r.TargetText, r.Target, r.TargetKey),
		Text:   r.Text, Language: "en", Publication: r.DocSource,
		CAMEO: r.CAMEO, QuadClass: r.QuadClass, Intensity: r.Intensity,
		Status: r.Status, ClaimedBy: r.ClaimedBy, Negated: r.Negated,
		DocID: r.DocID, MergedID: r.MergedID,
		Trigger:  [2]int{r.Trigger.Start, r.Trigger.End},
		Evidence: [2]int{r.Evidence.Start, r.Evidence.End},
	}
	if r.DateFrom != r.DateTo {
		p.Date = r.Date
	}
	if !r.Published.IsZero() {
		p.Published = r.Published.UTC().Format(time.RFC3339)
	}
	if r.Place != "" {
		p.EventLoc = &struct {
			Name string `json:"name"`
		}{r.Place}
	}
	return p
}

// WritePLOVER writes event mentions as PLOVER JSON records, one a line.
func WritePLOVER(ctx context.Context, s store.Store, f store.EventFilter, w io.Writer) (int, error) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	n := 0
	err := EachEvent(ctx, s, f, func(r store.EventRow) error {
		n++
		return enc.Encode(NewPLOVERRecord(r))
	})
	return n, err
}

// GDELTColumns are the 61 columns of a GDELT 2.0 event row, in order
// (GDELT Event Codebook V2.0).
var GDELTColumns = []string{
	"GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// GlobalEventID is a stable numeric id for a merged event: the FNV-1a hash
// of its ID, kept to 53 bits so that every JSON and spreadsheet reader
// holds it exactly.
func GlobalEventID(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64() & (1<<53 - 1)
}

// GDELTRow converts a merged event (with its mentions) to a GDELT 2.0
// event row. Fields parley does not produce (religion, ethnicity, known
// group, coordinates, ADM codes, feature IDs) are empty or 0, and so is
// IsRootEvent, since the store does not keep paragraph positions for
// events. GoldsteinScale carries the mean PLOVER intensity.
//
// AvgTone is on GDELT's -100..+100 scale but coarser than GDELT's word
// count: the share of mentions whose evidence sentence the quote tone
// lexicon reads as positive minus the share it reads as negative, in
// percent.
//
// ActionGeo holds the first place a mention names: a country (type 1) or
// a capital (type 4, world city, "Kyiv, Ukraine") when the actor
// dictionary knows it, else the place's name alone with type 0 (not
// resolved). The geo country codes stay empty: GDELT 2.0 writes FIPS 10-4
// codes there, and the dictionary holds ISO 3166 and CAMEO codes only.
// The actors' own geography (Actor1Geo, Actor2Geo) is not found.
func GDELTRow(m store.MergedEvent) []string {
	row := make([]string, len(GDELTColumns))
	day, _ := time.Parse("2006-01-02", m.DateFrom)
	row[0] = fmt.Sprint(GlobalEventID(m.ID))
	if !day.IsZero() {
		row[1] = day.Format("20060102")
		row[2] = day.Format("200601")
		row[3] = day.Format("2006")
		row[4] = fmt.Sprintf("%.4f", float64(day.Year())+float64(day.YearDay())/365)
	}
	actor := func(at int, code, name string) {
		c, typ := splitCode(code, "")
		row[at] = strings.ToUpper(code)
		row[at+1] = strings.ToUpper(name)
		if typ != "" || len(c) == 3 {
			row[at+2] = c
		}
		row[at+7] = typ
	}
	actor(5, m.SourceCode, m.SourceName)
	actor(15, m.TargetCode, m.TargetName)
	row[25] = "0"
	code := m.CAMEO
	row[26] = code
	if len(code) >= 3 {
		row[27] = code[:3]
	} else {
		row[27] = code
	}
	if len(code) >= 2 {
		row[28] = code[:2]
	}
	row[29] = fmt.Sprint(m.QuadClass)
	row[30] = fmt.Sprintf("%.1f", m.Intensity)
	row[31] = fmt.Sprint(m.NumMentions)
	row[32] = fmt.Sprint(m.NumSources)
	row[33] = fmt.Sprint(m.NumArticles)
	row[34] = fmt.Sprintf("%.2f", avgTone(m.Mentions))
	for _, at := range []int{35, 43, 51} {
		row[at] = "0"
	}
	url := ""
	for _, e := range m.Mentions {
		if row[52] == "" && e.Place != "" {
			row[51], row[52] = placeGeo(e.Place, day)
		}
		if e.DocID == m.FirstDoc && url == "" {
			url = e.DocSource
		}
	}
	if !m.FirstReport.IsZero() {
		row[59] = m.FirstReport.UTC().Format("20060102150405")
	}
	row[60] = url
	return row
}

// avgTone is 100 × (positive − negative) / mentions, each mention read by
// the quote tone lexicon over its evidence sentence.
func avgTone(ms []store.EventRow) float64 {
	if len(ms) == 0 {
		return 0
	}
	score := 0
	for _, e := range ms {
		switch quote.Tone(e.Text, "") {
		case quote.Positive:
			score++
		case quote.Negative:
			score--
		}
	}
	return 100 * float64(score) / float64(len(ms))
}

// placeGeo returns GDELT's geo type and full name for a place: 1 and the
// country's name for a state of the actor dictionary, 4 and "Capital,
// Country" for its capital, else 0 and the place as written.
func placeGeo(place string, day time.Time) (typ, name string) {
	d, err := actor.Default()
	if err != nil {
		return "0", place
	}
	if day.IsZero() {
		day = time.Now()
	}
	for _, m := range d.Lookup(place, day) {
		if m.Entry == nil || m.Entry.Kind != actor.KindState {
			continue
		}
		switch m.Via {
		case actor.ViaName:
			return "1", m.Entry.Name
		case actor.ViaCapital:
			return "4", place + ", " + m.Entry.Name
		}
	}
	return "0", place
}

// WriteGDELT writes merged events as GDELT 2.0 event rows: tab-separated,
// no header, as GDELT's own export files.
func WriteGDELT(ctx context.Context, s store.Store, f store.EventFilter, w io.Writer) (int, error) {
	n := 0
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	err := EachMerged(ctx, s, f, func(m store.MergedEvent) error {
		row := GDELTRow(m)
		for i := range row {
			row[i] = clean.Replace(row[i])
		}
		n++
		_, err := io.WriteString(w, strings.Join(row, "\t")+"\n")
		return err
	})
	return n, err
}
