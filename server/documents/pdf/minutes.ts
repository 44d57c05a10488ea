/**
 * The minutes (biên bản) of the conference as a PDF: general facts, the agenda as it ran, the
 * sites, the awards by type with totals, retractions, the pledges' signatures, the check of the
 * log, and the full announced lists as an annex. "DỰ THẢO" on every page until the end.
 */
import { DEFAULT_TIME_ZONE } from '../../../shared/domain.js'
import type { AnnexEntry, MinutesModel } from '../minutes-model.js'
import { documentTimes, duration } from '../time.js'
import { chainCheck, headToKeep } from './audit.js'
import { contentWidth, ensureSpace, field, finish, FONT, heading, INK, MUTED, newDocument, RED, RULE, table, type Doc } from './kit.js'
import { drawSignature } from './signature.js'

const STATUS = { scheduled: 'Chưa bắt đầu', live: 'Đang diễn ra', ended: 'Đã kết thúc' } as const
const SIGNING = { closed: 'đang đóng', open: 'đang mở', completed: 'đã hoàn thành' } as const
const KIND = { collective: 'Tập thể', individual: 'Cá nhân' } as const
const n = (x: number) => x.toLocaleString('vi-VN')

export async function renderMinutes(m: MinutesModel): Promise<Buffer> {
  const { dateTime } = documentTimes(m.timeZone)
  const doc = await newDocument({ title: `Biên bản ${m.title}`, subject: m.draft ? 'Biên bản hội nghị (dự thảo)' : 'Biên bản hội nghị' })
  titleBlock(doc, m)
  general(doc, m)
  agenda(doc, m)
  sites(doc, m)
  awards(doc, m)
  retractions(doc, m)
  signing(doc, m)
  heading(doc, 'VII. XÁC THỰC NHẬT KÝ HỘI NGHỊ')
  chainCheck(doc, m)
  acknowledgedCheck(doc, m)
  annex(doc, m)
  headToKeep(doc, m)
  return finish(doc, {
    header: `${m.title}${m.venue ? ` · ${m.venue}` : ''}`,
    footer: `Biên bản hội nghị${m.draft ? ' (dự thảo)' : ''} · tạo lúc ${dateTime(m.generatedAt)} · nhật ký đến seq ${m.head.seq}`,
    // The head's whole hash on every page: a log cut short or re-chained later ends with another one.
    footerMono: `seq ${m.head.seq} · SHA-256 ${m.head.hash}`,
    draft: m.draft,
  })
}

/** When the log is shorter than, or differs from, the head the server acknowledged (diemcau.head.json). */
function acknowledgedCheck(doc: Doc, m: MinutesModel): void {
  const a = m.verify.acknowledged
  if (!a) return
  doc.moveDown(0.3).font(FONT.bold).fontSize(10).fillColor(RED)
    .text(a.problem === 'shorter'
      ? `Nhật ký ngắn hơn phần máy chủ đã xác nhận: máy chủ đã xác nhận đến seq ${n(a.seq)}, nhật ký chỉ còn ${n(m.verify.events)} sự kiện. Các lệnh sau đó đã bị mất.`
      : `Nhật ký khác với nhật ký máy chủ đã xác nhận tại seq ${n(a.seq)}: nhật ký đã bị thay hoặc viết lại.`)
  doc.fillColor(INK)
}

function titleBlock(doc: Doc, m: MinutesModel): void {
  doc.font(FONT.bold).fontSize(17).text('BIÊN BẢN HỘI NGHỊ', { align: 'center' })
  doc.font(FONT.semibold).fontSize(12).text(m.title, { align: 'center' })
  // The day it was held (its start, in its own zone), whatever was planned; before the start, the planned day, said as planned.
  const held = m.startedAt ? `ngày ${documentTimes(m.timeZone).day(m.startedAt)}` : m.date ? `ngày ${m.date.split('-').reverse().join('/')} (dự kiến)` : undefined
  const where = [m.venue, held].filter(Boolean).join(', ')
  if (where) doc.font(FONT.regular).fontSize(10).fillColor(MUTED).text(where, { align: 'center' })
  if (m.draft) doc.font(FONT.semibold).fontSize(9.5).fillColor(RED).text('DỰ THẢO: hội nghị chưa kết thúc, số liệu còn thay đổi (draft until the conference ends).', { align: 'center' })
  doc.fillColor(INK).moveDown(0.5)
}

