-- Staff accounts, console sessions, API tokens and the record of revealed phone numbers.

CREATE TABLE "staff_user" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "team" TEXT,
    "password_hash" TEXT NOT NULL,
    "failed_logins" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMP(3),
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "staff_user_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "staff_user_username_key" ON "staff_user"("username");

CREATE TABLE "staff_session" (
    "id" SERIAL NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "csrf_token" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "staff_session_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "staff_session_user_id_fkey" FOREIGN KEY ("user_id")
        REFERENCES "staff_user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE UNIQUE INDEX "staff_session_token_hash_key" ON "staff_session"("token_hash");
CREATE INDEX "staff_session_user_id_idx" ON "staff_session"("user_id");

CREATE TABLE "api_token" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),
    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "api_token_name_key" ON "api_token"("name");
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

CREATE TABLE "contact_reveal" (
    "id" SERIAL NOT NULL,
    "complaint_ref" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "contact_reveal_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "contact_reveal_complaint_ref_at_idx" ON "contact_reveal"("complaint_ref", "at");
CREATE INDEX "contact_reveal_actor_id_at_idx" ON "contact_reveal"("actor_id", "at");
