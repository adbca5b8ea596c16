-- Per-actor counts kept at save time, so that listing actors reads one
-- small table instead of grouping every document's actors.
ALTER TABLE actors ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE actors ADD COLUMN country TEXT NOT NULL DEFAULT '';
ALTER TABLE actors ADD COLUMN known BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE actors ADD COLUMN ndocs BIGINT NOT NULL DEFAULT 0;
ALTER TABLE actors ADD COLUMN nevents BIGINT NOT NULL DEFAULT 0;
ALTER TABLE actors ADD COLUMN nquotes BIGINT NOT NULL DEFAULT 0;
UPDATE actors SET
	kind = coalesce((SELECT max(a.kind) FROM doc_actors a WHERE a.key = actors.key), ''),
	country = coalesce((SELECT max(a.country) FROM doc_actors a WHERE a.key = actors.key), ''),
	known = coalesce((SELECT bool_or(a.known) FROM doc_actors a WHERE a.key = actors.key), false),
	ndocs = (SELECT count(*) FROM doc_actors a WHERE a.key = actors.key),
	nevents = (SELECT count(*) FROM events e WHERE e.source_key = actors.key)
		+ (SELECT count(*) FROM events e WHERE e.target_key = actors.key AND e.source_key <> actors.key),
	nquotes = (SELECT count(*) FROM quotes q WHERE q.speaker_key = actors.key);
CREATE INDEX actors_ndocs ON actors(ndocs DESC, key);
CREATE INDEX actors_code ON actors(code);
CREATE INDEX actors_name ON actors(name_norm);
