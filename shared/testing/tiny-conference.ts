/**
 * Test support: a tiny conference (3 sites, 3 agenda items, 2 award types, 4 awards, 2 blocs)
 * for unit tests of evolve and decide. Not part of the client build.
 */
import type { Award } from '../features/awards/state.js'
import type { ConferenceSetup } from '../features/conference/contract.js'

import { sha256HexSync as sha256 } from '../hash.js'

export { sha256 }

export const PLEDGE_A = 'Khối A cam kết thi đua hoàn thành xuất sắc nhiệm vụ năm 2025.'
export const PLEDGE_B = 'Khối B cam kết đoàn kết, đổi mới, sáng tạo.'

export function tinySetup(id = 'conf-1'): ConferenceSetup {
  return {
    id,
    title: 'Hội nghị tổng kết',
    venue: 'Hội trường tỉnh',
    date: '2025-01-10',
    timeZone: 'Asia/Ho_Chi_Minh',
    sites: [
      { id: 'hub', name: 'Điểm cầu tỉnh', kind: 'hub' },
      { id: 'd1', name: 'Huyện Ninh Hải', kind: 'district', parentId: 'hub' },
      { id: 'd2', name: 'Huyện Ninh Phước', kind: 'district', parentId: 'hub' },
    ],
    agenda: [
      { id: 'open', title: 'Khai mạc', kind: 'opening' },
      { id: 'awards', title: 'Khen thưởng', kind: 'awards' },
      { id: 'sign', title: 'Ký giao ước thi đua', kind: 'signing' },
    ],
    awardTypes: [
      { id: 'bk', name: 'Bằng khen', recipientKind: 'both' },
      { id: 'cs', name: 'Chiến sĩ thi đua', recipientKind: 'individual' },
    ],
    blocs: [
      { id: 'blocA', name: 'Khối A', headUnit: 'Sở Nội vụ', signerName: 'Nguyễn Văn A', pledge: { text: PLEDGE_A, contentHash: sha256(PLEDGE_A) } },
      { id: 'blocB', name: 'Khối B', headUnit: 'Sở Tài chính', pledge: { text: PLEDGE_B, contentHash: sha256(PLEDGE_B) } },
    ],
  }
}

export const TINY_AWARDS: readonly Award[] = [
  { id: 'a1', typeId: 'bk', recipientKind: 'collective', recipientName: 'Phòng Giáo dục', siteId: 'd1' },
  { id: 'a2', typeId: 'bk', recipientKind: 'individual', recipientName: 'Trần Thị B' },
  { id: 'a3', typeId: 'cs', recipientKind: 'individual', recipientName: 'Lê Văn C', siteId: 'd2' },
  { id: 'a4', typeId: 'cs', recipientKind: 'individual', recipientName: 'Phạm Văn D' },
]
