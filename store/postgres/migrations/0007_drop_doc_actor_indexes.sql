-- No query reads documents' actors by key, name or code (the actors table
-- answers those), and each of these indexes took a random write per actor
-- of every saved document, a cost that grew with the store.
DROP INDEX doc_actors_key;
DROP INDEX doc_actors_name;
DROP INDEX doc_actors_code;