function general(doc: Doc, m: MinutesModel): void {
  const { dateTime, offset, timeZone, zoneName } = documentTimes(m.timeZone)
  heading(doc, 'I. THÔNG TIN CHUNG')
  field(doc, 'Trạng thái', STATUS[m.status])
  field(doc, 'Bắt đầu', dateTime(m.startedAt))
  field(doc, 'Kết thúc', m.endedAt ? dateTime(m.endedAt) : '— (chưa kết thúc)')
  field(doc, 'Thời lượng', `thực tế ${duration(m.agenda.actualMinutes)}, dự kiến ${duration(m.agenda.plannedMinutes)}`)
  field(doc, 'Điểm cầu', `${m.attendance.sitesCheckedIn}/${m.attendance.sites} điểm cầu đã điểm danh, tổng số ${n(m.attendance.attendees)} đại biểu dự`)
  const t = m.awards.totals
  field(doc, 'Khen thưởng đã công bố', `${n(t.total)} (${n(t.collective)} tập thể, ${n(t.individual)} cá nhân)${t.retracted ? `; ${n(t.retracted)} đã thu hồi` : ''}`)
  field(doc, 'Ký kết giao ước', `${m.signing.signed}/${m.signing.blocs.length} khối đã ký; ký kết ${SIGNING[m.signing.status]}${m.signing.witness ? `; đã chứng kiến lúc ${dateTime(m.signing.witness.at)}` : ''}`)
  field(doc, 'Giờ', `mọi thời điểm theo ${zoneName(m.startedAt)} (${timeZone}${timeZone === DEFAULT_TIME_ZONE ? `, ${offset(m.startedAt)}` : ''}), theo đồng hồ máy chủ`)
}

function agenda(doc: Doc, m: MinutesModel): void {
  const { clockSeconds } = documentTimes(m.timeZone)
  heading(doc, 'II. CHƯƠNG TRÌNH HỘI NGHỊ (THEO DIỄN BIẾN THỰC TẾ)')
  const w = contentWidth(doc)
  if (m.agenda.runs.length === 0) doc.font(FONT.italic).fontSize(10).text('Chưa có nội dung nào được bắt đầu.')
  else table(doc, [
    { header: 'STT', width: 28, align: 'right' },
    { header: 'Bắt đầu', width: 50 },
    { header: 'Nội dung', width: w - 28 - 50 - 58 - 62 },
    { header: 'Dự kiến', width: 58, align: 'right' },
    { header: 'Thực tế', width: 62, align: 'right' },
  ], m.agenda.runs.map((r, i) => [
    String(i + 1),
    clockSeconds(r.startedAt),
    r.presenter ? `${r.title}\n${r.presenter}` : r.title,
    r.plannedMinutes !== undefined ? `${r.plannedMinutes} phút` : '—',
    r.endedAt ? duration(r.minutes) : 'đang diễn ra',
  ]))
  if (m.agenda.notRun.length > 0) {
    doc.moveDown(0.4)
    doc.font(FONT.regular).fontSize(9.5).fillColor(MUTED).text(`Không diễn ra: ${m.agenda.notRun.map((i) => i.title).join('; ')}.`, doc.page.margins.left, doc.y, { width: w })
    doc.fillColor(INK)
  }
}

function sites(doc: Doc, m: MinutesModel): void {
  const { clock } = documentTimes(m.timeZone)
  heading(doc, 'III. CÁC ĐIỂM CẦU: ĐIỂM DANH VÀ SỰ CỐ')
  const w = contentWidth(doc)
  table(doc, [
    { header: 'Điểm cầu', width: 130 },
    { header: 'Điểm danh (lúc: số người)', width: 125 },
    { header: 'Số người dự', width: 64, align: 'right' },
    { header: 'Sự cố (báo lúc – khắc phục lúc)', width: w - 130 - 125 - 64 },
  ], [
    ...m.sites.map((s) => [
      s.name,
      s.checkIns.length ? s.checkIns.map((c) => `${clock(c.at)}: ${n(c.attendees)}`).join('\n') : 'chưa điểm danh',
      s.attendees !== undefined ? n(s.attendees) : '—',
      s.issues.length ? s.issues.map((i) => `${clock(i.reportedAt)}–${i.resolvedAt ? clock(i.resolvedAt) : 'chưa khắc phục'}: ${i.message}`).join('\n') : 'không',
    ]),
    ['Tổng cộng', `${m.attendance.sitesCheckedIn}/${m.attendance.sites} điểm cầu`, n(m.attendance.attendees), `${m.sites.reduce((k, s) => k + s.issues.length, 0)} sự cố`],
  ], { bold: (r) => r === m.sites.length })
}

