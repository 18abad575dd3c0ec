/** `npm run db:seed`: loads the demo data (idempotent). */
import { seedDemo } from '../demo/seed.js'
import { describeDatabase, openServices } from './open-services.js'

const { config, connection, deps } = await openServices()
const result = await seedDemo({ db: connection.db, deps, demoApiKey: config.demoApiKey })
console.log(`seeded ${describeDatabase(config)}: merchant ${result.merchantId}`)
if (result.apiKey && !config.demoApiKey) console.log(`demo API key (shown once): ${result.apiKey}`)
await connection.close()
