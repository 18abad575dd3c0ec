ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_merchant_id_merchants_id_fk";
--> statement-breakpoint
ALTER TABLE "quotes" DROP CONSTRAINT "quotes_merchant_id_merchants_id_fk";
--> statement-breakpoint
ALTER TABLE "quotes" DROP CONSTRAINT "quotes_corridor_id_corridors_id_fk";
