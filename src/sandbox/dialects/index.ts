import { cnIbpsDialect } from './cn-ibps.js'
import { pixDialect } from './pix.js'
import { sepaInstantDialect } from './sepa-instant.js'
import { swiftDialect } from './swift.js'
import type { SandboxDialect } from './types.js'
import { ukFpsDialect } from './uk-fps.js'
import { upiDialect } from './upi.js'
import { usAchDialect } from './us-ach.js'

/** Every simulated channel; a new channel adds its dialect file and one line here. */
export const DEFAULT_DIALECTS: readonly SandboxDialect[] = [
  sepaInstantDialect,
  usAchDialect,
  ukFpsDialect,
  upiDialect,
  pixDialect,
  cnIbpsDialect,
  swiftDialect,
]
