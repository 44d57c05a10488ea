/**
 * The demo conference: Ninh Thuận's online conference of 22/02/2023 closing the 2022
 * emulation & awards year (see the article in the design notes). Pure and deterministic:
 * the same call always yields the same setup and the same 2,996 generated awards.
 */
import type { AgendaItem, Award, AwardType, Bloc, RecipientKind, Site } from '../../shared/domain.js'
import type { ConferenceSetup, NewEvent } from '../../shared/events.js'
import { sha256HexSync } from '../../shared/hash.js'

export const DEMO_CONFERENCE_ID = 'ninh-thuan-2023'
const SEED = 20230222

// ---------------------------------------------------------------- randomness

/** mulberry32: tiny, fast, good enough to pick names; never Math.random. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
type Rng = () => number
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!
/** Expands "Nguyễn*30 | Trần*10" into 30 + 10 entries: weights without a second table. */
const weighted = (spec: string): string[] =>
  spec.split('|').flatMap((s) => {
    const [w, n] = s.trim().split('*')
    return Array<string>(Number(n ?? 1)).fill(w!)
  })

// ---------------------------------------------------------------- places

interface District {
  id: string
  /** "huyện Ninh Hải" / "thành phố Phan Rang - Tháp Chàm", as it follows a unit's name. */
  of: string
  name: string
  /** Communes as "xã X", "phường X", "thị trấn X". */
  communes: string[]
}
const xa = (names: string) => names.split(',').map((n) => `xã ${n.trim()}`)
const phuong = (names: string) => names.split(',').map((n) => `phường ${n.trim()}`)

const DISTRICTS: District[] = [
  {
    id: 'phan-rang-thap-cham', of: 'thành phố Phan Rang - Tháp Chàm', name: 'Thành phố Phan Rang - Tháp Chàm',
    communes: [...phuong('Bảo An, Đài Sơn, Đạo Long, Đô Vinh, Đông Hải, Kinh Dinh, Mỹ Bình, Mỹ Đông, Mỹ Hải, Mỹ Hương, Phủ Hà, Phước Mỹ, Tấn Tài, Thanh Sơn, Văn Hải'), 'xã Thành Hải'],
  },
  { id: 'ninh-hai', of: 'huyện Ninh Hải', name: 'Huyện Ninh Hải', communes: ['thị trấn Khánh Hải', ...xa('Tri Hải, Nhơn Hải, Thanh Hải, Vĩnh Hải, Phương Hải, Tân Hải, Xuân Hải, Hộ Hải')] },
  { id: 'ninh-phuoc', of: 'huyện Ninh Phước', name: 'Huyện Ninh Phước', communes: ['thị trấn Phước Dân', ...xa('Phước Hậu, Phước Thuận, Phước Sơn, Phước Hải, An Hải, Phước Hữu, Phước Thái, Phước Vinh')] },
  { id: 'ninh-son', of: 'huyện Ninh Sơn', name: 'Huyện Ninh Sơn', communes: ['thị trấn Tân Sơn', ...xa('Lâm Sơn, Quảng Sơn, Lương Sơn, Hòa Sơn, Mỹ Sơn, Nhơn Sơn, Ma Nới')] },
  { id: 'bac-ai', of: 'huyện Bác Ái', name: 'Huyện Bác Ái', communes: xa('Phước Bình, Phước Đại, Phước Tiến, Phước Chính, Phước Hòa, Phước Tân, Phước Thắng, Phước Thành, Phước Trung') },
  { id: 'thuan-bac', of: 'huyện Thuận Bắc', name: 'Huyện Thuận Bắc', communes: xa('Lợi Hải, Bắc Sơn, Công Hải, Bắc Phong, Phước Chiến, Phước Kháng') },
  { id: 'thuan-nam', of: 'huyện Thuận Nam', name: 'Huyện Thuận Nam', communes: xa('Phước Nam, Phước Dinh, Cà Ná, Nhị Hà, Phước Diêm, Phước Hà, Phước Minh, Phước Ninh') },
]

const SITES: Site[] = [
  { id: 'hub', name: 'Điểm cầu tỉnh (UBND tỉnh Ninh Thuận)', kind: 'hub' },
  ...DISTRICTS.map((d): Site => ({ id: d.id, name: d.name, kind: 'district', parentId: 'hub' })),
]

// ---------------------------------------------------------------- units

/** What kind of staff a unit has, which decides the positions of its individuals. */
type Staff = 'agency' | 'school' | 'commune' | 'police' | 'military' | 'militia' | 'health' | 'mass' | 'youth' | 'enterprise' | 'bank' | 'media' | 'village'
interface Unit {
  name: string
  siteId: string
  /** The managing body, shown as a collective's `unit`. */
  parent: string
  /** 1: agency or district level; 2: its departments, schools, communes; 3: grassroots. */
  tier: 1 | 2 | 3
  staff: Staff
}

