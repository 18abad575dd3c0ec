DROP INDEX "payment_attempts_channel_recent";--> statement-breakpoint
DROP INDEX "payment_attempts_reference";--> statement-breakpoint
CREATE INDEX "payment_attempts_channel_started" ON "payment_attempts" USING btree ("channel_id","created_at");--> statement-breakpoint
-- Room on each page for the HOT update that records an attempt's outcome (new pages only).
ALTER TABLE "payment_attempts" SET (fillfactor = 60);
