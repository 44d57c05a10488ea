/** The sites' examples: roll call, problems with their history, new sites in the hierarchy. */
import type { NewEvent } from '../../features/contracts.js'
import { c, ended, host, site, started } from '../fixtures.js'
import { scenario, type Examples } from '../given.js'
import type { ConferenceState } from '../../features/state.js'
import { tinySetup } from '../tiny-conference.js'

const reported = (siteId: string, message: string, by: 'site' | 'host' | null = 'site'): NewEvent => ({ type: 'site.issueReported', data: { siteId, message, ...(by ? { by } : {}) } })
const resolved = (siteId: string, by?: 'site' | 'host'): NewEvent => ({ type: 'site.issueResolved', data: { siteId, ...(by ? { by } : {}) } })
const added = (id: string, name: string, parentId: string): NewEvent => ({ type: 'site.added', data: { site: { id, name, kind: 'commune', parentId } } })
const siteOf = (s: ConferenceState, id: string) => s.sites.find((x) => x.id === id)

export const sitesExamples: Examples = {
  commands: [
    scenario('a site checks in with its attendees').given().by(site('d1')).when(c('site.checkIn', { attendees: 120 }))
      .then([{ type: 'site.checkedIn', data: { siteId: 'd1', attendees: 120 } }], { check: (s) => siteOf(s, 'd1')?.checkIn?.attendees === 120 && !!siteOf(s, 'd1')?.checkIn?.at && !siteOf(s, 'd2')?.checkIn && !siteOf(s, 'hub')?.checkIn }),
    scenario('a later roll call replaces the earlier one, while live').given({ type: 'site.checkedIn', data: { siteId: 'hub', attendees: 10 } }, ...started).by(site('hub')).when(c('site.checkIn', { attendees: 0 }))
      .then([{ type: 'site.checkedIn', data: { siteId: 'hub', attendees: 0 } }], { check: (s) => siteOf(s, 'hub')?.checkIn?.attendees === 0 }),
    scenario('no roll call once the conference has ended').given(...started, ended).by(site('d1')).when(c('site.checkIn', { attendees: 5 })).refused('conflict', 'conference.ended'),
    scenario('a site token whose site does not exist is not found').given().by(site('ghost')).when(c('site.checkIn', { attendees: 5 })).refused('not_found', 'site.noSite'),
    scenario('a site reports its own problem').given().by(site('d2')).when(c('site.reportIssue', { message: 'Mất tiếng' }))
      .then([reported('d2', 'Mất tiếng')], { check: (s) => siteOf(s, 'd2')?.issue?.message === 'Mất tiếng' && siteOf(s, 'd2')?.issues?.[0]?.reportedBy === 'site' }),
    scenario('a site resolves its own problem; the open problem goes').given(reported('d2', 'Mất tiếng')).by(site('d2')).when(c('site.resolveIssue', {}))
      .then([resolved('d2', 'site')], { check: (s) => { const d2 = siteOf(s, 'd2'); return !!d2 && !('issue' in d2) && d2.issues?.[0]?.resolvedBy === 'site' } }),
    scenario("a site may not report another site's problem").given().by(site('d1')).when(c('site.reportIssue', { message: 'x', siteId: 'd2' })).refused('forbidden', undefined, 'd2'),
    scenario("a site may not resolve another site's problem").given(reported('d2', 'x')).by(site('d1')).when(c('site.resolveIssue', { siteId: 'd2' })).refused('forbidden', undefined, 'd2'),
    scenario("a site's siteId in the payload never redirects it to another site").given(...started).by(site('d1')).when(c('site.reportIssue', { message: 'x', siteId: 'd2' }))
      .then([reported('d1', 'x')], { forbiddenYet: true }),
    scenario('a site may name its own site').given(reported('d1', 'x')).by(site('d1')).when(c('site.resolveIssue', { siteId: 'd1' })).then([resolved('d1', 'site')]),
    scenario('a site may report naming its own site').given().by(site('d1')).when(c('site.reportIssue', { message: 'x', siteId: 'd1' })).then([reported('d1', 'x')]),
    scenario('the host reports a problem for any named site').given(...started).by(host).when(c('site.reportIssue', { message: 'Mất hình', siteId: 'd2' }))
      .then([reported('d2', 'Mất hình', 'host')], { check: (s) => siteOf(s, 'd2')?.issue?.message === 'Mất hình' && siteOf(s, 'd2')?.issues?.[0]?.reportedBy === 'host' }),
    scenario('the host resolves a site problem; the history keeps when and by whom').given(reported('d1', 'Mất hình')).by(host).when(c('site.resolveIssue', { siteId: 'd1' }))
      .then([resolved('d1', 'host')], { check: (s) => { const d1 = siteOf(s, 'd1'); return !d1?.issue && d1?.issues?.length === 1 && d1.issues[0]?.message === 'Mất hình' && d1.issues[0]?.reportedBy === 'site' && d1.issues[0]?.resolvedBy === 'host' && !!d1.issues[0]?.resolvedAt } }),
    scenario('the host resolves at the hub too').given(reported('hub', 'Mất điện')).by(host).when(c('site.resolveIssue', { siteId: 'hub' })).then([resolved('hub', 'host')]),
    scenario('the host must name the site of a report').given(...started).by(host).when(c('site.reportIssue', { message: 'x' })).refused('invalid', 'site.unnamed', 'siteId'),
    scenario('the host must name the site of a resolution').given(...started).by(host).when(c('site.resolveIssue', {})).refused('invalid', 'site.unnamed', 'siteId'),
    scenario('a report for an unknown site is not found').given(...started).by(host).when(c('site.reportIssue', { message: 'x', siteId: 'ghost' })).refused('not_found', 'site.noSite', 'ghost'),
    scenario('a resolution for an unknown site is not found').given(...started).by(host).when(c('site.resolveIssue', { siteId: 'ghost' })).refused('not_found', 'site.noSite'),
    scenario('a report from a site token whose site does not exist is not found').given(...started).by(site('ghost')).when(c('site.reportIssue', { message: 'x' })).refused('not_found', 'site.noSite'),
    scenario('resolving without an open problem is a conflict').given().by(host).when(c('site.resolveIssue', { siteId: 'd1' })).refused('conflict', 'site.noIssue'),
    scenario('a site resolving without an open problem is a conflict').given(...started).by(site('d1')).when(c('site.resolveIssue', {})).refused('conflict', 'site.noIssue'),
    scenario('a problem resolved once cannot be resolved again').given(reported('d1', 'x'), resolved('d1', 'site')).by(site('d1')).when(c('site.resolveIssue', {})).refused('conflict', 'site.noIssue'),
    scenario('a problem after a resolved one starts a second entry of the history').given(reported('d1', 'Mất hình'), resolved('d1', 'site')).by(host).when(c('site.reportIssue', { siteId: 'd1', message: 'Mất tiếng' }))
      .then([reported('d1', 'Mất tiếng', 'host')], { check: (s) => { const h = siteOf(s, 'd1')?.issues; return h?.length === 2 && h[0]?.resolvedBy === 'site' && h[1]?.reportedBy === 'host' && !h[1]?.resolvedAt } }),
    scenario('a new report while one is open replaces it; the older stays in the history, marked').given(reported('d1', 'Mất hình')).by(site('d1')).when(c('site.reportIssue', { message: 'Mất hình và tiếng' }))
      .then([reported('d1', 'Mất hình và tiếng')], { check: (s) => { const d1 = siteOf(s, 'd1'); return d1?.issue?.message === 'Mất hình và tiếng' && d1.issues?.[0]?.replaced === true && !d1.issues[1]?.resolvedAt } }),
    scenario('the same problem reported twice while open is a conflict (a double click)').given(reported('d1', 'Mất hình')).by(site('d1')).when(c('site.reportIssue', { message: 'Mất hình' })).refused('conflict', 'site.issueOpen'),
    scenario('a site may not report a problem once the conference has ended').given(...started, ended).by(site('d1')).when(c('site.reportIssue', { message: 'Mất tiếng' })).refused('conflict', 'conference.ended'),
    scenario('the host may not report a problem once the conference has ended').given(...started, ended).by(host).when(c('site.reportIssue', { message: 'Mất tiếng', siteId: 'd1' })).refused('conflict', 'conference.ended'),
    scenario('the host adds a commune under a district; its id comes from the name').given().by(host).when(c('site.add', { name: 'Xã Vĩnh Hải', kind: 'commune', parentId: 'd1' }))
      .then([added('xa-vinh-hai', 'Xã Vĩnh Hải', 'd1')], { check: (s) => s.sites.length === 4 && s.sites[3]?.parentId === 'd1' && s.sites[3]?.kind === 'commune' }),
    scenario('the host adds a district under the hub while live, with an id of its own').given(...started).by(host).when(c('site.add', { name: 'Thành phố Phan Rang - Tháp Chàm', kind: 'district', parentId: 'hub', id: 'pr-tc' }))
      .then([{ type: 'site.added', data: { site: { id: 'pr-tc', name: 'Thành phố Phan Rang - Tháp Chàm', kind: 'district', parentId: 'hub' } } }]),
    scenario('a second commune of the same name elsewhere gets its own id').given(added('xa-vinh-hai', 'Xã Vĩnh Hải', 'd1')).by(host).when(c('site.add', { name: 'Xã Vĩnh Hải', kind: 'commune', parentId: 'd2' }))
      .then([added('xa-vinh-hai-2', 'Xã Vĩnh Hải', 'd2')]),
    scenario('a site under an unknown parent is not found').given().by(host).when(c('site.add', { name: 'Xã A', kind: 'commune', parentId: 'nope' })).refused('not_found', 'site.noParent'),
    scenario('a commune directly under the hub is invalid').given().by(host).when(c('site.add', { name: 'Xã A', kind: 'commune', parentId: 'hub' })).refused('invalid', 'site.wrongLevel'),
    scenario('a national day: the host adds a province under the hub, then a ward under the province').given({ type: 'site.added', data: { site: { id: 'khanh-hoa', name: 'Tỉnh Khánh Hòa', kind: 'province', parentId: 'hub' } } })
      .by(host).when(c('site.add', { name: 'Phường Ninh Chử', kind: 'commune', parentId: 'khanh-hoa' }))
      .then([{ type: 'site.added', data: { site: { id: 'phuong-ninh-chu', name: 'Phường Ninh Chử', kind: 'commune', parentId: 'khanh-hoa' } } }], { check: (s) => s.sites.find((x) => x.id === 'phuong-ninh-chu')?.parentId === 'khanh-hoa' }),
    scenario('a province under a district is invalid: the district takes communes').given().by(host).when(c('site.add', { name: 'Tỉnh A', kind: 'province', parentId: 'd1' })).refused('invalid', 'site.wrongLevel'),
    scenario('a province under another province is invalid').given({ type: 'site.added', data: { site: { id: 'p1', name: 'Tỉnh A', kind: 'province', parentId: 'hub' } } })
      .by(host).when(c('site.add', { name: 'Tỉnh B', kind: 'province', parentId: 'p1' })).refused('invalid', 'site.wrongLevel'),
    scenario('nothing can be added under a commune').given(added('xa-a', 'Xã A', 'd1')).by(host).when(c('site.add', { name: 'Thôn B', kind: 'commune', parentId: 'xa-a' })).refused('invalid', 'site.underCommune'),
    scenario('the same name twice under one parent is a conflict').given(added('xa-a', 'Xã A', 'd1')).by(host).when(c('site.add', { name: 'xã a', kind: 'commune', parentId: 'd1' })).refused('conflict', 'site.nameTaken'),
    scenario('an id already taken is a conflict').given().by(host).when(c('site.add', { name: 'Xã Mới', kind: 'commune', parentId: 'd1', id: 'd2' })).refused('conflict', 'site.idTaken'),
    scenario('a site may not add sites').given().by(site('d1')).when(c('site.add', { name: 'Xã A', kind: 'commune', parentId: 'd1' })).refused('forbidden'),
    scenario('no site is added once the conference has ended').given(...started, ended).by(host).when(c('site.add', { name: 'Xã A', kind: 'commune', parentId: 'd1' })).refused('conflict', 'conference.ended'),
  ],
  applied: [
    scenario('a problem of an older log (no `by`) opens and closes; the history keeps both times').given()
      .applying(reported('d2', 'Mất hình', null), resolved('d2'))
      .shows({ check: (s) => { const d2 = siteOf(s, 'd2'); const h = d2?.issues?.[0]; return !!d2 && !('issue' in d2) && d2.issues?.length === 1 && !!h && Object.keys(h).join() === 'message,reportedAt,resolvedAt' && (h.resolvedAt ?? '') > h.reportedAt && d2.name === tinySetup().sites[2]?.name } }),
  ],
  access: [
    { when: c('site.checkIn', { attendees: 10 }), allowed: ['site'] },
    { when: c('site.reportIssue', { message: 'Mất tiếng' }), allowed: ['host', 'site'] },
    { when: c('site.resolveIssue', {}), allowed: ['host', 'site'] },
    { when: c('site.add', { name: 'Xã Vĩnh Hải', kind: 'commune', parentId: 'd1' }), allowed: ['host'] },
  ],
}
