-- Issue 8's indexes for a large ledger. The list's filters and sorts already walk the
-- (key, received_at) indexes of 0001.
--
-- The dashboard (src/ledger/stats-queries.ts): its totals, ratings and resolution times read only
-- these columns over a range of received_at, and its repeated issues group by category and
-- project, so both are answered from the index without visiting the table's rows; the second also
-- returns the groups in order, so SQLite needs no sort for them.
CREATE INDEX "complaint_totals" ON "complaint"
  ("received_at", "status", "resolution_due_at", "resolved_at", "satisfaction");
CREATE INDEX "complaint_category_project_received_at_idx" ON "complaint"
  ("category", "project", "received_at");
