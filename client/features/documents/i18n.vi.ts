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
}
