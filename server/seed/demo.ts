/**
 * The demo conference: Ninh Thuận's online conference of 22/02/2023 closing the 2022
 * emulation & awards year (see the article in the design notes). Its setup (sites, agenda, award
 * types in ceremony order, blocs and pledges) is here; its 2,996 awards are a data file,
 * data/khen-thuong-2022.csv (written once by scripts/generate-demo-awards.ts), read with the same
 * parser as any organiser's list.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { AgendaItem, AwardType, Bloc, Site } from '../../shared/domain.js'
import type { ConferenceSetup, NewEvent } from '../../shared/events.js'
import { sha256HexSync } from '../../shared/hash.js'
import type { ImportedAward } from '../awards/catalog.js'
import { parseAwardCsv, type Catalog } from '../awards/parse.js'

export const DEMO_CONFERENCE_ID = 'ninh-thuan-2023'

/** The award list the demo imports: Vietnamese headers, one row per award, UTF-8 with a BOM. */
export const DEMO_AWARDS_FILE = fileURLToPath(new URL('./data/khen-thuong-2022.csv', import.meta.url))

// ---------------------------------------------------------------- places

/** The seven districts and cities: `of` is how a unit's name ends ("huyện Ninh Hải"). */
export const DEMO_DISTRICTS: readonly { id: string; of: string; name: string }[] = [
  { id: 'phan-rang-thap-cham', of: 'thành phố Phan Rang - Tháp Chàm', name: 'Thành phố Phan Rang - Tháp Chàm' },
  { id: 'ninh-hai', of: 'huyện Ninh Hải', name: 'Huyện Ninh Hải' },
  { id: 'ninh-phuoc', of: 'huyện Ninh Phước', name: 'Huyện Ninh Phước' },
  { id: 'ninh-son', of: 'huyện Ninh Sơn', name: 'Huyện Ninh Sơn' },
  { id: 'bac-ai', of: 'huyện Bác Ái', name: 'Huyện Bác Ái' },
  { id: 'thuan-bac', of: 'huyện Thuận Bắc', name: 'Huyện Thuận Bắc' },
  { id: 'thuan-nam', of: 'huyện Thuận Nam', name: 'Huyện Thuận Nam' },
]

const SITES: Site[] = [
  { id: 'hub', name: 'Điểm cầu tỉnh (UBND tỉnh Ninh Thuận)', kind: 'hub' },
  ...DEMO_DISTRICTS.map((d): Site => ({ id: d.id, name: d.name, kind: 'district', parentId: 'hub' })),
]

// ---------------------------------------------------------------- award types

/**
 * In the order the article lists them, which is the ceremony's: the national awards (Huân chương,
 * Bằng khen of the Prime Minister), then the province's Cờ thi đua, Tập thể Lao động xuất sắc,
 * Chiến sĩ thi đua, Bằng khen and Huy hiệu. Precedence in tens, so a type can be put between two.
 */
const AWARD_TYPES: AwardType[] = (
  [
    { id: 'huan-chuong-lao-dong', name: 'Huân chương Lao động', recipientKind: 'collective', level: 'national' },
    { id: 'huan-chuong-khang-chien', name: 'Cấp đổi Huân chương Kháng chiến', recipientKind: 'individual', level: 'national' },
    { id: 'ba-me-viet-nam-anh-hung', name: 'Cấp đổi Danh hiệu Bà mẹ Việt Nam anh hùng', recipientKind: 'individual', level: 'national' },
    { id: 'bang-khen-thu-tuong', name: 'Bằng khen của Thủ tướng Chính phủ', recipientKind: 'both', level: 'national' },
    { id: 'co-thi-dua', name: 'Cờ thi đua của UBND tỉnh', recipientKind: 'collective', level: 'provincial' },
    { id: 'tap-the-lao-dong-xuat-sac', name: 'Tập thể Lao động xuất sắc', recipientKind: 'collective', level: 'provincial' },
    { id: 'chien-si-thi-dua-cap-tinh', name: 'Chiến sĩ thi đua cấp tỉnh', recipientKind: 'individual', level: 'provincial' },
    { id: 'bang-khen-ubnd-tinh', name: 'Bằng khen của Chủ tịch UBND tỉnh', recipientKind: 'both', level: 'provincial' },
    { id: 'huy-hieu-ninh-thuan', name: 'Huy hiệu “Vì sự nghiệp xây dựng và phát triển tỉnh Ninh Thuận”', recipientKind: 'individual', level: 'provincial' },
  ] satisfies AwardType[]
).map((t, i) => ({ ...t, precedence: (i + 1) * 10 }))

