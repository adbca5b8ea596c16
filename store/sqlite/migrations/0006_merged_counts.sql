-- Merged events keep their counts up to date as mentions arrive, instead
-- of recounting every mention of an event each time one joins it (which
-- made saving slower as events grew): the outlets already counted, and the
-- sum of the mentions' intensities for their average.
CREATE TABLE merged_outlets (
	merged_pk INTEGER NOT NULL REFERENCES merged_events(pk),
	outlet    TEXT    NOT NULL,
	PRIMARY KEY (merged_pk, outlet)
) WITHOUT ROWID;
INSERT INTO merged_outlets (merged_pk, outlet)
	SELECT DISTINCT e.merged_pk, d.outlet FROM events e JOIN documents d ON d.pk = e.doc_pk;
ALTER TABLE merged_events ADD COLUMN intensity_sum REAL NOT NULL DEFAULT 0;
UPDATE merged_events SET intensity_sum = (SELECT total(e.intensity) FROM events e WHERE e.merged_pk = merged_events.pk);
-- Candidates for a new mention are looked up by key and by the end of
-- their dates: news arrives roughly in date order, so the events of a key
-- that end after a new mention's dates are few, while those that begin
-- before it are all of the key's history.
DROP INDEX merged_events_key;
CREATE INDEX merged_events_key ON merged_events(type, source_key, target_key, date_to, date_from);