const POSITIONS: Record<Staff, string[]> = {
  agency: weighted('Chuyên viên*4 | Chuyên viên chính*2 | Phó Trưởng phòng | Trưởng phòng | Kế toán | Văn thư'),
  school: weighted('Giáo viên*6 | Tổ trưởng chuyên môn*2 | Phó Hiệu trưởng | Hiệu trưởng | Kế toán'),
  commune: weighted('Chủ tịch | Phó Chủ tịch | Công chức Văn phòng - Thống kê | Công chức Tư pháp - Hộ tịch | Công chức Địa chính - Xây dựng | Công chức Văn hóa - Xã hội | Công chức Tài chính - Kế toán'),
  police: weighted('Thượng úy, cán bộ*2 | Trung úy, cán bộ*2 | Đại úy, cán bộ | Đại úy, Đội trưởng | Thiếu tá, Đội trưởng | Trung tá, Phó Trưởng'),
  military: weighted('Thiếu tá, Trợ lý*2 | Đại úy, Trợ lý*2 | Trung tá, Phó Chỉ huy trưởng | Thượng tá, Chỉ huy trưởng'),
  militia: weighted('Chỉ huy trưởng | Chỉ huy phó*2 | Thôn đội trưởng'),
  health: weighted('Bác sĩ*3 | Điều dưỡng*3 | Y sĩ | Dược sĩ | Hộ sinh | Kỹ thuật viên'),
  mass: weighted('Chủ tịch | Phó Chủ tịch*2 | Cán bộ*2 | Chuyên viên*2'),
  youth: weighted('Bí thư | Phó Bí thư*2 | Cán bộ*2'),
  enterprise: weighted('Công nhân*3 | Kỹ sư*2 | Nhân viên*2 | Trưởng phòng | Phó Giám đốc'),
  bank: weighted('Giao dịch viên*2 | Cán bộ tín dụng*2 | Kiểm soát viên | Trưởng phòng | Phó Giám đốc'),
  media: weighted('Phóng viên*3 | Biên tập viên*2 | Kỹ thuật viên | Trưởng phòng'),
  village: weighted('Bí thư Chi bộ | Trưởng Ban công tác Mặt trận | Công an viên'),
}

const PROVINCE = 'UBND tỉnh Ninh Thuận'

/** Provincial agencies (hub) with their best-known departments. */
const AGENCIES: [agency: string, departments: string[]][] = [
  ['Sở Nội vụ', ['Ban Thi đua - Khen thưởng', 'Ban Tôn giáo', 'Phòng Công chức, viên chức', 'Chi cục Văn thư - Lưu trữ']],
  ['Sở Tài chính', ['Phòng Quản lý ngân sách', 'Phòng Tài chính đầu tư', 'Phòng Quản lý giá và công sản']],
  ['Sở Kế hoạch và Đầu tư', ['Phòng Đăng ký kinh doanh', 'Phòng Tổng hợp, quy hoạch', 'Trung tâm Xúc tiến đầu tư']],
  ['Sở Nông nghiệp và Phát triển nông thôn', ['Chi cục Trồng trọt và Bảo vệ thực vật', 'Chi cục Kiểm lâm', 'Chi cục Thủy lợi', 'Chi cục Chăn nuôi và Thú y', 'Trung tâm Khuyến nông']],
  ['Sở Công Thương', ['Phòng Quản lý năng lượng', 'Chi cục Quản lý thị trường']],
  ['Sở Xây dựng', ['Phòng Quản lý xây dựng', 'Phòng Quy hoạch - Kiến trúc']],
  ['Sở Giao thông vận tải', ['Phòng Quản lý vận tải', 'Ban Quản lý dự án giao thông']],
  ['Sở Tài nguyên và Môi trường', ['Văn phòng Đăng ký đất đai', 'Chi cục Bảo vệ môi trường']],
  ['Sở Giáo dục và Đào tạo', ['Phòng Giáo dục trung học', 'Phòng Khảo thí và Quản lý chất lượng giáo dục']],
  ['Sở Y tế', ['Bệnh viện Đa khoa tỉnh', 'Trung tâm Kiểm soát bệnh tật tỉnh', 'Bệnh viện Y dược cổ truyền tỉnh']],
  ['Sở Lao động - Thương binh và Xã hội', ['Trung tâm Dịch vụ việc làm', 'Trung tâm Bảo trợ xã hội tổng hợp']],
  ['Sở Văn hóa, Thể thao và Du lịch', ['Bảo tàng tỉnh', 'Thư viện tỉnh', 'Trung tâm Huấn luyện và Thi đấu thể dục thể thao']],
  ['Sở Thông tin và Truyền thông', ['Trung tâm Công nghệ thông tin và Truyền thông', 'Phòng Bưu chính - Viễn thông']],
  ['Sở Khoa học và Công nghệ', ['Trung tâm Ứng dụng tiến bộ khoa học và công nghệ']],
  ['Sở Tư pháp', ['Trung tâm Trợ giúp pháp lý nhà nước', 'Phòng Công chứng số 1']],
  ['Thanh tra tỉnh', ['Phòng Thanh tra kinh tế - xã hội']],
  ['Văn phòng UBND tỉnh', ['Trung tâm Phục vụ hành chính công', 'Phòng Kinh tế']],
  ['Ban Dân tộc', ['Phòng Chính sách dân tộc']],
  ['Ban Quản lý các khu công nghiệp', ['Phòng Quản lý doanh nghiệp']],
]
const HIGH_SCHOOLS = ['Trường THPT Chuyên Lê Quý Đôn', 'Trường THPT Tháp Chàm', 'Trường THPT Chu Văn An', 'Trường THPT Ninh Hải', 'Trường THPT Tôn Đức Thắng', 'Trường THPT Phan Bội Châu', 'Trường THPT An Phước', 'Trường THPT Nguyễn Trãi', 'Trường THPT Trường Chinh', 'Trường THPT Nguyễn Du', 'Trường THPT Bác Ái', 'Trường THPT Phạm Văn Đồng']
const OTHER_HUB: [name: string, parent: string, tier: 1 | 2, staff: Staff][] = [
  ['Công an tỉnh', PROVINCE, 1, 'police'],
  ['Phòng Cảnh sát giao thông, Công an tỉnh', 'Công an tỉnh', 2, 'police'],
  ['Phòng Cảnh sát hình sự, Công an tỉnh', 'Công an tỉnh', 2, 'police'],
  ['Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ, Công an tỉnh', 'Công an tỉnh', 2, 'police'],
  ['Bộ Chỉ huy Quân sự tỉnh', PROVINCE, 1, 'military'],
  ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', PROVINCE, 1, 'military'],
  ['Ủy ban MTTQ Việt Nam tỉnh', PROVINCE, 1, 'mass'],
  ['Hội Nông dân tỉnh', PROVINCE, 1, 'mass'],
  ['Hội Liên hiệp Phụ nữ tỉnh', PROVINCE, 1, 'mass'],
  ['Tỉnh đoàn Ninh Thuận', PROVINCE, 1, 'youth'],
  ['Liên đoàn Lao động tỉnh', PROVINCE, 1, 'mass'],
  ['Hội Cựu chiến binh tỉnh', PROVINCE, 1, 'mass'],
  ['Báo Ninh Thuận', PROVINCE, 1, 'media'],
  ['Đài Phát thanh và Truyền hình Ninh Thuận', PROVINCE, 1, 'media'],
  ['Trường Cao đẳng nghề Ninh Thuận', PROVINCE, 1, 'school'],
  ['Vườn quốc gia Núi Chúa', PROVINCE, 1, 'agency'],
  ['Vườn quốc gia Phước Bình', PROVINCE, 1, 'agency'],
  ['Quỹ Đầu tư phát triển tỉnh Ninh Thuận', PROVINCE, 1, 'agency'],
  ['Công ty Điện lực Ninh Thuận', PROVINCE, 1, 'enterprise'],
  ['Viễn thông Ninh Thuận', PROVINCE, 1, 'enterprise'],
  ['Bưu điện tỉnh Ninh Thuận', PROVINCE, 1, 'enterprise'],
  ['Công ty TNHH MTV Xổ số kiến thiết Ninh Thuận', PROVINCE, 1, 'enterprise'],
  ['Công ty TNHH MTV Khai thác công trình thủy lợi Ninh Thuận', PROVINCE, 1, 'enterprise'],
  ['Công ty Cổ phần Cấp nước Ninh Thuận', PROVINCE, 1, 'enterprise'],
  ['Ngân hàng Nhà nước chi nhánh tỉnh Ninh Thuận', PROVINCE, 1, 'bank'],
  ['Ngân hàng Chính sách xã hội chi nhánh tỉnh Ninh Thuận', PROVINCE, 1, 'bank'],
  ['Agribank chi nhánh tỉnh Ninh Thuận', PROVINCE, 1, 'bank'],
  ['Cục Thuế tỉnh Ninh Thuận', PROVINCE, 1, 'agency'],
  ['Kho bạc Nhà nước Ninh Thuận', PROVINCE, 1, 'agency'],
  ['Bảo hiểm xã hội tỉnh Ninh Thuận', PROVINCE, 1, 'agency'],
]
/** Secondary schools are named for national figures; four per district. */
const SCHOOL_NAMES = ['Lê Quý Đôn', 'Nguyễn Trãi', 'Trần Phú', 'Lê Hồng Phong', 'Lý Thường Kiệt', 'Nguyễn Du', 'Chu Văn An', 'Phan Bội Châu', 'Nguyễn Văn Trỗi', 'Võ Thị Sáu', 'Ngô Quyền', 'Trần Hưng Đạo', 'Quang Trung', 'Hùng Vương', 'Lê Lợi', 'Nguyễn Huệ', 'Phan Chu Trinh', 'Trần Quốc Toản', 'Lê Văn Tám', 'Kim Đồng', 'Nguyễn Thị Minh Khai', 'Hoàng Hoa Thám', 'Trương Định', 'Tô Hiệu', 'Lê Đình Chinh', 'Nguyễn Bỉnh Khiêm', 'Bế Văn Đàn', 'Đinh Bộ Lĩnh']