// ---------------------------------------------------------------- agenda

const CHAIRMAN = 'Đồng chí Trần Quốc Nam, Chủ tịch UBND tỉnh, Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh'
/** The eight speeches (tham luận) the article reports: the speaking unit and its topic; each unit's leader speaks. */
const SPEECHES: [unit: string, topic: string][] = [
  ['UBND huyện Ninh Hải', 'Phong trào thi đua “Xây dựng nông thôn mới” trên địa bàn huyện Ninh Hải'],
  ['Sở Nông nghiệp và Phát triển nông thôn', 'Nhân rộng mô hình VietGAP trên cây nho, táo và sản xuất rau an toàn'],
  ['Sở Thông tin và Truyền thông', 'Phong trào thi đua “Chuyển đổi số” trên địa bàn tỉnh'],
  ['Công ty TNHH MTV Khai thác công trình thủy lợi Ninh Thuận', 'Tưới nước tiết kiệm, chuyển đổi cây trồng, vật nuôi ứng phó với hạn hán'],
  ['UBND thành phố Phan Rang - Tháp Chàm', 'Nâng cao chất lượng giải quyết thủ tục hành chính, dịch vụ công trực tuyến và dịch vụ bưu chính công ích'],
  ['Công an tỉnh', 'Phong trào “Toàn dân bảo vệ an ninh Tổ quốc” gắn với giữ gìn trật tự an toàn xã hội'],
  ['Hội Nông dân tỉnh', 'Nông dân thi đua sản xuất, kinh doanh giỏi, đoàn kết giúp nhau làm giàu và giảm nghèo bền vững'],
  ['Sở Giáo dục và Đào tạo', 'Phong trào thi đua “Đổi mới, sáng tạo trong dạy và học”'],
]

const AGENDA: AgendaItem[] = [
  { id: 'opening', title: 'Khai mạc, tuyên bố lý do, giới thiệu đại biểu', kind: 'opening', presenter: 'Ban Tổ chức', unit: 'Văn phòng UBND tỉnh', plannedMinutes: 5 },
  { id: 'report', title: 'Báo cáo tổng kết công tác thi đua, khen thưởng năm 2022 và phương hướng, nhiệm vụ năm 2023', kind: 'report', presenter: 'Lãnh đạo Ban Thi đua - Khen thưởng', unit: 'Ban Thi đua - Khen thưởng, Sở Nội vụ', plannedMinutes: 20 },
  ...SPEECHES.map(([unit, topic], i): AgendaItem => ({ id: `speech-${i + 1}`, title: `Tham luận: ${topic}`, kind: 'speech', presenter: `Đại diện lãnh đạo ${unit}`, unit, plannedMinutes: 7 })),
  { id: 'directive', title: 'Phát biểu chỉ đạo của Chủ tịch UBND tỉnh, Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh', kind: 'directive', presenter: CHAIRMAN, unit: 'UBND tỉnh Ninh Thuận', plannedMinutes: 20 },
  { id: 'awards', title: 'Trao Cờ thi đua năm 2022 của UBND tỉnh cho các tập thể có thành tích xuất sắc tiêu biểu', kind: 'awards', presenter: 'Đồng chí Trần Quốc Nam, Chủ tịch UBND tỉnh và đồng chí Nguyễn Long Biên, Phó Chủ tịch UBND tỉnh', unit: 'UBND tỉnh Ninh Thuận', plannedMinutes: 15 },
  { id: 'signing', title: 'Ký kết giao ước thi đua năm 2023 của các Khối thi đua cấp tỉnh', kind: 'signing', presenter: 'Trưởng các Khối thi đua cấp tỉnh năm 2023; chứng kiến: đồng chí Trần Quốc Nam, Chủ tịch UBND tỉnh', unit: 'Các Khối thi đua cấp tỉnh', plannedMinutes: 10 },
  { id: 'closing', title: 'Bế mạc hội nghị', kind: 'closing', presenter: 'Ban Tổ chức', unit: 'Văn phòng UBND tỉnh', plannedMinutes: 3 },
]

// ---------------------------------------------------------------- blocs and pledges

