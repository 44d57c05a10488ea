/**
 * Award lists over HTTP: import (CSV or XLSX, dry run or commit, all or nothing), the template to
 * fill in, and the export of what has been announced. Mounted by `apiRouter` behind its token check.
 */
import express, { type Request, type RequestHandler, type Response, type Router } from 'express'
import multer from 'multer'
import type { Actor } from '../../shared/domain.js'
import { ErrorReason, fail, type ErrorCode } from '../../shared/errors.js'
import { answerError, STATUS } from '../edge/answers.js'
import type { ConferenceService } from '../conference/service.js'
import { importCommandId } from '../awards/catalog.js'
import { announcedGroups, exportCsv, exportXlsx } from '../awards/export.js'
import { MAX_IMPORT_BYTES, parseAwardList, type RowError } from '../awards/parse.js'
import { importSummary, listedAnswer, previewOf } from '../awards/preview.js'
import { templateCsv, templateXlsx } from '../awards/template.js'
import { errorCode, errorType } from '../errors.js'

type Authed = Request & { actor?: Actor }

/** The actor the token check (server/http/api.ts) put on the request these routes run behind. */
function actorOf(req: Authed): Actor {
  if (!req.actor) throw new Error('this route runs behind the token check')
  return req.actor
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const CSV_TYPE = 'text/csv; charset=utf-8'
/** Row errors shown in one answer; the rest are counted. */
export const MAX_ROW_ERRORS = 500

const rawBody = express.raw({ type: () => true, limit: MAX_IMPORT_BYTES })
const multipartFile = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 20 } }).single('file')

export function awardsRouter(deps: { service: ConferenceService; now?: () => number }): Router {
  const router = express.Router()
  const now = deps.now ?? Date.now
  const send = (res: Response, code: ErrorCode, message: string, status = STATUS[code]) => answerError(res, code, message, status)

  router.get('/awards/template.csv', (_req, res) => {
    download(res, templateCsv(), CSV_TYPE, 'Mẫu danh sách khen thưởng.csv')
  })
  router.get('/awards/template.xlsx', async (_req, res) => {
    download(res, await (templateBook ??= templateXlsx()), XLSX_TYPE, 'Mẫu danh sách khen thưởng.xlsx')
  })

  router.post('/conferences/:id/awards/import', async (req: Authed, res) => {
    const actor = actorOf(req)
    if (actor.role !== 'host') return send(res, 'forbidden', 'only the host may import an award list')
    const upload = await readUpload(req, res)
    if (!upload.ok) return send(res, 'invalid', upload.message, upload.status)
    const room = await deps.service.state(actor.conferenceId)
    // After the end a dry run says the list cannot go in, rather than promise what the commit refuses.
    if (room.state.status === 'ended') return res.status(STATUS.conflict).json(fail('conflict', 'the conference has ended; its minutes are final and no award list can be imported', { reason: ErrorReason.conferenceEnded }))
    const { awardTypes, sites, awards: existing } = room.state
    const parsed = await parseAwardList(upload.bytes, upload.source, { awardTypes, sites, existing })
    if (parsed.fileError) {
      const tooBig = parsed.fileError.problem === 'too_large' || parsed.fileError.problem === 'too_many_rows'
      return send(res, 'invalid', parsed.fileError.message, tooBig ? 413 : 400)
    }
    if (parsed.errors.length > 0) return res.status(422).json(rowErrors(parsed.errors, parsed.rows))
    const alreadyListed = listedAnswer(parsed.listed)
    if (isDryRun(req.query['dryRun'])) {
      const message = importSummary(parsed.awards.length, parsed.listed, true)
      return res.json({ ok: true, dryRun: true, imported: 0, errors: [], preview: previewOf(parsed.awards, awardTypes), alreadyListed, message })
    }
    const nothingNew = { ok: true, imported: 0, errors: [], alreadyListed, message: importSummary(0, parsed.listed, false) }
    if (parsed.awards.length === 0) return res.json(nothingNew)
    const ack = await deps.service.handle(actor, { id: importCommandId(upload.bytes), type: 'award.import', data: { awards: parsed.awards } })
    if (!ack.ok) return res.status(STATUS[ack.error.code]).json(ack)
    if (ack.duplicate) return res.json({ ...nothingNew, seq: ack.seq, duplicate: true })
    res.json({ ok: true, imported: parsed.awards.length, seq: ack.seq, errors: [], alreadyListed, message: importSummary(parsed.awards.length, parsed.listed, false) })
  })

  const exportRoute = (format: 'csv' | 'xlsx') => async (req: Authed, res: Response) => {
    const by = req.query['by'] ?? 'type'
    if (by !== 'type' && by !== 'site') return send(res, 'invalid', 'by: must be "type" or "site"')
    const room = await deps.service.state(actorOf(req).conferenceId)
    const groups = announcedGroups(room.state, by, now())
    const title = `Khen thưởng đã công bố - ${room.state.id} - theo ${by === 'type' ? 'hình thức' : 'điểm cầu'}.${format}`
    if (format === 'csv') download(res, exportCsv(room.state, groups), CSV_TYPE, title)
    else download(res, await exportXlsx(room.state, groups), XLSX_TYPE, title)
  }
  router.get('/conferences/:id/awards/export.csv', exportRoute('csv'))
  router.get('/conferences/:id/awards/export.xlsx', exportRoute('xlsx'))

  return router
}

