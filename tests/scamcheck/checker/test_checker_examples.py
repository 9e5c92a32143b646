"""Whole messages written for these tests (not the evaluation set): scams and hard negatives.

Aggregate targets, not one message at a time: the rules must stay general.
"""

from binhdan.scamcheck.checker import check_text

SCAMS = [
    "Quý khách được hoàn thuế TNCN 3.200.000đ. Khai báo thông tin nhận tiền tại hoanthue-tncn.com",
    "Chị ơi em là giáo viên chủ nhiệm của cháu, cháu bị ngã ở trường đang đi cấp cứu, chị "
    "chuyển gấp 15 triệu tạm ứng viện phí vào số tài khoản 1234567890 của bệnh viện nhé",
    "Tài khoản Zalo của bạn bị báo cáo vi phạm, xác minh ngay tại zalo-verify.net để tránh bị "
    "khóa vĩnh viễn.",
    "Bạn được Shopee bồi thường 500k do giao hàng chậm, nhập số thẻ và mã OTP tại "
    "shopee-boithuong.cc để nhận.",
    "Em ơi anh Tuấn đây, anh đổi số mới, đang ở sân bay cần gấp 5 triệu, em chuyển khoản qua "
    "tk vợ anh 0987654321 Techcombank nhé, mai anh trả",
    "Ứng dụng Dịch vụ công bản mới tích hợp VNeID, tải tại dichvucong-vn.app để được hưởng "
    "trợ cấp.",
    "Ban da trung tuyen vi tri nhan vien nhap lieu, luong 15tr/thang, dong phi dong phuc 500k "
    "de nhan viec ngay",
    "Chúc mừng! Số điện thoại của bạn được chọn nhận 01 xe máy Honda trong chương trình tri ân "
    "30 năm. Kết bạn Zalo 0912 111 222 để làm thủ tục nhận thưởng.",
    "Cục thuế thông báo: mã số thuế cá nhân của ông/bà chưa đồng bộ với CCCD. Vui lòng cài ứng "
    "dụng Thuế điện tử qua đường link gửi kèm để tránh bị phạt.",
    "Đầu tư vàng online cùng chuyên gia, lãi 5% mỗi tuần, cam kết hoàn vốn, rút tiền bất cứ "
    "lúc nào.",
    "Mẹ ơi con mất ví rồi, mẹ gửi giúp con 2 triệu vào tài khoản bạn con nhé, con không gọi "
    "được vì điện thoại hết tiền.",
    "(Cuộc gọi) Chào bác, cháu ở Bảo hiểm xã hội huyện, sổ bảo hiểm của bác bị trùng, bác đọc "
    "cho cháu số căn cước và mã vừa gửi về máy để cháu xử lý.",
    "Thong bao tu Bo Cong an: CCCD cua ban chua tich hop VNeID muc 2, truy cap "
    "vneid-capnhat.top de cap nhat truoc 17h hom nay.",
    "Kiện hàng quốc tế của bạn bị giữ tại hải quan, chuyển khoản 1.850.000đ phí thông quan để "
    "được giao trong ngày.",
    "Chỉ cần xem video và bấm thích, mỗi video nhận 15.000đ, nhận nhiệm vụ qua Telegram.",
    "Vay 30 triệu không thế chấp, chỉ cần căn cước, giải ngân trong 15 phút. Nhắn Zalo "
    "0933 444 555.",
    "Chúng tôi là Viện kiểm sát, ông có tên trong vụ án ma túy. Ông phải chuyển tiền sang tài "
    "khoản an toàn để chứng minh trong sạch, giữ bí mật với gia đình.",
    "Điện lực thông báo khách hàng được hoàn 320.000đ tiền điện do tính sai. Truy cập "
    "evn-hoantien.com và đăng nhập ngân hàng để nhận.",
    "Thuê bao của quý khách sắp bị thu hồi do chưa cập nhật thông tin. Nhấn phím 9 để gặp "
    "tổng đài viên.",
    "Dịch vụ làm bằng lái xe máy, không cần thi, nhận bằng sau 5 ngày, phí trọn gói 2 triệu, "
    "đặt cọc trước 500k.",
]
LEGIT = [
    "Agribank: TK 1234xxxx890 +2.000.000VND luc 10:21 12/06. SD: 15.230.000VND. ND: chuyen "
    "tien hoc phi",
    "Mẹ ơi con đến nơi rồi, tối con gọi nhé.",
    "EVNHANOI: Tiền điện tháng 6 của KH PD0100123456 là 456.000đ. Vui lòng thanh toán trước "
    "ngày 25/6 để tránh bị ngừng cấp điện. Tra cứu: evnhanoi.vn",
    "UBND xã thông báo: từ 1/7 người dân có thể nộp hồ sơ trực tuyến tại dichvucong.gov.vn, "
    "không cần lên xã.",
    "Công an xã cảnh báo: kẻ gian gọi điện xưng là nhân viên ngân hàng, yêu cầu đọc mã OTP. "
    "Tuyệt đối không đọc mã cho ai.",
    "Lớp 3A: phụ huynh đóng tiền quỹ lớp 200.000đ cho cô Lan trước thứ 6 nhé.",
    "Viettel: Quý khách được tặng 5GB data tốc độ cao. Soạn DATA gửi 191 để nhận. Chi tiết "
    "gọi 198 (miễn phí).",
    "Shipper GHN: Chị ơi em giao hàng lúc 3h chiều, chị có nhà không ạ? Đơn COD 250.000đ.",
    "Trạm y tế xã thông báo lịch tiêm phòng sởi cho trẻ dưới 5 tuổi ngày 20/6.",
    "Tuyển 2 nhân viên bán hàng tại cửa hàng tạp hóa, lương 6 triệu/tháng, liên hệ chị Hoa "
    "0912345678.",
    "MB: Ma xac thuc giao dich cua Quy khach la 928371. Tuyet doi khong cung cap ma nay cho "
    "bat ky ai.",
    "Anh ơi tối nay mẹ nấu cơm, anh về sớm nhé.",
    "Hội phụ nữ xã: chị em tham gia nhóm Zalo của hội để nhận thông tin tập huấn chuyển đổi số.",
    "Bác nhớ mang CCCD khi lên xã làm thủ tục nhận lương hưu nhé.",
    "VNeID: Tài khoản định danh điện tử mức 2 của bạn đã được kích hoạt thành công.",
    "Ngân hàng Nhà nước khuyến cáo: không cho mượn, bán tài khoản ngân hàng; không cung cấp mã "
    "OTP cho bất kỳ ai.",
    "Vietcombank: Neu khong phai Quy khach thuc hien giao dich, vui long goi ngay hotline "
    "1900545413 de duoc ho tro.",
    "Con gửi mẹ 2 triệu vào tài khoản rồi nhé, mẹ kiểm tra giúp con.",
    "Bố ơi con bị ốm nhẹ, đã đi khám rồi, bố đừng lo.",
    "Xã tổ chức lớp hướng dẫn cài đặt ứng dụng VNeID trên CH Play cho người cao tuổi, sáng "
    "thứ 7 tại nhà văn hóa thôn.",
    "Shopee: Đơn hàng 230612ABC đã giao thành công. Đánh giá sản phẩm để nhận 200 xu.",
    "Cô giáo nhắn: các con hoàn thành bài tập và nộp qua Zalo nhóm lớp trước 20h nhé.",
    "Nhà thuốc Minh Châu: đơn thuốc của bác đã có, bác qua lấy hoặc chuyển khoản 180.000đ để "
    "bên cháu giao tận nhà ạ.",
    "Thông báo: lãi suất tiết kiệm kỳ hạn 12 tháng tăng lên 5,2%/năm từ 1/7.",
]


def test_most_written_scams_are_flagged() -> None:
    missed = [text for text in SCAMS if check_text(text).verdict == "no_sign"]
    assert len(missed) <= len(SCAMS) * 0.1, missed


def test_few_written_legit_messages_are_flagged() -> None:
    flagged = [text for text in LEGIT if check_text(text).verdict != "no_sign"]
    assert len(flagged) <= len(LEGIT) * 0.1, flagged


def test_no_legit_message_is_called_danger() -> None:
    assert [text for text in LEGIT if check_text(text).verdict == "danger"] == []
