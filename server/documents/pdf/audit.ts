/**
 * The audit trail page: events of the log with their seq, server time and hash, then the log's
 * head and the result of re-checking the whole hash chain.
 */
import type { VerifyResult } from '../../store/event-store.js'
import type { AuditLine } from '../pledge-model.js'
import { documentTimes } from '../time.js'
import { contentWidth, ensureSpace, FONT, GREEN, heading, INK, MUTED, RED, table, type Doc } from './kit.js'

export function auditPage(doc: Doc, a: { title: string; intro: string; lines: AuditLine[]; head: { seq: number; hash: string }; verify: VerifyResult; generatedAt: string; timeZone: string }): void {
  const { dateTime } = documentTimes(a.timeZone)
  doc.addPage()
  heading(doc, a.title, 13)
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  doc.font(FONT.regular).fontSize(9).fillColor(MUTED).text(a.intro, left, doc.y, { width })
  doc.moveDown(0.5)
  doc.fillColor(INK)
  table(
    doc,
    [
      { header: 'Seq', width: 36, align: 'right' },
      { header: 'Thời điểm (giờ VN)', width: 92 },
      { header: 'Sự kiện', width: width - 36 - 92 - 150 },
      { header: 'Mã băm (SHA-256)', width: 150, font: FONT.mono },
    ],
    a.lines.map((l) => [String(l.seq), dateTime(l.at), `${l.what}\n${l.type}`, `${l.hash.slice(0, 32)}\n${l.hash.slice(32)}`]),
    { size: 7.5 },
  )
  if (a.lines.length === 0) doc.font(FONT.italic).fontSize(9).text('Chưa có sự kiện nào.', left, doc.y + 4)
  chainCheck(doc, a)
}

/** The log's head and the verify result, as a short block. */
export function chainCheck(doc: Doc, a: { head: { seq: number; hash: string }; verify: VerifyResult; generatedAt: string; timeZone: string }): void {
  const { dateTime } = documentTimes(a.timeZone)
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  ensureSpace(doc, 90)
  doc.moveDown(0.8)
  doc.font(FONT.semibold).fontSize(9.5).fillColor(INK).text(`Đầu nhật ký (head): seq ${a.head.seq}, lúc tạo tài liệu ${dateTime(a.generatedAt)}`, left, doc.y, { width })
  doc.font(FONT.mono).fontSize(8.5).text(a.head.hash || '—', { width })
  doc.moveDown(0.3)
  const v = a.verify
  doc.font(FONT.bold).fontSize(10).fillColor(v.ok ? GREEN : RED)
    .text(v.ok
      ? `Kiểm tra chuỗi băm: HỢP LỆ — ${v.events} sự kiện, mỗi mã băm khớp với nội dung và với sự kiện trước nó.`
      : `Kiểm tra chuỗi băm: KHÔNG HỢP LỆ — nhật ký bị sửa hoặc hỏng từ sự kiện seq ${v.firstBrokenSeq ?? '?'} (${v.events} sự kiện).`, left, doc.y, { width })
  doc.font(FONT.regular).fontSize(8.5).fillColor(MUTED)
    .text('Mỗi sự kiện được băm SHA-256 cùng mã băm của sự kiện trước; sửa một sự kiện bất kỳ làm sai mọi mã băm sau nó. Đối chiếu với GET /api/conferences/:id/verify.', { width })
  doc.fillColor(INK)
}

/**
 * The head to keep, at the very end of a document: seq and whole hash, large enough to copy by
 * hand, with the command that checks a data folder against it. The head file beside the database
 * can be rewritten with the log; a head kept on paper by someone else cannot.
 */
export function headToKeep(doc: Doc, a: { head: { seq: number; hash: string }; generatedAt: string; timeZone: string; draft: boolean }): void {
  const { dateTime } = documentTimes(a.timeZone)
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  ensureSpace(doc, 150)
  doc.moveDown(1.2)
  const top = doc.y
  doc.font(FONT.bold).fontSize(11).fillColor(INK).text('ĐẦU NHẬT KÝ ĐỂ ĐỐI CHIẾU (THE LOG’S HEAD, TO KEEP)', left + 8, top + 8, { width: width - 16 })
  doc.font(FONT.regular).fontSize(9).fillColor(MUTED)
    .text(`${a.draft ? 'Dự thảo: nhật ký còn tiếp tục sau lúc' : 'Nhật ký đến lúc'} tạo tài liệu, ${dateTime(a.generatedAt)}.`, { width: width - 16 })
  doc.moveDown(0.3)
  doc.font(FONT.semibold).fontSize(10).fillColor(INK).text(`Seq: ${a.head.seq}`, { width: width - 16 })
  doc.font(FONT.semibold).fontSize(10).text('Mã băm (SHA-256):', { width: width - 16 })
  // Courier has no Vietnamese letters: the hash alone, on its own line.
  doc.font(FONT.mono).fontSize(10).text(a.head.hash || '—', { width: width - 16 })
  doc.moveDown(0.3)
  doc.font(FONT.regular).fontSize(8.5).fillColor(MUTED)
    .text('Người giữ biên bản ghi lại hai dòng trên, ngoài máy chủ. Về sau, lệnh sau trên thư mục dữ liệu phải báo khớp; một nhật ký bị cắt bớt hoặc viết lại (kể cả cùng tệp diemcau.head.json) không còn mang mã này ở seq này. ' +
      '/ Keep these two lines away from the server; later, this command on the data folder must say they match.', { width: width - 16 })
  doc.moveDown(0.2)
  doc.font(FONT.mono).fontSize(7.5).fillColor(INK).text(`npm run verify -- --head ${a.head.seq}:${a.head.hash}`, { width: width - 16 })
  const bottomY = doc.y + 8
  doc.rect(left, top, width, bottomY - top).lineWidth(0.8).strokeColor(INK).stroke()
  doc.y = bottomY
  doc.x = left
}
