-- An attempt is (payment, attempt number), already unique: that pair becomes the primary key,
-- and the surrogate id with its own index goes, one index fewer to write per attempt and per
-- change of its state.
ALTER TABLE "payment_attempts" DROP CONSTRAINT "payment_attempts_pkey";--> statement-breakpoint
ALTER TABLE "payment_attempts" DROP COLUMN "id";--> statement-breakpoint
DROP INDEX "payment_attempts_payment_attempt";--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_pkey" PRIMARY KEY("payment_id","attempt");
