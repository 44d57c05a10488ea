/**
 * Writes the demo's award list, server/seed/data/khen-thuong-2022.csv, once: 2,996 awards with
 * the counts the article reports (../shared/seed/), recipients generated deterministically from
 * Ninh Thuận's real agencies, districts and communes. The demo seeds from that file through the
 * import (server/awards/), so this script runs only to regenerate it:
 *
 *   npx tsx scripts/generate-demo-awards.ts
 *
 * The same seed always writes the same bytes; the script checks the file parses back.
 */
import { writeFileSync } from 'node:fs'
import type { Award, RecipientKind } from '../shared/domain.js'
import { writeCsv } from '../server/awards/csv.js'
import { parseAwardCsv } from '../server/awards/parse.js'
import { DEMO_AWARDS_FILE, DEMO_DISTRICTS, demoSetup } from '../server/seed/demo.js'
import { defined } from '../shared/testing/defined.js'
import { mulberry32 } from '../shared/testing/seeded.js'

const SEED = 20230222
const setup = demoSetup()

// ---------------------------------------------------------------- randomness

type Rng = () => number
const pick = <T>(rng: Rng, xs: readonly T[]): T => defined(xs[Math.floor(rng() * xs.length)])
/** Expands "Nguyễn*30 | Trần*10" into 30 + 10 entries: weights without a second table. */
const weighted = (spec: string): string[] =>
  spec.split('|').flatMap((s) => {
    const [w, n] = s.trim().split('*')
    return Array<string>(Number(n ?? 1)).fill(defined(w))
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

const COMMUNES: Record<string, string[]> = {
  'phan-rang-thap-cham': [...phuong('Bảo An, Đài Sơn, Đạo Long, Đô Vinh, Đông Hải, Kinh Dinh, Mỹ Bình, Mỹ Đông, Mỹ Hải, Mỹ Hương, Phủ Hà, Phước Mỹ, Tấn Tài, Thanh Sơn, Văn Hải'), 'xã Thành Hải'],
  'ninh-hai': ['thị trấn Khánh Hải', ...xa('Tri Hải, Nhơn Hải, Thanh Hải, Vĩnh Hải, Phương Hải, Tân Hải, Xuân Hải, Hộ Hải')],
  'ninh-phuoc': ['thị trấn Phước Dân', ...xa('Phước Hậu, Phước Thuận, Phước Sơn, Phước Hải, An Hải, Phước Hữu, Phước Thái, Phước Vinh')],
  'ninh-son': ['thị trấn Tân Sơn', ...xa('Lâm Sơn, Quảng Sơn, Lương Sơn, Hòa Sơn, Mỹ Sơn, Nhơn Sơn, Ma Nới')],
  'bac-ai': xa('Phước Bình, Phước Đại, Phước Tiến, Phước Chính, Phước Hòa, Phước Tân, Phước Thắng, Phước Thành, Phước Trung'),
  'thuan-bac': xa('Lợi Hải, Bắc Sơn, Công Hải, Bắc Phong, Phước Chiến, Phước Kháng'),
  'thuan-nam': xa('Phước Nam, Phước Dinh, Cà Ná, Nhị Hà, Phước Diêm, Phước Hà, Phước Minh, Phước Ninh'),
}
const DISTRICTS: District[] = DEMO_DISTRICTS.map((d) => ({ ...d, communes: defined(COMMUNES[d.id]) }))

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
  for (let k = 0; k < 4; k++) add(`Trường THCS ${defined(SCHOOL_NAMES[(index * 4 + k) % SCHOOL_NAMES.length])}, ${d.of}`, 2, 'school', `Phòng Giáo dục và Đào tạo ${d.of}`)
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
  typeId: string
  collectives: number
  individuals: number
  /** Which tiers of units may receive it (collectives and the workplaces of individuals). */
  tiers: Unit['tier'][]
  decisions: string[]
  /** Individuals outside the workforce (resistance veterans, heroic mothers). */
  civilian?: 'veteran' | 'mother'
  /** The class of each award, in order, for a type that has classes. */
  classes?: string[]
}
const qd = (n: number, kind: string, date: string) => `Quyết định số ${n}/QĐ-${kind} ngày ${date}`

/** The article's figures, in the order it lists them (the ceremony's order). */
const TYPES: TypeSpec[] = [
  // The article gives four collectives and no class; one hạng Nhì and three hạng Ba, as the demo's choice.
  { typeId: 'huan-chuong-lao-dong', collectives: 4, individuals: 0, tiers: [1], decisions: [qd(1566, 'CTN', '28/12/2022')], classes: ['hạng Nhì', 'hạng Ba', 'hạng Ba', 'hạng Ba'] },
  { typeId: 'huan-chuong-khang-chien', collectives: 0, individuals: 1, tiers: [2], decisions: [qd(1102, 'CTN', '15/11/2022')], civilian: 'veteran' },
  { typeId: 'ba-me-viet-nam-anh-hung', collectives: 0, individuals: 2, tiers: [2], decisions: [qd(1103, 'CTN', '15/11/2022')], civilian: 'mother' },
  { typeId: 'bang-khen-thu-tuong', collectives: 5, individuals: 16, tiers: [1, 2], decisions: [qd(1611, 'TTg', '26/12/2022'), qd(178, 'TTg', '03/02/2023')] },
  { typeId: 'co-thi-dua', collectives: 76, individuals: 0, tiers: [1, 2], decisions: [qd(412, 'UBND', '10/02/2023')] },
  { typeId: 'tap-the-lao-dong-xuat-sac', collectives: 263, individuals: 0, tiers: [1, 2], decisions: [qd(398, 'UBND', '06/02/2023')] },
  { typeId: 'chien-si-thi-dua-cap-tinh', collectives: 0, individuals: 23, tiers: [1, 2], decisions: [qd(413, 'UBND', '10/02/2023')] },
  {
    typeId: 'bang-khen-ubnd-tinh', collectives: 938, individuals: 1597, tiers: [1, 2, 3],
    decisions: [qd(156, 'UBND', '14/03/2022'), qd(489, 'UBND', '27/05/2022'), qd(702, 'UBND', '22/07/2022'), qd(958, 'UBND', '19/09/2022'), qd(1187, 'UBND', '25/11/2022'), qd(1342, 'UBND', '28/12/2022'), qd(399, 'UBND', '06/02/2023'), qd(414, 'UBND', '10/02/2023')],
  },
  { typeId: 'huy-hieu-ninh-thuan', collectives: 0, individuals: 71, tiers: [1, 2], decisions: [qd(1298, 'UBND', '16/12/2022'), qd(415, 'UBND', '10/02/2023')] },
]

type NewAward = Omit<Award, 'id'>

function generateAwards(rng: Rng, units: Unit[]): NewAward[] {
  const siteOrder = new Map(setup.sites.map((s, i) => [s.id, i]))
  const awards: NewAward[] = []
  for (const spec of TYPES) {
    const eligible = units.filter((u) => spec.tiers.includes(u.tier))
    const made: NewAward[] = []
    const base = (kind: RecipientKind, recipientName: string, unit: string, siteId: string) =>
      made.push({ typeId: spec.typeId, recipientKind: kind, recipientName, unit, siteId, decision: pick(rng, spec.decisions) })

    // Collectives: distinct units, stronger units more likely (drawn without replacement).
    const order = eligible
      .map((u) => ({ u, key: u.tier + rng() * 1.5 }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.u)
    if (order.length < spec.collectives) throw new Error(`not enough units for ${spec.typeId}`)
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
    const rank = (a: NewAward) => (a.recipientKind === 'collective' ? 0 : 100) + (siteOrder.get(a.siteId ?? 'hub') ?? 0)
    made
      .map((a, i) => ({ a, i }))
      .sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i)
      .forEach(({ a }, i) => awards.push(spec.classes ? { ...a, awardClass: defined(spec.classes[i]) } : a))
  }
  return awards
}

// ---------------------------------------------------------------- the file

const rng = mulberry32(SEED)
// Earlier builds drew the ten bloc signers' names first from this stream; drawing them again keeps
// every recipient what it was (the names themselves now live in server/seed/data/khoi-thi-dua.json).
for (let i = 0; i < 10; i++) personName(rng, 'hub', rng() < 0.25)
const units = [...hubUnits(), ...DISTRICTS.flatMap(districtUnits)]
const awards = generateAwards(rng, units).map((a) => ({ ...a, recipientName: a.recipientName.normalize('NFC'), unit: a.unit?.normalize('NFC') }))

const typeName = new Map(setup.awardTypes.map((t) => [t.id, t.name]))
const siteName = new Map(setup.sites.map((s) => [s.id, s.name]))
const header = ['Hình thức khen thưởng', 'Đối tượng', 'Tên', 'Đơn vị', 'Điểm cầu', 'Quyết định', 'Hạng']
const rows = awards.map((a) => [
  defined(typeName.get(a.typeId)), a.recipientKind === 'collective' ? 'Tập thể' : 'Cá nhân', a.recipientName, a.unit ?? '',
  a.siteId ? defined(siteName.get(a.siteId)) : '', a.decision ?? '', a.awardClass ?? '',
])
const bytes = writeCsv([header, ...rows])

// What the demo will import must be exactly what was generated.
const parsed = parseAwardCsv(bytes, { awardTypes: setup.awardTypes, sites: setup.sites, existing: [] })
if (parsed.fileError || parsed.errors.length > 0) throw new Error(`the generated list does not import: ${JSON.stringify(parsed.fileError ?? parsed.errors.slice(0, 5))}`)
parsed.awards.forEach((a, i) => {
  const { id: _id, ...rest } = a
  if (JSON.stringify(rest) !== JSON.stringify(Object.fromEntries(Object.entries(defined(awards[i])).filter(([, v]) => v !== undefined)))) {
    throw new Error(`row ${i + 2} reads back differently: ${JSON.stringify(a)}`)
  }
})
writeFileSync(DEMO_AWARDS_FILE, bytes)
console.log(`Wrote ${awards.length} awards (${(bytes.length / 1024).toFixed(0)} KB) to ${DEMO_AWARDS_FILE}`)
