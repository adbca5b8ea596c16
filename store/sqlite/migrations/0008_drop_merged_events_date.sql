-- Merged events are paged by date through merged_events_pk_date (the
-- query names it), and merged_events_key holds the dates for merging, so
-- no query reads merged_events_date; it cost a random write per new or
-- re-dated merged event.
DROP INDEX merged_events_date;
