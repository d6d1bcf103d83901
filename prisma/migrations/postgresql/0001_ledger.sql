-- The ledger: complaints, their progress entries and attachments, and the ref counters.
-- The runner wraps each file in a transaction.

CREATE TABLE "complaint" (
    "id" SERIAL NOT NULL,
    "ref" TEXT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL,
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
    "first_response_due_at" TIMESTAMP(3),
    "resolution_due_at" TIMESTAMP(3),
    "solution" TEXT,
    "resolution" TEXT,
    "resolved_at" TIMESTAMP(3),
    "satisfaction" INTEGER,
    "feedback_comment" TEXT,
    "follow_up_note" TEXT,
    "followed_up_at" TIMESTAMP(3),
    "people_involved" INTEGER NOT NULL DEFAULT 1,
    "amount_yuan" INTEGER,
    "impairment" TEXT NOT NULL DEFAULT 'none',
    "lawsuit" BOOLEAN NOT NULL DEFAULT false,
    "protest" BOOLEAN NOT NULL DEFAULT false,
    "media" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "complaint_pkey" PRIMARY KEY ("id")
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
    "id" SERIAL NOT NULL,
    "complaint_id" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "author" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "progress_entry_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "progress_entry_complaint_id_fkey" FOREIGN KEY ("complaint_id")
        REFERENCES "complaint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "progress_entry_complaint_id_at_idx" ON "progress_entry"("complaint_id", "at");

CREATE TABLE "attachment" (
    "id" SERIAL NOT NULL,
    "complaint_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "mime_type" TEXT,
    "caption" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "attachment_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "attachment_complaint_id_fkey" FOREIGN KEY ("complaint_id")
        REFERENCES "complaint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "attachment_complaint_id_idx" ON "attachment"("complaint_id");

CREATE TABLE "ref_counter" (
    "prefix" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    CONSTRAINT "ref_counter_pkey" PRIMARY KEY ("prefix")
);
