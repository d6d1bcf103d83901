-- Chat intake: conversation state per customer and channel, and the messages exchanged.

CREATE TABLE "chat_conversation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "session" TEXT NOT NULL,
    "step" TEXT NOT NULL DEFAULT 'idle',
    "language" TEXT NOT NULL DEFAULT 'zh',
    "draft" TEXT NOT NULL DEFAULT '{}',
    "complaint_ref" TEXT,
    "handoff_at" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "started_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL
);

CREATE UNIQUE INDEX "chat_conversation_channel_user_id_key" ON "chat_conversation"("channel", "user_id");
CREATE INDEX "chat_conversation_handoff_at_idx" ON "chat_conversation"("handoff_at");

CREATE TABLE "chat_message" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "session" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT,
    "at" DATETIME NOT NULL,
    "complaint_ref" TEXT
);

CREATE INDEX "chat_message_complaint_ref_at_idx" ON "chat_message"("complaint_ref", "at");
CREATE INDEX "chat_message_session_idx" ON "chat_message"("session");
CREATE INDEX "chat_message_channel_user_id_at_idx" ON "chat_message"("channel", "user_id", "at");
