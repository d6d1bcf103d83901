-- Issue 8's indexes. The list's filters and sorts already walk the (key, received_at) indexes of
-- 0001; PostgreSQL gains trigram indexes for text search here. SQLite keeps its substring search
-- as a scan: an FTS5 trigram table would need the list's query rewritten (BENCHMARKS.md says so),
-- so this migration holds no statement on SQLite beyond keeping the numbering in step.
SELECT 1;