interface BlocSpec {
  id: string
  name: string
  headUnit: string
  /** The head's leader title, before the name. */
  signerTitle: string
  /** The person who signs (names generated once for the demo). */
  signer: string
  members: string[]
  commitments: string[]
}
const BLOCS: BlocSpec[] = [
  {
    id: 'khoi-dang', name: 'Khối các cơ quan Đảng', headUnit: 'Ban Dân vận Tỉnh ủy', signerTitle: 'Trưởng Ban Dân vận Tỉnh ủy', signer: 'Phạm Văn Tùng',
    members: ['Ban Dân vận Tỉnh ủy', 'Văn phòng Tỉnh ủy', 'Ban Tổ chức Tỉnh ủy', 'Ban Tuyên giáo Tỉnh ủy', 'Ủy ban Kiểm tra Tỉnh ủy', 'Ban Nội chính Tỉnh ủy', 'Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh', 'Trường Chính trị tỉnh'],
    commitments: [
      'Làm tốt công tác tham mưu cho Tỉnh ủy, Ban Thường vụ Tỉnh ủy lãnh đạo, chỉ đạo thực hiện thắng lợi Nghị quyết Đại hội Đại biểu Đảng bộ tỉnh lần thứ XIII; đẩy mạnh xây dựng, chỉnh đốn Đảng theo Nghị quyết Trung ương 4 khóa XII.',
      'Nâng cao chất lượng công tác kiểm tra, giám sát, công tác dân vận; nắm chắc tình hình tư tưởng của cán bộ, đảng viên và Nhân dân.',
    ],
  },
  {
    id: 'khoi-tong-hop', name: 'Khối các cơ quan tổng hợp', headUnit: 'Sở Tài chính', signerTitle: 'Giám đốc Sở Tài chính', signer: 'Dương Quốc Khánh',
    members: ['Sở Tài chính', 'Sở Nội vụ', 'Sở Kế hoạch và Đầu tư', 'Văn phòng UBND tỉnh', 'Văn phòng Đoàn ĐBQH và HĐND tỉnh', 'Thanh tra tỉnh', 'Sở Tư pháp'],
    commitments: [
      'Tham mưu UBND tỉnh điều hành linh hoạt, hiệu quả kế hoạch phát triển kinh tế - xã hội, dự toán ngân sách và kế hoạch đầu tư công năm 2023; phấn đấu giải ngân vốn đầu tư công đạt trên 95% kế hoạch.',
      'Tiếp tục sắp xếp, kiện toàn tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả; nâng cao các chỉ số PAR INDEX, PCI, SIPAS và PAPI của tỉnh.',
      'Tăng cường thanh tra, kiểm tra; giải quyết kịp thời khiếu nại, tố cáo; phòng, chống tham nhũng, tiêu cực.',
    ],
  },
  {
    id: 'khoi-kinh-te-ky-thuat', name: 'Khối kinh tế - kỹ thuật', headUnit: 'Sở Xây dựng', signerTitle: 'Giám đốc Sở Xây dựng', signer: 'Lê Minh Trang',
    members: ['Sở Xây dựng', 'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Công Thương', 'Sở Giao thông vận tải', 'Sở Tài nguyên và Môi trường', 'Sở Khoa học và Công nghệ', 'Ban Quản lý các khu công nghiệp'],
    commitments: [
      'Đẩy nhanh tiến độ các dự án trọng điểm về năng lượng tái tạo, hạ tầng giao thông, khu công nghiệp; phát triển nông nghiệp ứng dụng công nghệ cao, nhân rộng mô hình VietGAP trên cây nho, táo và sản xuất rau an toàn.',
      'Chủ động ứng phó với hạn hán, biến đổi khí hậu: tưới nước tiết kiệm, chuyển đổi cây trồng, vật nuôi; quản lý chặt chẽ tài nguyên, bảo vệ môi trường.',
      'Góp phần thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới.',
    ],
  },
  {
    id: 'khoi-van-hoa-xa-hoi', name: 'Khối văn hóa - xã hội', headUnit: 'Sở Y tế', signerTitle: 'Giám đốc Sở Y tế', signer: 'Nguyễn Văn Tâm',
    members: ['Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Sở Lao động - Thương binh và Xã hội', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Thông tin và Truyền thông', 'Ban Dân tộc', 'Báo Ninh Thuận', 'Đài Phát thanh và Truyền hình Ninh Thuận'],
    commitments: [
      'Nâng cao chất lượng khám, chữa bệnh, chăm sóc sức khỏe Nhân dân; chủ động phòng, chống dịch bệnh; nâng cao chất lượng giáo dục và đào tạo.',
      'Thực hiện tốt chính sách an sinh xã hội, chính sách dân tộc; hưởng ứng phong trào “Vì người nghèo - Không để ai bị bỏ lại phía sau”.',
      'Phát triển văn hóa, thể thao, du lịch; làm tốt công tác thông tin, tuyên truyền về các phong trào thi đua và điển hình tiên tiến.',
    ],
  },
  {
    id: 'khoi-noi-chinh', name: 'Khối nội chính', headUnit: 'Viện Kiểm sát nhân dân tỉnh', signerTitle: 'Viện trưởng Viện Kiểm sát nhân dân tỉnh', signer: 'Phan Xuân Tuấn',
    members: ['Viện Kiểm sát nhân dân tỉnh', 'Công an tỉnh', 'Bộ Chỉ huy Quân sự tỉnh', 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'Tòa án nhân dân tỉnh', 'Cục Thi hành án dân sự tỉnh'],
    commitments: [
      'Giữ vững an ninh chính trị, trật tự an toàn xã hội; đẩy mạnh phong trào “Toàn dân bảo vệ an ninh Tổ quốc”; kiềm chế, kéo giảm tội phạm và tai nạn giao thông.',
      'Hoàn thành 100% chỉ tiêu tuyển quân, huấn luyện, sẵn sàng chiến đấu; bảo vệ vững chắc chủ quyền, an ninh biên giới biển.',
      'Nâng cao chất lượng điều tra, truy tố, xét xử và thi hành án; không để xảy ra oan, sai, bỏ lọt tội phạm.',
    ],
  },
  {
    id: 'khoi-mat-tran-doan-the', name: 'Khối Mặt trận và các đoàn thể', headUnit: 'Hội Nông dân tỉnh', signerTitle: 'Chủ tịch Hội Nông dân tỉnh', signer: 'Trương Trọng Nghĩa',
    members: ['Hội Nông dân tỉnh', 'Ủy ban MTTQ Việt Nam tỉnh', 'Hội Liên hiệp Phụ nữ tỉnh', 'Tỉnh đoàn Ninh Thuận', 'Liên đoàn Lao động tỉnh', 'Hội Cựu chiến binh tỉnh'],
    commitments: [
      'Đẩy mạnh cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”; phát huy vai trò giám sát và phản biện xã hội.',
      'Vận động đoàn viên, hội viên thi đua sản xuất, kinh doanh giỏi, đoàn kết giúp nhau làm giàu và giảm nghèo bền vững; tích cực tham gia phong trào “Vì người nghèo - Không để ai bị bỏ lại phía sau”.',
    ],
  },
  {
    id: 'khoi-huyen-thanh-pho', name: 'Khối các huyện, thành phố', headUnit: 'UBND huyện Ninh Hải', signerTitle: 'Chủ tịch UBND huyện Ninh Hải', signer: 'Phan Minh Trí',
    members: DEMO_DISTRICTS.map((d) => `UBND ${d.of}`).sort((a, b) => (a === 'UBND huyện Ninh Hải' ? -1 : b === 'UBND huyện Ninh Hải' ? 1 : 0)),
    commitments: [
      'Phấn đấu hoàn thành và vượt các chỉ tiêu kinh tế - xã hội năm 2023 của địa phương; thu ngân sách đạt và vượt dự toán; giải ngân vốn đầu tư công đúng tiến độ.',
      'Thi đua xây dựng nông thôn mới, đô thị văn minh; phát triển kinh tế biển, du lịch; chủ động ứng phó với hạn hán.',
      'Nâng cao chất lượng giải quyết thủ tục hành chính, dịch vụ công trực tuyến và dịch vụ bưu chính công ích; giữ vững quốc phòng, an ninh ở cơ sở.',
    ],
  },
  {
    id: 'khoi-doanh-nghiep', name: 'Khối doanh nghiệp nhà nước', headUnit: 'Công ty Điện lực Ninh Thuận', signerTitle: 'Giám đốc Công ty Điện lực Ninh Thuận', signer: 'Trần Hữu Trung',
    members: ['Công ty Điện lực Ninh Thuận', 'Viễn thông Ninh Thuận', 'Bưu điện tỉnh Ninh Thuận', 'Công ty TNHH MTV Xổ số kiến thiết Ninh Thuận', 'Công ty TNHH MTV Khai thác công trình thủy lợi Ninh Thuận', 'Công ty Cổ phần Cấp nước Ninh Thuận'],
    commitments: [
      'Thi đua lao động giỏi, lao động sáng tạo, tăng năng suất, chất lượng, hiệu quả; hoàn thành vượt mức kế hoạch sản xuất, kinh doanh và nghĩa vụ nộp ngân sách năm 2023.',
      'Bảo đảm cung cấp điện, nước, dịch vụ viễn thông, bưu chính an toàn, liên tục phục vụ sản xuất và đời sống Nhân dân.',
      'Chăm lo việc làm, thu nhập, đời sống người lao động; thực hiện tốt công tác an toàn, vệ sinh lao động.',
    ],
  },
  {
    id: 'khoi-su-nghiep', name: 'Khối các đơn vị sự nghiệp', headUnit: 'Trường Cao đẳng nghề Ninh Thuận', signerTitle: 'Hiệu trưởng Trường Cao đẳng nghề Ninh Thuận', signer: 'Phạm Anh Huy',
    members: ['Trường Cao đẳng nghề Ninh Thuận', 'Trường Chính trị tỉnh', 'Vườn quốc gia Núi Chúa', 'Vườn quốc gia Phước Bình', 'Quỹ Đầu tư phát triển tỉnh Ninh Thuận', 'Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh'],
    commitments: [
      'Nâng cao chất lượng dịch vụ sự nghiệp công, đào tạo nghề gắn với nhu cầu của doanh nghiệp; đẩy mạnh tự chủ tài chính.',
      'Bảo vệ và phát triển rừng, đa dạng sinh học; bảo đảm tiến độ, chất lượng các công trình, dự án được giao.',
    ],
  },
  {
    id: 'khoi-ngan-hang', name: 'Khối các ngân hàng, tài chính', headUnit: 'Ngân hàng Nhà nước chi nhánh tỉnh Ninh Thuận', signerTitle: 'Giám đốc Ngân hàng Nhà nước chi nhánh tỉnh Ninh Thuận', signer: 'Đặng Văn Vinh',
    members: ['Ngân hàng Nhà nước chi nhánh tỉnh Ninh Thuận', 'Ngân hàng Chính sách xã hội chi nhánh tỉnh Ninh Thuận', 'Agribank chi nhánh tỉnh Ninh Thuận', 'Cục Thuế tỉnh Ninh Thuận', 'Kho bạc Nhà nước Ninh Thuận', 'Bảo hiểm xã hội tỉnh Ninh Thuận'],
    commitments: [
      'Triển khai kịp thời chính sách tiền tệ, tín dụng; ưu tiên vốn cho nông nghiệp, nông thôn, doanh nghiệp nhỏ và vừa; thực hiện hiệu quả tín dụng chính sách xã hội.',
      'Đẩy mạnh thanh toán không dùng tiền mặt; thu ngân sách, kiểm soát chi và thu bảo hiểm xã hội đúng, đủ, kịp thời.',
    ],
  },
]

const COMMON_FIRST = [
  'Tiếp tục quán triệt sâu sắc tư tưởng của Chủ tịch Hồ Chí Minh về thi đua ái quốc; gắn các phong trào thi đua với đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh theo tinh thần Chỉ thị số 05-CT/TW của Bộ Chính trị.',
  'Thực hiện chủ đề thi đua “Đoàn kết, sáng tạo, thi đua xây dựng và bảo vệ Tổ quốc”; thi đua hoàn thành xuất sắc nhiệm vụ năm 2023, lập thành tích chào mừng kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc - Ngày truyền thống thi đua yêu nước (11/6/1948 - 11/6/2023); góp phần hoàn thành 30 nhiệm vụ trọng tâm, đột phá và 187 nhiệm vụ cụ thể của tỉnh năm 2023.',
]
const COMMON_LAST = [
  'Hưởng ứng phong trào thi đua “Chuyển đổi số” trên địa bàn tỉnh: xử lý văn bản, hồ sơ công việc trên môi trường mạng, nâng cao chất lượng dịch vụ công trực tuyến.',
  'Đổi mới công tác thi đua, khen thưởng; phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến, chú trọng khen thưởng tập thể nhỏ, người trực tiếp công tác, lao động, sản xuất; xây dựng tổ chức đảng, chính quyền, đoàn thể trong sạch, vững mạnh.',
]

function pledgeText(b: BlocSpec, signerName: string): string {
  const items = [...COMMON_FIRST, ...b.commitments, ...COMMON_LAST]
  return [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    '',
    'Ninh Thuận, ngày 22 tháng 02 năm 2023',
    '',
    'GIAO ƯỚC THI ĐUA NĂM 2023',
    b.name.toUpperCase(),
    '',
    'Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003 và Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013;',
    'Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
    'Căn cứ hướng dẫn của Hội đồng Thi đua - Khen thưởng tỉnh về tổ chức phong trào thi đua năm 2023,',
    '',
    `Các cơ quan, đơn vị thành viên ${b.name} gồm:`,
    ...b.members.map((m, i) => `${i + 1}. ${m}${m === b.headUnit ? ' (Trưởng khối)' : ''}`),
    '',
    'thống nhất ký kết giao ước thi đua năm 2023 với những nội dung sau:',
    '',
    'I. NỘI DUNG GIAO ƯỚC',
    ...items.map((t, i) => `${i + 1}. ${t}`),
    '',
    'II. TỔ CHỨC THỰC HIỆN',
    `${b.headUnit} (Trưởng khối) chủ trì, phối hợp với các đơn vị thành viên theo dõi, đôn đốc thực hiện giao ước; tổ chức sơ kết 6 tháng, tổng kết năm; bình xét, suy tôn đơn vị tiêu biểu xuất sắc đề nghị UBND tỉnh tặng Cờ thi đua. Giao ước này được ký kết trước sự chứng kiến của Chủ tịch UBND tỉnh, Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh.`,
    '',
    'TM. CÁC ĐƠN VỊ THÀNH VIÊN',
    'TRƯỞNG KHỐI',
    signerName,
  ].join('\n')
}


function buildBlocs(): Bloc[] {
  return BLOCS.map((b) => {
    const signerName = `${b.signerTitle} ${b.signer}`
    const text = pledgeText(b, signerName).normalize('NFC')
    return { id: b.id, name: b.name, headUnit: b.headUnit, signerName, members: b.members, pledge: { text, contentHash: sha256HexSync(text) } }
  })
}

// ---------------------------------------------------------------- entry points

/** Every string in NFC, so that hashes and comparisons never depend on how a text was typed. */
function nfcDeep<T>(v: T): T {
  if (typeof v === 'string') return v.normalize('NFC') as T
  if (Array.isArray(v)) return v.map(nfcDeep) as T
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, nfcDeep(x)])) as T
  return v
}

