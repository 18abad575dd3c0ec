import { describe, expect, it } from 'vitest'
import { hmacBase64, hmacHex, sha256Hex as referenceSha256Hex } from '../../test/fixtures/channels/node-crypto.js'
import { formatAmount, toMinorUnits } from './amount.js'
import { parseIdempotencyKey } from './instruction.js'
import {
  base64ToBytes,
  hexToBytes,
  hmacSha256Base64,
  hmacSha256Hex,
  sha256Hex,
  timingSafeEqual,
  uuidV4FromSeed,
  verifyHmacSha256,
} from './signing.js'

describe('signing helpers', () => {
  it('match an independent HMAC-SHA256 and SHA-256', async () => {
    const message = 'héllo wörld\n{"a":1}'
    expect(await hmacSha256Hex('s3cret', message)).toBe(hmacHex('s3cret', message))
    expect(await hmacSha256Base64('s3cret', message)).toBe(hmacBase64('s3cret', message))
    expect(await sha256Hex(message)).toBe(referenceSha256Hex(message))
  })

  it('verify only the right signature', async () => {
    const signature = hexToBytes(hmacHex('k', 'm'))
    expect(await verifyHmacSha256('k', 'm', signature)).toBe(true)
    expect(await verifyHmacSha256('k', 'm2', signature)).toBe(false)
    expect(await verifyHmacSha256('k', 'm', hexToBytes('zz'))).toBe(false)
    expect(await verifyHmacSha256('k', 'm', base64ToBytes('not base64!'))).toBe(false)
    expect(await verifyHmacSha256('k', 'm', new Uint8Array(16))).toBe(false)
  })

  it('compare secrets exactly', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true)
    expect(timingSafeEqual('abc', 'abd')).toBe(false)
    expect(timingSafeEqual('abc', 'abcd')).toBe(false)
  })

  it('derive stable version-4 UUIDs', async () => {
    const first = await uuidV4FromSeed('pay_1:1')
    expect(first).toMatch(/^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}$/)
    expect(await uuidV4FromSeed('pay_1:1')).toBe(first)
    expect(await uuidV4FromSeed('pay_1:2')).not.toBe(first)
  })
})

describe('amounts and keys', () => {
  it('format decimal strings for the currency without floats', () => {
    expect(formatAmount('12.5', 'EUR')).toBe('12.50')
    expect(formatAmount('0012.500', 'EUR')).toBe('12.50')
    expect(formatAmount('100.00', 'JPY')).toBe('100')
    expect(formatAmount('1.2', 'KWD')).toBe('1.200')
    expect(formatAmount('1.234', 'USD')).toBeUndefined()
    expect(formatAmount('-1', 'USD')).toBeUndefined()
    expect(formatAmount('1e3', 'USD')).toBeUndefined()
    expect(toMinorUnits('90071992547409.93', 'USD')).toBe(9007199254740993n)
  })

  it('split idempotency keys at the last colon', () => {
    expect(parseIdempotencyKey('pay:odd:id:3')).toEqual({ paymentId: 'pay:odd:id', attempt: 3 })
    expect(parseIdempotencyKey('pay_1')).toBeUndefined()
    expect(parseIdempotencyKey('pay_1:0')).toBeUndefined()
  })
})
