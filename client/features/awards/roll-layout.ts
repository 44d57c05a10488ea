/**
 * The honours roll's layouts and how a batch is cut into pages at each: shared by the hall's
 * roll (its own box) and the host's pace planner (the reference hall's box), so that the pages
 * the host paces are the pages a 1920×1080 hall shows.
 */
import type { Award } from '../../../shared/domain.js'
import type { RollDensity } from '../../../shared/features/awards/roll.js'
import { linesOf, textWidth } from './measure.js'
import { paginate, type PageLayout, type RollGroup, type RollPage } from './roll.js'

/** Sizes in px on the 1920×1080 design canvas (HonoursRoll.vue's CSS uses the same figures). */
export interface Font { weight: number; size: number; line: number }
export interface Density { name: RollDensity; columns: number; nameFont: Font; unitFont: Font; rowChrome: number; localityHeight: number }

/**
 * Densest last. The smallest name is 24 px: on a picture 2.5 m high (the farthest seat at 15 m
 * is at 6× the picture's height, the usual rule for a hall), a canvas px is 2.3 mm, so a 24 px
 * name's capitals are about 40 mm, 9′ of arc from 15 m, nearly twice the 5′ at which a 20/20 eye
 * makes out a letter; nothing on a page of names is smaller than the 20 px unit line.
 */
export const DENSITIES: Record<RollDensity, Density> = {
  large: { name: 'large', columns: 2, nameFont: { weight: 700, size: 30, line: 37 }, unitFont: { weight: 400, size: 22, line: 28 }, rowChrome: 19, localityHeight: 52 },
  dense: { name: 'dense', columns: 3, nameFont: { weight: 700, size: 26, line: 32 }, unitFont: { weight: 400, size: 21, line: 26 }, rowChrome: 19, localityHeight: 52 },
  tight: { name: 'tight', columns: 3, nameFont: { weight: 700, size: 24, line: 29 }, unitFont: { weight: 400, size: 20, line: 24 }, rowChrome: 9, localityHeight: 44 },
}
export const DENSITY_ORDER: readonly RollDensity[] = ['large', 'dense', 'tight']

export const NOTE: Font = { weight: 600, size: 21, line: 27 }
const ROW_INSET = 6 + 14 + 12 // left bar, left and right padding
const GROUP = { type: { weight: 700, size: 26, line: 32 }, decision: { weight: 400, size: 22, line: 28 }, chrome: 16 + 8 + 3 }
const COLUMN_GAP = 40
const SLACK = 12

/**
 * The roll's page area on a 1920×1080 hall during the awards item, in design px (measured on the
 * hall screen: HonoursRoll's `data-box`). The host paces every roll for it.
 */
export const REFERENCE_BOX = { width: 1336, height: 665 }

/** The font specs the roll measures with, to be loaded before measuring. */
export const ROLL_FONTS = Object.values(DENSITIES).flatMap((d) => [d.nameFont, d.unitFont]).concat(NOTE, GROUP.type, GROUP.decision).map((f) => `${f.weight} ${f.size}px`)

export interface RollWords {
  groupTitle: (g: RollGroup) => string
  groupLine: (g: RollGroup) => string
  withdrawn: (a: Award) => string
}

/** A column's width at density `d` in a box `boxWidth` wide, gaps between columns taken out. */
const columnWidth = (d: Density, boxWidth: number) => (boxWidth - COLUMN_GAP * (d.columns - 1)) / d.columns

/** How tall each row and group head is at `density` in a box, each award measured once per density and width. */
export function measures(density: RollDensity, box: { width: number }, words: RollWords, cache: Map<string, number>) {
  const d = DENSITIES[density]
  const textWidth = columnWidth(d, box.width) - ROW_INSET
  const headWidth = textWidth + ROW_INSET - 24
  const groupHeight = (g: RollGroup) => GROUP.chrome +
    GROUP.type.line * linesOf(words.groupTitle(g), GROUP.type.weight, GROUP.type.size, headWidth) +
    GROUP.decision.line * linesOf(words.groupLine(g), GROUP.decision.weight, GROUP.decision.size, headWidth)
  const awardHeight = (a: Award): number => {
    const key = `${a.id}|${a.retracted ? 'r' : ''}|${density}|${textWidth}`
    let h = cache.get(key)
    if (h === undefined) {
      h = d.rowChrome + d.nameFont.line * linesOf(a.recipientName, d.nameFont.weight, d.nameFont.size, textWidth) +
        d.unitFont.line * linesOf(a.unit ?? '', d.unitFont.weight, d.unitFont.size, textWidth)
      if (a.retracted) h += 4 + NOTE.line * linesOf(words.withdrawn(a), NOTE.weight, NOTE.size, textWidth)
      cache.set(key, h)
    }
    return h
  }
  return { d, groupHeight, awardHeight }
}

