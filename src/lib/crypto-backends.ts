/**
 * The few primitives Corridor needs (SHA-256, HMAC-SHA256, AES-256-GCM), on two backends that
 * give byte-identical results: Web Crypto, which every runtime has, and Node's synchronous
 * `node:crypto`, used where it is there (reached through `process.getBuiltinModule`, so nothing
 * here imports a Node module). On Node each Web Crypto call is a promise settled from the
 * thread pool, tens of microseconds of overhead for a microsecond of work, several times per
 * payment. Workers keep Web Crypto.
 */

/** Bytes backed by a plain ArrayBuffer, as Web Crypto wants them. */
export type Bytes = Uint8Array<ArrayBuffer>

export interface CryptoBackend {
  readonly name: 'node' | 'web'
  sha256(data: Bytes): Promise<Bytes>
  hmacSha256(secret: string, message: string): Promise<Bytes>
  /** Compares in constant time. */
  verifyHmacSha256(secret: string, message: string, signature: Bytes): Promise<boolean>
  /** Ciphertext followed by the 16-byte tag, as Web Crypto lays it out. */
  aesGcmEncrypt(key: Uint8Array, iv: Bytes, additionalData: Bytes, plaintext: Bytes): Promise<Bytes>
  /** Rejects when the tag does not authenticate the ciphertext, key and additional data. */
  aesGcmDecrypt(key: Uint8Array, iv: Bytes, additionalData: Bytes, sealed: Bytes): Promise<Bytes>
}

const encoder = new TextEncoder()
const copy = (bytes: Uint8Array): Bytes => new Uint8Array(bytes)

// Importing a key costs about as much as using it; a process uses a handful of keys, so their
// imported forms are kept (the secrets themselves are in memory already).
const importedKeys = new Map<string, Promise<CryptoKey>>()
function imported(cacheKey: string, importKey: () => Promise<CryptoKey>): Promise<CryptoKey> {
  let key = importedKeys.get(cacheKey)
  if (!key) {
    if (importedKeys.size >= 64) importedKeys.clear()
    key = importKey()
    importedKeys.set(cacheKey, key)
    key.catch(() => importedKeys.delete(cacheKey))
  }
  return key
}
const hmacKey = (secret: string, usage: 'sign' | 'verify') =>
  imported(`hmac\u0000${usage}\u0000${secret}`, () => crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]))
const aesKey = (key: Uint8Array) =>
  imported(`aes\u0000${Array.from(key).join(',')}`, () => crypto.subtle.importKey('raw', copy(key), 'AES-GCM', false, ['encrypt', 'decrypt']))

export const webCryptoBackend: CryptoBackend = {
  name: 'web',
  sha256: async (data) => new Uint8Array(await crypto.subtle.digest('SHA-256', data)),
  hmacSha256: async (secret, message) => new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), encoder.encode(message))),
  verifyHmacSha256: async (secret, message, signature) => crypto.subtle.verify('HMAC', await hmacKey(secret, 'verify'), signature, encoder.encode(message)),
  aesGcmEncrypt: async (key, iv, additionalData, plaintext) =>
    new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, await aesKey(key), plaintext)),
  aesGcmDecrypt: async (key, iv, additionalData, sealed) =>
    new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, await aesKey(key), sealed)),
}

type NodeCrypto = typeof import('node:crypto')

function nodeBackend(node: NodeCrypto): CryptoBackend {
  const TAG_BYTES = 16
  return {
    name: 'node',
    sha256: async (data) => copy(node.createHash('sha256').update(data).digest()),
    hmacSha256: async (secret, message) => copy(node.createHmac('sha256', secret).update(message).digest()),
    verifyHmacSha256: async (secret, message, signature) => {
      const expected = node.createHmac('sha256', secret).update(message).digest()
      return expected.length === signature.length && node.timingSafeEqual(expected, signature)
    },
    aesGcmEncrypt: async (key, iv, additionalData, plaintext) => {
      const cipher = node.createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
      cipher.setAAD(additionalData)
      const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
      return copy(sealed)
    },
    aesGcmDecrypt: async (key, iv, additionalData, sealed) => {
      if (sealed.length < TAG_BYTES) throw new Error('AES-GCM: ciphertext shorter than its tag')
      const decipher = node.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
      decipher.setAAD(additionalData)
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
      return copy(Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]))
    },
  }
}

/** `node:crypto` on Node; `undefined` on Workers (whose Web Crypto is native) and elsewhere. */
function findNodeCrypto(): NodeCrypto | undefined {
  if (globalThis.navigator?.userAgent === 'Cloudflare-Workers') return undefined
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  return runtime?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined
}

const node = findNodeCrypto()

/** Node's backend where the runtime has it, for tests that compare the two. */
export const nodeCryptoBackend: CryptoBackend | undefined = node ? nodeBackend(node) : undefined

/** The backend this runtime uses. */
export const cryptoBackend: CryptoBackend = nodeCryptoBackend ?? webCryptoBackend
