-- The handling workflow: clocks, overdue flags, extensions, level overrides, collective groups and
-- follow-ups on the complaint; the assignment history, assignment rules and their round-robin
-- cursors, staff tasks, due-date extensions and the hash-chained audit trail.

ALTER TABLE "complaint" ADD COLUMN "first_responded_at" DATETIME;
ALTER TABLE "complaint" ADD COLUMN "own_fault" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "complaint" ADD COLUMN "paused_at" DATETIME;
ALTER TABLE "complaint" ADD COLUMN "paused_seconds" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "complaint" ADD COLUMN "response_overdue" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "complaint" ADD COLUMN "overdue" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "complaint" ADD COLUMN "extension_days" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "complaint" ADD COLUMN "level_override" TEXT;
ALTER TABLE "complaint" ADD COLUMN "group_ref" TEXT;
ALTER TABLE "complaint" ADD COLUMN "group_complainants" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "complaint" ADD COLUMN "follow_up_asked_at" DATETIME;
ALTER TABLE "complaint" ADD COLUMN "reopen_count" INTEGER NOT NULL DEFAULT 0;

CREATE INDEX "complaint_group_ref_idx" ON "complaint"("group_ref");
CREATE INDEX "complaint_project_category_received_at_idx"
    ON "complaint"("project", "category", "received_at");

ALTER TABLE "attachment" ADD COLUMN "progress_id" INTEGER
    REFERENCES "progress_entry" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "assignment_event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "complaint_id" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "assignee" TEXT NOT NULL,
    "previous" TEXT,
    "by" TEXT NOT NULL,
    "rule" TEXT,
    "reason" TEXT,
    CONSTRAINT "assignment_event_complaint_id_fkey" FOREIGN KEY ("complaint_id")
        REFERENCES "complaint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "assignment_event_complaint_id_at_idx" ON "assignment_event"("complaint_id", "at");

CREATE TABLE "assignment_rule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "position" INTEGER NOT NULL,
    "category" TEXT,
    "source" TEXT,
    "team" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX "assignment_rule_position_idx" ON "assignment_rule"("position");

CREATE TABLE "team_cursor" (
    "team" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL
);

CREATE TABLE "staff_task" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "complaint_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "assignee" TEXT,
    "created_at" DATETIME NOT NULL,
    "done_at" DATETIME,
    "done_by" TEXT,
    "note" TEXT,
    CONSTRAINT "staff_task_complaint_id_fkey" FOREIGN KEY ("complaint_id")
        REFERENCES "complaint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE UNIQUE INDEX "staff_task_dedupe_key_key" ON "staff_task"("dedupe_key");
CREATE INDEX "staff_task_done_at_created_at_idx" ON "staff_task"("done_at", "created_at");
CREATE INDEX "staff_task_complaint_id_idx" ON "staff_task"("complaint_id");

CREATE TABLE "due_extension" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "complaint_id" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "by" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "approved_by" TEXT,
    CONSTRAINT "due_extension_complaint_id_fkey" FOREIGN KEY ("complaint_id")
        REFERENCES "complaint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "due_extension_complaint_id_idx" ON "due_extension"("complaint_id");

CREATE TABLE "audit_entry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seq" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_via" TEXT NOT NULL,
    "request_id" TEXT,
    "ip" TEXT,
    "complaint_ref" TEXT,
    "action" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

CREATE UNIQUE INDEX "audit_entry_seq_key" ON "audit_entry"("seq");
CREATE INDEX "audit_entry_complaint_ref_seq_idx" ON "audit_entry"("complaint_ref", "seq");

-- Nothing rewrites the audit trail: an UPDATE or DELETE aborts its statement.
CREATE TRIGGER "audit_entry_no_update" BEFORE UPDATE ON "audit_entry"
BEGIN
    SELECT RAISE(ABORT, 'audit_entry is append-only');
END;

CREATE TRIGGER "audit_entry_no_delete" BEFORE DELETE ON "audit_entry"
BEGIN
    SELECT RAISE(ABORT, 'audit_entry is append-only');
END;
