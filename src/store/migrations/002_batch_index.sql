-- dossier corpus store, schema version 2: faster ingest.
-- Full-text rows are added by the writer once per transaction, for all the articles and attributions
-- it inserted (store/write.ts `transaction`), instead of by a trigger per row. Deleting still goes
-- through the triggers.
DROP TRIGGER articles_fts_insert;
DROP TRIGGER attributions_fts_insert;

-- LSH candidates are the earliest articles of a bucket: read them in order from the index, not sorted.
DROP INDEX lsh_buckets_bucket;
CREATE INDEX lsh_buckets_bucket ON lsh_buckets(bucket, article_id);
