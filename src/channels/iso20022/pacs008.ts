/**
 * ISO 20022 pacs.008.001.08 (FIToFICustomerCreditTransfer) for one transaction, following the
 * SWIFT CBPR+ usage guideline: FIN-X character set, UTC offsets on date-times, settlement by
 * instructed agent (INDA), mandatory UETR. The Document alone validates against the CBPR+ XSD;
 * the business application header (head.001) is the transport's concern.
 */
import { formatAmount } from '../amount.js'
import type { PostalAddress } from '../types.js'
import { isCbprText, toCbprText } from './cbpr-text.js'
import { element, renderXmlDocument, type XmlElement } from './xml.js'

export const PACS008_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08'

export interface Pacs008Party {
  name: string
  /** ISO 3166 alpha-2. */
  country: string
  address?: PostalAddress
}

export interface Pacs008Message {
  /** FIN-X, at most 35 characters. */
  messageId: string
  createdAt: Date
  /** FIN-X, at most 16 characters. */
  instructionId: string
  /** FIN-X, at most 35 characters. */
  endToEndId: string
  /** UUID v4, lowercase. */
  uetr: string
  /** Decimal string in major units. */
  amount: string
  currency: string
  /** `YYYY-MM-DD`. */
  settlementDate: string
  chargeBearer: 'DEBT' | 'CRED' | 'SHAR'
  instructingAgentBic: string
  instructedAgentBic: string
  debtor: Pacs008Party
  debtorAgentBic: string
  creditorAgentBic: string
  creditor: Pacs008Party
  creditorAccount: { iban: string } | { accountNumber: string }
  remittanceInformation?: string
  purposeCode?: string
}

/** The message cannot be expressed in CBPR+ (bad identifier, name outside FIN-X, …). */
export class Pacs008Error extends Error {
  override readonly name = 'Pacs008Error'
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`)
  }
}

const BIC = /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/
const IBAN = /^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$/
const UUID_V4 = /^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}$/
const COUNTRY = /^[A-Z]{2}$/
// CBPR_RestrictedFINXMax34Text: FIN-X without a leading "/" or "//" anywhere.
const OTHER_ACCOUNT_ID = /^[0-9a-zA-Z\-?:().,'+ ]([0-9a-zA-Z\-?:().,'+ ]*(\/[0-9a-zA-Z\-?:().,'+ ])?)*$/

function check(field: string, valid: boolean, message: string): void {
  if (!valid) throw new Pacs008Error(field, message)
}

function identifier(field: string, value: string, maxLength: number): string {
  check(field, isCbprText(value, 'finx') && value.length <= maxLength && value === value.trim(), `must be FIN-X text of at most ${maxLength} characters`)
  return value
}

function bic(field: string, value: string): XmlElement {
  check(field, BIC.test(value), 'must be a BIC (8 or 11 characters)')
  return element('FinInstnId', [element('BICFI', value)])
}

/** Free text in the extended set; `undefined` when nothing is left after conversion. */
function freeText(value: string | undefined, maxLength: number): string | undefined {
  if (value === undefined) return undefined
  const { text } = toCbprText(value, 'extended', maxLength)
  return text === '' || /^\.+$/.test(text) ? undefined : text
}

function party(field: string, value: Pacs008Party): XmlElement {
  const name = toCbprText(value.name, 'extended', 140)
  // A name the beneficiary bank cannot read is worse than no payment: screening and name
  // checks would run on dots. Such payees need a Latin-script name or a domestic rail.
  check(`${field}.name`, name.text !== '' && name.unrepresentable === 0, 'has characters outside the SWIFT character set')
  check(`${field}.country`, COUNTRY.test(value.country), 'must be an ISO 3166 alpha-2 code')
  const address = value.address
  const lines = (address?.lines ?? []).map((line) => freeText(line, 35)).filter((line) => line !== undefined)
  const postalCode = freeText(address?.postalCode, 16)
  const town = freeText(address?.city, 35)
  const region = freeText(address?.region, 35)
  return element(field === 'debtor' ? 'Dbtr' : 'Cdtr', [
    element('Nm', name.text),
    element('PstlAdr', [
      postalCode !== undefined && element('PstCd', postalCode),
      town !== undefined && element('TwnNm', town),
      region !== undefined && element('CtrySubDvsn', region),
      element('Ctry', value.country),
      ...lines.slice(0, 3).map((line) => element('AdrLine', line)),
    ]),
  ])
}

function creditorAccount(account: Pacs008Message['creditorAccount']): XmlElement {
  if ('iban' in account) {
    check('creditorAccount.iban', IBAN.test(account.iban), 'must be an IBAN without spaces')
    return element('CdtrAcct', [element('Id', [element('IBAN', account.iban)])])
  }
  const id = account.accountNumber
  check('creditorAccount.accountNumber', id.length <= 34 && OTHER_ACCOUNT_ID.test(id), 'must be FIN-X, at most 34 characters')
  return element('CdtrAcct', [element('Id', [element('Othr', [element('Id', id)])])])
}

function amount(message: Pacs008Message): XmlElement {
  check('currency', /^[A-Z]{3}$/.test(message.currency), 'must be an ISO 4217 code')
  const value = formatAmount(message.amount, message.currency)
  check('amount', value !== undefined && value.replace('.', '').replace(/^0+(?=\d)/, '').length <= 14, 'must fit the currency and 14 digits')
  return element('IntrBkSttlmAmt', value ?? '', { Ccy: message.currency })
}

/** `2024-05-01T10:00:00+00:00`: CBPR+ wants an explicit offset, not `Z`. */
export function cbprDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`
}

