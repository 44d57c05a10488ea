/**
 * Access links: one per role and subject, written to DATA_DIR/access-links.json
 * (the format in ../shared/DESIGN.md). Tokens are kept only hashed in the store,
 * so this file is the one place the secrets are written down.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { ConferenceState } from '../../shared/domain.js'
import type { AccessGrant, LinkStore } from '../store/link-store.js'
import { hashToken, newToken } from './tokens.js'

export interface AccessLink { url: string; token: string }
export interface AccessLinks {
  conferenceId: string
  host: AccessLink
  viewer: AccessLink
  /**
   * The video mixer's transparent page (/overlay): read-only, what the viewer may see. Files
   * written before it existed lack it until the next start adds one (`withOverlay`).
   */
  overlay?: AccessLink
  sites: (AccessLink & { siteId: string; name: string })[]
  signers: (AccessLink & { blocId: string; name: string })[]
}

export const linksFile = (dataDir: string) => path.join(dataDir, 'access-links.json')

/** The page each role opens. */
export const PAGE_OF_ROLE = { host: 'host', viewer: 'view', site: 'site', signer: 'sign', overlay: 'overlay' } as const

export const linkUrl = (baseUrl: string, page: string, token: string) => `${baseUrl.replace(/\/$/, '')}/${page}?token=${encodeURIComponent(token)}`

/** The overlay link's grant: read-only, the viewer's audience (audienceOf), its own role so that it is listed and reissued apart. */
const OVERLAY_GRANT = (conferenceId: string): AccessGrant => ({ conferenceId, role: 'overlay', label: 'Lớp phủ cho bàn trộn hình' })

/** Issues a fresh token for every role and subject of a conference, and stores their hashes (in one transaction). */
export async function issueLinks(store: LinkStore, state: ConferenceState, baseUrl: string): Promise<AccessLinks> {
  const pending: { tokenHash: string; grant: AccessGrant }[] = []
  const issue = (page: string, grant: AccessGrant): AccessLink => {
    const token = newToken()
    pending.push({ tokenHash: hashToken(token), grant })
    return { url: linkUrl(baseUrl, page, token), token }
  }
  const conferenceId = state.id
  const links: AccessLinks = {
    conferenceId,
    host: issue('host', { conferenceId, role: 'host', label: 'Ban tổ chức' }),
    viewer: issue('view', { conferenceId, role: 'viewer', label: 'Người xem' }),
    overlay: issue('overlay', OVERLAY_GRANT(conferenceId)),
    sites: state.sites.map((s) => ({ siteId: s.id, name: s.name, ...issue('site', { conferenceId, role: 'site', siteId: s.id, label: s.name }) })),
    signers: state.blocs.map((b) => ({ blocId: b.id, name: b.name, ...issue('sign', { conferenceId, role: 'signer', blocId: b.id, label: b.signerName ?? b.name }) })),
  }
  await store.saveTokens(pending)
  return links
}

/** The links with an overlay link: `links` itself when it has one, else with one issued now (a file from before it existed). */
export async function withOverlay(store: LinkStore, links: AccessLinks, baseUrl: string): Promise<AccessLinks> {
  if (links.overlay) return links
  const token = newToken()
  await store.saveToken(hashToken(token), OVERLAY_GRANT(links.conferenceId))
  return { ...links, overlay: { url: linkUrl(baseUrl, 'overlay', token), token } }
}

/** Why a links file cannot be used, in one plain sentence naming it and what to do. */
export class UnreadableLinksError extends Error {}

/**
 * The links file, or null when there is none. A file that is not a whole links file (truncated,
 * edited, corrupted) throws `UnreadableLinksError`, whose message quotes none of its content.
 */
export function readLinks(dataDir: string): AccessLinks | null {
  const file = linksFile(dataDir)
  if (!existsSync(file)) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    parsed = null
  }
  if (!isLinks(parsed)) {
    throw new UnreadableLinksError(
      `Tệp liên kết ${file} bị hỏng hoặc không đầy đủ (The links file ${file} is damaged or incomplete).`,
    )
  }
  return parsed
}

function isLink(x: unknown): x is AccessLink {
  const l = x as Partial<AccessLink> | null
  return typeof l === 'object' && l !== null && typeof l.url === 'string' && typeof l.token === 'string' && URL.canParse(l.url)
}

