/**
 * The access links as the host console manages them: listed with their status and subject's
 * name, issued, revoked, reissued and given an expiry, with the rules that keep a conference from
 * losing its last host link. The HTTP routes (server/http/links.ts) only read requests and answer.
 */
import type { ConferenceState } from '../../shared/domain.js'
import type { AccessGrant, LinkRecord, LinkStore } from '../store/link-store.js'
import { hashToken, newToken } from './tokens.js'

/** A link as the console shows it. */
export interface LinkView extends LinkRecord {
  status: 'active' | 'revoked' | 'expired'
  /** The subject's current name (site or bloc), else the link's label. */
  name: string
}

/** What a new link grants, as the console asks for it. */
export interface LinkRequest { role: LinkRecord['role']; siteId?: string; blocId?: string }

export class LinkConsole {
  constructor(private readonly links: LinkStore, private readonly now: () => number) {}

  /** Every link of the conference, without its secret. */
  async views(conferenceId: string, state: ConferenceState): Promise<LinkView[]> {
    const at = this.now()
    return (await this.links.listLinks(conferenceId)).map((l) => view(l, state, at))
  }

  /** Issues a link; its secret is answered once. */
  async issue(grant: AccessGrant, state: ConferenceState, expiresAt?: string): Promise<{ link: LinkView; token: string }> {
    const token = newToken()
    await this.links.saveToken(hashToken(token), grant, { createdAt: this.iso(), ...(expiresAt ? { expiresAt: new Date(expiresAt).toISOString() } : {}) })
    const record = await this.links.findLink(hashToken(token))
    if (!record) throw new Error('the link just issued cannot be read back')
    return { link: view(record, state, this.now()), token }
  }

  revoke(conferenceId: string, linkId: string): Promise<boolean> {
    return this.links.revokeLink(conferenceId, linkId, this.iso())
  }

  /** A new secret for the same grant (the old one refused from now on), or null when the link changed meanwhile. */
  async reissue(conferenceId: string, linkId: string, state: ConferenceState): Promise<{ link: LinkView; token: string } | null> {
    const token = newToken()
    const fresh = await this.links.reissueLink(conferenceId, linkId, hashToken(token), this.iso())
    return fresh ? { link: view(fresh, state, this.now()), token } : null
  }

  setExpiry(conferenceId: string, linkId: string, expiresAt: string | null): Promise<boolean> {
    return this.links.setLinkExpiry(conferenceId, linkId, expiresAt)
  }

  private iso(): string {
    return new Date(this.now()).toISOString()
  }
}

/** The grant of a new link, or why there can be none (`not_found`: no such site or bloc). */
export function grantFor(conferenceId: string, state: ConferenceState, req: LinkRequest): { ok: true; grant: AccessGrant } | { ok: false; message: string } {
  const { role, siteId, blocId } = req
  if (role === 'site') {
    const site = state.sites.find((s) => s.id === siteId)
    return site ? { ok: true, grant: { conferenceId, role, siteId: site.id, label: site.name } } : { ok: false, message: `siteId: no site ${siteId ?? '(missing)'} in this conference` }
  }
  if (role === 'signer') {
    const bloc = state.blocs.find((b) => b.id === blocId)
    return bloc ? { ok: true, grant: { conferenceId, role, blocId: bloc.id, label: bloc.signerName ?? bloc.name } } : { ok: false, message: `blocId: no bloc ${blocId ?? '(missing)'} in this conference` }
  }
  return { ok: true, grant: { conferenceId, role, label: role === 'host' ? 'Ban tổ chức' : 'Người xem' } }
}

/** Why a host link may not be revoked now: never the last one; one's own only when confirmed. */
export function guardHost(link: LinkView, activeHosts: LinkView[], selfId: string | undefined, confirmed: boolean): string | null {
  if (link.role !== 'host') return null
  if (link.status === 'active' && activeHosts.length <= 1) return 'this is the only host link: issue another host link first, or nobody could run the conference'
  if (link.id === selfId && !confirmed) return 'confirm: this is the link this page uses; the page will close'
  return null
}

export const activeHosts = (all: LinkView[]) => all.filter((l) => l.role === 'host' && l.status === 'active')

function view(l: LinkRecord, state: ConferenceState, at: number): LinkView {
  const status = l.revokedAt ? 'revoked' : l.expiresAt && Date.parse(l.expiresAt) <= at ? 'expired' : 'active'
  const subject = l.siteId ? state.sites.find((s) => s.id === l.siteId)?.name : l.blocId ? state.blocs.find((b) => b.id === l.blocId)?.name : undefined
  return { ...l, status, name: subject ?? l.label ?? l.role }
}

/** Sites and blocs that have no live link: added after the links were issued, or all revoked. */
export function missingLinks(state: ConferenceState, links: LinkView[]) {
  const live = links.filter((l) => l.status === 'active')
  return [
    ...state.sites.filter((s) => !live.some((l) => l.siteId === s.id)).map((s) => ({ role: 'site' as const, siteId: s.id, name: s.name })),
    ...state.blocs.filter((b) => !live.some((l) => l.blocId === b.id)).map((b) => ({ role: 'signer' as const, blocId: b.id, name: b.name })),
  ]
}