function awards(doc: Doc, m: MinutesModel): void {
  heading(doc, 'IV. KẾT QUẢ KHEN THƯỞNG')
  const w = contentWidth(doc)
  const t = m.awards.totals
  table(doc, [
    { header: 'STT', width: 28, align: 'right' },
    { header: 'Hình thức khen thưởng', width: w - 28 - 4 * 56 },
    { header: 'Tập thể', width: 56, align: 'right' },
    { header: 'Cá nhân', width: 56, align: 'right' },
    { header: 'Tổng', width: 56, align: 'right' },
    { header: 'Thu hồi', width: 56, align: 'right' },
  ], [
    ...m.awards.byType.map((r, i) => [String(i + 1), `${r.name}${r.notAnnounced ? `\n(${n(r.notAnnounced)} chưa công bố)` : ''}`, n(r.collective), n(r.individual), n(r.total), r.retracted ? n(r.retracted) : '']),
    ['', 'Tổng cộng', n(t.collective), n(t.individual), n(t.total), t.retracted ? n(t.retracted) : ''],
  ], { bold: (r) => r === m.awards.byType.length })
  doc.font(FONT.regular).fontSize(8.5).fillColor(MUTED).text('Chỉ tính các khen thưởng đã công bố tại hội nghị và không bị thu hồi; danh sách đầy đủ ở Phụ lục.', doc.page.margins.left, doc.y + 3, { width: w })
  doc.fillColor(INK)
}

function retractions(doc: Doc, m: MinutesModel): void {
  const { clockSeconds } = documentTimes(m.timeZone)
  heading(doc, 'V. KHEN THƯỞNG ĐÃ THU HỒI')
  if (m.retractions.length === 0) {
    doc.font(FONT.italic).fontSize(10).text('Không có.')
    return
  }
  const w = contentWidth(doc)
  table(doc, [
    { header: 'Lúc', width: 50 },
    { header: 'Khen thưởng', width: 200 },
    { header: 'Lý do thu hồi', width: w - 250 },
  ], m.retractions.map((r) => [clockSeconds(r.at), `${r.recipientName}\n${r.typeName}`, r.reason]))
}

function signing(doc: Doc, m: MinutesModel): void {
  const { clock, dateTime } = documentTimes(m.timeZone)
  heading(doc, 'VI. KÝ KẾT GIAO ƯỚC THI ĐUA')
  const left = doc.page.margins.left
  const w = contentWidth(doc)
  doc.font(FONT.regular).fontSize(10).text(`${m.signing.signed}/${m.signing.blocs.length} khối đã ký; ký kết ${SIGNING[m.signing.status]}.`, left, doc.y, { width: w })
  doc.moveDown(0.3)
  const sigW = 130
  const sigH = 44
  m.signing.blocs.forEach((b, i) => {
    ensureSpace(doc, sigH + 16 + b.voided.length * 24)
    const y = doc.y
    const textW = w - sigW - 10
    doc.font(FONT.semibold).fontSize(9.5).fillColor(INK).text(`${i + 1}. ${b.name}`, left, y + 3, { width: textW })
    doc.font(FONT.regular).fontSize(8.5).fillColor(MUTED).text(`Trưởng khối: ${b.headUnit}`, { width: textW })
    if (b.signature) {
      doc.fillColor(INK).text(`${b.signature.behalf ? `${b.signature.behalf} – ` : ''}${b.signature.signerName}, ký lúc ${dateTime(b.signature.at)}`, { width: textW })
      drawSignature(doc, b.signature.strokes, { x: left + w - sigW, y: y + 2, width: sigW, height: sigH })
    } else {
      doc.font(FONT.bold).fontSize(9.5).fillColor(RED).text('Chưa ký', { width: textW })
    }
    for (const v of b.voided) {
      doc.font(FONT.regular).fontSize(8.5).fillColor(RED).text(`Chữ ký của ${v.signerName} (lúc ${clock(v.at)}) đã bị huỷ lúc ${clock(v.voidedAt)}, lý do: ${v.reason}`, left, doc.y, { width: textW })
    }
    doc.fillColor(INK)
    doc.y = Math.max(doc.y, y + sigH + 4) + 3
    doc.moveTo(left, doc.y - 2).lineTo(left + w, doc.y - 2).lineWidth(0.4).strokeColor(RULE).stroke()
  })
  doc.moveDown(0.4)
  const wit = m.signing.witness
  doc.font(FONT.semibold).fontSize(10).fillColor(INK)
    .text(wit ? `Chứng kiến: ${wit.name ?? 'Chủ tịch UBND tỉnh'}, lúc ${dateTime(wit.at)}.` : 'Chứng kiến: chưa ghi nhận.', left, doc.y, { width: w })
}

