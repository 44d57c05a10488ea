/** The agenda editor's form: its fields as typed, and the checks made on the page before anything is sent. */
import type { AgendaItem } from '../../../shared/domain.js'
import { cleanText } from '../../../shared/text.js'

export interface Form { title: string; kind: AgendaItem['kind']; presenter: string; unit: string; minutes: string }
/** An edit under way: the item, and its revision and fields when the edit began. */
export interface Editing { id: string; rev: number; base: Form }
export type FormErrors = Partial<Record<keyof Form, string>>
export type Checked = { ok: true; title: string; presenter?: string; unit?: string; minutes?: number } | { ok: false; errors: FormErrors }
type T = (key: string, params?: Record<string, unknown>) => string

export const blankForm = (): Form => ({ title: '', kind: 'speech', presenter: '', unit: '', minutes: '' })
export const formOf = (i: AgendaItem): Form => ({ title: i.title, kind: i.kind, presenter: i.presenter ?? '', unit: i.unit ?? '', minutes: i.plannedMinutes === undefined ? '' : String(i.plannedMinutes) })

function textProblem(t: T, raw: string, max: number, field: string): string | null {
  const r = cleanText(raw, max)
  if (r.ok) return null
  if (/at most/.test(r.problem)) return t('agendaUi.editor.check.tooLong', { field, max })
  if (/contains/.test(r.problem)) return t('agendaUi.editor.check.hidden', { field })
  return null
}

/** The form's values as a command takes them, or what is wrong with each field, in the page's words. */
export function checkForm(t: T, f: Form): Checked {
  const errors: FormErrors = {}
  const title = cleanText(f.title, 300)
  if (!title.ok) errors.title = textProblem(t, f.title, 300, t('agendaUi.editor.title')) ?? t('agendaUi.editor.check.titleRequired')
  for (const [key, label] of [['presenter', t('agendaUi.editor.presenter')], ['unit', t('agendaUi.editor.unit')]] as const) {
    if (f[key].trim()) {
      const p = textProblem(t, f[key], 200, label)
      if (p) errors[key] = p
    }
  }
  let minutes: number | undefined
  if (f.minutes.trim() !== '') {
    minutes = Number(f.minutes)
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 600) errors.minutes = t('agendaUi.editor.check.minutes')
  }
  if (Object.keys(errors).length || !title.ok) return { ok: false, errors }
  const clean = (s: string) => { const r = cleanText(s, 200); return r.ok ? r.text : undefined }
  return { ok: true, title: title.text, presenter: clean(f.presenter), unit: clean(f.unit), minutes }
}
