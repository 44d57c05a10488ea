import { afterEach, describe, expect, it } from 'vitest'
import { Command } from '../../shared/commands.js'
import { ErrorReason, ErrorCode, zodDetail } from '../../shared/errors.js'
import { i18n } from '../i18n/index.js'
import { accessRefusal, accessRefusalText, errorText } from './errors.js'
import { defined } from '../test/defined.js'

const te = (key: string, locale: 'vi' | 'en') => i18n.global.te(key, locale)

describe('every refusal has words', () => {
  it('each reason has a Vietnamese and an English sentence', () => {
    for (const r of Object.values(ErrorReason)) {
      expect(te(`refusal.reasons.${r}`, 'vi'), `vi ${r}`).toBe(true)
      expect(te(`refusal.reasons.${r}`, 'en'), `en ${r}`).toBe(true)
    }
  })
  it('each code has a Vietnamese and an English fallback', () => {
    for (const c of Object.values(ErrorCode)) {
      expect(te(`refusal.generic.${c}`, 'vi'), c).toBe(true)
      expect(te(`refusal.generic.${c}`, 'en'), c).toBe(true)
    }
  })
})

describe('errorText', () => {
  afterEach(() => {
    i18n.global.locale.value = 'vi'
  })

  it('a zod refusal renders with its limit, the field named in words', () => {
    const parsed = Command.safeParse({ id: 'cmd-12345678', type: 'site.checkIn', data: { attendees: 250_000 } })
    expect(parsed.success).toBe(false)
    const detail = zodDetail(defined(parsed.error))
    expect(detail).toEqual({ reason: 'field.tooBig', field: 'attendees', params: { max: 100_000 } })
    const text = errorText({ code: 'invalid', message: 'data.attendees: Too big: expected number to be <=100000', ...detail })
    expect(text).toBe('“Số người dự” không được lớn hơn 100.000. Xin sửa lại rồi gửi lại.')
    i18n.global.locale.value = 'en'
    expect(errorText({ code: 'invalid', ...detail })).toBe('“Attendees” may be at most 100,000. Correct it and send again.')
  })

  it('other zod issues: negative, missing, fractional, empty', () => {
    const text = (data: unknown) => {
      const r = Command.safeParse({ id: 'cmd-12345678', type: 'site.checkIn', data })
      return errorText({ code: 'invalid', ...zodDetail(defined(r.error)) })
    }
    expect(text({ attendees: -1 })).toBe('“Số người dự” không được nhỏ hơn 0. Xin sửa lại rồi gửi lại.')
    expect(text({})).toBe('Chưa nhập “Số người dự”. Xin nhập rồi gửi lại.')
    expect(text({ attendees: 1.5 })).toBe('“Số người dự” phải là số nguyên. Xin sửa lại rồi gửi lại.')
    const empty = Command.safeParse({ id: 'cmd-12345678', type: 'agenda.addItem', data: { title: '   ', kind: 'speech' } })
    expect(errorText({ code: 'invalid', ...zodDetail(defined(empty.error)) })).toBe('“Tên mục” đang để trống. Xin nhập rồi gửi lại.')
  })

  it('says who may not do what, never the command type', () => {
    const text = errorText({ code: 'forbidden', message: 'the viewer role may not send agenda.next', reason: 'role.forbidden', params: { role: 'viewer', command: 'agenda.next' } })
    expect(text).toBe('Liên kết dành cho người xem không có quyền chuyển sang mục tiếp theo. Nếu cần, xin liên hệ Ban tổ chức.')
    expect(text).not.toMatch(/agenda\.next|viewer/)
  })

  it('names an award by its recipient, not its id', () => {
    const text = errorText({ code: 'conflict', message: 'award huy-hieu-0001 is already announced', reason: 'award.alreadyAnnounced', params: { name: 'Nguyễn Văn An' } })
    expect(text).toBe('Khen thưởng của “Nguyễn Văn An” đã được công bố rồi; không cần công bố lại.')
  })

  it('a stale agenda edit says someone else changed it, and what to do', () => {
    expect(errorText({ code: 'conflict', reason: 'agenda.stale', params: { title: 'Khai mạc', rev: 3 } })).toBe(
      'Mục “Khai mạc” vừa được người khác sửa; thay đổi của đồng chí chưa được lưu. Hãy xem lại nội dung mới rồi sửa lại nếu cần.',
    )
  })

  it('a status in words', () => {
    expect(errorText({ code: 'conflict', reason: 'conference.notLive', params: { status: 'scheduled' } })).toBe('Hội nghị chưa bắt đầu; việc này chỉ làm được khi hội nghị đang diễn ra.')
  })

  it('an error with no reason falls back on its code; an unknown code on the server sentence', () => {
    expect(errorText({ code: 'conflict', message: 'site d1 has no open problem to resolve' })).toBe('Việc này không làm được lúc này vì tình hình hội nghị đã khác. Hãy xem lại rồi thử lại.')
    expect(errorText({ code: 'teapot' as never })).toMatch(/^Máy chủ gặp lỗi/)
  })

  it('an import row is counted as a spreadsheet does', () => {
    expect(errorText({ code: 'not_found', reason: 'award.noSite', field: 'awards.4.siteId', params: { row: 5 } })).toBe('Dòng 5: điểm cầu không có trong hội nghị. Xin sửa tệp rồi nhập lại.')
  })
})

describe('accessRefusalText', () => {
  it('turns the handshake’s reasons into sentences', () => {
    expect(accessRefusalText('unknown or revoked token')).toBe('Liên kết truy cập không đúng hoặc đã bị thu hồi. Xin Ban tổ chức gửi lại liên kết.')
    expect(accessRefusalText('missing token: open the conference with your access link')).toMatch(/thiếu mã truy cập/)
    expect(accessRefusalText('this access link was revoked by the organisers: ask them for the new one')).toMatch(/thu hồi/)
    expect(accessRefusalText('this access link has expired: ask the organisers for a new one')).toMatch(/hết hạn/)
    expect(accessRefusalText('something else')).toMatch(/không dùng được/)
  })

  it('tells revoked, reissued, expired and unknown links apart by the refusal’s reason', () => {
    expect(accessRefusal('token.revoked')).toBe('revoked')
    expect(accessRefusal('token.reissued')).toBe('reissued')
    expect(accessRefusal('token.expired')).toBe('expired')
    expect(accessRefusal('token.unknown')).toBe('unknown')
    expect(accessRefusal('token.missing')).toBe('missing')
    expect(accessRefusal('this access link was replaced by a new one: open the new link the organisers sent')).toBe('reissued')
    expect(accessRefusalText('token.reissued')).toMatch(/thay bằng liên kết mới/)
    expect(accessRefusalText('token.revoked')).toMatch(/thu hồi/)
  })
})
