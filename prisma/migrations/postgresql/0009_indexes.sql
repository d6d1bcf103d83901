-- Text search over a large ledger (issue 8): the list's search is a substring match (LIKE
-- '%word%') on these columns, which no B-tree can serve. Trigram GIN indexes can, and pg_trgm splits
-- Chinese text into trigrams under the C.UTF-8 and UTF-8 locales. Prisma's schema cannot describe
-- an operator-class index on the SQLite schema it shares, so these live only here (see
-- test/support/introspect.ts, which leaves GIN indexes out of the schema comparison).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "complaint_content_trgm_idx" ON "complaint" USING gin ("content" gin_trgm_ops);
CREATE INDEX "complaint_subject_trgm_idx" ON "complaint" USING gin ("subject" gin_trgm_ops);
CREATE INDEX "complaint_complainant_name_trgm_idx" ON "complaint"
  USING gin ("complainant_name" gin_trgm_ops);
CREATE INDEX "complaint_project_trgm_idx" ON "complaint" USING gin ("project" gin_trgm_ops);
