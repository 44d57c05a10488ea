/** The signing's examples: open (all or some blocs), sign, complete, void, witness. */
import type { Actor } from '../../kernel.js'
import type { NewEvent } from '../../features/contracts.js'
import { c, CONF, ended, HASH_A, HASH_B, host, signer, site, started, STROKES, viewer } from '../fixtures.js'
import { scenario, type Examples } from '../given.js'
import { PLEDGE_A, sha256 } from '../tiny-conference.js'

const opened: NewEvent = { type: 'pledge.signingOpened', data: {} }
const openedFor = (...blocIds: string[]): NewEvent => ({ type: 'pledge.signingOpened', data: { blocIds } })
const closed: NewEvent = { type: 'pledge.signingClosed', data: {} }
const completed: NewEvent = { type: 'pledge.signingCompleted', data: {} }
const witnessed: NewEvent = { type: 'pledge.witnessed', data: {} }
const signed = (blocId: string, signerName: string, contentHash = blocId === 'blocA' ? HASH_A : HASH_B): NewEvent => ({ type: 'pledge.signed', data: { blocId, contentHash, strokes: STROKES, signerName } })
const signedA = signed('blocA', 'Nguyễn Văn A')
const allSigned = [...started, opened, signedA, signed('blocB', 'B'), completed]
const signA = (data: { contentHash?: string; signerName?: string; behalf?: string; strokes?: [number, number, number][][] } = {}) => c('pledge.sign', { blocId: 'blocA', contentHash: HASH_A, strokes: STROKES, ...data })
const signB = (signerName?: string) => c('pledge.sign', { blocId: 'blocB', contentHash: HASH_B, strokes: STROKES, ...(signerName ? { signerName } : {}) })
const withBloc = (actor: Actor): Actor => ({ ...actor, blocId: 'blocA' })

