/**
 * What both PDFs share: A4 with margins, Be Vietnam Pro embedded (subset, text selectable), a
 * header with the conference title, "Trang x/y" and the draft watermark on every page, tables
 * that carry their header onto the next page.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

export type Doc = PDFKit.PDFDocument

const require = createRequire(import.meta.url)
const FONT_DIR = path.dirname(require.resolve('@expo-google-fonts/be-vietnam-pro/package.json'))
const fontFile = (weight: string) => path.join(FONT_DIR, weight, `BeVietnamPro_${weight}.ttf`)
/** Font names used by the renderers. */
export const FONT = { regular: 'R', italic: 'I', semibold: 'S', bold: 'B', mono: 'Courier' } as const
const WEIGHTS = [[FONT.regular, '400Regular'], [FONT.italic, '400Regular_Italic'], [FONT.semibold, '600SemiBold'], [FONT.bold, '700Bold']] as const

/**
 * pdfkit and the fonts, loaded by the first document, not at the server's start (0.2 of its 1.5
 * CPU-s, for a PDF most runs never make). The fonts are parsed once, by pdfkit's own fontkit, for
 * every document: parsing their layout tables per document cost more than laying out a pledge.
 */
let loading: Promise<{ PDFDocument: typeof import('pdfkit'); fonts: [string, unknown][] }> | undefined
const loadKit = () =>
  (loading ??= import('pdfkit').then((m) => {
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(bytes: Buffer): unknown }
    return { PDFDocument: m.default, fonts: WEIGHTS.map(([name, weight]) => [name, fontkit.create(readFileSync(fontFile(weight)))]) }
  }))

export const INK = '#111111'
export const MUTED = '#5b5b5b'
export const RULE = '#b5b5b5'
export const RED = '#b3261e'
export const GREEN = '#1b6b3a'

export const MARGIN = { top: 64, bottom: 60, left: 64, right: 52 }

export async function newDocument(info: { title: string; subject: string }): Promise<Doc> {
  const { PDFDocument, fonts } = await loadKit()
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: { Title: info.title, Subject: info.subject, Creator: 'Điểm Cầu', Producer: 'Điểm Cầu (pdfkit)' },
  })
  for (const [name, font] of fonts) {
    doc.registerFont(name, font as Buffer) // a fontkit font: pdfkit takes it as is
    shareLayouts(doc.font(name), name)
  }
  doc.font(FONT.regular).fontSize(10.5).fillColor(INK)
  return doc
}

const layouts = new Map<string, Record<string, unknown>>()
const MAX_CACHED_WORDS = 50_000

/**
 * pdfkit shapes each word once per document (fontkit's GSUB/GPOS); the shaped words of a font are
 * the same in every document, so its cache is shared (pdfkit 0.20 keeps it in `_font.layoutCache`;
 * without that field, each document shapes on its own as before).
 */
