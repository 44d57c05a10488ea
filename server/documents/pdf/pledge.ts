/**
 * The signed pledge of one bloc as a PDF: the title, the exact pledge text, the signature drawn
 * from its strokes with the behalf line and the signer's name, the server time of signing, the
 * content hash, the witness, voided signatures with their reasons, and a last page with the
 * audit trail of that bloc in the log.
 */
import type { PledgeModel } from '../pledge-model.js'
import { documentTimes } from '../time.js'
import { auditPage } from './audit.js'
import { bottom, contentWidth, ensureSpace, finish, FONT, GREEN, heading, INK, MUTED, newDocument, RED, RULE, type Doc } from './kit.js'
import { drawSignature } from './signature.js'

export async function renderPledge(m: PledgeModel): Promise<Buffer> {
  const { dateTime } = documentTimes(m.timeZone)
  const doc = await newDocument({ title: m.title, subject: `${m.conferenceTitle}: giao ước thi đua, ${m.status === 'signed' ? 'đã ký' : 'chưa ký'}` })
  const left = doc.page.margins.left
  const width = contentWidth(doc)

  doc.font(FONT.bold).fontSize(15).text(m.title, { align: 'center' })
  doc.font(FONT.regular).fontSize(9.5).fillColor(MUTED).text(`Trưởng khối: ${m.bloc.headUnit} · ${m.conferenceTitle}`, { align: 'center' })
  doc.moveDown(0.5)
  statusBand(doc, m)
  doc.moveDown(0.8)

  pledgeText(doc, m.text)
  signatureBlock(doc, m)
  doc.moveDown(0.6)
  ensureSpace(doc, 40)
  doc.font(FONT.regular).fontSize(8.5).fillColor(MUTED).text('Mã băm nội dung giao ước (SHA-256 của văn bản UTF-8):', left, doc.y, { width })
  doc.font(FONT.mono).fontSize(8.5).fillColor(INK).text(m.contentHash, { width })
  if (m.signature) {
    doc.font(FONT.regular).fontSize(8.5).fillColor(m.signature.matchesText ? GREEN : RED)
      .text(m.signature.matchesText ? 'Chữ ký được gắn với đúng mã băm này: văn bản đã ký là văn bản in ở trên.' : `CẢNH BÁO: chữ ký gắn với mã băm khác (${m.signature.contentHash}).`, { width })
  }
  if (m.voided.length > 0) voidedList(doc, m)

  auditPage(doc, {
    title: 'Nhật ký kiểm tra (audit trail)',
    intro: `Các sự kiện trong nhật ký hội nghị liên quan đến giao ước của ${m.bloc.name}, mỗi sự kiện với số thứ tự (seq), thời điểm máy chủ và mã băm trong chuỗi băm.`,
    lines: m.audit,
    head: m.head,
    verify: m.verify,
    generatedAt: m.generatedAt,
    timeZone: m.timeZone,
  })
  return finish(doc, {
    header: `${m.conferenceTitle}${m.venue ? ` · ${m.venue}` : ''}`,
    footer: `${m.title} · tạo lúc ${dateTime(m.generatedAt)} · nhật ký seq ${m.head.seq}`,
    footerMono: `seq ${m.head.seq} · SHA-256 ${m.head.hash}`,
    draft: false,
  })
}

function statusBand(doc: Doc, m: PledgeModel): void {
  const { dateTime, zoneName } = documentTimes(m.timeZone)
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  const y = doc.y
  const signed = m.signature
  const color = signed ? GREEN : RED
  const text = signed
    ? `ĐÃ KÝ lúc ${dateTime(signed.at)} (${zoneName(signed.at)}) · Signed`
    : 'CHƯA KÝ · Giao ước này chưa được ký (not signed)'
  doc.rect(left, y, width, 24).lineWidth(1.2).strokeColor(color).stroke()
  doc.font(FONT.bold).fontSize(11).fillColor(color).text(text, left, y + 6, { width, align: 'center', lineBreak: false })
  doc.fillColor(INK).font(FONT.regular)
  doc.y = y + 24
  doc.x = left
}

/** The pledge text line by line, exactly: the heading lines centred, the place and date to the right. */
function pledgeText(doc: Doc, text: string): void {
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  const lines = text.split('\n')
  let inHead = true
  for (const line of lines) {
    if (line.trim() === '') {
      inHead = false
      doc.moveDown(0.45)
      continue
    }
    const upper = /\p{L}/u.test(line) && line === line.toUpperCase() && line.length < 90
    if (inHead || upper) {
      doc.font(FONT.bold).fontSize(upper ? 11 : 10.5).text(line, left, doc.y, { width, align: 'center' })
    } else if (/^[^,]{2,40}, ngày \d{1,2} tháng \d{1,2} năm \d{4}$/.test(line)) {
      doc.font(FONT.italic).fontSize(10.5).text(line, left, doc.y, { width, align: 'right' })
    } else {
      doc.font(FONT.regular).fontSize(10.5).text(line, left, doc.y, { width, align: 'justify', paragraphGap: 2 })
    }
  }
  doc.font(FONT.regular)
}

