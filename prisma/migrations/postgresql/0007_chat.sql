-- Chat intake: conversation state per customer and channel, and the messages exchanged.

CREATE TABLE "chat_conversation" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "session" TEXT NOT NULL,
    "step" TEXT NOT NULL DEFAULT 'idle',
    "language" TEXT NOT NULL DEFAULT 'zh',
    "draft" TEXT NOT NULL DEFAULT '{}',
    "complaint_ref" TEXT,
    "handoff_at" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "chat_conversation_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "chat_conversation_channel_user_id_key" ON "chat_conversation"("channel", "user_id");
CREATE INDEX "chat_conversation_handoff_at_idx" ON "chat_conversation"("handoff_at");

CREATE TABLE "chat_message" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "session" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "complaint_ref" TEXT,
    CONSTRAINT "chat_message_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "chat_message_complaint_ref_at_idx" ON "chat_message"("complaint_ref", "at");
CREATE INDEX "chat_message_session_idx" ON "chat_message"("session");
CREATE INDEX "chat_message_channel_user_id_at_idx" ON "chat_message"("channel", "user_id", "at");
