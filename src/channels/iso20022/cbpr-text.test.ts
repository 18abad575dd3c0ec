import { describe, expect, it } from 'vitest'
import { isCbprText, toCbprText } from './cbpr-text.js'

describe('CBPR+ text', () => {
  it('transliterates Latin letters and keeps the extended punctuation', () => {
    expect(toCbprText('  Ærø   Straße\tØst  ', 'extended', 140)).toEqual({ text: 'AEro Strasse Ost', unrepresentable: 0 })
    expect(toCbprText('Łódź & <Gdańsk> {50%} @ "x"', 'extended', 140)).toEqual({ text: 'Lodz & <Gdansk> {50%} @ "x"', unrepresentable: 0 })
  })

  it('counts what it cannot represent', () => {
    expect(toCbprText('Иван 李', 'extended', 140)).toEqual({ text: '.... .', unrepresentable: 5 })
    expect(toCbprText('a&b', 'finx', 35)).toEqual({ text: 'a.b', unrepresentable: 1 })
  })

  it('cuts to the maximum length without trailing space', () => {
    expect(toCbprText('abc def', 'finx', 4).text).toBe('abc')
  })

  it('recognises valid text', () => {
    expect(isCbprText("pay-123:1 (A/B) +.,'?", 'finx')).toBe(true)
    expect(isCbprText('pay_123', 'finx')).toBe(false)
    expect(isCbprText('pay_123', 'extended')).toBe(true)
    expect(isCbprText('  ', 'extended')).toBe(false)
  })
})
