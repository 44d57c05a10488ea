/**
 * exceljs, loaded on first use. Importing it takes about half a second, which every server start
 * and every process that never reads or writes a sheet would pay; those that do pay it once.
 */
import type ExcelJS from 'exceljs'

let loading: Promise<typeof ExcelJS> | undefined

export function excel(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((m) => m.default)
  return loading
}
