-- Finding the merged events of an actor in a date range, and choosing a
-- page of them, reads only these indexes: the actor indexes carry the
-- merged event, and merged events' dates can be read by pk.
DROP INDEX events_source;
DROP INDEX events_target;
CREATE INDEX events_source ON events(source_key, date_from, merged_pk);
CREATE INDEX events_target ON events(target_key, date_from, merged_pk);
CREATE INDEX merged_events_pk_date ON merged_events(pk, date_from);