function shareLayouts(doc: Doc, name: string): void {
  const font = (doc as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font
  if (!font?.layoutCache) return
  let cache = layouts.get(name)
  if (!cache || Object.keys(cache).length > MAX_CACHED_WORDS) layouts.set(name, (cache = Object.create(null) as Record<string, unknown>))
  font.layoutCache = cache
}

/** Width between the margins. */
export const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right
export const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom

/** Starts a new page unless `height` more points fit on this one. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage()
}

export function heading(doc: Doc, text: string, size = 12.5): void {
  ensureSpace(doc, size * 4)
  doc.moveDown(0.6)
  doc.font(FONT.bold).fontSize(size).fillColor(INK).text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) })
  doc.moveDown(0.3)
  doc.font(FONT.regular).fontSize(10.5)
}

/** "label: value" on one line, the label muted. */
export function field(doc: Doc, label: string, value: string, opts: { size?: number; valueFont?: string } = {}): void {
  const size = opts.size ?? 10
  doc.font(FONT.regular).fontSize(size).fillColor(MUTED).text(`${label}: `, doc.page.margins.left, doc.y, { continued: true, width: contentWidth(doc) })
  doc.font(opts.valueFont ?? FONT.regular).fillColor(INK).text(value)
  doc.font(FONT.regular).fillColor(INK)
}

export interface Column {
  header: string
  width: number
  align?: 'left' | 'right' | 'center'
  /** The cells' font, when not the table's (e.g. FONT.mono for hashes). */
  font?: string
}

export interface TableOptions {
  size?: number
  /** Draw these rows' text muted and struck through (e.g. withdrawn awards). */
  muted?: (row: number) => boolean
  bold?: (row: number) => boolean
}

const PAD = 3

/**
 * A table with wrapping cells; the header is repeated when it breaks across pages. Cells that fit
 * on one line are not measured (thousands of rows in the annex).
 */
export function table(doc: Doc, columns: Column[], rows: string[][], opts: TableOptions = {}): void {
  const size = opts.size ?? 9
  const left = doc.page.margins.left
  const line = size * 1.28
  const drawHeader = () => {
    const h = line + 2 * PAD
    doc.rect(left, doc.y, columns.reduce((n, c) => n + c.width, 0), h).fill('#ececec')
    doc.fillColor(INK).font(FONT.semibold).fontSize(size)
    let x = left
    const y = doc.y
    for (const c of columns) {
      doc.text(c.header, x + PAD, y + PAD, { width: c.width - 2 * PAD, align: c.align ?? 'left', lineBreak: false, height: line })
      x += c.width
    }
    doc.y = y + h
    doc.font(FONT.regular)
  }
  ensureSpace(doc, 3 * line + 4 * PAD)
  drawHeader()
  const widths: number[] = []
  rows.forEach((row, r) => {
    const font = opts.bold?.(r) ? FONT.semibold : FONT.regular
    doc.font(font).fontSize(size)
    let height = line
    for (const [i, c] of columns.entries()) {
      const text = row[i] ?? ''
      const w = c.width - 2 * PAD
      doc.font(c.font ?? font)
      const width = lineWidth(doc, text, size, w, c.align)
      widths[i] = width
      if (width > w) height = Math.max(height, doc.heightOfString(text, { width: w }))
    }
    height += 2 * PAD
    if (doc.y + height > bottom(doc)) {
      doc.addPage()
      drawHeader()
    }
    const y = doc.y
    doc.fillColor(opts.muted?.(r) ? MUTED : INK)
    let x = left
    for (const [i, c] of columns.entries()) {
      const text = row[i] ?? ''
      if (text) cell(doc.font(c.font ?? font).fontSize(size), text, x + PAD, y + PAD, c.width - 2 * PAD, c.align ?? 'left', widths[i] ?? 0)
      x += c.width
    }
    doc.moveTo(left, y + height).lineTo(x, y + height).lineWidth(0.4).strokeColor(RULE).stroke()
    doc.y = y + height
  })
  doc.fillColor(INK).font(FONT.regular)
  doc.x = left
}

/** No glyph of these fonts is wider than this many ems: a short left-aligned line needs no measuring. */
const MAX_ADVANCE_EM = 1

/**
 * The width of a one-line cell, Infinity for several lines, or 0 when it surely fits and is
 * left-aligned (measuring thousands of annex cells costs as much as drawing them).
 */
function lineWidth(doc: Doc, text: string, size: number, width: number, align: Column['align']): number {
  if (!text) return 0
  if (text.includes('\n')) return Infinity
  if ((align ?? 'left') === 'left' && text.length * size * MAX_ADVANCE_EM <= width) return 0
  return doc.widthOfString(text)
}

/** One cell's text; a line that fits is placed directly, without pdfkit's line wrapper. */
function cell(doc: Doc, text: string, x: number, y: number, width: number, align: 'left' | 'right' | 'center', w: number): void {
  if (w > width) {
    doc.text(text, x, y, { width, align, lineGap: 0 })
    return
  }
  const dx = align === 'right' ? width - w : align === 'center' ? (width - w) / 2 : 0
  doc.text(text, x + dx, y, { lineBreak: false, lineGap: 0 })
}

/**
 * The running header and footer of every page, and the draft watermark: drawn once the content is
 * laid out, when the number of pages is known.
 */
function decorate(doc: Doc, opts: DecorateOptions): void {
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const { width, height, margins } = doc.page
    const saved = margins.bottom
    margins.bottom = 0 // writing in the margins must not start a new page
    const inner = width - margins.left - margins.right
    doc.font(FONT.regular).fontSize(8).fillColor(MUTED)
    doc.text(opts.header, margins.left, 30, { width: inner, lineBreak: false, ellipsis: true, height: 10 })
    doc.moveTo(margins.left, 44).lineTo(width - margins.right, 44).lineWidth(0.5).strokeColor(RULE).stroke()
    doc.moveTo(margins.left, height - 44).lineTo(width - margins.right, height - 44).stroke()
    doc.text(opts.footer, margins.left, height - 38, { width: inner - 80, lineBreak: false, ellipsis: true, height: 10 })
    doc.text(`Trang ${i - range.start + 1}/${range.count}`, width - margins.right - 80, height - 38, { width: 80, align: 'right', lineBreak: false })
    // Whole, never cut: a hash to compare is worthless shortened (Courier 7: 64 digits take 270 pt).
    if (opts.footerMono) doc.font(FONT.mono).fontSize(7).text(opts.footerMono, margins.left, height - 27, { width: inner, lineBreak: false, height: 9 })
    if (opts.draft) {
      doc.save()
      doc.rotate(-50, { origin: [width / 2, height / 2] })
      doc.font(FONT.bold).fontSize(110).fillColor(RED, 0.13)
      const w = doc.widthOfString('DỰ THẢO')
      doc.text('DỰ THẢO', width / 2 - w / 2, height / 2 - 60, { lineBreak: false })
      doc.restore()
    }
    margins.bottom = saved
  }
  doc.fillColor(INK).fillOpacity(1)
}

export interface DecorateOptions {
  header: string
  footer: string
  /** A second footer line in a fixed-width font, never shortened (the log's head). */
  footerMono?: string
  draft: boolean
}

/** Draws the headers, footers and watermark, ends the document and returns its bytes. */
export function finish(doc: Doc, opts: DecorateOptions): Promise<Buffer> {
  decorate(doc, opts)
  const chunks: Buffer[] = []
  return new Promise((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.end()
  })
}