function hubUnits(): Unit[] {
  const units: Unit[] = []
  const add = (name: string, parent: string, tier: Unit['tier'], staff: Staff) => units.push({ name, siteId: 'hub', parent, tier, staff })
  for (const [agency, departments] of AGENCIES) {
    add(agency, PROVINCE, 1, 'agency')
    add(`Văn phòng ${agency}`, agency, 2, 'agency')
    for (const d of departments) add(`${d}, ${agency}`, agency, 2, /Bệnh viện|Kiểm soát bệnh tật/.test(d) ? 'health' : 'agency')
  }
  for (const s of HIGH_SCHOOLS) add(s, 'Sở Giáo dục và Đào tạo', 2, 'school')
  for (const [name, parent, tier, staff] of OTHER_HUB) add(name, parent, tier, staff)
  return units
}

function districtUnits(d: District, index: number): Unit[] {
  const units: Unit[] = []
  const isCity = d.id === 'phan-rang-thap-cham'
  const ubnd = `UBND ${d.of}`
  const add = (name: string, tier: Unit['tier'], staff: Staff, parent = ubnd) => units.push({ name, siteId: d.id, parent, tier, staff })
  add(ubnd, 1, 'agency', PROVINCE)
  add(`Công an ${d.of}`, 1, 'police', 'Công an tỉnh')
  add(`Ban Chỉ huy Quân sự ${d.of}`, 1, 'military', 'Bộ Chỉ huy Quân sự tỉnh')
  add(`Trung tâm Y tế ${d.of}`, 1, 'health', 'Sở Y tế')
  const departments = [
    'Văn phòng HĐND và UBND', 'Phòng Nội vụ', 'Phòng Tài chính - Kế hoạch', 'Phòng Giáo dục và Đào tạo', 'Phòng Tài nguyên và Môi trường',
    'Phòng Lao động - Thương binh và Xã hội', 'Phòng Văn hóa và Thông tin', 'Phòng Tư pháp', 'Phòng Y tế', 'Thanh tra',
    ...(isCity ? ['Phòng Kinh tế', 'Phòng Quản lý đô thị'] : ['Phòng Nông nghiệp và Phát triển nông thôn', 'Phòng Kinh tế và Hạ tầng', 'Phòng Dân tộc']),
  ]
  for (const p of departments) add(`${p} ${d.of}`, 2, 'agency')
  for (const m of ['Ủy ban MTTQ Việt Nam', 'Hội Nông dân', 'Hội Liên hiệp Phụ nữ', 'Hội Cựu chiến binh']) add(`${m} ${d.of}`, 2, 'mass')
  add(`${isCity ? 'Thành đoàn' : 'Huyện đoàn'} ${d.name.replace(/^(Huyện|Thành phố) /, '')}`, 2, 'youth')
  for (let k = 0; k < 4; k++) add(`Trường THCS ${SCHOOL_NAMES[(index * 4 + k) % SCHOOL_NAMES.length]!}, ${d.of}`, 2, 'school', `Phòng Giáo dục và Đào tạo ${d.of}`)
  for (const c of d.communes) {
    const place = c.replace(/^(xã|phường|thị trấn) /, '')
    add(`UBND ${c}`, 2, 'commune')
    add(`Trạm Y tế ${c}`, 2, 'health', `Trung tâm Y tế ${d.of}`)
    add(`Trường Mầm non ${place}, ${d.of}`, 2, 'school', `Phòng Giáo dục và Đào tạo ${d.of}`)
    add(`Trường Tiểu học ${place}, ${d.of}`, 2, 'school', `Phòng Giáo dục và Đào tạo ${d.of}`)
    add(`Công an ${c}`, 3, 'police', `Công an ${d.of}`)
    add(`Ban Chỉ huy Quân sự ${c}`, 3, 'militia', `Ban Chỉ huy Quân sự ${d.of}`)
    for (const m of ['Ủy ban MTTQ Việt Nam', 'Hội Nông dân', 'Hội Liên hiệp Phụ nữ', 'Hội Cựu chiến binh']) add(`${m} ${c}`, 3, 'mass')
    add(`Đoàn Thanh niên ${c}`, 3, 'youth')
    const quarters = c.startsWith('xã') ? 0 : 3
    for (let k = 1; k <= quarters; k++) add(`Khu phố ${k}, ${c}`, 3, 'village', `UBND ${c}`)
  }
  return units
}

