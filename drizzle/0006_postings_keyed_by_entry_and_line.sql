-- A posting is (journal entry, line): the key doubles as the entry's index, so each posting
-- writes two index entries instead of three. Existing postings are numbered within their
-- entry in the order of their former ids (the append-only trigger stands aside for this one
-- numbering, inside the migration's transaction).
ALTER TABLE "postings" ADD COLUMN "line" smallint;--> statement-breakpoint
ALTER TABLE "postings" DISABLE TRIGGER "postings_append_only";--> statement-breakpoint
UPDATE "postings" SET "line" = "numbered"."line" FROM (SELECT "id", row_number() OVER (PARTITION BY "journal_entry_id" ORDER BY "id") AS "line" FROM "postings") AS "numbered" WHERE "postings"."id" = "numbered"."id";--> statement-breakpoint
ALTER TABLE "postings" ENABLE TRIGGER "postings_append_only";--> statement-breakpoint
ALTER TABLE "postings" ALTER COLUMN "line" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "postings" DROP CONSTRAINT "postings_pkey";--> statement-breakpoint
ALTER TABLE "postings" DROP COLUMN "id";--> statement-breakpoint
DROP INDEX "postings_entry";--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_pkey" PRIMARY KEY("journal_entry_id","line");
