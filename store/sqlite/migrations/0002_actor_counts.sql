-- Per-actor counts kept at save time, so that listing actors reads one
-- small table instead of grouping every document's actors.
ALTER TABLE actors ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE actors ADD COLUMN country TEXT NOT NULL DEFAULT '';
ALTER TABLE actors ADD COLUMN known INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actors ADD COLUMN ndocs INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actors ADD COLUMN nevents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actors ADD COLUMN nquotes INTEGER NOT NULL DEFAULT 0;
UPDATE actors SET
	kind = coalesce((SELECT max(a.kind) FROM doc_actors a WHERE a.key = actors.key), ''),
	country = coalesce((SELECT max(a.country) FROM doc_actors a WHERE a.key = actors.key), ''),
	known = coalesce((SELECT max(a.known) FROM doc_actors a WHERE a.key = actors.key), 0),
	ndocs = (SELECT count(*) FROM doc_actors a WHERE a.key = actors.key),
	nevents = (SELECT count(*) FROM events e WHERE e.source_key = actors.key)
		+ (SELECT count(*) FROM events e WHERE e.target_key = actors.key AND e.source_key <> actors.key),
	nquotes = (SELECT count(*) FROM quotes q WHERE q.speaker_key = actors.key);
CREATE INDEX actors_ndocs ON actors(ndocs DESC, key);
CREATE INDEX actors_code ON actors(code);
CREATE INDEX actors_name ON actors(name_norm);