// ---------------------------------------------------------------- people

const SURNAMES = weighted('Nguyễn*30 | Trần*10 | Lê*9 | Phạm*7 | Huỳnh*6 | Võ*6 | Phan*4 | Hoàng*2 | Vũ*2 | Đặng*3 | Bùi*3 | Đỗ*3 | Hồ*3 | Ngô*3 | Dương*2 | Trương*2 | Lý | Đinh | Lâm | Mai | Tô | Đoàn | Châu | Thái | Cao | Lương')
/** Chăm family names, common in Ninh Phước, Thuận Nam, Ninh Hải and the city. */
const CHAM_SURNAMES = ['Đàng', 'Lưu', 'Thông', 'Quảng', 'Hán', 'Thiên Sanh', 'Trượng', 'Bá', 'Lộ', 'Thạch']
/** Raglai family names, common in Bác Ái and Ninh Sơn. */
const RAGLAI_SURNAMES = ['Pinăng', 'Chamaléa', 'Katơr', 'Mấu', 'Cao']
const MALE_MIDDLE = weighted('Văn*5 | Hữu | Minh*2 | Đức | Quốc | Thanh*2 | Công | Xuân | Ngọc | Anh | Tấn | Trọng | Quang | Hoàng | Thành | Duy | Đình')
const FEMALE_MIDDLE = weighted('Thị*6 | Ngọc*2 | Thu | Thanh | Kim | Mỹ | Bích | Hồng | Thùy | Phương | Minh | Hoài | Ánh')
const MALE_GIVEN = 'Hùng Dũng Tuấn Hải Sơn Long Nam Bình Cường Thắng Phúc Tâm Trung Hiếu Khoa Vinh Toàn Thịnh Tài Lộc Phong Quân Huy Nghĩa Khánh Đạt Hòa Thuận Tùng Lâm Bảo Hưng Kiên Tín Nhân Trí Đông Sang Quý Thọ'.split(' ')
const FEMALE_GIVEN = 'Lan Hương Phương Hoa Mai Hạnh Thảo Trang Linh Ngân Nhung Hằng Yến Dung Loan Thủy Vân Hà Oanh Trinh Nga Diễm Tuyết Hiền Thúy Ly My Quyên Uyên Nhi Châu Xuân Liên Hồng Ánh Tâm Vy Thư Kiều Nguyệt'.split(' ')
/** Names as the elderly mothers of the resistance years carry them. */
const OLD_FEMALE_GIVEN = 'Lành Gái Tý Sáu Bảy Tám Chín Mười Đào Lựu Thơm Nhỏ Út Cúc Huệ'.split(' ')

