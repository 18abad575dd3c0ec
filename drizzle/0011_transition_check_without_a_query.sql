-- The state machine's trigger, checked in the trigger's WHEN condition instead of by a PL/pgSQL
-- function that queries payment_status_transitions for every row written: the condition is a
-- plain expression the executor evaluates itself, and the function that raises runs only for a
-- write it refuses. Every payment is inserted once and moved at least twice, so this takes a
-- query per move off the hot path. The allowed pairs are read from payment_status_transitions
-- when this migration runs, so the table stays the one list in the database (a migration that
-- changes it recreates the trigger the same way); a test tries every pair against the code's table.
CREATE FUNCTION "payments_reject_transition"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		RAISE EXCEPTION 'payment % must be created pending, not %', NEW.id, NEW.status USING ERRCODE = 'check_violation';
	END IF;
	RAISE EXCEPTION 'illegal payment transition % -> % for %', OLD.status, NEW.status, NEW.id USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
DROP TRIGGER "payments_enforce_transition" ON "payments";
--> statement-breakpoint
DROP FUNCTION "payments_enforce_transition"();
--> statement-breakpoint
CREATE TRIGGER "payments_created_pending" BEFORE INSERT ON "payments"
	FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM 'pending') EXECUTE FUNCTION "payments_reject_transition"();
--> statement-breakpoint
DO $$
DECLARE
	allowed text;
BEGIN
	SELECT string_agg(format('(%L, %L)', from_status, to_status), ', ' ORDER BY from_status, to_status) INTO allowed FROM payment_status_transitions;
	EXECUTE format(
		'CREATE TRIGGER "payments_enforce_transition" BEFORE UPDATE OF "status" ON "payments" FOR EACH ROW '
		'WHEN (OLD.status IS DISTINCT FROM NEW.status AND (NEW.status IS NULL OR (OLD.status, NEW.status) NOT IN (%s))) '
		'EXECUTE FUNCTION "payments_reject_transition"()',
		allowed
	);
END;
$$;
