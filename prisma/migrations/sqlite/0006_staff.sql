-- Staff accounts, console sessions, API tokens and the record of revealed phone numbers.

CREATE TABLE "staff_user" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "team" TEXT,
    "password_hash" TEXT NOT NULL,
    "failed_logins" INTEGER NOT NULL DEFAULT 0,
    "locked_until" DATETIME,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX "staff_user_username_key" ON "staff_user"("username");

CREATE TABLE "staff_session" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "token_hash" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "csrf_token" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" DATETIME NOT NULL,
    CONSTRAINT "staff_session_user_id_fkey" FOREIGN KEY ("user_id")
        REFERENCES "staff_user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE UNIQUE INDEX "staff_session_token_hash_key" ON "staff_session"("token_hash");
CREATE INDEX "staff_session_user_id_idx" ON "staff_session"("user_id");

CREATE TABLE "api_token" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" DATETIME,
    "revoked_at" DATETIME
);

CREATE UNIQUE INDEX "api_token_name_key" ON "api_token"("name");
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

CREATE TABLE "contact_reveal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "complaint_ref" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX "contact_reveal_complaint_ref_at_idx" ON "contact_reveal"("complaint_ref", "at");
CREATE INDEX "contact_reveal_actor_id_at_idx" ON "contact_reveal"("actor_id", "at");
