-- The assistant's embedded vector index, version 4: used when no QDRANT_URL is set. One row per passage
-- (a playbook, a run, a step's note) of a tenant in one vector space (`space` is the embedder's id, so
-- vectors of different models are never compared). The passage text itself is not stored: it is rebuilt
-- from the tenant's documents on every question, and `content_hash` says whether a vector is still current.
-- Search loads the tenant's vectors and computes cosine similarity in the server process, which is fast
-- for the thousands of passages a tenant has.

CREATE TABLE assistant_passages (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  space text NOT NULL CHECK (length(space) BETWEEN 1 AND 200),
  passage_id text NOT NULL CHECK (length(passage_id) BETWEEN 1 AND 300),
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  vector real[] NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, space, passage_id)
);

ALTER TABLE assistant_passages ENABLE ROW LEVEL SECURITY;
ALTER TABLE assistant_passages FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON assistant_passages
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON assistant_passages TO vitals_app;
