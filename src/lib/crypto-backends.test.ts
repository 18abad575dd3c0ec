import { describe, expect, it } from 'vitest'
import { createAccountCipher } from '../payments/account-crypto.js'
import { cryptoBackend, nodeCryptoBackend, webCryptoBackend } from './crypto-backends.js'

const encoder = new TextEncoder()
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
const node = nodeCryptoBackend!
const key = new Uint8Array(32).map((_, index) => index)
const iv = new Uint8Array(12).map((_, index) => 100 + index)
const aad = encoder.encode('k1')

describe('crypto backends', () => {
  it('uses node:crypto on Node', () => {
    expect(nodeCryptoBackend).toBeDefined()
    expect(cryptoBackend.name).toBe('node')
  })

  for (const backend of [webCryptoBackend, nodeCryptoBackend!]) {
    it(`${backend.name}: SHA-256 and HMAC-SHA256 give the published test vectors`, async () => {
      expect(hex(await backend.sha256(encoder.encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
      // RFC 4231, test case 2.
      const mac = await backend.hmacSha256('Jefe', 'what do ya want for nothing?')
      expect(hex(mac)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')
      expect(await backend.verifyHmacSha256('Jefe', 'what do ya want for nothing?', mac)).toBe(true)
      expect(await backend.verifyHmacSha256('Jefe', 'what do ya want for nothing!', mac)).toBe(false)
      expect(await backend.verifyHmacSha256('Jeff', 'what do ya want for nothing?', mac)).toBe(false)
    })
  }

  it('lays AES-256-GCM out the same way, so each backend opens what the other sealed', async () => {
    const plaintext = encoder.encode('{"type":"iban","iban":"DE89370400440532013000"}')
    const byNode = await node.aesGcmEncrypt(key, iv, aad, plaintext)
    const byWeb = await webCryptoBackend.aesGcmEncrypt(key, iv, aad, plaintext)
    expect(hex(byNode)).toBe(hex(byWeb))
    expect(byNode.length).toBe(plaintext.length + 16)
    expect(await webCryptoBackend.aesGcmDecrypt(key, iv, aad, byNode)).toEqual(plaintext)
    expect(await node.aesGcmDecrypt(key, iv, aad, byWeb)).toEqual(plaintext)
  })

  it('refuses a tampered ciphertext, another key id or a truncated one on both backends', async () => {
    const sealed = await node.aesGcmEncrypt(key, iv, aad, encoder.encode('secret'))
    const tampered = new Uint8Array(sealed)
    tampered[0]! ^= 1
    for (const backend of [webCryptoBackend, node]) {
      await expect(backend.aesGcmDecrypt(key, iv, aad, tampered)).rejects.toThrow()
      await expect(backend.aesGcmDecrypt(key, iv, encoder.encode('k2'), sealed)).rejects.toThrow()
      await expect(backend.aesGcmDecrypt(key, iv, aad, sealed.slice(0, 10))).rejects.toThrow()
    }
  })

  it('account ciphers on either backend read each other’s stored accounts', async () => {
    const keys = [{ id: 'k1', key }]
    const onNode = createAccountCipher(keys, node)
    const onWeb = createAccountCipher(keys, webCryptoBackend)
    expect(await onWeb.decrypt(await onNode.encrypt('DE89370400440532013000'))).toBe('DE89370400440532013000')
    expect(await onNode.decrypt(await onWeb.encrypt('DE89370400440532013000'))).toBe('DE89370400440532013000')
  })
})

describe('randomBytes', () => {
  it('gives the length asked for, fresh bytes each call, across refills of the pool', async () => {
    const { randomBytes } = await import('./crypto.js')
    const draws = Array.from({ length: 1000 }, () => randomBytes(12))
    expect(draws.every((bytes) => bytes.length === 12)).toBe(true)
    // 12,000 bytes span three pool refills; 96-bit draws never repeat by chance.
    expect(new Set(draws.map((bytes) => bytes.join(','))).size).toBe(1000)
    const spread = new Set(draws.flatMap((bytes) => [...bytes]))
    expect(spread.size).toBeGreaterThan(250)
  })
})