function personName(rng: Rng, siteId: string, female: boolean, given = female ? FEMALE_GIVEN : MALE_GIVEN): string {
  const r = rng()
  const surname =
    (siteId === 'bac-ai' || siteId === 'ninh-son') && r < (siteId === 'bac-ai' ? 0.55 : 0.15) ? pick(rng, RAGLAI_SURNAMES)
      : ['ninh-phuoc', 'thuan-nam', 'ninh-hai', 'phan-rang-thap-cham'].includes(siteId) && r < 0.12 ? pick(rng, CHAM_SURNAMES)
        : pick(rng, SURNAMES)
  for (;;) {
    const middle = given === OLD_FEMALE_GIVEN ? 'Thị' : pick(rng, female ? FEMALE_MIDDLE : MALE_MIDDLE)
    const first = pick(rng, given)
    if (middle !== first) return `${surname} ${middle} ${first}`
  }
}

/** "Chuyên viên Phòng Nội vụ huyện Ninh Hải", "Trưởng phòng Nội vụ huyện Ninh Hải", "Chánh Văn phòng Sở Y tế", "Phó Chủ tịch UBND xã Phước Dinh". */
function positionAt(position: string, unit: Unit): string {
  if (unit.name.startsWith('Văn phòng') && position.endsWith('Trưởng phòng')) return `${position.replace('Trưởng phòng', 'Chánh Văn phòng')} ${unit.name.slice('Văn phòng '.length)}`
  if (unit.name.startsWith('Phòng ') && position.endsWith('Trưởng phòng')) return `${position} ${unit.name.slice('Phòng '.length)}`
  if (unit.staff === 'commune' && position.startsWith('Công chức')) return `${position}, ${unit.name}`
  return `${position} ${unit.name}`
}

// ---------------------------------------------------------------- award types and decisions

interface TypeSpec {
  type: AwardType
  collectives: number
  individuals: number
  /** Which tiers of units may receive it (collectives and the workplaces of individuals). */
  tiers: Unit['tier'][]
  decisions: string[]
  /** Individuals outside the workforce (resistance veterans, heroic mothers). */
  civilian?: 'veteran' | 'mother'
}
const qd = (n: number, kind: string, date: string) => `Quyết định số ${n}/QĐ-${kind} ngày ${date}`

const TYPES: TypeSpec[] = [
  { type: { id: 'huan-chuong-lao-dong', name: 'Huân chương Lao động', recipientKind: 'collective', level: 'national' }, collectives: 4, individuals: 0, tiers: [1], decisions: [qd(1566, 'CTN', '28/12/2022')] },
  { type: { id: 'huan-chuong-khang-chien', name: 'Cấp đổi Huân chương Kháng chiến', recipientKind: 'individual', level: 'national' }, collectives: 0, individuals: 1, tiers: [2], decisions: [qd(1102, 'CTN', '15/11/2022')], civilian: 'veteran' },
  { type: { id: 'ba-me-viet-nam-anh-hung', name: 'Cấp đổi Danh hiệu Bà mẹ Việt Nam anh hùng', recipientKind: 'individual', level: 'national' }, collectives: 0, individuals: 2, tiers: [2], decisions: [qd(1103, 'CTN', '15/11/2022')], civilian: 'mother' },
  { type: { id: 'bang-khen-thu-tuong', name: 'Bằng khen của Thủ tướng Chính phủ', recipientKind: 'both', level: 'national' }, collectives: 5, individuals: 16, tiers: [1, 2], decisions: [qd(1611, 'TTg', '26/12/2022'), qd(178, 'TTg', '03/02/2023')] },
  { type: { id: 'co-thi-dua', name: 'Cờ thi đua của UBND tỉnh', recipientKind: 'collective', level: 'provincial' }, collectives: 76, individuals: 0, tiers: [1, 2], decisions: [qd(412, 'UBND', '10/02/2023')] },
  { type: { id: 'tap-the-lao-dong-xuat-sac', name: 'Tập thể Lao động xuất sắc', recipientKind: 'collective', level: 'provincial' }, collectives: 263, individuals: 0, tiers: [1, 2], decisions: [qd(398, 'UBND', '06/02/2023')] },
  { type: { id: 'chien-si-thi-dua-cap-tinh', name: 'Chiến sĩ thi đua cấp tỉnh', recipientKind: 'individual', level: 'provincial' }, collectives: 0, individuals: 23, tiers: [1, 2], decisions: [qd(413, 'UBND', '10/02/2023')] },
  {
    type: { id: 'bang-khen-ubnd-tinh', name: 'Bằng khen của Chủ tịch UBND tỉnh', recipientKind: 'both', level: 'provincial' }, collectives: 938, individuals: 1597, tiers: [1, 2, 3],
    decisions: [qd(156, 'UBND', '14/03/2022'), qd(489, 'UBND', '27/05/2022'), qd(702, 'UBND', '22/07/2022'), qd(958, 'UBND', '19/09/2022'), qd(1187, 'UBND', '25/11/2022'), qd(1342, 'UBND', '28/12/2022'), qd(399, 'UBND', '06/02/2023'), qd(414, 'UBND', '10/02/2023')],
  },
  { type: { id: 'huy-hieu-ninh-thuan', name: 'Huy hiệu “Vì sự nghiệp xây dựng và phát triển tỉnh Ninh Thuận”', recipientKind: 'individual', level: 'provincial' }, collectives: 0, individuals: 71, tiers: [1, 2], decisions: [qd(1298, 'UBND', '16/12/2022'), qd(415, 'UBND', '10/02/2023')] },
]

/** How many awards of each type the article reports; the generator and its test agree on these. */
export const DEMO_AWARD_COUNTS = Object.fromEntries(TYPES.map((t) => [t.type.id, { collective: t.collectives, individual: t.individuals }]))

