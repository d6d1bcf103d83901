-- Issue 8's indexes for a large ledger.
--
-- Text search: the list's search is a substring match (LIKE '%word%') on these columns, which no
-- B-tree can serve. Trigram GIN indexes can, and pg_trgm splits Chinese text into trigrams under
-- the C.UTF-8 and UTF-8 locales. Prisma's schema cannot describe an operator-class index on the
-- SQLite schema it shares, so these live only here (see test/support/introspect.ts, which leaves
-- GIN indexes out of the schema comparison).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "complaint_content_trgm_idx" ON "complaint" USING gin ("content" gin_trgm_ops);
CREATE INDEX "complaint_subject_trgm_idx" ON "complaint" USING gin ("subject" gin_trgm_ops);
CREATE INDEX "complaint_complainant_name_trgm_idx" ON "complaint"
  USING gin ("complainant_name" gin_trgm_ops);
CREATE INDEX "complaint_project_trgm_idx" ON "complaint" USING gin ("project" gin_trgm_ops);

-- The dashboard (src/ledger/stats-queries.ts): its totals, ratings and resolution times read only
-- these columns over a range of received_at, and its repeated issues group by category and
-- project, so both are answered from the index without visiting the table's rows.
CREATE INDEX "complaint_totals" ON "complaint"
  ("received_at", "status", "resolution_due_at", "resolved_at", "satisfaction");
CREATE INDEX "complaint_category_project_received_at_idx" ON "complaint"
  ("category", "project", "received_at");