/** Everything `conference.created` carries: sites, agenda, award types, blocs with their pledges. */
export function demoSetup(): ConferenceSetup {
  return nfcDeep({
    id: DEMO_CONFERENCE_ID,
    title: 'Hội nghị trực tuyến tổng kết công tác thi đua, khen thưởng năm 2022 và ký kết giao ước thi đua thực hiện nhiệm vụ năm 2023',
    venue: 'Điểm cầu UBND tỉnh Ninh Thuận',
    date: '2023-02-22',
    startsAt: '2023-02-22T07:30:00+07:00',
    timeZone: 'Asia/Ho_Chi_Minh',
    sites: SITES,
    agenda: AGENDA,
    awardTypes: AWARD_TYPES,
    blocs: buildBlocs(),
  })
}

/** The demo's award list as the import reads it, checked against `catalog` (by default the demo's own, empty). */
export function readDemoAwards(catalog?: Catalog): { bytes: Uint8Array; awards: ImportedAward[] } {
  const setup = catalog ? undefined : demoSetup()
  const bytes = readFileSync(DEMO_AWARDS_FILE)
  const parsed = parseAwardCsv(bytes, catalog ?? { awardTypes: setup!.awardTypes, sites: setup!.sites, existing: [] })
  const problem = parsed.fileError?.message ?? parsed.errors.slice(0, 3).map((e) => `row ${e.row}, ${e.column}: ${e.message}`).join('; ')
  if (problem) throw new Error(`${DEMO_AWARDS_FILE} does not import: ${problem}`)
  return { bytes, awards: parsed.awards }
}

/** The demo as a log: its creation, then all awards in one import (for benchmarks and tests). */
export function demoEvents(): NewEvent[] {
  return [
    { type: 'conference.created', data: demoSetup() },
    { type: 'award.imported', data: { awards: readDemoAwards().awards } },
  ]
}
