import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/schema.ts', './src/ledger/ledger-schema.ts', './src/payments/payment-schema.ts'],
  out: './drizzle',
})
