CREATE TABLE "journal_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"reference_id" text NOT NULL,
	"merchant_id" text,
	"description" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" text NOT NULL,
	"currency" char(3) NOT NULL,
	"purpose" text NOT NULL,
	"allow_negative" boolean NOT NULL,
	"balance_minor" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postings" (
	"id" text PRIMARY KEY NOT NULL,
	"journal_entry_id" text NOT NULL,
	"account_id" text NOT NULL,
	"currency" char(3) NOT NULL,
	"amount_minor" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_callbacks" (
	"channel_id" text NOT NULL,
	"event_id" text NOT NULL,
	"payment_id" text,
	"status" text NOT NULL,
	"outcome" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"payment_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"channel_id" text NOT NULL,
	"channel_idempotency_key" text NOT NULL,
	"state" text NOT NULL,
	"channel_reference" text,
	"error_code" text,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_events" (
	"id" text PRIMARY KEY NOT NULL,
	"payment_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text NOT NULL,
	"detail" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"quote_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text NOT NULL,
	"corridor_id" text,
	"source_country" char(2) NOT NULL,
	"destination_country" char(2) NOT NULL,
	"source_currency" char(3) NOT NULL,
	"target_currency" char(3) NOT NULL,
	"source_amount_minor" bigint NOT NULL,
	"target_amount_minor" bigint NOT NULL,
	"fee_minor" bigint NOT NULL,
	"mid_rate" numeric(30, 12) NOT NULL,
	"customer_rate" numeric(30, 12) NOT NULL,
	"sender" jsonb NOT NULL,
	"beneficiary" jsonb NOT NULL,
	"account_type" text NOT NULL,
	"account_masked" text NOT NULL,
	"account_ciphertext" text NOT NULL,
	"purpose_code" text NOT NULL,
	"reference" text NOT NULL,
	"metadata" jsonb NOT NULL,
	"channel_id" text,
	"channel_reference" text,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"failure_code" text,
	"failure_message" text,
	"next_action_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_journal_entry_id_journal_entries_id_fk" FOREIGN KEY ("journal_entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_kind_reference" ON "journal_entries" USING btree ("kind","reference_id");--> statement-breakpoint
CREATE INDEX "journal_entries_merchant" ON "journal_entries" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_key" ON "ledger_accounts" USING btree ("owner_type","owner_id","currency","purpose");--> statement-breakpoint
CREATE INDEX "postings_entry" ON "postings" USING btree ("journal_entry_id");--> statement-breakpoint
CREATE INDEX "postings_account" ON "postings" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_callbacks_event" ON "channel_callbacks" USING btree ("channel_id","event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_attempts_payment_attempt" ON "payment_attempts" USING btree ("payment_id","attempt");--> statement-breakpoint
CREATE INDEX "payment_attempts_channel_recent" ON "payment_attempts" USING btree ("channel_id","updated_at");--> statement-breakpoint
CREATE INDEX "payment_attempts_reference" ON "payment_attempts" USING btree ("channel_id","channel_reference");--> statement-breakpoint
CREATE INDEX "payment_events_payment" ON "payment_events" USING btree ("payment_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_quote_unique" ON "payments" USING btree ("quote_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_merchant_idempotency" ON "payments" USING btree ("merchant_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "payments_merchant_created" ON "payments" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE INDEX "payments_status_next_action" ON "payments" USING btree ("status","next_action_at");