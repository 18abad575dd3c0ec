import { validateXML } from 'xmllint-wasm'
import { describe, expect, it } from 'vitest'
import { readCorridorFixture } from '../../../test/fixtures/channels/read-fixture.js'
import { buildPacs008, cbprDateTime, Pacs008Error, type Pacs008Message } from './pacs008.js'

const XSD_PATH = 'iso20022/pacs.008.001.08.cbprplus.xsd'
const xsd = readCorridorFixture(XSD_PATH)
if (!xsd) console.warn(`pacs.008 XSD validation skipped: set CORRIDOR_FIXTURES so that $CORRIDOR_FIXTURES/${XSD_PATH} exists`)

const awkward: Pacs008Message = {
  messageId: 'pay-01HZX3K9T2:1',
  createdAt: new Date('2024-05-01T10:00:00.123Z'),
  instructionId: '9B8765017EEE85C3',
  endToEndId: 'pay-01HZX3K9T2',
  uetr: 'bd1fae07-1eff-41a2-8622-67d160a15eeb',
  amount: '1234.5',
  currency: 'USD',
  settlementDate: '2024-05-01',
  chargeBearer: 'SHAR',
  instructingAgentBic: 'CRDRGB2LXXX',
  instructedAgentBic: 'CHASUS33',
  debtor: {
    name: `Ben & Jerry's <Holdings> "Ltd"`,
    country: 'US',
    address: { lines: ['1 Main St & 2nd Ave', 'Suite <5>'], city: 'New York', postalCode: '10001', region: 'NY' },
  },
  debtorAgentBic: 'CRDRGB2LXXX',
  creditorAgentBic: 'COBADEFFXXX',
  creditor: { name: 'Zoë Ørsted-Müller & Søn GmbH', country: 'DE', address: { city: 'Düsseldorf', lines: ['Königsallee 92a'] } },
  creditorAccount: { iban: 'DE89370400440532013000' },
  remittanceInformation: 'Rechnung Nr. 42 — Straße „Übermorgen“ <dringend> & 日本',
  purposeCode: 'SUPP',
}

async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'pacs008.xml', contents: xml }], schema: [xsd ?? ''] })
  return result.errors.map((error) => error.message)
}

describe('pacs.008.001.08 builder', () => {
  it('escapes and transliterates awkward text into the CBPR+ character set', () => {
    const xml = buildPacs008(awkward)
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">')).toBe(true)
    expect(xml).toContain('<Nm>Ben &amp; Jerry\'s &lt;Holdings&gt; "Ltd"</Nm>')
    expect(xml).toContain('<Nm>Zoe Orsted-Muller &amp; Son GmbH</Nm>')
    expect(xml).toContain('<TwnNm>Dusseldorf</TwnNm>')
    expect(xml).toContain('<Ustrd>Rechnung Nr. 42 - Strasse "Ubermorgen" &lt;dringend&gt; &amp; ..</Ustrd>')
    expect(xml).toContain('<IntrBkSttlmAmt Ccy="USD">1234.50</IntrBkSttlmAmt>')
    expect(xml).toContain('<CreDtTm>2024-05-01T10:00:00+00:00</CreDtTm>')
    expect([...xml].every((character) => character === '\n' || (character >= ' ' && character <= '~'))).toBe(true)
  })

  it('follows the schema element order (structural check without the XSD)', () => {
    const xml = buildPacs008({ ...awkward, creditorAccount: { accountNumber: '123456789012' }, remittanceInformation: undefined })
    const order = ['<GrpHdr>', '<MsgId>', '<CreDtTm>', '<NbOfTxs>1</NbOfTxs>', '<SttlmMtd>INDA</SttlmMtd>', '<CdtTrfTxInf>', '<InstrId>',
      '<EndToEndId>', '<UETR>', '<IntrBkSttlmAmt', '<IntrBkSttlmDt>', '<ChrgBr>SHAR</ChrgBr>', '<InstgAgt>', '<InstdAgt>', '<Dbtr>',
      '<DbtrAgt>', '<CdtrAgt>', '<Cdtr>', '<CdtrAcct>', '<Othr>', '<Purp>']
    const positions = order.map((tag) => xml.indexOf(tag))
    expect(positions.every((position) => position >= 0)).toBe(true)
    expect(positions).toEqual([...positions].sort((left, right) => left - right))
    expect(xml).not.toContain('<RmtInf>')
    expect((xml.match(/<Document /g) ?? []).length).toBe(1)
  })

  it('uses the currency\'s decimals', () => {
    expect(buildPacs008({ ...awkward, amount: '1500', currency: 'JPY' })).toContain('<IntrBkSttlmAmt Ccy="JPY">1500</IntrBkSttlmAmt>')
    expect(buildPacs008({ ...awkward, amount: '2.5', currency: 'KWD' })).toContain('<IntrBkSttlmAmt Ccy="KWD">2.500</IntrBkSttlmAmt>')
    expect(() => buildPacs008({ ...awkward, amount: '10.5', currency: 'JPY' })).toThrow(Pacs008Error)
  })

  it('refuses what CBPR+ cannot carry', () => {
    expect(() => buildPacs008({ ...awkward, creditor: { name: '王小明', country: 'CN' } })).toThrow(/creditor\.name/)
    expect(() => buildPacs008({ ...awkward, messageId: 'pay_01HZX3K9T2:1' })).toThrow(/messageId/)
    expect(() => buildPacs008({ ...awkward, instructionId: 'A'.repeat(17) })).toThrow(/instructionId/)
    expect(() => buildPacs008({ ...awkward, creditorAgentBic: 'COBADEFF1' })).toThrow(/creditorAgentBic/)
    expect(() => buildPacs008({ ...awkward, uetr: 'bd1fae07-1eff-11a2-8622-67d160a15eeb' })).toThrow(/uetr/)
    expect(() => buildPacs008({ ...awkward, creditorAccount: { iban: 'de89 3704' } })).toThrow(/iban/)
  })

  it('writes date-times with an explicit offset', () => {
    expect(cbprDateTime(new Date('2024-02-29T23:59:59.999Z'))).toBe('2024-02-29T23:59:59+00:00')
  })

  it.skipIf(!xsd)(
    xsd ? 'validates against the CBPR+ XSD' : `validates against the CBPR+ XSD (SKIPPED: CORRIDOR_FIXTURES is not set)`,
    async () => {
      expect(await schemaErrors(buildPacs008(awkward))).toEqual([])
      const other = buildPacs008({ ...awkward, amount: '7', currency: 'JPY', creditorAccount: { accountNumber: 'HK-1234/5678' }, purposeCode: 'Salary May' })
      expect(await schemaErrors(other)).toEqual([])
      // The validator is live: a FIN-X violation slipped past the builder is caught.
      expect((await schemaErrors(buildPacs008(awkward).replace('pay-01HZX3K9T2:1', 'pay_01HZX3K9T2:1'))).length).toBeGreaterThan(0)
    },
  )
})
