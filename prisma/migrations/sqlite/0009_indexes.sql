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

-- Text search: the list's search is a substring match (LIKE '%word%') over content, subject,
-- complainant name and project, which no B-tree serves, so on SQLite it read every row. An FTS5
-- table with the trigram tokenizer (any 3 or more characters, Chinese included, case folded as
-- LIKE folds ASCII) finds the candidates by index; src/ledger/find-text-matches.ts uses it. It is
-- an external-content table over complaint, so it stores only the index, and these triggers keep
-- it in step with every insert, update and delete.
CREATE VIRTUAL TABLE "complaint_search" USING fts5(
  content, subject, complainant_name, project,
  content = 'complaint', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO "complaint_search" ("complaint_search") VALUES ('rebuild');
CREATE TRIGGER "complaint_search_insert" AFTER INSERT ON "complaint" BEGIN
  INSERT INTO "complaint_search" (rowid, content, subject, complainant_name, project)
    VALUES (new.id, new.content, new.subject, new.complainant_name, new.project);
END;
CREATE TRIGGER "complaint_search_delete" AFTER DELETE ON "complaint" BEGIN
  INSERT INTO "complaint_search" ("complaint_search", rowid, content, subject, complainant_name,
    project) VALUES ('delete', old.id, old.content, old.subject, old.complainant_name, old.project);
END;
CREATE TRIGGER "complaint_search_update"
  AFTER UPDATE OF content, subject, complainant_name, project ON "complaint" BEGIN
  INSERT INTO "complaint_search" ("complaint_search", rowid, content, subject, complainant_name,
    project) VALUES ('delete', old.id, old.content, old.subject, old.complainant_name, old.project);
  INSERT INTO "complaint_search" (rowid, content, subject, complainant_name, project)
    VALUES (new.id, new.content, new.subject, new.complainant_name, new.project);
END;
