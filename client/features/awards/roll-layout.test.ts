/**
 * A locality's heading over its roll column (`localityHeading`). Outside a browser the text is
 * measured as 0.56 of its size a character (measure.ts), so the figures below are that rule's.
 */
import { describe, expect, it } from 'vitest'
import { localityHeading } from './roll-layout.js'
import { textWidth } from './measure.js'

const CITY = 'Thành phố Phan Rang - Tháp Chàm'
const PLACE = 'Phan Rang - Tháp Chàm'
const OWN = 'Điểm cầu này'
const BOX = 1336

/** The heading's width with its tag, as the page draws it (the same slack and chrome as the rule's). */
const drawn = (h: { text: string; tag: string | null; size: number }) => textWidth(h.text, 700, h.size) * 1.06 + (h.tag ? textWidth(h.tag, 400, 19) + 38 : 0)
/** A column's room for its heading: (1336 − 2 gaps of 40) / 3 − 32 px of padding. */
const THIRD = (BOX - 80) / 3 - 32

describe('localityHeading', () => {
  it('keeps the full name, its tag and 24 px where the column holds them (two columns)', () => {
    expect(localityHeading([CITY, PLACE], [OWN, '★'], 'large', BOX)).toEqual({ text: CITY, tag: OWN, size: 24 })
  })

  it('in a column of three, gives up first the size (to the 20 px floor), then the long tag, then the name\'s kind, so that it shows whole', () => {
    const h = localityHeading([CITY, PLACE], [OWN, '★'], 'dense', BOX)
    expect(h).toEqual({ text: PLACE, tag: '★', size: 24 })
    expect(drawn(h)).toBeLessThanOrEqual(THIRD)
    // Without a tag (another site's heading), the full name fits at a smaller size.
    const other = localityHeading([CITY, PLACE], [null], 'dense', BOX)
    expect(other).toEqual({ text: CITY, tag: null, size: 20 })
    expect(drawn(other)).toBeLessThanOrEqual(THIRD)
  })

  it('a column that goes on with the own site keeps "(tiếp)" beside the star', () => {
    const h = localityHeading([`${PLACE} (tiếp)`], ['★'], 'tight', BOX)
    expect(h.text).toBe(`${PLACE} (tiếp)`)
    expect(h.size).toBeGreaterThanOrEqual(20)
    expect(drawn(h)).toBeLessThanOrEqual(THIRD)
  })

  it('never goes under 20 px: when nothing fits it answers the shortest wording and tag at 20 px', () => {
    expect(localityHeading(['Một cái tên rất dài của một điểm cầu cấp xã ở vùng cao', 'Tên vẫn còn quá dài cho một cột hẹp'], [OWN, '★'], 'dense', 700))
      .toEqual({ text: 'Tên vẫn còn quá dài cho một cột hẹp', tag: '★', size: 20 })
  })
})