function generateAwards(rng: Rng, units: Unit[]): Award[] {
  const siteOrder = new Map(SITES.map((s, i) => [s.id, i]))
  const awards: Award[] = []
  for (const spec of TYPES) {
    const eligible = units.filter((u) => spec.tiers.includes(u.tier))
    const made: Omit<Award, 'id'>[] = []
    const base = (kind: RecipientKind, recipientName: string, unit: string, siteId: string) =>
      made.push({ typeId: spec.type.id, recipientKind: kind, recipientName, unit, siteId, decision: pick(rng, spec.decisions) })

    // Collectives: distinct units, stronger units more likely (drawn without replacement).
    const order = eligible
      .map((u) => ({ u, key: u.tier + rng() * 1.5 }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.u)
    if (order.length < spec.collectives) throw new Error(`not enough units for ${spec.type.id}`)
    for (const u of order.slice(0, spec.collectives)) base('collective', u.name, u.parent, u.siteId)

    const names = new Set<string>()
    for (let n = 0; n < spec.individuals; n++) {
      for (;;) {
        if (spec.civilian) {
          const d = pick(rng, DISTRICTS)
          const female = spec.civilian === 'mother' || rng() < 0.1
          const name = personName(rng, d.id, female, spec.civilian === 'mother' ? OLD_FEMALE_GIVEN : undefined)
          const recipient = spec.civilian === 'mother' ? `Mẹ ${name}` : `${female ? 'Bà' : 'Ông'} ${name}`
          if (names.has(recipient)) continue
          names.add(recipient)
          base('individual', recipient, `${pick(rng, d.communes)}, ${d.of}`, d.id)
          break
        }
        // Larger units employ more people: weight by tier.
        let u = pick(rng, eligible)
        while (u.tier === 3 && rng() < 0.5) u = pick(rng, eligible)
        const female = rng() < (u.staff === 'school' || u.staff === 'health' ? 0.7 : u.staff === 'police' || u.staff === 'military' ? 0.1 : 0.45)
        const name = personName(rng, u.siteId, female)
        if (names.has(name)) continue
        names.add(name)
        base('individual', name, positionAt(pick(rng, POSITIONS[u.staff]), u), u.siteId)
        break
      }
    }
    // Collectives first, then by site (hub, then the districts): the order a ceremony reads them.
    const rank = (a: Omit<Award, 'id'>) => (a.recipientKind === 'collective' ? 0 : 100) + (siteOrder.get(a.siteId ?? 'hub') ?? 0)
    made
      .map((a, i) => ({ a, i }))
      .sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i)
      .forEach(({ a }, i) => awards.push({ id: `${spec.type.id}-${String(i + 1).padStart(4, '0')}`, ...a }))
  }
  return awards
}

// ---------------------------------------------------------------- agenda

const CHAIRMAN = 'Đồng chí Trần Quốc Nam, Chủ tịch UBND tỉnh, Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh'
const SPEECHES: [presenter: string, topic: string][] = [
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
  { id: 'opening', title: 'Khai mạc, tuyên bố lý do, giới thiệu đại biểu', kind: 'opening', presenter: 'Ban Tổ chức', plannedMinutes: 5 },
  { id: 'report', title: 'Báo cáo tổng kết công tác thi đua, khen thưởng năm 2022 và phương hướng, nhiệm vụ năm 2023', kind: 'report', presenter: 'Ban Thi đua - Khen thưởng, Sở Nội vụ', plannedMinutes: 20 },
  ...SPEECHES.map(([presenter, topic], i): AgendaItem => ({ id: `speech-${i + 1}`, title: `Tham luận: ${topic}`, kind: 'speech', presenter, plannedMinutes: 7 })),
  { id: 'directive', title: 'Phát biểu chỉ đạo của Chủ tịch UBND tỉnh, Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh', kind: 'directive', presenter: CHAIRMAN, plannedMinutes: 20 },
  { id: 'awards', title: 'Trao Cờ thi đua năm 2022 của UBND tỉnh cho các tập thể có thành tích xuất sắc tiêu biểu', kind: 'awards', presenter: 'Đồng chí Trần Quốc Nam, Chủ tịch UBND tỉnh và đồng chí Nguyễn Long Biên, Phó Chủ tịch UBND tỉnh', plannedMinutes: 15 },
  { id: 'signing', title: 'Ký kết giao ước thi đua năm 2023 của các Khối thi đua cấp tỉnh', kind: 'signing', presenter: 'Trưởng các Khối thi đua cấp tỉnh năm 2023; chứng kiến: đồng chí Trần Quốc Nam, Chủ tịch UBND tỉnh', plannedMinutes: 10 },
  { id: 'closing', title: 'Bế mạc hội nghị', kind: 'closing', presenter: 'Ban Tổ chức', plannedMinutes: 3 },
]

// ---------------------------------------------------------------- blocs and pledges

