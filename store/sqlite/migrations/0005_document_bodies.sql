-- Text and record move out of documents: a document row was a page or
-- more, so every scan or join over documents read the whole text. The
-- full-text index becomes contentless (queries only need its rowids) and
-- is rebuilt from the moved text.
CREATE TABLE document_bodies (
	pk     INTEGER PRIMARY KEY REFERENCES documents(pk),
	title  TEXT NOT NULL DEFAULT '',
	text   TEXT NOT NULL,
	record BLOB NOT NULL
);
INSERT INTO document_bodies (pk, title, text, record) SELECT pk, title, text, record FROM documents;
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='');
INSERT INTO documents_fts (rowid, title, text) SELECT pk, title, text FROM document_bodies;
ALTER TABLE documents DROP COLUMN text;
ALTER TABLE documents DROP COLUMN record;
