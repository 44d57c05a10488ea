/**
 * The data rows of an award list into awards: each cell checked against the catalog, against
 * formulas and against the command's own schema, every problem by the spreadsheet's row and the
 * column as the file writes it; rows the conference already holds set apart, not imported again.
 */
import type { AwardType, RecipientKind, Site } from '../../shared/domain.js'
import type { ImportedAward } from './catalog.js'
import { catalogLookup, kindName } from './catalog.js'
import { checkAward, formulaProblem, unescapeCell } from './checks.js'
import { COLUMNS, collapseSpace, type ColumnKey } from './columns.js'
import type { SheetRow } from './csv.js'
import { alreadyListed, type ListedAward, type ListedRow } from './listed.js'

export interface Catalog {
  awardTypes: readonly AwardType[]
  sites: readonly Site[]
  /** The awards the conference already has. */
  existing: readonly ListedAward[]
}

/** Where a bad value is: `row` as a spreadsheet counts (header = 1), `column` as its header is written. */
export interface RowError {
  row: number
  column: string
  message: string
}

export interface ReadRows {
  /** The new awards, in the file's order; none when there is any error. */
  awards: ImportedAward[]
  errors: RowError[]
  /** Rows the conference already holds: neither errors nor imported again. */
  listed: ListedRow[]
}

const KINDS = new Map<string, RecipientKind>([['tập thể', 'collective'], ['collective', 'collective'], ['cá nhân', 'individual'], ['individual', 'individual']])

type Row = Record<ColumnKey, string>

interface RowContext {
  catalog: Catalog
  findType: (text: string) => { found?: AwardType; hint: string }
  findSite: (text: string) => { found?: Site; hint: string }
  existingIds: Set<string>
  /** The row that first used each id of the file. */
  idRows: Map<string, number>
}

export function readRows(rows: SheetRow[], at: Map<ColumnKey, number>, written: Map<ColumnKey, string>, catalog: Catalog): ReadRows {
  const errors: RowError[] = []
  const listed: ListedRow[] = []
  const ctx: RowContext = {
    catalog,
    findType: catalogLookup(catalog.awardTypes),
    findSite: catalogLookup(catalog.sites),
    existingIds: new Set(catalog.existing.map((a) => a.id)),
    idRows: new Map(),
  }
  const repeats = alreadyListed(catalog.existing)
  const report = (row: number, problems: [ColumnKey, string][]) => {
    for (const [k, message] of problems) errors.push({ row, column: written.get(k) ?? k, message })
  }
  const pending: { row: number; award: Omit<ImportedAward, 'id'>; id?: string }[] = []

  for (const { row, cells } of rows) {
    const values = Object.fromEntries(COLUMNS.map((c) => [c.key, unescapeCell(collapseSpace(cells[at.get(c.key) ?? -1] ?? ''))])) as Row
    const problems: [ColumnKey, string][] = []
    const award = readRow(values, ctx, problems)
    const listedAs = award && problems.length === 0 ? repeats(award, values.id || undefined) : undefined
    if (listedAs) listed.push({ row, id: listedAs })
    else if (values.id && ctx.existingIds.has(values.id)) problems.push(['id', `mã “${values.id}” đã có trong danh sách khen thưởng của hội nghị, cho một khen thưởng khác với dòng này`])
    else if (values.id) checkIdOfFile(values.id, row, ctx, problems)
    report(row, problems)
    if (award && problems.length === 0 && !listedAs) pending.push({ row, award, id: values.id || undefined })
  }

  // Ids continue after the highest of each type; then every award goes through the command's schema.
  const next = nextNumbers([...ctx.existingIds, ...ctx.idRows.keys()], catalog.awardTypes)
  const awards: ImportedAward[] = []
  for (const { row, award, id } of pending) {
    const n = id ? 0 : (next.get(award.typeId) ?? 0) + 1
    if (!id) next.set(award.typeId, n)
    const checked = checkAward({ id: id ?? `${award.typeId}-${String(n).padStart(4, '0')}`, ...award })
    if (checked.ok) awards.push(checked.award)
    else report(row, checked.problems)
  }
  if (errors.length > 0) return { awards: [], errors: errors.sort((a, b) => a.row - b.row), listed }
  return { awards, errors, listed }
}

/** An id the file gives: unique within the file (its shape is the schema's to check). */
function checkIdOfFile(id: string, row: number, ctx: RowContext, problems: [ColumnKey, string][]): void {
  const first = ctx.idRows.get(id)
  if (first !== undefined) problems.push(['id', `mã “${id}” trùng với dòng ${first}`])
  else ctx.idRows.set(id, row)
}

/** One row's award, with what is wrong with it added to `problems` as [column, message]. */
function readRow(v: Row, ctx: RowContext, problems: [ColumnKey, string][]): Omit<ImportedAward, 'id'> | undefined {
  const formulas = COLUMNS.flatMap((c): [ColumnKey, string][] => {
    const problem = formulaProblem(v[c.key])
    return problem ? [[c.key, problem]] : []
  })
  if (formulas.length > 0) {
    problems.push(...formulas)
    return undefined
  }
  let awardType: AwardType | undefined
  if (!v.type) problems.push(['type', 'thiếu hình thức khen thưởng'])
  else {
    const found = ctx.findType(v.type)
    awardType = found.found
    if (!awardType) problems.push(['type', `không có hình thức khen thưởng “${v.type}” trong danh mục của hội nghị${found.hint}`])
  }

  let kind = KINDS.get(v.kind.toLowerCase())
  if (!v.kind) {
    if (awardType && awardType.recipientKind !== 'both') kind = awardType.recipientKind
    else problems.push(['kind', 'thiếu đối tượng: ghi “Tập thể” hoặc “Cá nhân”'])
  } else if (!kind) problems.push(['kind', `“${v.kind}” không phải “Tập thể” hoặc “Cá nhân”`])
  else if (awardType && awardType.recipientKind !== 'both' && awardType.recipientKind !== kind) {
    problems.push(['kind', `“${awardType.name}” chỉ trao cho ${kindName(awardType.recipientKind)}, không trao cho ${kindName(kind)}`])
  }

  if (!v.name) problems.push(['name', 'thiếu tên người/tập thể được khen'])

  let siteId: string | undefined
  if (v.site) {
    const site = ctx.findSite(v.site)
    siteId = site.found?.id
    if (!siteId) {
      const list = site.hint || `; các điểm cầu: ${ctx.catalog.sites.map((s) => s.name).join(', ')}`
      problems.push(['site', `không có điểm cầu “${v.site}” trong hội nghị${list}`])
    }
  }

  if (!awardType || !kind) return undefined
  const award: Omit<ImportedAward, 'id'> = { typeId: awardType.id, recipientKind: kind, recipientName: v.name }
  if (v.unit) award.unit = v.unit
  if (siteId) award.siteId = siteId
  if (v.decision) award.decision = v.decision
  if (v.awardClass) award.awardClass = v.awardClass
  return award
}

/** The highest number `${typeId}-NNNN` already taken, per type: generated ids continue after it. */
function nextNumbers(ids: string[], types: readonly AwardType[]): Map<string, number> {
  const highest = new Map<string, number>(types.map((t) => [t.id, 0]))
  for (const id of ids) {
    const m = /^(.+)-(\d+)$/.exec(id)
    const type = m?.[1]
    if (type !== undefined && highest.has(type)) highest.set(type, Math.max(highest.get(type) ?? 0, Number(m?.[2])))
  }
  return highest
}
