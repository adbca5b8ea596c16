-- Documents: one row per distinct text; id is the hex SHA-256 of text.
CREATE TABLE documents (
	pk             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id             TEXT    NOT NULL UNIQUE,
	source         TEXT    NOT NULL DEFAULT '',
	outlet         TEXT    NOT NULL DEFAULT '',
	title          TEXT    NOT NULL DEFAULT '',
	published      TEXT    NOT NULL DEFAULT '', -- RFC 3339 UTC, '' when unknown
	published_from TEXT    NOT NULL DEFAULT '',
	reported       TEXT    NOT NULL,            -- published, else stored
	language       TEXT    NOT NULL DEFAULT '',
	skipped        TEXT    NOT NULL DEFAULT '', -- why not analysed; '' when analysed
	simhash        BIGINT,                      -- 64-bit SimHash as signed integer
	band0          BIGINT,
	band1          BIGINT,
	band2          BIGINT,
	band3          BIGINT,
	nbytes         BIGINT NOT NULL,
	nevents        BIGINT NOT NULL DEFAULT 0,
	nquotes        BIGINT NOT NULL DEFAULT 0,
	text           TEXT    NOT NULL,
	record         BYTEA    NOT NULL,            -- gzip JSON of the document without its text
	stored         TEXT    NOT NULL,
	tsv            tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || text)) STORED
);
CREATE INDEX documents_tsv ON documents USING GIN (tsv);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_band0 ON documents(band0) WHERE simhash IS NOT NULL;
CREATE INDEX documents_band1 ON documents(band1) WHERE simhash IS NOT NULL;
CREATE INDEX documents_band2 ON documents(band2) WHERE simhash IS NOT NULL;
CREATE INDEX documents_band3 ON documents(band3) WHERE simhash IS NOT NULL;


-- Duplicates: a text found again (exact) or a nearly identical one (near).
CREATE TABLE duplicates (
	id       TEXT    NOT NULL,
	original TEXT    NOT NULL REFERENCES documents(id),
	kind     TEXT    NOT NULL CHECK (kind IN ('exact', 'near')),
	source   TEXT    NOT NULL DEFAULT '',
	distance BIGINT NOT NULL DEFAULT 0,
	created  TEXT    NOT NULL,
	PRIMARY KEY (id, original, source)
);
CREATE INDEX duplicates_original ON duplicates(original);

-- Actors as each document resolved them; key is shared across documents.
CREATE TABLE doc_actors (
	doc_pk    BIGINT NOT NULL REFERENCES documents(pk),
	key       TEXT    NOT NULL,
	actor_id  TEXT    NOT NULL DEFAULT '',
	name      TEXT    NOT NULL DEFAULT '',
	name_norm TEXT    NOT NULL DEFAULT '',
	kind      TEXT    NOT NULL DEFAULT '',
	code      TEXT    NOT NULL DEFAULT '',
	country   TEXT    NOT NULL DEFAULT '',
	role      TEXT    NOT NULL DEFAULT '',
	known     BOOLEAN NOT NULL DEFAULT false,
	PRIMARY KEY (doc_pk, key)
);
CREATE INDEX doc_actors_key ON doc_actors(key);
CREATE INDEX doc_actors_name ON doc_actors(name_norm);
CREATE INDEX doc_actors_code ON doc_actors(code);

-- Actors: one row per key, the first name and code seen; small enough to
-- scan when a user's actor filter is a partial name.
CREATE TABLE actors (
	key       TEXT PRIMARY KEY,
	name      TEXT NOT NULL DEFAULT '',
	name_norm TEXT NOT NULL DEFAULT '',
	code      TEXT NOT NULL DEFAULT ''
);