function isLinks(x: unknown): x is AccessLinks {
  const l = x as Partial<AccessLinks> | null
  return (
    typeof l === 'object' && l !== null && typeof l.conferenceId === 'string' && isLink(l.host) && isLink(l.viewer) && (l.overlay === undefined || isLink(l.overlay)) &&
    Array.isArray(l.sites) && l.sites.every((s) => isLink(s) && typeof s.siteId === 'string') &&
    Array.isArray(l.signers) && l.signers.every((s) => isLink(s) && typeof s.blocId === 'string')
  )
}

/**
 * Writes a link just issued (or reissued) from the host console into the links file, in place of
 * the one it replaces; nothing when there is no usable file for this conference.
 */
export function recordLink(dataDir: string, conferenceId: string, grant: { role: keyof typeof PAGE_OF_ROLE; siteId?: string; blocId?: string; name: string }, link: AccessLink): boolean {
  let links: AccessLinks | null
  try {
    links = readLinks(dataDir)
  } catch {
    return false
  }
  if (!links || links.conferenceId !== conferenceId) return false
  if (grant.role === 'host') links.host = link
  else if (grant.role === 'viewer') links.viewer = link
  else if (grant.role === 'overlay') links.overlay = link
  else if (grant.role === 'site' && grant.siteId) {
    const entry = { siteId: grant.siteId, name: grant.name, ...link }
    const i = links.sites.findIndex((s) => s.siteId === grant.siteId)
    if (i >= 0) links.sites[i] = entry
    else links.sites.push(entry)
  } else if (grant.role === 'signer' && grant.blocId) {
    const entry = { blocId: grant.blocId, name: grant.name, ...link }
    const i = links.signers.findIndex((s) => s.blocId === grant.blocId)
    if (i >= 0) links.signers[i] = entry
    else links.signers.push(entry)
  }
  writeLinks(dataDir, links)
  return true
}

/** Rewrites the URLs for another base (a new PORT or PUBLIC_URL); tokens stay. */
export function rebase(links: AccessLinks, baseUrl: string): AccessLinks {
  const re = (l: AccessLink) => ({ ...l, url: linkUrl(baseUrl, new URL(l.url).pathname.slice(1), l.token) })
  return { ...links, host: re(links.host), viewer: re(links.viewer), ...(links.overlay ? { overlay: re(links.overlay) } : {}), sites: links.sites.map((s) => ({ ...s, ...re(s) })), signers: links.signers.map((s) => ({ ...s, ...re(s) })) }
}

export function writeLinks(dataDir: string, links: AccessLinks): void {
  const file = linksFile(dataDir)
  // One temporary name per process: the processes of a cluster may share one DATA_DIR.
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(links, null, 2) + '\n', { mode: 0o600 })
  // `mode` applies only when the file is created: a leftover .tmp keeps its old mode otherwise.
  chmodSync(tmp, 0o600)
  renameSync(tmp, file)
}

/** Sites whose links the terminal prints; the rest are in the links file and the console's exports. */
const PRINTED_SITES = 20

export function formatLinks(links: AccessLinks, most = PRINTED_SITES): string {
  const shown = links.sites.slice(0, most)
  const rest = links.sites.length - shown.length
  const lines = [
    `Hội nghị ${links.conferenceId}: liên kết truy cập (access links)`,
    `  Ban tổ chức (host):  ${links.host.url}`,
    `  Người xem (viewer):  ${links.viewer.url}`,
    ...(links.overlay ? [`  Lớp phủ cho bàn trộn hình (video mixer overlay, 1920×1080, nền trong suốt): ${links.overlay.url}`] : []),
    '  Điểm cầu (sites):',
    ...shown.map((s) => `    ${s.name}: ${s.url}`),
    // A national conference's 3,400 links would scroll the rest off the terminal.
    ...(rest > 0 ? [`    … và ${rest.toLocaleString('vi-VN')} điểm cầu khác: xem tệp liên kết dưới đây, hoặc tải cả danh sách (Excel, PDF có mã QR) ở bảng điều khiển: Tài liệu → Liên kết truy cập. (${rest} more sites: see the links file below.)`] : []),
    '  Trưởng khối ký giao ước (signers):',
    ...links.signers.map((s) => `    ${s.name}: ${s.url}`),
  ]
  return lines.join('\n')
}
