/**
 * npm run verify -- --head <seq>:<hash> [--conference <id>]
 *
 * Checks a data folder (DATA_DIR, default ./data; with REDIS_URL, the cluster's log in Redis)
 * against a head written down elsewhere: the seq and whole hash printed at the end of the minutes
 * or shown on the host console when the conference ended. The start-up check and /verify compare
 * the log with diemcau.head.json, which sits on the same disk: whoever rewrites the chain can
 * rewrite that file too, or delete it with a cut. A head kept by someone else cannot be rewritten.
 * Opens the log read-only; exit 0 when it holds, 1 when it does not, 2 when it cannot be checked.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { SQLITE_FILE } from '../server/store/sqlite.js'
import { PROJECT_ROOT } from '../server/paths.js'
import { checkAgainstHead, openRedisReader, openSqliteReader, parseHead, type LogReader } from './verify-log.js'

const root = PROJECT_ROOT

/** Says one sentence (Vietnamese, then English) and ends with `code`. */
function end(code: 0 | 1 | 2, sentence: string): never {
  ;(code === 0 ? process.stdout : process.stderr).write(`${sentence}\n`)
  process.exit(code)
}

let args: { head?: string; conference?: string }
try {
  args = parseArgs({ options: { head: { type: 'string' }, conference: { type: 'string' } }, allowPositionals: false }).values
} catch {
  end(2, 'Chỉ dùng --head <seq>:<mã băm> và --conference <mã hội nghị>. / Only --head <seq>:<hash> and --conference <conference id> are understood.')
}
const head = parseHead(args.head)
if (!head) {
  end(2,
    'Hãy cho biết đầu nhật ký đã ghi lại: npm run verify -- --head <seq>:<mã băm 64 chữ số hex> (in ở trang cuối biên bản, và trên bảng điều khiển khi kết thúc hội nghị). ' +
      '/ Give the head you wrote down: npm run verify -- --head <seq>:<64-hex-digit hash> (printed on the last page of the minutes, and on the host console when the conference ends).')
}

const redisUrl = process.env.REDIS_URL
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, 'data'))
let reader: LogReader
try {
  if (redisUrl) reader = await openRedisReader(redisUrl)
  else if (!existsSync(path.join(dataDir, SQLITE_FILE))) {
    end(2, `Không có cơ sở dữ liệu ${path.join(dataDir, SQLITE_FILE)}: hãy đặt DATA_DIR là thư mục dữ liệu cần kiểm tra. / There is no database there: set DATA_DIR to the data folder to check.`)
  } else reader = openSqliteReader(dataDir)
} catch (err) {
  const code = (err as { code?: string }).code ?? (err as Error).message.slice(0, 120)
  end(2, `Không mở được nhật ký để đọc (${redisUrl ? 'Redis' : path.join(dataDir, SQLITE_FILE)}: ${code}). / The log cannot be opened for reading (${code}).`)
}

try {
  const conferences = await reader.conferences()
  const conferenceId = args.conference ?? (conferences.length === 1 ? conferences[0] : undefined)
  if (!conferenceId) {
    end(2, conferences.length === 0
      ? `Nhật ký trong ${reader.where} không có hội nghị nào: không có gì khớp với đầu đã ghi (seq ${head.seq}). / The log holds no conference: nothing matches the head written down.`
      : `${reader.where} có nhiều hội nghị (${conferences.join(', ')}): thêm --conference <mã hội nghị>. / It holds several conferences: add --conference <conference id>.`)
  }
  const r = await checkAgainstHead(reader, conferenceId, head)
  const log = `Nhật ký hội nghị ${conferenceId} trong ${reader.where}`
  if (r.ok) {
    const more = r.lastSeq - head.seq
    end(0,
      `${log} khớp với đầu đã ghi: chuỗi băm hợp lệ qua ${r.events} sự kiện, và sự kiện seq ${head.seq} mang đúng mã ${head.hash}${more ? ` (có thêm ${more} sự kiện sau đó)` : ''}. ` +
        `/ The log matches the head written down: the hash chain holds over ${r.events} events, and event seq ${head.seq} carries ${head.hash}${more ? ` (${more} more events after it)` : ''}.`)
  }
  if (r.problem === 'broken') {
    end(1, `${log} có chuỗi băm bị đứt từ sự kiện seq ${r.firstBrokenSeq}: nhật ký đã bị sửa hoặc hỏng. / The log's hash chain is broken from event seq ${r.firstBrokenSeq}: it was edited or damaged.`)
  }
  if (r.problem === 'shorter') {
    end(1, `${log} chỉ đến seq ${r.lastSeq}, ngắn hơn đầu đã ghi (seq ${head.seq}): nhật ký đã bị cắt bớt. / The log ends at seq ${r.lastSeq}, before the head written down (seq ${head.seq}): it was cut short.`)
  }
  end(1,
    `${log}: sự kiện seq ${head.seq} mang mã ${r.found.slice(0, 16)}…, không phải mã đã ghi ${head.hash.slice(0, 16)}…: nhật ký đã bị viết lại. ` +
      `/ Event seq ${head.seq} carries another hash than the one written down: the log was rewritten.`)
} finally {
  await reader.close()
}