let templateBook: Promise<Buffer> | undefined

function isDryRun(v: unknown): boolean {
  return v === '1' || v === 'true' || v === ''
}

function rowErrors(errors: RowError[], rows: number) {
  const shown = errors.slice(0, MAX_ROW_ERRORS)
  return { ok: false, imported: 0, rows, errors: shown, ...(errors.length > shown.length ? { moreErrors: errors.length - shown.length } : {}) }
}

type Upload =
  | { ok: true; bytes: Uint8Array; source: { mediaType?: string; filename?: string } }
  | { ok: false; status: number; message: string }

const HOW = 'gửi tệp CSV hoặc XLSX làm nội dung yêu cầu (Content-Type: text/csv hoặc application/vnd.openxmlformats-officedocument.spreadsheetml.sheet), hoặc trong trường “file” của một biểu mẫu multipart'

/** The file, from a multipart form's `file` field or the raw body; size and shape errors as statuses. */
async function readUpload(req: Request, res: Response): Promise<Upload> {
  const type = req.get('content-type') ?? ''
  const tooBig = { ok: false as const, status: 413, message: `tệp lớn hơn ${MAX_IMPORT_BYTES / 1024 / 1024} MB: hãy chia danh sách thành nhiều tệp` }
  if (/^multipart\/form-data/i.test(type)) {
    try {
      await run(multipartFile, req, res)
    } catch (err) {
      const code = errorCode(err)
      if (code === 'LIMIT_FILE_SIZE') return tooBig
      if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT') return { ok: false, status: 400, message: `chỉ gửi một tệp, trong trường “file”` }
      return { ok: false, status: 400, message: `biểu mẫu multipart không đọc được: ${HOW}` }
    }
    const file = req.file
    if (!file) return { ok: false, status: 400, message: `biểu mẫu không có trường “file”: ${HOW}` }
    return { ok: true, bytes: file.buffer, source: { mediaType: file.mimetype, filename: file.originalname } }
  }
  if (/^application\/(json|x-www-form-urlencoded)/i.test(type)) return { ok: false, status: 400, message: HOW }
  try {
    await run(rawBody, req, res)
  } catch (err) {
    if (errorType(err) === 'entity.too.large') return tooBig
    throw err
  }
  const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
  const filename = typeof req.query['filename'] === 'string' ? req.query['filename'] : undefined
  return { ok: true, bytes, source: { mediaType: type || undefined, filename } }
}

function run(handler: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => handler(req, res, (err?: unknown) => (err ? reject(err) : resolve())))
}

/** A download with a Vietnamese name: an ASCII fallback, and the real name per RFC 5987. */
function download(res: Response, body: Buffer, type: string, filename: string): void {
  res.setHeader('Content-Type', type)
  res.setHeader('Content-Disposition', contentDisposition(filename))
  res.setHeader('Cache-Control', 'no-store')
  res.send(body)
}

export function contentDisposition(filename: string): string {
  const ascii = filename.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D')).replace(/[^\x20-\x7e]|["\\]/g, '_')
  const encoded = encodeURIComponent(filename.normalize('NFC')).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