interface BlocSpec {
  id: string
  name: string
  headUnit: string
  /** The head's leader title, before the generated name. */
  signerTitle: string
  members: string[]
  commitments: string[]
}
const BLOCS: BlocSpec[] = [
  {
    id: 'khoi-dang', name: 'Khối các cơ quan Đảng', headUnit: 'Ban Dân vận Tỉnh ủy', signerTitle: 'Trưởng Ban Dân vận Tỉnh ủy',
    members: ['Ban Dân vận Tỉnh ủy', 'Văn phòng Tỉnh ủy', 'Ban Tổ chức Tỉnh ủy', 'Ban Tuyên giáo Tỉnh ủy', 'Ủy ban Kiểm tra Tỉnh ủy', 'Ban Nội chính Tỉnh ủy', 'Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh', 'Trường Chính trị tỉnh'],
    commitments: [
      'Làm tốt công tác tham mưu cho Tỉnh ủy, Ban Thường vụ Tỉnh ủy lãnh đạo, chỉ đạo thực hiện thắng lợi Nghị quyết Đại hội Đại biểu Đảng bộ tỉnh lần thứ XIII; đẩy mạnh xây dựng, chỉnh đốn Đảng theo Nghị quyết Trung ương 4 khóa XII.',
      'Nâng cao chất lượng công tác kiểm tra, giám sát, công tác dân vận; nắm chắc tình hình tư tưởng của cán bộ, đảng viên và Nhân dân.',
    ],
  },
  {
    id: 'khoi-tong-hop', name: 'Khối các cơ quan tổng hợp', headUnit: 'Sở Tài chính', signerTitle: 'Giám đốc Sở Tài chính',
    members: ['Sở Tài chính', 'Sở Nội vụ', 'Sở Kế hoạch và Đầu tư', 'Văn phòng UBND tỉnh', 'Văn phòng Đoàn ĐBQH và HĐND tỉnh', 'Thanh tra tỉnh', 'Sở Tư pháp'],
    commitments: [
      'Tham mưu UBND tỉnh điều hành linh hoạt, hiệu quả kế hoạch phát triển kinh tế - xã hội, dự toán ngân sách và kế hoạch đầu tư công năm 2023; phấn đấu giải ngân vốn đầu tư công đạt trên 95% kế hoạch.',
      'Tiếp tục sắp xếp, kiện toàn tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả; nâng cao các chỉ số PAR INDEX, PCI, SIPAS và PAPI của tỉnh.',
      'Tăng cường thanh tra, kiểm tra; giải quyết kịp thời khiếu nại, tố cáo; phòng, chống tham nhũng, tiêu cực.',
    ],
  },
  {
    id: 'khoi-kinh-te-ky-thuat', name: 'Khối kinh tế - kỹ thuật', headUnit: 'Sở Xây dựng', signerTitle: 'Giám đốc Sở Xây dựng',
    members: ['Sở Xây dựng', 'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Công Thương', 'Sở Giao thông vận tải', 'Sở Tài nguyên và Môi trường', 'Sở Khoa học và Công nghệ', 'Ban Quản lý các khu công nghiệp'],
    commitments: [
      'Đẩy nhanh tiến độ các dự án trọng điểm về năng lượng tái tạo, hạ tầng giao thông, khu công nghiệp; phát triển nông nghiệp ứng dụng công nghệ cao, nhân rộng mô hình VietGAP trên cây nho, táo và sản xuất rau an toàn.',
      'Chủ động ứng phó với hạn hán, biến đổi khí hậu: tưới nước tiết kiệm, chuyển đổi cây trồng, vật nuôi; quản lý chặt chẽ tài nguyên, bảo vệ môi trường.',
      'Góp phần thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới.',
    ],
  },
  {
    id: 'khoi-van-hoa-xa-hoi', name: 'Khối văn hóa - xã hội', headUnit: 'Sở Y tế', signerTitle: 'Giám đốc Sở Y tế',
    members: ['Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Sở Lao động - Thương binh và Xã hội', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Thông tin và Truyền thông', 'Ban Dân tộc', 'Báo Ninh Thuận', 'Đài Phát thanh và Truyền hình Ninh Thuận'],
    commitments: [
      'Nâng cao chất lượng khám, chữa bệnh, chăm sóc sức khỏe Nhân dân; chủ động phòng, chống dịch bệnh; nâng cao chất lượng giáo dục và đào tạo.',
      'Thực hiện tốt chính sách an sinh xã hội, chính sách dân tộc; hưởng ứng phong trào “Vì người nghèo - Không để ai bị bỏ lại phía sau”.',
      'Phát triển văn hóa, thể thao, du lịch; làm tốt công tác thông tin, tuyên truyền về các phong trào thi đua và điển hình tiên tiến.',
    ],
  },
  {
    id: 'khoi-noi-chinh', name: 'Khối nội chính', headUnit: 'Viện Kiểm sát nhân dân tỉnh', signerTitle: 'Viện trưởng Viện Kiểm sát nhân dân tỉnh',
    members: ['Viện Kiểm sát nhân dân tỉnh', 'Công an tỉnh', 'Bộ Chỉ huy Quân sự tỉnh', 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'Tòa án nhân dân tỉnh', 'Cục Thi hành án dân sự tỉnh'],
    commitments: [
      'Giữ vững an ninh chính trị, trật tự an toàn xã hội; đẩy mạnh phong trào “Toàn dân bảo vệ an ninh Tổ quốc”; kiềm chế, kéo giảm tội phạm và tai nạn giao thông.',
      'Hoàn thành 100% chỉ tiêu tuyển quân, huấn luyện, sẵn sàng chiến đấu; bảo vệ vững chắc chủ quyền, an ninh biên giới biển.',
      'Nâng cao chất lượng điều tra, truy tố, xét xử và thi hành án; không để xảy ra oan, sai, bỏ lọt tội phạm.',
    ],
  },
  {
    id: 'khoi-mat-tran-doan-the', name: 'Khối Mặt trận và các đoàn thể', headUnit: 'Hội Nông dân tỉnh', signerTitle: 'Chủ tịch Hội Nông dân tỉnh',
    members: ['Hội Nông dân tỉnh', 'Ủy ban MTTQ Việt Nam tỉnh', 'Hội Liên hiệp Phụ nữ tỉnh', 'Tỉnh đoàn Ninh Thuận', 'Liên đoàn Lao động tỉnh', 'Hội Cựu chiến binh tỉnh'],
    commitments: [
      'Đẩy mạnh cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”; phát huy vai trò giám sát và phản biện xã hội.',
      'Vận động đoàn viên, hội viên thi đua sản xuất, kinh doanh giỏi, đoàn kết giúp nhau làm giàu và giảm nghèo bền vững; tích cực tham gia phong trào “Vì người nghèo - Không để ai bị bỏ lại phía sau”.',
    ],
  },
  {
    id: 'khoi-huyen-thanh-pho', name: 'Khối các huyện, thành phố', headUnit: 'UBND huyện Ninh Hải', signerTitle: 'Chủ tịch UBND huyện Ninh Hải',
    members: DISTRICTS.map((d) => `UBND ${d.of}`).sort((a, b) => (a === 'UBND huyện Ninh Hải' ? -1 : b === 'UBND huyện Ninh Hải' ? 1 : 0)),
    commitments: [
      'Phấn đấu hoàn thành và vượt các chỉ tiêu kinh tế - xã hội năm 2023 của địa phương; thu ngân sách đạt và vượt dự toán; giải ngân vốn đầu tư công đúng tiến độ.',
      'Thi đua xây dựng nông thôn mới, đô thị văn minh; phát triển kinh tế biển, du lịch; chủ động ứng phó với hạn hán.',
      'Nâng cao chất lượng giải quyết thủ tục hành chính, dịch vụ công trực tuyến và dịch vụ bưu chính công ích; giữ vững quốc phòng, an ninh ở cơ sở.',
    ],
  },
  {
    id: 'khoi-doanh-nghiep', name: 'Khối doanh nghiệp nhà nước', headUnit: 'Công ty Điện lực Ninh Thuận', signerTitle: 'Giám đốc Công ty Điện lực Ninh Thuận',
    members: ['Công ty Điện lực Ninh Thuận', 'Viễn thông Ninh Thuận', 'Bưu điện tỉnh Ninh Thuận', 'Công ty TNHH MTV Xổ số kiến thiết Ninh Thuận', 'Công ty TNHH MTV Khai thác công trình thủy lợi Ninh Thuận', 'Công ty Cổ phần Cấp nước Ninh Thuận'],
    commitments: [
      'Thi đua lao động giỏi, lao động sáng tạo, tăng năng suất, chất lượng, hiệu quả; hoàn thành vượt mức kế hoạch sản xuất, kinh doanh và nghĩa vụ nộp ngân sách năm 2023.',
      'Bảo đảm cung cấp điện, nước, dịch vụ viễn thông, bưu chính an toàn, liên tục phục vụ sản xuất và đời sống Nhân dân.',
      'Chăm lo việc làm, thu nhập, đời sống người lao động; thực hiện tốt công tác an toàn, vệ sinh lao động.',
    ],
  },
  {
    id: 'khoi-su-nghiep', name: 'Khối các đơn vị sự nghiệp', headUnit: 'Trường Cao đẳng nghề Ninh Thuận', signerTitle: 'Hiệu trưởng Trường Cao đẳng nghề Ninh Thuận',
    members: ['Trường Cao đẳng nghề Ninh Thuận', 'Trường Chính trị tỉnh', 'Vườn quốc gia Núi Chúa', 'Vườn quốc gia Phước Bình', 'Quỹ Đầu tư phát triển tỉnh Ninh Thuận', 'Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh'],
    commitments: [
      'Nâng cao chất lượng dịch vụ sự nghiệp công, đào tạo nghề gắn với nhu cầu của doanh nghiệp; đẩy mạnh tự chủ tài chính.',
      'Bảo vệ và phát triển rừng, đa dạng sinh học; bảo đảm tiến độ, chất lượng các công trình, dự án được giao.',
    ],
  },
  {
    id: 'khoi-ngan-hang', name: 'Khối các ngân hàng, tài chính', headUnit: 'Ngân hàng Nhà nước chi nhánh tỉnh Ninh Thuận', signerTitle: 'Giám đốc Ngân hàng Nhà nước chi nhánh tỉnh Ninh Thuận',
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

function buildBlocs(rng: Rng): Bloc[] {
  return BLOCS.map((b) => {
    const signerName = `${b.signerTitle} ${personName(rng, 'hub', rng() < 0.25)}`.normalize('NFC')
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

export function buildDemoConference(): { setup: ConferenceSetup; awards: Award[] } {
  const rng = mulberry32(SEED)
  const units = [...hubUnits(), ...DISTRICTS.flatMap(districtUnits)]
  const setup: ConferenceSetup = {
    id: DEMO_CONFERENCE_ID,
    title: 'Hội nghị trực tuyến tổng kết công tác thi đua, khen thưởng năm 2022 và ký kết giao ước thi đua thực hiện nhiệm vụ năm 2023',
    venue: 'Điểm cầu UBND tỉnh Ninh Thuận',
    date: '2023-02-22',
    sites: SITES,
    agenda: AGENDA,
    awardTypes: TYPES.map((t) => t.type),
    blocs: buildBlocs(rng),
  }
  return nfcDeep({ setup, awards: generateAwards(rng, units) })
}

/** The log that seeds the demo: its creation, then all awards in one import. */
export function demoEvents(): NewEvent[] {
  const { setup, awards } = buildDemoConference()
  return [
    { type: 'conference.created', data: setup },
    { type: 'award.imported', data: { awards } },
  ]
}
