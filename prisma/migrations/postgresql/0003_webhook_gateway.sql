-- Webhook gateway: repeat calls and posts counted on the complaint they add to.

ALTER TABLE "complaint" ADD COLUMN "repeat_key" TEXT;
ALTER TABLE "complaint" ADD COLUMN "repeat_count" INTEGER NOT NULL DEFAULT 0;

CREATE INDEX "complaint_repeat_key_received_at_idx" ON "complaint"("repeat_key", "received_at");

CREATE TABLE "complaint_repeat" (
    "id" SERIAL NOT NULL,
    "complaint_id" INTEGER NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "complaint_repeat_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "complaint_repeat_complaint_id_fkey" FOREIGN KEY ("complaint_id")
        REFERENCES "complaint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE UNIQUE INDEX "complaint_repeat_dedupe_key_key" ON "complaint_repeat"("dedupe_key");
CREATE INDEX "complaint_repeat_complaint_id_idx" ON "complaint_repeat"("complaint_id");
