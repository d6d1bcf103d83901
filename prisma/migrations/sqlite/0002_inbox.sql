-- The intake inbox: raw events, committed before the 2xx, with their processing state.

CREATE TABLE "inbox_event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "delivery_key" TEXT NOT NULL,
    "received_at" DATETIME NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'received',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "complaint_ref" TEXT,
    "reply" TEXT,
    "processed_at" DATETIME
);

CREATE UNIQUE INDEX "inbox_event_delivery_key_key" ON "inbox_event"("delivery_key");
CREATE INDEX "inbox_event_status_received_at_idx" ON "inbox_event"("status", "received_at");
CREATE INDEX "inbox_event_channel_received_at_idx" ON "inbox_event"("channel", "received_at");
