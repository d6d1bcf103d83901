-- The ledger: complaints, their progress entries and attachments, and the ref counters.
-- Kept free of BEGIN/COMMIT: the runner wraps each file in a transaction, and
-- `wrangler d1 migrations apply` reads this folder as it is.

CREATE TABLE "complaint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ref" TEXT NOT NULL,
    "received_at" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "source_ref" TEXT,
    "dedupe_key" TEXT,
    "complainant_name" TEXT,
    "complainant_phone" TEXT,
    "complainant_channel_id" TEXT,
    "subject" TEXT,
    "content" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "level" INTEGER,
    "level_rule" TEXT,
    "project" TEXT,
    "area" TEXT,
    "building" TEXT,
    "unit" TEXT,
    "room" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "assignee" TEXT,
    "first_response_due_at" DATETIME,
    "resolution_due_at" DATETIME,
    "solution" TEXT,
    "resolution" TEXT,
    "resolved_at" DATETIME,
    "satisfaction" INTEGER,
    "feedback_comment" TEXT,
    "follow_up_note" TEXT,
    "followed_up_at" DATETIME,
    "people_involved" INTEGER NOT NULL DEFAULT 1,
    "amount_yuan" INTEGER,
    "impairment" TEXT NOT NULL DEFAULT 'none',
    "lawsuit" BOOLEAN NOT NULL DEFAULT false,
    "protest" BOOLEAN NOT NULL DEFAULT false,
    "media" BOOLEAN NOT NULL DEFAULT false,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

CREATE UNIQUE INDEX "complaint_ref_key" ON "complaint"("ref");
CREATE UNIQUE INDEX "complaint_dedupe_key_key" ON "complaint"("dedupe_key");
CREATE INDEX "complaint_status_received_at_idx" ON "complaint"("status", "received_at");
CREATE INDEX "complaint_category_received_at_idx" ON "complaint"("category", "received_at");
CREATE INDEX "complaint_source_received_at_idx" ON "complaint"("source", "received_at");
CREATE INDEX "complaint_level_received_at_idx" ON "complaint"("level", "received_at");
CREATE INDEX "complaint_assignee_received_at_idx" ON "complaint"("assignee", "received_at");
CREATE INDEX "complaint_received_at_idx" ON "complaint"("received_at");

CREATE TABLE "progress_entry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "complaint_id" INTEGER NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "author" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "progress_entry_complaint_id_fkey" FOREIGN KEY ("complaint_id")
        REFERENCES "complaint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "progress_entry_complaint_id_at_idx" ON "progress_entry"("complaint_id", "at");

CREATE TABLE "attachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "complaint_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "mime_type" TEXT,
    "caption" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "attachment_complaint_id_fkey" FOREIGN KEY ("complaint_id")
        REFERENCES "complaint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "attachment_complaint_id_idx" ON "attachment"("complaint_id");

CREATE TABLE "ref_counter" (
    "prefix" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL
);