export const signingExamples: Examples = {
  commands: [
    scenario('the host opens signing').given(...started).by(host).when(c('pledge.openSigning', {})).then([opened], { shows: { signing: { status: 'open' } }, check: (s) => !!s.signing.openedAt }),
    scenario('closed signing opens again').given(...started, opened, closed).by(host).when(c('pledge.openSigning', {})).then([opened], { shows: { signing: { status: 'open' } } }),
    scenario('signing open for every bloc does not open again').given(...started, opened).by(host).when(c('pledge.openSigning', {})).refused('conflict', 'signing.alreadyOpen'),
    scenario('a completed signing does not open again').given(...allSigned).by(host).when(c('pledge.openSigning', {})).refused('conflict', 'signing.completed'),
    scenario('signing does not open before the conference is live').given().by(host).when(c('pledge.openSigning', {})).refused('conflict', 'conference.notLive'),
    scenario('signing does not open after the end').given(...started, ended).by(host).when(c('pledge.openSigning', {})).refused('conflict', 'conference.ended'),
    scenario('signing does not open with no blocs to sign', { setup: { blocs: [] } }).given(...started).by(host).when(c('pledge.openSigning', {})).refused('conflict', 'signing.noBlocs'),
    scenario('the host opens signing for one bloc first').given(...started).by(host).when(c('pledge.openSigning', { blocIds: ['blocB'] })).then([openedFor('blocB')], { shows: { signing: { status: 'open', openBlocIds: ['blocB'] } } }),
    scenario('opening more blocs adds them in order').given(...started, openedFor('blocB')).by(host).when(c('pledge.openSigning', { blocIds: ['blocA'] })).then([openedFor('blocA')], { shows: { signing: { openBlocIds: ['blocB', 'blocA'] } } }),
    scenario('the host closes open signing').given(...started, opened).by(host).when(c('pledge.closeSigning', {})).then([closed], { shows: { signing: { status: 'closed' } } }),
    scenario('closed signing does not close').given(...started).by(host).when(c('pledge.closeSigning', {})).refused('conflict', 'signing.notOpen'),
    scenario('a completed signing does not close').given(...allSigned).by(host).when(c('pledge.closeSigning', {})).refused('conflict', 'signing.notOpen'),
    scenario('signing does not close after the end').given(...started, opened, ended).by(host).when(c('pledge.closeSigning', {})).refused('conflict', 'conference.ended'),
    scenario('a signer signs its own bloc; the name is the bloc’s signer').given(...started, opened).by(signer('blocA', 'link label')).when(signA())
      .then([signedA], { shows: { signing: { status: 'open' }, blocs: [{ signature: { signerName: 'Nguyễn Văn A', contentHash: HASH_A, strokes: STROKES } }, {}] }, check: (s) => !!s.blocs[0]?.signature?.at && !s.blocs[1]?.signature && s.blocs[0].pledge.text === PLEDGE_A }),
    scenario('a bloc without a signer name signs as its head').given(...started, opened).by(signer('blocB', null)).when(signB()).then([signed('blocB', 'Trưởng Khối B')]),
    scenario('the last signature completes the signing').given(...started, opened, signedA).by(signer('blocB')).when(signB('Trần Văn B')).then([signed('blocB', 'Trần Văn B'), completed], { shows: { signing: { status: 'completed' } } }),
    scenario('someone may sign on the head’s behalf').given(...started, opened).by(signer('blocA')).when(signA({ signerName: 'Lê Văn Phó', behalf: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' }))
      .then([{ type: 'pledge.signed', data: { blocId: 'blocA', contentHash: HASH_A, strokes: STROKES, signerName: 'Lê Văn Phó', behalf: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' } }], { check: (s) => s.blocs[0]?.signature?.behalf === 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' }),
    scenario("a signer may not sign another bloc's pledge").given(...started, opened).by(signer('blocA')).when(signB()).refused('forbidden', undefined, 'blocB'),
    scenario('a signer without a bloc may sign nothing').given(...started, opened).by({ conferenceId: CONF, role: 'signer' }).when(signA()).refused('forbidden'),
    scenario('a viewer may not sign, even naming a bloc').given(...started, opened).by(withBloc(viewer)).when(signA()).refused('forbidden'),
    scenario('a site may not sign, even naming a bloc').given(...started, opened).by(withBloc(site('d1'))).when(signA()).refused('forbidden'),
    scenario('the host may not sign for a bloc').given(...started, opened).by(withBloc(host)).when(signA()).refused('forbidden'),
    scenario('an unknown bloc is not found').given(...started, opened).by(signer('blocZ')).when(c('pledge.sign', { blocId: 'blocZ', contentHash: HASH_A, strokes: STROKES })).refused('not_found', 'signing.noBloc'),
    scenario('a signature over another text is refused').given(...started, opened).by(signer('blocA')).when(signA({ contentHash: HASH_B })).refused('conflict', 'signing.textChanged', 'contentHash'),
    scenario('a signature over a text one space longer is refused').given(...started, opened).by(signer('blocA')).when(signA({ contentHash: sha256(PLEDGE_A + ' ') })).refused('conflict', 'signing.textChanged'),
    scenario('a signature over a made-up digest is refused').given(...started, opened).by(signer('blocA')).when(signA({ contentHash: '0'.repeat(64) })).refused('conflict', 'signing.textChanged'),
    scenario('signing before it opens is refused').given(...started).by(signer('blocA')).when(signA()).refused('conflict', 'signing.notOpen'),
    scenario('signing after the host closed it is refused').given(...started, opened, closed).by(signer('blocA')).when(signA()).refused('conflict', 'signing.notOpen'),
    scenario('a bloc not yet opened may not sign').given(...started, openedFor('blocB')).by(signer('blocA')).when(signA()).refused('conflict', 'signing.blocNotOpen'),
    scenario('a bloc signs once').given(...started, opened, signedA).by(signer('blocA')).when(signA()).refused('conflict', 'signing.alreadySigned'),
    scenario('no signature after the end').given(...started, opened, ended).by(signer('blocA')).when(signA({ strokes: [[[0.1, 0.2, 0]]] })).refused('conflict', 'conference.ended'),
    scenario('a dot is not a signature').given(...started, opened).by(signer('blocA')).when(signA({ strokes: [[[0.5, 0.5, 0], [0.51, 0.5, 10]]] })).refused('invalid', 'signing.notASignature'),
    scenario('a straight line is not a signature').given(...started, opened).by(signer('blocA')).when(signA({ strokes: [[[0.1, 0.5, 0], [0.5, 0.5, 10], [0.9, 0.5, 20]]] })).refused('invalid', 'signing.notASignature'),
    scenario('the host voids a wrong signature; it stays in the history and the bloc signs again').given(...started, opened, signedA).by(host).when(c('pledge.void', { blocId: 'blocA', reason: 'Ký nhầm người' }))
      .then([{ type: 'pledge.voided', data: { blocId: 'blocA', reason: 'Ký nhầm người' } }], { check: (s) => !s.blocs[0]?.signature && s.blocs[0]?.voided?.[0]?.reason === 'Ký nhầm người' && s.blocs[0]?.voided?.[0]?.signerName === 'Nguyễn Văn A' }),
    scenario('voiding the last signature reopens a completed signing').given(...allSigned).by(host).when(c('pledge.void', { blocId: 'blocB', reason: 'Sai chữ ký' }))
      .then([{ type: 'pledge.voided', data: { blocId: 'blocB', reason: 'Sai chữ ký' } }], { shows: { signing: { status: 'open' } } }),
    scenario('an unsigned pledge has nothing to void').given(...started, opened).by(host).when(c('pledge.void', { blocId: 'blocA', reason: 'x' })).refused('conflict', 'signing.nothingToVoid'),
    scenario('a witnessed signing keeps its signatures').given(...allSigned, { type: 'pledge.witnessed', data: {} }).by(host).when(c('pledge.void', { blocId: 'blocA', reason: 'x' })).refused('conflict', 'signing.witnessed'),
    scenario('a signer may not void').given(...started, opened, signedA).by(signer('blocA')).when(c('pledge.void', { blocId: 'blocA', reason: 'x' })).refused('forbidden'),
    scenario('the chairman witnesses a completed signing').given(...allSigned).by(host).when(c('pledge.witness', { witnessName: 'Chủ tịch UBND tỉnh' }))
      .then([{ type: 'pledge.witnessed', data: { witnessName: 'Chủ tịch UBND tỉnh' } }], { shows: { signing: { status: 'completed', witnessName: 'Chủ tịch UBND tỉnh' } }, check: (s) => !!s.signing.witnessedAt }),
    scenario('a witness may go unnamed').given(...allSigned).by(host).when(c('pledge.witness', {})).then([{ type: 'pledge.witnessed', data: {} }], { check: (s) => !!s.signing.witnessedAt && s.signing.witnessName === undefined }),
    scenario('witnessing before any bloc signed is refused').given(...started, opened).by(host).when(c('pledge.witness', {})).refused('conflict', 'signing.nothingSigned'),
    scenario('witnessing before signing opened is refused').given(...started).by(host).when(c('pledge.witness', {})).refused('conflict', 'signing.nothingSigned'),
    scenario('the chairman witnesses after the first signature; the signing stays open').given(...started, opened, signedA).by(host).when(c('pledge.witness', { witnessName: 'Chủ tịch UBND tỉnh' }))
      .then([{ type: 'pledge.witnessed', data: { witnessName: 'Chủ tịch UBND tỉnh' } }], { shows: { signing: { status: 'open', witnessName: 'Chủ tịch UBND tỉnh' } } }),
    scenario('signing paused after a signature may be witnessed').given(...started, opened, signedA, closed).by(host).when(c('pledge.witness', {})).then([{ type: 'pledge.witnessed', data: {} }], { shows: { signing: { status: 'closed' } } }),
    scenario('a bloc still signs after the witness').given(...started, opened, signedA, witnessed).by(signer('blocB')).when(signB('Trần Văn B')).then([signed('blocB', 'Trần Văn B'), completed]),
    scenario('a signature made after the witness may be voided').given(...started, opened, signedA, witnessed, signed('blocB', 'B'), completed).by(host).when(c('pledge.void', { blocId: 'blocB', reason: 'Ký nhầm' }))
      .then([{ type: 'pledge.voided', data: { blocId: 'blocB', reason: 'Ký nhầm' } }], { shows: { signing: { status: 'open' } } }),
    scenario('a signature made before the witness may not').given(...started, opened, signedA, witnessed, signed('blocB', 'B'), completed).by(host).when(c('pledge.void', { blocId: 'blocA', reason: 'x' })).refused('conflict', 'signing.witnessed'),
    scenario('a signing is witnessed once').given(...allSigned, { type: 'pledge.witnessed', data: {} }).by(host).when(c('pledge.witness', {})).refused('conflict', 'signing.witnessed'),
  ],
  applied: [
    scenario('pledge.signingOpened for every bloc keeps no list').given().applying(opened).shows({ check: (s) => Object.keys(s.signing).join() === 'status,openedAt' && s.signing.status === 'open' }),
    scenario('pledge.signingCompleted completes open signing').given(opened).applying(completed).shows({ shows: { signing: { status: 'completed' } } }),
  ],
  access: [
    { when: c('pledge.openSigning', {}), allowed: ['host'] },
    { when: c('pledge.closeSigning', {}), allowed: ['host'] },
    { when: c('pledge.sign', { blocId: 'blocA', contentHash: 'a'.repeat(64), strokes: [[[0.1, 0.1, 0]]] }), allowed: ['signer'] },
    { when: c('pledge.void', { blocId: 'blocA', reason: 'Ký nhầm' }), allowed: ['host'] },
    { when: c('pledge.witness', {}), allowed: ['host'] },
  ],
}