-- Merged events: one real-world event across documents (GDELT's event row).
CREATE TABLE merged_events (
	pk           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id           TEXT    NOT NULL UNIQUE,
	type         TEXT    NOT NULL,
	mode         TEXT    NOT NULL DEFAULT '',
	cameo        TEXT    NOT NULL DEFAULT '',
	quad_class   BIGINT NOT NULL DEFAULT 0,
	status       TEXT    NOT NULL DEFAULT '',
	source_key   TEXT    NOT NULL DEFAULT '',
	source_name  TEXT    NOT NULL DEFAULT '',
	source_code  TEXT    NOT NULL DEFAULT '',
	target_key   TEXT    NOT NULL DEFAULT '',
	target_name  TEXT    NOT NULL DEFAULT '',
	target_code  TEXT    NOT NULL DEFAULT '',
	date_from    TEXT    NOT NULL,
	date_to      TEXT    NOT NULL,
	intensity    DOUBLE PRECISION    NOT NULL DEFAULT 0,
	num_mentions BIGINT NOT NULL DEFAULT 0,
	num_articles BIGINT NOT NULL DEFAULT 0,
	num_sources  BIGINT NOT NULL DEFAULT 0,
	first_report TEXT    NOT NULL DEFAULT '',
	last_report  TEXT    NOT NULL DEFAULT '',
	first_doc    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX merged_events_key ON merged_events(type, source_key, target_key, date_from);
CREATE INDEX merged_events_date ON merged_events(date_from);

-- Events: one row per event a document reports (a mention of a merged event).
CREATE TABLE events (
	pk             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	doc_pk         BIGINT NOT NULL REFERENCES documents(pk),
	idx            BIGINT NOT NULL,
	event_id       TEXT    NOT NULL DEFAULT '',
	type           TEXT    NOT NULL DEFAULT '',
	mode           TEXT    NOT NULL DEFAULT '',
	context        TEXT    NOT NULL DEFAULT '', -- JSON array
	cameo          TEXT    NOT NULL DEFAULT '',
	quad_class     BIGINT NOT NULL DEFAULT 0,
	intensity      DOUBLE PRECISION    NOT NULL DEFAULT 0,
	source         TEXT    NOT NULL DEFAULT '',
	source_text    TEXT    NOT NULL DEFAULT '',
	source_actor   TEXT    NOT NULL DEFAULT '',
	source_key     TEXT    NOT NULL DEFAULT '',
	target         TEXT    NOT NULL DEFAULT '',
	target_text    TEXT    NOT NULL DEFAULT '',
	target_actor   TEXT    NOT NULL DEFAULT '',
	target_key     TEXT    NOT NULL DEFAULT '',
	place          TEXT    NOT NULL DEFAULT '',
	date           TEXT    NOT NULL DEFAULT '',
	date_stated    BOOLEAN NOT NULL DEFAULT false,
	date_from      TEXT    NOT NULL,
	date_to        TEXT    NOT NULL,
	status         TEXT    NOT NULL DEFAULT '',
	claimed_by     TEXT    NOT NULL DEFAULT '',
	negated        BOOLEAN NOT NULL DEFAULT false,
	trigger_start  BIGINT NOT NULL,
	trigger_end    BIGINT NOT NULL,
	evidence_start BIGINT NOT NULL,
	evidence_end   BIGINT NOT NULL,
	text           TEXT    NOT NULL DEFAULT '',
	merged_pk      BIGINT NOT NULL REFERENCES merged_events(pk),
	UNIQUE (doc_pk, idx)
);
CREATE INDEX events_source ON events(source_key, date_from);
CREATE INDEX events_target ON events(target_key, date_from);
CREATE INDEX events_date ON events(date_from);
CREATE INDEX events_merged ON events(merged_pk);

-- Quotes with their speakers.
CREATE TABLE quotes (
	pk            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	doc_pk        BIGINT NOT NULL REFERENCES documents(pk),
	idx           BIGINT NOT NULL,
	start_byte    BIGINT NOT NULL,
	end_byte      BIGINT NOT NULL,
	text          TEXT    NOT NULL,
	direct        BOOLEAN NOT NULL DEFAULT false,
	speaker_start BIGINT NOT NULL DEFAULT -1,
	speaker_end   BIGINT NOT NULL DEFAULT -1,
	speaker_text  TEXT    NOT NULL DEFAULT '',
	speaker_actor TEXT    NOT NULL DEFAULT '',
	speaker_key   TEXT    NOT NULL DEFAULT '',
	cue_start     BIGINT NOT NULL DEFAULT -1,
	cue_end       BIGINT NOT NULL DEFAULT -1,
	cue_text      TEXT    NOT NULL DEFAULT '',
	signal        TEXT    NOT NULL DEFAULT '',
	date          TEXT    NOT NULL DEFAULT '',
	tone          TEXT    NOT NULL DEFAULT '',
	tsv           tsvector GENERATED ALWAYS AS (to_tsvector('english', text || ' ' || speaker_text)) STORED,
	UNIQUE (doc_pk, idx)
);
CREATE INDEX quotes_tsv ON quotes USING GIN (tsv);
CREATE INDEX quotes_speaker ON quotes(speaker_key);