/** A locality's heading over its column: one line, its height fixed by the density (52 or 44 px). */
export interface LocalityHeading { text: string; tag: string | null; size: number }
const LOCALITY = { weight: 700, sizes: [24, 22, 20], inset: 20 + 12 }
const TAG = { weight: 400, size: 19, chrome: 24 + 14 }

/**
 * What a locality's heading says and at what size, so that it shows whole beside its tag: each
 * wording in turn (the site's full name, then the place alone), each with the long tag then the
 * short one, at 24 px down to the roll's 20 px floor; the last, shortest one when none fits (the
 * page then cuts it with an ellipsis). "Thành phố Phan Rang - Tháp Chàm" beside "Điểm cầu này"
 * was cut to "Thành phố Phan R…" in a column of three.
 */
export function localityHeading(wordings: readonly string[], tags: readonly (string | null)[], density: RollDensity, boxWidth: number): LocalityHeading {
  const column = columnWidth(DENSITIES[density], boxWidth) - LOCALITY.inset
  const tagWidth = (tag: string | null) => (tag ? textWidth(tag, TAG.weight, TAG.size) + TAG.chrome : 0)
  for (const text of wordings) {
    for (const tag of tags) {
      const room = column - tagWidth(tag)
      // The same slack as a wrapped line's: a canvas measures a hair narrower than the page draws.
      const size = LOCALITY.sizes.find((px) => textWidth(text, LOCALITY.weight, px) * 1.06 <= room)
      if (size !== undefined) return { text, tag, size }
    }
  }
  return { text: wordings.at(-1) ?? '', tag: tags.at(-1) ?? null, size: LOCALITY.sizes.at(-1) ?? 20 }
}

/** Pages of `groups` at `density` in a box. */
export function pagesAt(groups: readonly RollGroup[], density: RollDensity, box: { width: number; height: number }, words: RollWords, cache = new Map<string, number>()): RollPage[] {
  const { d, groupHeight, awardHeight } = measures(density, box, words, cache)
  const layout: PageLayout = { columns: d.columns, columnHeight: box.height - SLACK, localityHeight: d.localityHeight, groupHeight, awardHeight }
  return paginate(groups, layout)
}

/**
 * The density a hall shows a roll at: the planned one, or the first denser one at which every row
 * fits the box's height under its place, so that no name is cut (the slim band above the signature
 * wall holds fewer lines than the reference hall). When none does, the one whose tallest row is
 * lowest (three columns are narrower than two, so a denser row can be taller).
 */
export function densityIn(groups: readonly RollGroup[], planned: RollDensity, box: { width: number; height: number }, words: RollWords, cache = new Map<string, number>()): RollDensity {
  const tallest = (density: RollDensity) => {
    const { d, awardHeight } = measures(density, box, words, cache)
    let most = 0
    for (const g of groups) for (const l of g.localities) for (const a of l.awards) most = Math.max(most, d.localityHeight + awardHeight(a))
    return most
  }
  const options = DENSITY_ORDER.slice(DENSITY_ORDER.indexOf(planned)).map((density) => ({ density, tallest: tallest(density) }))
  const fitting = options.find((o) => o.tallest <= box.height - SLACK)
  return (fitting ?? options.reduce((best, o) => (o.tallest < best.tallest ? o : best))).density
}

/** The page each group starts on (a small group may start in a later column of a page), in the order of `groups`. */
export function groupStarts(groups: readonly RollGroup[], pages: readonly RollPage[]): number[] {
  const first = new Map<string, number>()
  pages.forEach((p, i) => {
    if (!first.has(p.group.key)) first.set(p.group.key, i)
    for (const col of p.columns) for (const line of col) if (line.kind === 'group' && !first.has(line.group.key)) first.set(line.group.key, i)
  })
  return groups.map((g) => first.get(g.key) ?? 0)
}
