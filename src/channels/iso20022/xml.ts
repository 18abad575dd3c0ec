/**
 * A minimal XML writer: enough for ISO 20022 messages, which use elements, text and a few
 * attributes, and nothing else (no mixed content, no comments, no CDATA).
 */

export interface XmlElement {
  name: string
  attributes: Readonly<Record<string, string>>
  content: string | readonly XmlElement[]
}

/** A child that may be left out: `undefined` and `false` entries are skipped. */
export type XmlChild = XmlElement | undefined | false

/**
 * An element with text content or child elements.
 *
 * @example
 * element('Amt', '10.00', { Ccy: 'EUR' })
 * element('Cdtr', [element('Nm', 'Zoë & Co'), address && element('PstlAdr', […])])
 */
export function element(
  name: string,
  content: string | readonly XmlChild[],
  attributes: Readonly<Record<string, string>> = {},
): XmlElement {
  const children = typeof content === 'string' ? content : content.filter((child): child is XmlElement => !!child)
  return { name, attributes, content: children }
}

// Characters that XML 1.0 does not allow at all, even escaped.
const INVALID_XML_CHARACTERS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Escapes text content: `&`, `<`, `>` (the last for `]]>`), dropping characters XML forbids. */
export function escapeXmlText(text: string): string {
  return text
    .replace(INVALID_XML_CHARACTERS, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
}

/** Escapes an attribute value for double quotes. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replaceAll('"', '&quot;')
}

function render(node: XmlElement, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth)
  const attributes = Object.entries(node.attributes)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(value)}"`)
    .join('')
  if (typeof node.content === 'string') {
    lines.push(`${indent}<${node.name}${attributes}>${escapeXmlText(node.content)}</${node.name}>`)
    return
  }
  if (node.content.length === 0) {
    lines.push(`${indent}<${node.name}${attributes}/>`)
    return
  }
  lines.push(`${indent}<${node.name}${attributes}>`)
  for (const child of node.content) render(child, depth + 1, lines)
  lines.push(`${indent}</${node.name}>`)
}

/** The document as UTF-8 XML text with a declaration, indented by two spaces. */
export function renderXmlDocument(root: XmlElement): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>']
  render(root, 0, lines)
  return `${lines.join('\n')}\n`
}