function annex(doc: Doc, m: MinutesModel): void {
  doc.addPage()
  doc.font(FONT.bold).fontSize(14).text('PHỤ LỤC: DANH SÁCH KHEN THƯỞNG ĐÃ CÔNG BỐ', { align: 'center' })
  doc.font(FONT.regular).fontSize(9).fillColor(MUTED).text('Theo hình thức khen thưởng, theo thứ tự công bố; các dòng ghi “đã thu hồi” không được tính.', { align: 'center' })
  doc.fillColor(INK)
  if (m.annex.length === 0) {
    doc.moveDown().font(FONT.italic).fontSize(10).text('Chưa công bố khen thưởng nào.')
    return
  }
  const w = contentWidth(doc)
  m.annex.forEach((g, gi) => {
    ensureSpace(doc, 80)
    heading(doc, `${gi + 1}. ${g.name} (${n(g.entries.length)})`, 11)
    const parts = (['collective', 'individual'] as const).map((k) => ({ kind: k, entries: g.entries.filter((e) => e.kind === k) })).filter((p) => p.entries.length > 0)
    parts.forEach((p, pi) => {
      if (parts.length > 1) {
        ensureSpace(doc, 60)
        doc.font(FONT.semibold).fontSize(10).text(`${'ab'[pi]}) ${KIND[p.kind]} (${n(p.entries.length)})`, doc.page.margins.left, doc.y + 2, { width: w })
        doc.moveDown(0.2)
      }
      // The unit's column takes what the others leave.
      const unit = { header: p.kind === 'collective' ? 'Trực thuộc' : 'Chức vụ, đơn vị', width: 0 }
      const cols = [
        { header: 'STT', width: 26, align: 'right' as const },
        { header: p.kind === 'collective' ? 'Tập thể' : 'Họ và tên', width: 130 },
        unit,
        { header: 'Quyết định', width: 118 },
        { header: 'Điểm cầu', width: 76 },
      ]
      unit.width = w - cols.reduce((k, c) => k + c.width, 0)
      table(doc, cols, p.entries.map((e, i) => [String(i + 1), name(e), e.unit ?? '', decision(e.decision), siteShort(e.site)]), { size: 7.5, muted: (r) => !!p.entries[r]?.retracted })
    })
  })
}

function name(e: AnnexEntry): string {
  const s = e.awardClass ? `${e.recipientName} (${e.awardClass})` : e.recipientName
  return e.retracted ? `${s}\n[đã thu hồi: ${e.retracted.reason}]` : s
}

/** "Quyết định số 958/QĐ-UBND ngày 19/09/2022" as "958/QĐ-UBND, 19/09/2022"; other wordings as written. */
function decision(d: string | undefined): string {
  if (!d) return ''
  const m = /^Quyết định số\s+(\S+)\s+ngày\s+(.+)$/u.exec(d)
  return m ? `${m[1]}, ${m[2]}` : d
}

/** "Điểm cầu tỉnh (UBND tỉnh Ninh Thuận)" as "Điểm cầu tỉnh": the full names are in part III. */
const siteShort = (s: string | undefined) => (s ?? '').replace(/\s*\(.*\)$/, '')