function purpose(code: string | undefined): XmlElement | undefined {
  if (code === undefined || code === '') return undefined
  if (/^[A-Z0-9]{1,4}$/.test(code)) return element('Purp', [element('Cd', code)])
  const proprietary = toCbprText(code, 'finx', 35).text
  return proprietary === '' ? undefined : element('Purp', [element('Prtry', proprietary)])
}

/**
 * Builds the pacs.008 Document. Throws {@link Pacs008Error} naming the field when the data
 * cannot be carried in CBPR+.
 *
 * @example
 * const xml = buildPacs008({ messageId: 'pay-123:1', uetr, amount: '1000', currency: 'USD', … })
 */
export function buildPacs008(message: Pacs008Message): string {
  check('uetr', UUID_V4.test(message.uetr), 'must be a lowercase UUID v4')
  check('settlementDate', /^\d{4}-\d{2}-\d{2}$/.test(message.settlementDate), 'must be YYYY-MM-DD')
  const remittance = freeText(message.remittanceInformation, 140)
  const document = element(
    'Document',
    [
      element('FIToFICstmrCdtTrf', [
        element('GrpHdr', [
          element('MsgId', identifier('messageId', message.messageId, 35)),
          element('CreDtTm', cbprDateTime(message.createdAt)),
          element('NbOfTxs', '1'),
          element('SttlmInf', [element('SttlmMtd', 'INDA')]),
        ]),
        element('CdtTrfTxInf', [
          element('PmtId', [
            element('InstrId', identifier('instructionId', message.instructionId, 16)),
            element('EndToEndId', identifier('endToEndId', message.endToEndId, 35)),
            element('UETR', message.uetr),
          ]),
          amount(message),
          element('IntrBkSttlmDt', message.settlementDate),
          element('ChrgBr', message.chargeBearer),
          element('InstgAgt', [bic('instructingAgentBic', message.instructingAgentBic)]),
          element('InstdAgt', [bic('instructedAgentBic', message.instructedAgentBic)]),
          party('debtor', message.debtor),
          element('DbtrAgt', [bic('debtorAgentBic', message.debtorAgentBic)]),
          element('CdtrAgt', [bic('creditorAgentBic', message.creditorAgentBic)]),
          party('creditor', message.creditor),
          creditorAccount(message.creditorAccount),
          purpose(message.purposeCode),
          remittance !== undefined && element('RmtInf', [element('Ustrd', remittance)]),
        ]),
      ]),
    ],
    { xmlns: PACS008_NAMESPACE },
  )
  return renderXmlDocument(document)
}
