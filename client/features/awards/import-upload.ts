/** Uploading an award list to the server's import (a dry run first, then the import itself). */
import type { Award } from '../../../shared/domain.js'

export interface RowError { row: number; column?: string; message: string }
export interface Preview { total: number; byType: { typeId: string; name: string; collective: number; individual: number }[]; sample: Award[] }
/** Rows the conference already holds: never imported twice. */
export interface Listed { count: number; rows: { row: number; id: string }[] }
export type Answer =
  | { ok: true; dryRun?: boolean; imported: number; preview?: Preview; seq?: number; alreadyListed?: Listed }
  | { ok: false; imported?: number; errors?: RowError[]; moreErrors?: number; error?: { code: string; message: string; reason?: string } }

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** The file's content type by its name, or null for a kind the import does not read. */
export function typeOf(f: File): string | null {
  const name = f.name.toLowerCase()
  if (name.endsWith('.xlsx')) return XLSX
  if (name.endsWith('.csv')) return 'text/csv'
  return null
}

/** XMLHttpRequest, not fetch: only it reports the upload's progress. */
export function uploadAwards(f: File, to: { conferenceId: string; token: string; dryRun: boolean }, onProgress: (percent: number) => void): Promise<{ status: number; body: Answer | null }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/conferences/${encodeURIComponent(to.conferenceId)}/awards/import${to.dryRun ? '?dryRun=1' : ''}`)
    xhr.setRequestHeader('Authorization', `Bearer ${to.token}`)
    xhr.setRequestHeader('Content-Type', typeOf(f) ?? 'application/octet-stream')
    xhr.responseType = 'text'
    onProgress(0)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onload = () => {
      onProgress(100)
      let body: Answer | null = null
      try {
        body = JSON.parse(xhr.responseText) as Answer
      } catch {
        body = null
      }
      resolve({ status: xhr.status, body })
    }
    xhr.onerror = () => resolve({ status: 0, body: null })
    xhr.send(f)
  })
}
