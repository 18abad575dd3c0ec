import { describe, expect, it } from 'vitest'
import { createAccountCipher, parseEncryptionKeys } from './account-crypto.js'

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64')

describe('account cipher', () => {
  it('round-trips, never stores the plaintext, and uses a fresh IV each time', async () => {
    const cipher = createAccountCipher(parseEncryptionKeys(`k1:${key(1)}`))
    const a = await cipher.encrypt('DE89370400440532013000')
    const b = await cipher.encrypt('DE89370400440532013000')
    expect(a).not.toContain('DE89')
    expect(a).not.toBe(b)
    expect(a.startsWith('v1.k1.')).toBe(true)
    expect(await cipher.decrypt(a)).toBe('DE89370400440532013000')
  })

  it('rotates: new writes use the first key, old ones still decrypt', async () => {
    const old = createAccountCipher(parseEncryptionKeys(`k1:${key(1)}`))
    const stored = await old.encrypt('secret')
    const rotated = createAccountCipher(parseEncryptionKeys(`k2:${key(2)},k1:${key(1)}`))
    expect(await rotated.decrypt(stored)).toBe('secret')
    expect((await rotated.encrypt('x')).startsWith('v1.k2.')).toBe(true)
  })

  it('detects tampering and unknown keys', async () => {
    const cipher = createAccountCipher(parseEncryptionKeys(`k1:${key(1)}`))
    const stored = await cipher.encrypt('secret')
    const tampered = stored.slice(0, -2) + (stored.endsWith('A') ? 'BB' : 'AA')
    await expect(cipher.decrypt(tampered)).rejects.toThrow()
    const other = createAccountCipher(parseEncryptionKeys(`k9:${key(9)}`))
    await expect(other.decrypt(stored)).rejects.toThrow(/k1/)
  })

  it('rejects malformed key lists', () => {
    expect(() => parseEncryptionKeys('')).toThrow()
    expect(() => parseEncryptionKeys('k1:c2hvcnQ=')).toThrow(/32 bytes/)
    expect(() => parseEncryptionKeys('k1:!!!')).toThrow(/keyId:base64key/)
  })
})