const SIG_H = 150

function signatureBlock(doc: Doc, m: PledgeModel): void {
  const { dateTime, zoneName } = documentTimes(m.timeZone)
  doc.moveDown(0.8)
  ensureSpace(doc, SIG_H + 20)
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  const y = doc.y
  const colW = width * 0.48
  const rightX = left + width - colW

  // Left: the witness.
  doc.font(FONT.bold).fontSize(10).fillColor(INK).text('CHỨNG KIẾN', left, y, { width: colW, align: 'center' })
  if (m.witness) {
    doc.font(FONT.regular).fontSize(9.5).text(m.witness.name ?? 'Chủ tịch UBND tỉnh', { width: colW, align: 'center' })
    doc.fillColor(MUTED).text(`đã chứng kiến lúc ${dateTime(m.witness.at)}`, { width: colW, align: 'center' })
  } else {
    doc.font(FONT.italic).fontSize(9.5).fillColor(MUTED).text(m.signature ? 'Chưa ghi nhận chứng kiến' : '—', { width: colW, align: 'center' })
  }

  // Right: the signature.
  doc.fillColor(INK)
  const sig = m.signature
  let ty = y
  if (sig?.behalf) {
    doc.font(FONT.bold).fontSize(10).text(sig.behalf, rightX, ty, { width: colW, align: 'center' })
    ty = doc.y
  } else {
    doc.font(FONT.bold).fontSize(10).text('TRƯỞNG KHỐI', rightX, ty, { width: colW, align: 'center' })
    ty = doc.y
  }
  const box = { x: rightX + 10, y: ty + 4, width: colW - 20, height: 76 }
  if (sig) {
    drawSignature(doc, sig.strokes, box)
  } else {
    doc.rect(box.x, box.y, box.width, box.height).dash(3, { space: 3 }).lineWidth(0.8).strokeColor(RED).stroke().undash()
    doc.font(FONT.bold).fontSize(20).fillColor(RED).text('CHƯA KÝ', box.x, box.y + box.height / 2 - 13, { width: box.width, align: 'center', lineBreak: false })
  }
  doc.fillColor(INK)
  doc.y = box.y + box.height + 4
  if (sig) {
    doc.font(FONT.bold).fontSize(10.5).text(sig.signerName, rightX, doc.y, { width: colW, align: 'center' })
    doc.font(FONT.regular).fontSize(8.5).fillColor(MUTED).text(`Ký lúc ${dateTime(sig.at)} (${zoneName(sig.at)}, theo đồng hồ máy chủ)`, { width: colW, align: 'center' })
  }
  doc.fillColor(INK)
  doc.x = left
  doc.y = Math.min(Math.max(doc.y, y + SIG_H * 0.5), bottom(doc))
}

function voidedList(doc: Doc, m: PledgeModel): void {
  const { dateTime } = documentTimes(m.timeZone)
  heading(doc, `Chữ ký đã bị huỷ (${m.voided.length})`, 11)
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  m.voided.forEach((v, i) => {
    ensureSpace(doc, 70)
    const y = doc.y
    const box = { x: left + width - 150, y, width: 150, height: 56 }
    drawSignature(doc, v.strokes, box, { color: '#8a8a8a' })
    doc.moveTo(box.x, box.y + box.height).lineTo(box.x + box.width, box.y).lineWidth(1).strokeColor(RED).stroke()
    doc.y = y
    const w = width - 165
    doc.font(FONT.semibold).fontSize(9.5).fillColor(INK).text(`${i + 1}. ${[v.behalf, v.signerName].filter(Boolean).join(' – ')}`, left, y, { width: w })
    field2(doc, `Ký lúc ${dateTime(v.at)} · huỷ lúc ${dateTime(v.voidedAt)}`, w)
    doc.font(FONT.regular).fontSize(9).fillColor(RED).text(`Lý do huỷ: ${v.reason}`, left, doc.y, { width: w })
    doc.fillColor(INK)
    doc.y = Math.max(doc.y, y + box.height) + 6
    doc.moveTo(left, doc.y - 3).lineTo(left + width, doc.y - 3).lineWidth(0.4).strokeColor(RULE).stroke()
  })
}

const field2 = (doc: Doc, text: string, width: number) => doc.font(FONT.regular).fontSize(9).fillColor(MUTED).text(text, doc.page.margins.left, doc.y, { width })
