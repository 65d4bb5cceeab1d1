-- dossier corpus store, schema version 1.
-- Every table here is declared in ../schema.ts, which gives the row types; a test checks they agree.

-- Raw inputs: the bytes of every item read (a file, a feed item, a WARC record), kept before analysis,
-- so nothing is lost. `hash` (sha256 of the bytes) makes ingestion idempotent.
CREATE TABLE raw_inputs (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  locator TEXT NOT NULL,          -- where it came from: a path, path#item=N, path#record=<WARC-Record-ID>
  path TEXT,
  url TEXT,
  format TEXT NOT NULL,           -- text | html | feed | warc
  title TEXT,                     -- given by the container (feed item title)
  date TEXT,                      -- given by the container (feed item date, WARC-Date)
  bytes BLOB NOT NULL,
  size INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',  -- pending | stored | failed
  error_code TEXT,
  error_reason TEXT,
  added_at TEXT NOT NULL
);
CREATE INDEX raw_inputs_status ON raw_inputs(status);

-- Analysed articles. `doc` is the dossier.document/1 JSON (output/json.ts `toJson`) without its `text`,
-- which is the `text` column (kept once; `readDocument` puts it back).
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  doc_id TEXT NOT NULL UNIQUE,    -- the document id (sha256 of the raw input)
  raw_id INTEGER NOT NULL UNIQUE REFERENCES raw_inputs(id),
  title TEXT,
  date TEXT,
  url TEXT,
  source TEXT,                    -- path or site
  format TEXT NOT NULL,
  language TEXT,
  text TEXT NOT NULL,
  doc TEXT NOT NULL,
  chars INTEGER NOT NULL,
  signature BLOB,                 -- MinHash over word shingles (near duplicates)
  added_at TEXT NOT NULL
);
CREATE INDEX articles_date ON articles(date);

-- Cross-document people and organisations (and places, other names): one row per distinct normalised
-- name; `merged_into` links a variant to the actor it was merged into (undo: set it back to NULL).
CREATE TABLE actors (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  key TEXT NOT NULL,
  merged_into INTEGER REFERENCES actors(id),
  UNIQUE (type, key)
);
CREATE INDEX actors_merged_into ON actors(merged_into);

-- Entities of one article (as in the document JSON), each tied to an actor.
CREATE TABLE entities (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  local_id TEXT NOT NULL,         -- e1, e2 ... in the document
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  roles TEXT NOT NULL,            -- JSON array of strings
  mentions INTEGER NOT NULL,
  actor_id INTEGER REFERENCES actors(id),
  UNIQUE (article_id, local_id)
);
CREATE INDEX entities_actor ON entities(actor_id);

CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  article_id INTEGER NOT NULL REFERENCES articles(id),
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id, start);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE attributions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  local_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  entity_id INTEGER REFERENCES entities(id),   -- the resolved speaker, or NULL
  source_text TEXT,
  cue TEXT NOT NULL,
  content TEXT NOT NULL,
  start INTEGER NOT NULL,         -- content extent
  end INTEGER NOT NULL,
  rule TEXT NOT NULL,
  UNIQUE (article_id, local_id)
);
CREATE INDEX attributions_entity ON attributions(entity_id);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  local_id TEXT NOT NULL,
  type TEXT NOT NULL,
  modality TEXT,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  event TEXT NOT NULL,            -- the event's JSON as in the document
  UNIQUE (article_id, local_id)
);

-- Notes: a document's messages and removed page furniture, and per-item ingestion failures
-- (article_id NULL then; raw_id set when the bytes were kept).
CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  article_id INTEGER REFERENCES articles(id),
  raw_id INTEGER REFERENCES raw_inputs(id),
  locator TEXT,
  kind TEXT NOT NULL,             -- message | removed | failure
  code TEXT NOT NULL,
  text TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX notes_article ON notes(article_id);

-- Name forms that coreference put into an entity of another name, inside one article ("NATO" in
-- "North Atlantic Treaty Organization"): evidence for cross-document merges.
CREATE TABLE aliases (
  type TEXT NOT NULL,
  alias_key TEXT NOT NULL,
  name_key TEXT NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id)
);
CREATE INDEX aliases_alias ON aliases(type, alias_key);

-- Merges of actors, each with its evidence; `undone_at` set when undone (the pair is not merged again).
CREATE TABLE merges (
  id INTEGER PRIMARY KEY,
  winner_id INTEGER NOT NULL REFERENCES actors(id),
  loser_id INTEGER NOT NULL REFERENCES actors(id),
  rule TEXT NOT NULL,
  score REAL NOT NULL,
  evidence TEXT NOT NULL,         -- JSON
  created_at TEXT NOT NULL,
  undone_at TEXT
);
CREATE INDEX merges_pair ON merges(winner_id, loser_id);

-- Near duplicates: LSH buckets over MinHash signatures, and groups with their similarity.
CREATE TABLE lsh_buckets (
  bucket INTEGER NOT NULL,        -- band number and band hash folded into one integer
  article_id INTEGER NOT NULL REFERENCES articles(id)
);
CREATE INDEX lsh_buckets_bucket ON lsh_buckets(bucket);

CREATE TABLE duplicates (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id),
  group_id INTEGER NOT NULL,      -- the id of the group's first article
  similar_to INTEGER NOT NULL REFERENCES articles(id),
  similarity REAL NOT NULL
);
CREATE INDEX duplicates_group ON duplicates(group_id);

-- Full-text search over article title and text, and over attribution contents (external content).
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;

CREATE VIRTUAL TABLE attributions_fts USING fts5(content, content='attributions', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
CREATE TRIGGER attributions_fts_insert AFTER INSERT ON attributions BEGIN
  INSERT INTO attributions_fts(rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER attributions_fts_delete AFTER DELETE ON attributions BEGIN
  INSERT INTO attributions_fts(attributions_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;

-- The actor each actor resolves to after merges (follows merged_into to the end).
CREATE VIEW actor_roots AS
  WITH RECURSIVE r(id, root) AS (
    SELECT id, id FROM actors WHERE merged_into IS NULL
    UNION ALL
    SELECT a.id, r.root FROM actors a JOIN r ON a.merged_into = r.id
  )
  SELECT id, root FROM r;
