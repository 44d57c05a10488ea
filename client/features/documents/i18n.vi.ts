/** Vietnamese: the documents (minutes, pledges, exports). */
export default {
  documents: {
    accessLinks: 'Liên kết truy cập…',
    accessLinksHelp: 'Xem, thu hồi, cấp lại liên kết; mã đầu nhật ký',
    title: 'Tài liệu',
    loading: 'Đang lấy đường dẫn…',
    offline: 'Không kết nối được máy chủ. Kiểm tra mạng rồi mở lại.',
    failed: 'Máy chủ chưa cấp được đường dẫn tài liệu. Mở lại sau ít phút.',
    minutes: 'Biên bản hội nghị (PDF)',
    minutesDraft: 'Bản dự thảo: hội nghị chưa bế mạc',
    minutesFinal: 'Bản chính thức',
    pledges: 'Giao ước thi đua từng khối (PDF)',
    signedAt: 'Đã ký lúc {time}',
    unsigned: 'Chưa ký',
    expires: 'Mỗi đường dẫn dùng được trong 5 phút; mở lại menu để lấy đường dẫn mới.',
    own: 'Tải giao ước đã ký (PDF)',
  },
  logHead: {
    title: 'Đầu nhật ký hội nghị lúc kết thúc',
    seq: 'Seq {seq}, mã băm (SHA-256):',
    why: 'Hãy ghi lại seq và mã băm này ở nơi khác máy chủ (giấy, máy của người giữ biên bản). Kiểm tra khi khởi động chỉ so nhật ký với tệp diemcau.head.json trên cùng ổ đĩa, tệp mà ai viết lại được nhật ký cũng viết lại được; với đầu nhật ký do người khác giữ, lệnh dưới đây cho biết nhật ký có bị cắt bớt hay viết lại.',
    copy: 'Sao chép seq:mã',
    copied: 'Đã sao chép',
    fold: 'Đã ghi lại, thu gọn',
    open: 'Đầu nhật ký',
    failed: 'Không đọc được đầu nhật ký từ máy chủ; trang sẽ thử lại khi có sự kiện mới, hoặc mở lại trang. Mã này cũng in ở trang cuối biên bản.',
  },
}
