DROP INDEX "payment_events_payment";--> statement-breakpoint
ALTER TABLE "payment_events" ADD COLUMN "sequence" bigserial NOT NULL;--> statement-breakpoint
CREATE INDEX "payment_events_payment" ON "payment_events" USING btree ("payment_id","sequence");