/**
 * The printable sheet of access links: each group (province, district or the hub, then the
 * signers) from a new page, twelve cards a page, each with the site's name, level, a QR code of its
 * link and the address under it. Written as a stream: a page is flushed as soon as it is laid out,
 * and the event loop is given back after each card, so 3,400 links never hold the server for more
 * than one card's work (a QR code and its text: milliseconds; links-export.test.ts measures it).
 * The QR codes are vector paths (one rectangle per run of dark modules): sharp at any print size.
 */
import QRCode from 'qrcode'
import type { Writable } from 'node:stream'
import { FONT, INK, MARGIN, MUTED, RED, RULE, newDocument, type Doc } from '../documents/pdf/kit.js'
import { NO_LINK, type ExportEntry, type ExportGroup } from './links-sheet.js'

const COLUMNS = 3
const ROWS = 4
const HEAD = 34
const QR = 104

/** Draws a QR code of `text` at (x, y), `size` points wide, the quiet zone included. */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = modules.size
  const m = size / (n + 4)
  const x0 = x + 2 * m
  const y0 = y + 2 * m
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!modules.data[r * n + c]) continue
      const start = c
      while (c + 1 < n && modules.data[r * n + c + 1]) c++
      doc.rect(x0 + start * m, y0 + r * m, (c - start + 1) * m, m)
    }
  }
  doc.fill(INK)
}

function pageHead(doc: Doc, title: string, group: string, page: number): void {
  const width = doc.page.width - MARGIN.left - MARGIN.right
  doc.font(FONT.regular).fontSize(7.5).fillColor(MUTED).text(title, MARGIN.left, 28, { width: width - 60, lineBreak: false, ellipsis: true, height: 10 })
  doc.text(`Trang ${page}`, MARGIN.left + width - 60, 28, { width: 60, align: 'right', lineBreak: false })
  doc.font(FONT.bold).fontSize(13).fillColor(INK).text(group, MARGIN.left, 42, { width, lineBreak: false, ellipsis: true, height: 16 })
  doc.font(FONT.regular).fontSize(7).fillColor(RED)
    .text('Giữ kín: mỗi mã là quyền vào hội nghị của một điểm cầu; chỉ trao cho người vận hành của điểm cầu đó. / Keep private: each code admits one site.', MARGIN.left, doc.page.height - 40, { width, lineBreak: false, height: 9 })
}

function card(doc: Doc, e: ExportEntry, x: number, y: number, w: number, h: number): void {
  doc.lineWidth(0.5).strokeColor(RULE).rect(x, y, w, h).stroke()
  const inner = w - 12
  doc.font(FONT.semibold).fontSize(8.5).fillColor(INK).text(e.name, x + 6, y + 6, { width: inner, height: 22, ellipsis: true })
  doc.font(FONT.regular).fontSize(6.5).fillColor(MUTED).text(e.level, x + 6, y + 29, { width: inner, lineBreak: false, height: 8 })
  if (e.url) {
    drawQr(doc, e.url, x + (w - QR) / 2, y + 40, QR)
    doc.font(FONT.mono).fontSize(5.2).fillColor(INK).text(e.url, x + 6, y + 40 + QR + 2, { width: inner, height: h - QR - 46, lineBreak: true })
  } else {
    doc.font(FONT.regular).fontSize(8).fillColor(RED).text(NO_LINK, x + 10, y + 70, { width: w - 20 })
  }
}

/**
 * Writes the sheet to `out` (an HTTP response), yielding to the event loop after each card.
 * Resolves once the document has ended with the pages and links written, and the longest stretch
 * of work between two yields (`maxSliceMs`: the most this held the event loop at once).
 */
export async function writeLinksPdf(out: Writable, title: string, groups: readonly ExportGroup[]): Promise<{ pages: number; links: number; maxSliceMs: number }> {
  let slice = performance.now()
  let maxSliceMs = 0
  const yieldLoop = async () => {
    maxSliceMs = Math.max(maxSliceMs, performance.now() - slice)
    await new Promise((r) => setImmediate(r))
    slice = performance.now()
  }
  const doc = await newDocument({ title: `Liên kết truy cập — ${title}`, subject: 'Mã QR liên kết truy cập của các điểm cầu và người ký' })
  const done = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve)
    out.once('error', reject)
    doc.once('error', reject)
  })
  doc.pipe(out)
  const width = doc.page.width - MARGIN.left - MARGIN.right
  const height = doc.page.height - HEAD - MARGIN.top - 48
  const w = width / COLUMNS
  const h = height / ROWS
  let page = 0
  let links = 0
  for (const g of groups) {
    for (let i = 0; i < g.entries.length; i += COLUMNS * ROWS) {
      if (page > 0) doc.addPage()
      page++
      pageHead(doc, title, i === 0 ? g.title : `${g.title} (tiếp theo)`, page)
      for (const [k, e] of g.entries.slice(i, i + COLUMNS * ROWS).entries()) {
        card(doc, e, MARGIN.left + (k % COLUMNS) * w, MARGIN.top + HEAD - 4 + Math.floor(k / COLUMNS) * h, w - 6, h - 6)
        if (e.url) links++
        // The page is final after its last card: out it goes. After each card, other requests get their turn.
        if (k === COLUMNS * ROWS - 1 || i + k === g.entries.length - 1) doc.flushPages()
        await yieldLoop()
      }
    }
  }
  if (page === 0) pageHead(doc, title, 'Chưa có điểm cầu nào', 1)
  doc.end()
  maxSliceMs = Math.max(maxSliceMs, performance.now() - slice)
  await done
  return { pages: Math.max(page, 1), links, maxSliceMs }
}
