-- Text and record move out of documents, so that scans and joins over
-- documents read small rows; the text-search vector moves with the text.
CREATE TABLE document_bodies (
	pk     BIGINT PRIMARY KEY REFERENCES documents(pk),
	title  TEXT NOT NULL DEFAULT '',
	text   TEXT NOT NULL,
	record BYTEA NOT NULL,
	tsv    tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || text)) STORED
);
INSERT INTO document_bodies (pk, title, text, record) SELECT pk, title, text, record FROM documents;
CREATE INDEX document_bodies_tsv ON document_bodies USING GIN (tsv);
DROP INDEX documents_tsv;
ALTER TABLE documents DROP COLUMN tsv, DROP COLUMN text, DROP COLUMN record;
