/** What the terminal prints of the links at start: every role, and the sites up to a screenful. */
import { describe, expect, it } from 'vitest'
import { formatLinks, type AccessLinks } from './links.js'

const link = (page: string, n: number) => ({ url: `http://hall.local/${page}?token=t${n}`, token: `t${n}` })
const links = (sites: number): AccessLinks => ({
  conferenceId: 'c1',
  host: link('host', 0),
  viewer: link('view', 1),
  overlay: link('overlay', 2),
  sites: Array.from({ length: sites }, (_, i) => ({ siteId: `s${i}`, name: `Xã ${i + 1}`, ...link('site', 100 + i) })),
  signers: [{ blocId: 'b1', name: 'Khối thi đua các huyện', ...link('sign', 9) }],
})

describe('formatLinks', () => {
  it('prints every link of a province\'s conference', () => {
    const text = formatLinks(links(9))
    for (const s of links(9).sites) expect(text).toContain(`${s.name}: ${s.url}`)
    expect(text).not.toContain('điểm cầu khác')
  })

  it('prints a national conference\'s first sites and says where the other 3,336 are', () => {
    const text = formatLinks(links(3_356))
    expect(text).toContain('Xã 20: http://hall.local/site?token=t119')
    expect(text).not.toContain('Xã 21:')
    expect(text).toContain('… và 3.336 điểm cầu khác')
    expect(text).toContain('Tài liệu → Liên kết truy cập')
    // The roles that are not sites are all still printed.
    for (const url of ['/host?token=t0', '/view?token=t1', '/overlay?token=t2', '/sign?token=t9']) expect(text).toContain(url)
    expect(text.split('\n').length).toBeLessThan(40)
  })
})
