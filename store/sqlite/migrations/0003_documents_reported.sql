-- Listing documents newest first reads this index instead of every row.
CREATE INDEX documents_reported ON documents(reported, pk);
