/**
 * Access links: one per role and subject, written to DATA_DIR/access-links.json
 * (the format in ../shared/DESIGN.md). Tokens are kept only hashed in the store,
 * so this file is the one place the secrets are written down.
 */
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs'
import path from 'node:path'
import type { ConferenceState } from '../../shared/domain.js'
import type { EventStore } from '../store/event-store.js'
import { hashToken, newToken } from './tokens.js'

export interface AccessLink { url: string; token: string }
export interface AccessLinks {
  conferenceId: string
  host: AccessLink
  viewer: AccessLink
  sites: (AccessLink & { siteId: string; name: string })[]
  signers: (AccessLink & { blocId: string; name: string })[]
}

export const linksFile = (dataDir: string) => path.join(dataDir, 'access-links.json')

const linkUrl = (baseUrl: string, page: string, token: string) => `${baseUrl.replace(/\/$/, '')}/${page}?token=${encodeURIComponent(token)}`

/** Issues a fresh token for every role and subject of a conference, and stores their hashes. */
export async function issueLinks(store: EventStore, state: ConferenceState, baseUrl: string): Promise<AccessLinks> {
  const issue = async (page: string, grant: Parameters<EventStore['saveToken']>[1]): Promise<AccessLink> => {
    const token = newToken()
    await store.saveToken(hashToken(token), grant)
    return { url: linkUrl(baseUrl, page, token), token }
  }
  const conferenceId = state.id
  const host = await issue('host', { conferenceId, role: 'host', label: 'Ban tổ chức' })
  const viewer = await issue('view', { conferenceId, role: 'viewer', label: 'Người xem' })
  const sites = []
  for (const s of state.sites) {
    sites.push({ siteId: s.id, name: s.name, ...(await issue('site', { conferenceId, role: 'site', siteId: s.id, label: s.name })) })
  }
  const signers = []
  for (const b of state.blocs) {
    signers.push({ blocId: b.id, name: b.name, ...(await issue('sign', { conferenceId, role: 'signer', blocId: b.id, label: b.signerName ?? b.name })) })
  }
  return { conferenceId, host, viewer, sites, signers }
}

export function readLinks(dataDir: string): AccessLinks | null {
  const file = linksFile(dataDir)
  if (!existsSync(file)) return null
  return JSON.parse(readFileSync(file, 'utf8')) as AccessLinks
}

/** Rewrites the URLs for another base (a new PORT or PUBLIC_URL); tokens stay. */
export function rebase(links: AccessLinks, baseUrl: string): AccessLinks {
  const re = (l: AccessLink) => ({ ...l, url: linkUrl(baseUrl, new URL(l.url).pathname.slice(1), l.token) })
  return { ...links, host: re(links.host), viewer: re(links.viewer), sites: links.sites.map((s) => ({ ...s, ...re(s) })), signers: links.signers.map((s) => ({ ...s, ...re(s) })) }
}

export function writeLinks(dataDir: string, links: AccessLinks): void {
  const file = linksFile(dataDir)
  writeFileSync(`${file}.tmp`, JSON.stringify(links, null, 2) + '\n', { mode: 0o600 })
  renameSync(`${file}.tmp`, file)
}

export function formatLinks(links: AccessLinks): string {
  const lines = [
    `Hội nghị ${links.conferenceId}: liên kết truy cập (access links)`,
    `  Ban tổ chức (host):  ${links.host.url}`,
    `  Người xem (viewer):  ${links.viewer.url}`,
    '  Điểm cầu (sites):',
    ...links.sites.map((s) => `    ${s.name}: ${s.url}`),
    '  Trưởng khối ký giao ước (signers):',
    ...links.signers.map((s) => `    ${s.name}: ${s.url}`),
  ]
  return lines.join('\n')
}
