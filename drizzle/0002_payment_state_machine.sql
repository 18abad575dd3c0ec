-- The payment state machine, enforced in PostgreSQL: mirrors ALLOWED_TRANSITIONS in
-- src/payments/state-machine.ts (a test checks the two agree).
CREATE TABLE "payment_status_transitions" (
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	PRIMARY KEY ("from_status", "to_status")
);
--> statement-breakpoint
INSERT INTO "payment_status_transitions" ("from_status", "to_status") VALUES
	('pending', 'processing'),
	('pending', 'cancelled'),
	('pending', 'failed'),
	('processing', 'paid_out'),
	('processing', 'failed'),
	('paid_out', 'returned');
--> statement-breakpoint
CREATE FUNCTION "payments_enforce_transition"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		IF NEW.status <> 'pending' THEN
			RAISE EXCEPTION 'payment % must be created pending, not %', NEW.id, NEW.status USING ERRCODE = 'check_violation';
		END IF;
		RETURN NEW;
	END IF;
	IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
		SELECT 1 FROM payment_status_transitions WHERE from_status = OLD.status AND to_status = NEW.status
	) THEN
		RAISE EXCEPTION 'illegal payment transition % -> % for %', OLD.status, NEW.status, NEW.id USING ERRCODE = 'check_violation';
	END IF;
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "payments_enforce_transition" BEFORE INSERT OR UPDATE OF "status" ON "payments"
	FOR EACH ROW EXECUTE FUNCTION "payments_enforce_transition"();
--> statement-breakpoint
CREATE FUNCTION "reject_mutation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "payment_events_append_only" BEFORE UPDATE OR DELETE ON "payment_events"
	FOR EACH ROW EXECUTE FUNCTION "reject_mutation"();
--> statement-breakpoint
CREATE TRIGGER "journal_entries_append_only" BEFORE UPDATE OR DELETE ON "journal_entries"
	FOR EACH ROW EXECUTE FUNCTION "reject_mutation"();
--> statement-breakpoint
CREATE TRIGGER "postings_append_only" BEFORE UPDATE OR DELETE ON "postings"
	FOR EACH ROW EXECUTE FUNCTION "reject_mutation"();
