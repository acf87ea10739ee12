<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>aiops::app::Application</name>
    <message>
        <source>AIOps Console: run AI models on your own GPU machines.</source>
        <translation>AIOps Console: chạy mô hình AI trên chính các máy GPU của bạn.</translation>
    </message>
    <message>
        <source>Directory for the database and the enrollment token (default: the one in Settings).</source>
        <translation>Thư mục chứa cơ sở dữ liệu và token đăng ký (mặc định: thư mục trong Cài đặt).</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>thư-mục</translation>
    </message>
    <message>
        <source>Port the controller listens on (0 = any free port).</source>
        <translation>Cổng mà bộ điều khiển lắng nghe (0 = cổng trống bất kỳ).</translation>
    </message>
    <message>
        <source>port</source>
        <translation>cổng</translation>
    </message>
    <message>
        <source>Address the controller listens on.</source>
        <translation>Địa chỉ mà bộ điều khiển lắng nghe.</translation>
    </message>
    <message>
        <source>address</source>
        <translation>địa-chỉ</translation>
    </message>
    <message>
        <source>Do not start a node daemon on this computer.</source>
        <translation>Không khởi chạy daemon node trên máy tính này.</translation>
    </message>
    <message>
        <source>Save a PNG of the main window after 3 seconds, then quit.</source>
        <translation>Lưu ảnh PNG của cửa sổ chính sau 3 giây rồi thoát.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>tệp</translation>
    </message>
    <message>
        <source>User interface language: vi or en.</source>
        <translation>Ngôn ngữ giao diện: vi hoặc en.</translation>
    </message>
    <message>
        <source>language</source>
        <translation>ngôn-ngữ</translation>
    </message>
    <message>
        <source>--port must be a number from 0 to 65535.</source>
        <translation>--port phải là một số từ 0 đến 65535.</translation>
    </message>
    <message>
        <source>--listen must be an IP address, such as 127.0.0.1 or 0.0.0.0.</source>
        <translation>--listen phải là một địa chỉ IP, ví dụ 127.0.0.1 hoặc 0.0.0.0.</translation>
    </message>
    <message>
        <source>The controller could not start on %1:%2: %3</source>
        <translation>Không thể khởi động bộ điều khiển trên %1:%2: %3</translation>
    </message>
    <message>
        <source>AIOps Console</source>
        <translation>AIOps Console</translation>
    </message>
    <message>
        <source>aiops-node was not found next to the console; running without a local node.</source>
        <translation>không tìm thấy aiops-node cạnh ứng dụng; chạy mà không có node cục bộ.</translation>
    </message>
    <message>
        <source>local aiops-node exited with code %1; restarting in %2 s.</source>
        <translation>aiops-node cục bộ đã thoát với mã %1; khởi động lại sau %2 giây.</translation>
    </message>
    <message>
        <source>local aiops-node failed to start: %1</source>
        <translation>không khởi động được aiops-node cục bộ: %1</translation>
    </message>
    <message>
        <source>could not write the screenshot to %1</source>
        <translation>không ghi được ảnh chụp màn hình vào %1</translation>
    </message>
</context>
<context>
    <name>aiops::app::TrayIcon</name>
    <message>
        <source>AIOps Console</source>
        <translation>AIOps Console</translation>
    </message>
    <message>
        <source>Show AIOps Console</source>
        <translation>Hiện AIOps Console</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>AIOps Console is still running</source>
        <translation>AIOps Console vẫn đang chạy</translation>
    </message>
    <message>
        <source>The controller keeps managing your nodes in the background. Use Quit in the tray menu to stop it.</source>
        <translation>Bộ điều khiển vẫn tiếp tục quản lý các node của bạn ở chế độ nền. Chọn Thoát trong menu khay hệ thống để dừng hẳn.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Node offline</source>
        <translation>Node ngoại tuyến</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) offline</source>
        <translation>
            <numerusform>%n node ngoại tuyến</numerusform>
        </translation>
    </message>
    <message>
        <source>Node online</source>
        <translation>Node trực tuyến</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) online</source>
        <translation>
            <numerusform>%n node trực tuyến</numerusform>
        </translation>
    </message>
    <message>
        <source>GPU running hot</source>
        <translation>GPU đang quá nóng</translation>
    </message>
    <message>
        <source>GPU %1 on %2 is at %3 °C.</source>
        <translation>GPU %1 trên %2 đang ở %3 °C.</translation>
    </message>
    <message>
        <source>Sensitive data detected</source>
        <translation>Phát hiện dữ liệu nhạy cảm</translation>
    </message>
    <message>
        <source>%1 (%2) was found in a message. Open Safety → Detections for details.</source>
        <translation>Đã tìm thấy %1 (%2) trong một tin nhắn. Mở An toàn → Phát hiện để xem chi tiết.</translation>
    </message>
</context>
<context>
    <name>aiops::models::Format</name>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>%1 TiB</source>
        <translation>%1 TiB</translation>
    </message>
    <message>
        <source>%1 / %2 MiB</source>
        <translation>%1 / %2 MiB</translation>
    </message>
    <message>
        <source>%1 / %2 GiB</source>
        <translation>%1 / %2 GiB</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1 °C</source>
        <translation>%1 °C</translation>
    </message>
    <message>
        <source>%1 W</source>
        <translation>%1 W</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>vừa xong</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n giây trước</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n phút trước</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n giờ trước</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>%n ngày trước</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>Bảo trì</translation>
    </message>
</context>
<context>
    <name>aiops::models::GpuTableModel</name>
    <message>
        <source>Above the alert threshold of %1</source>
        <translation>Vượt ngưỡng cảnh báo %1</translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Mẫu GPU</translation>
    </message>
    <message>
        <source>Utilization</source>
        <translation>Mức sử dụng</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Bộ nhớ</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Nhiệt độ</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Công suất</translation>
    </message>
</context>
<context>
    <name>aiops::models::GuardrailModel</name>
    <message>
        <source>Active</source>
        <translation>Đang bật</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Đã tắt</translation>
    </message>
    <message>
        <source>Guardrail</source>
        <translation>Rào chắn</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Hành động</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>Áp dụng cho</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Mức độ</translation>
    </message>
</context>
<context>
    <name>aiops::models::GuardrailViolationModel</name>
    <message>
        <source>%1, overridden</source>
        <translation>%1, đã bỏ qua</translation>
    </message>
    <message>
        <source>Original: %1
Sent as: %2</source>
        <translation>Gốc: %1
Đã gửi thành: %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Guardrail</source>
        <translation>Rào chắn</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>Hành động đã thực hiện</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Vấn đề</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Độ tin cậy</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Tin nhắn</translation>
    </message>
</context>
<context>
    <name>aiops::models::NodeTableModel</name>
    <message>
        <source>%1 on %2</source>
        <translation>%1 trên %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>VRAM used / total</source>
        <translation>VRAM đã dùng / tổng</translation>
    </message>
    <message>
        <source>Avg GPU util.</source>
        <translation>Sử dụng GPU TB</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>RAM used / total</source>
        <translation>RAM đã dùng / tổng</translation>
    </message>
    <message>
        <source>Last heartbeat</source>
        <translation>Heartbeat gần nhất</translation>
    </message>
</context>
<context>
    <name>aiops::models::PiiDetectionModel</name>
    <message>
        <source>%1, alert sent</source>
        <translation>%1, đã gửi cảnh báo</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Source %1, conversation %2</source>
        <translation>Nguồn %1, hội thoại %2</translation>
    </message>
    <message>
        <source>Characters %1–%2 of the message</source>
        <translation>Ký tự %1–%2 của tin nhắn</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Mẫu</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Hành động</translation>
    </message>
    <message>
        <source>Redacted value</source>
        <translation>Giá trị đã che</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
</context>
<context>
    <name>aiops::models::PiiPatternModel</name>
    <message>
        <source>Built-in</source>
        <translation>Có sẵn</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Tùy chỉnh</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Đang bật</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Đã tắt</translation>
    </message>
    <message>
        <source>Shipped with the console: it can be deactivated but not deleted.</source>
        <translation>Có sẵn trong console: có thể tắt nhưng không thể xóa.</translation>
    </message>
    <message>
        <source>Matches of this pattern are detected. Uncheck to pause it.</source>
        <translation>Các khớp của mẫu này đang được phát hiện. Bỏ chọn để tạm dừng.</translation>
    </message>
    <message>
        <source>This pattern is paused. Check to detect its matches again.</source>
        <translation>Mẫu này đang tạm dừng. Chọn để phát hiện lại các khớp của nó.</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Mẫu</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Danh mục</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <source>Redaction</source>
        <translation>Cách che</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Hành động</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
</context>
<context>
    <name>aiops::models::SafetyFormat</name>
    <message>
        <source>Low</source>
        <translation>Thấp</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Trung bình</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Cao</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Nghiêm trọng</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Liên hệ</translation>
    </message>
    <message>
        <source>Financial</source>
        <translation>Tài chính</translation>
    </message>
    <message>
        <source>Medical</source>
        <translation>Y tế</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Danh tính</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>Che ký tự</translation>
    </message>
    <message>
        <source>Hash (SHA-256)</source>
        <translation>Băm (SHA-256)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xóa bỏ</translation>
    </message>
    <message>
        <source>Token (reversible)</source>
        <translation>Token (khôi phục được)</translation>
    </message>
    <message>
        <source>Redact</source>
        <translation>Che</translation>
    </message>
    <message>
        <source>Block message</source>
        <translation>Chặn tin nhắn</translation>
    </message>
    <message>
        <source>Log only</source>
        <translation>Chỉ ghi nhật ký</translation>
    </message>
    <message>
        <source>Redact and alert</source>
        <translation>Che và cảnh báo</translation>
    </message>
    <message>
        <source>Redacted</source>
        <translation>Đã che</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Đã chặn</translation>
    </message>
    <message>
        <source>Logged</source>
        <translation>Đã ghi nhật ký</translation>
    </message>
    <message>
        <source>Alerted</source>
        <translation>Đã cảnh báo</translation>
    </message>
    <message>
        <source>Content filter</source>
        <translation>Lọc nội dung</translation>
    </message>
    <message>
        <source>Topic restriction</source>
        <translation>Giới hạn chủ đề</translation>
    </message>
    <message>
        <source>Toxicity</source>
        <translation>Độc hại</translation>
    </message>
    <message>
        <source>Medical/legal advice</source>
        <translation>Tư vấn y tế/pháp lý</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>Cảm xúc</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Chặn</translation>
    </message>
    <message>
        <source>Warn</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Rephrase</source>
        <translation>Diễn đạt lại</translation>
    </message>
    <message>
        <source>Escalate for review</source>
        <translation>Chuyển để duyệt</translation>
    </message>
    <message>
        <source>Warned</source>
        <translation>Đã cảnh báo</translation>
    </message>
    <message>
        <source>Rephrased</source>
        <translation>Đã diễn đạt lại</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Đã chuyển duyệt</translation>
    </message>
    <message>
        <source>User input and agent output</source>
        <translation>Tin nhắn người dùng và phản hồi agent</translation>
    </message>
    <message>
        <source>User input</source>
        <translation>Tin nhắn người dùng</translation>
    </message>
    <message>
        <source>Agent output</source>
        <translation>Phản hồi agent</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>Tất cả agent</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::AddNodeDialog</name>
    <message>
        <source>Add node</source>
        <translation>Thêm node</translation>
    </message>
    <message>
        <source>Add a GPU machine</source>
        <translation>Thêm một máy GPU</translation>
    </message>
    <message>
        <source>Install aiops-node on the machine, then run the command below there. The daemon connects to this controller, enrolls with the token and appears in the Nodes list within a few seconds.</source>
        <translation>Cài aiops-node trên máy đó rồi chạy lệnh dưới đây trên máy. Daemon sẽ kết nối tới bộ điều khiển này, đăng ký bằng token và xuất hiện trong danh sách Node sau vài giây.</translation>
    </message>
    <message>
        <source>defaults to the machine&apos;s hostname</source>
        <translation>mặc định là tên máy (hostname)</translation>
    </message>
    <message>
        <source>Node &amp;name:</source>
        <translation>&amp;Tên node:</translation>
    </message>
    <message>
        <source>Command to run on the GPU machine</source>
        <translation>Lệnh cần chạy trên máy GPU</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
    <message>
        <source>Keep the token private: anyone who has it can add machines to this controller.</source>
        <translation>Hãy giữ bí mật token: bất kỳ ai có nó đều có thể thêm máy vào bộ điều khiển này.</translation>
    </message>
    <message>
        <source>The controller only listens on this computer (%1), so only a node on this computer can connect. To add other machines, set the listen address in Settings and restart the console.</source>
        <translation>Bộ điều khiển chỉ lắng nghe trên máy tính này (%1), nên chỉ node trên máy này mới kết nối được. Để thêm máy khác, hãy đặt địa chỉ lắng nghe trong Cài đặt rồi khởi động lại ứng dụng.</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Đã sao chép</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>Live view of your GPU fleet</source>
        <translation>Theo dõi trực tiếp cụm máy GPU của bạn</translation>
    </message>
    <message>
        <source>Add node…</source>
        <translation>Thêm node…</translation>
    </message>
    <message>
        <source>No nodes yet — click Add node…</source>
        <translation>Chưa có node nào — hãy bấm Thêm node…</translation>
    </message>
    <message>
        <source>Add a GPU machine to see its GPUs, memory and load here. The dialog shows the one-line command to run on the machine.</source>
        <translation>Thêm một máy GPU để xem GPU, bộ nhớ và mức tải của nó tại đây. Hộp thoại sẽ hiện lệnh một dòng cần chạy trên máy đó.</translation>
    </message>
    <message>
        <source>Nodes online</source>
        <translation>Node trực tuyến</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>VRAM free</source>
        <translation>VRAM còn trống</translation>
    </message>
    <message>
        <source>Average GPU utilization</source>
        <translation>Mức sử dụng GPU trung bình</translation>
    </message>
    <message>
        <source>Node metrics · last 10 minutes</source>
        <translation>Chỉ số node · 10 phút gần nhất</translation>
    </message>
    <message>
        <source>Node:</source>
        <translation>Node:</translation>
    </message>
    <message>
        <source>CPU, RAM and disk</source>
        <translation>CPU, RAM và ổ đĩa</translation>
    </message>
    <message>
        <source>GPU utilization</source>
        <translation>Mức sử dụng GPU</translation>
    </message>
    <message>
        <source>GPU memory</source>
        <translation>Bộ nhớ GPU</translation>
    </message>
    <message>
        <source>Waiting for samples…</source>
        <translation>Đang chờ số liệu…</translation>
    </message>
    <message numerus="yes">
        <source>of %n node(s)</source>
        <translation>
            <numerusform>trên tổng %n node</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n offline</source>
        <translation>
            <numerusform>%n ngoại tuyến</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in maintenance</source>
        <translation>
            <numerusform>%n đang bảo trì</numerusform>
        </translation>
    </message>
    <message>
        <source>on reachable nodes</source>
        <translation>trên các node đang kết nối</translation>
    </message>
    <message>
        <source>No GPUs reported</source>
        <translation>Chưa có GPU nào</translation>
    </message>
    <message>
        <source>of %1 total</source>
        <translation>trên tổng %1</translation>
    </message>
    <message>
        <source>No GPU memory reported</source>
        <translation>Chưa có dữ liệu VRAM</translation>
    </message>
    <message numerus="yes">
        <source>across %n GPU(s)</source>
        <translation>
            <numerusform>trên %n GPU</numerusform>
        </translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>RAM</source>
        <translation>RAM</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>Ổ đĩa</translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message>
        <source>This node has no GPUs</source>
        <translation>Node này không có GPU</translation>
    </message>
    <message>
        <source>The connected nodes report no GPUs. CPU, RAM and disk metrics are still collected.</source>
        <translation>Các node đang kết nối không báo cáo GPU nào. Số liệu CPU, RAM và ổ đĩa vẫn được thu thập.</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::MainWindow</name>
    <message>
        <source>AIOps Console</source>
        <translation>AIOps Console</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Node</translation>
    </message>
    <message>
        <source>Controller listening on %1</source>
        <translation>Bộ điều khiển đang lắng nghe tại %1</translation>
    </message>
    <message>
        <source>Nodes connect to %1</source>
        <translation>Các node kết nối tới %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;Add node…</source>
        <translation>&amp;Thêm node…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Cài đặt…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>T&amp;ổng quan</translation>
    </message>
    <message>
        <source>&amp;Nodes</source>
        <translation>&amp;Node</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>&amp;About AIOps Console</source>
        <translation>&amp;Giới thiệu AIOps Console</translation>
    </message>
    <message>
        <source>No nodes</source>
        <translation>Chưa có node</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n node(s) online</source>
        <translation>
            <numerusform>%1/%n node trực tuyến</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not rename the node</source>
        <translation>Không thể đổi tên node</translation>
    </message>
    <message>
        <source>Could not change maintenance mode</source>
        <translation>Không thể thay đổi chế độ bảo trì</translation>
    </message>
    <message>
        <source>Could not remove the node</source>
        <translation>Không thể xóa node</translation>
    </message>
    <message>
        <source>The operation “%1” failed</source>
        <translation>Thao tác “%1” thất bại</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Settings saved. Restart AIOps Console to apply them.</source>
        <translation>Đã lưu cài đặt. Hãy khởi động lại AIOps Console để áp dụng.</translation>
    </message>
    <message>
        <source>About AIOps Console</source>
        <translation>Giới thiệu AIOps Console</translation>
    </message>
    <message>
        <source>&lt;h3&gt;AIOps Console %1&lt;/h3&gt;&lt;p&gt;Run AI models on your own GPU machines: the console embeds the controller and manages the node daemons of your fleet.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;AIOps Console %1&lt;/h3&gt;&lt;p&gt;Chạy mô hình AI trên chính các máy GPU của bạn: ứng dụng tích hợp sẵn bộ điều khiển và quản lý các daemon node trong cụm máy của bạn.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>An toàn</translation>
    </message>
    <message>
        <source>Log redaction is off: log files may contain personal data</source>
        <translation>Đã tắt che nhật ký: tệp nhật ký có thể chứa dữ liệu cá nhân</translation>
    </message>
    <message>
        <source>Turn log redaction back on in Settings.</source>
        <translation>Bật lại che nhật ký trong Cài đặt.</translation>
    </message>
    <message>
        <source>&amp;Safety</source>
        <translation>&amp;An toàn</translation>
    </message>
    <message>
        <source>Critical personal data detected in a message (%1). See Safety → Detections.</source>
        <translation>Phát hiện dữ liệu cá nhân nghiêm trọng trong một tin nhắn (%1). Xem An toàn → Phát hiện.</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::NodeDetailPanel</name>
    <message>
        <source>Select a node to see its GPUs, configuration and last heartbeat.</source>
        <translation>Chọn một node để xem GPU, cấu hình và heartbeat gần nhất của nó.</translation>
    </message>
    <message>
        <source>Node ID</source>
        <translation>Mã node</translation>
    </message>
    <message>
        <source>Last heartbeat</source>
        <translation>Heartbeat gần nhất</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>RAM</source>
        <translation>RAM</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>Ổ đĩa</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Vị trí</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Cấu hình</translation>
    </message>
    <message>
        <source>The node has not reported any configuration.</source>
        <translation>Node chưa báo cáo cấu hình nào.</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>No GPUs reported — this is a CPU node.</source>
        <translation>Không có GPU nào được báo cáo — đây là node CPU.</translation>
    </message>
    <message>
        <source>daemon %1</source>
        <translation>daemon %1</translation>
    </message>
    <message>
        <source>Not connected yet</source>
        <translation>Chưa kết nối</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n core(s)</source>
        <translation>
            <numerusform>%n nhân</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 busy</source>
        <translation>đang dùng %1</translation>
    </message>
    <message>
        <source>load %1</source>
        <translation>tải %1</translation>
    </message>
    <message>
        <source>This computer (local node)</source>
        <translation>Máy tính này (node cục bộ)</translation>
    </message>
    <message>
        <source>Remote machine</source>
        <translation>Máy từ xa</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::NodesPage</name>
    <message>
        <source>Rename node</source>
        <translation>Đổi tên node</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Tên mới:</translation>
    </message>
    <message>
        <source>Remove node</source>
        <translation>Xóa node</translation>
    </message>
    <message>
        <source>Remove “%1” from the fleet?</source>
        <translation>Xóa “%1” khỏi cụm máy?</translation>
    </message>
    <message>
        <source>The controller forgets the node and its history. If its daemon is still running with a valid token, it can enroll again.</source>
        <translation>Bộ điều khiển sẽ quên node này và lịch sử của nó. Nếu daemon của node vẫn chạy với token hợp lệ, nó có thể đăng ký lại.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Node</translation>
    </message>
    <message>
        <source>Add node…</source>
        <translation>Thêm node…</translation>
    </message>
    <message>
        <source>No nodes yet — click Add node…</source>
        <translation>Chưa có node nào — hãy bấm Thêm node…</translation>
    </message>
    <message>
        <source>A node is a GPU machine running the aiops-node daemon. Add one and it shows up here as soon as it connects.</source>
        <translation>Node là một máy GPU chạy daemon aiops-node. Hãy thêm một node, nó sẽ xuất hiện tại đây ngay khi kết nối.</translation>
    </message>
    <message>
        <source>Filter by name, ID or host (Ctrl+F)</source>
        <translation>Lọc theo tên, mã hoặc máy chủ (Ctrl+F)</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>Bảo trì</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Lọc theo trạng thái</translation>
    </message>
    <message>
        <source>No nodes match the filter</source>
        <translation>Không có node nào khớp bộ lọc</translation>
    </message>
    <message>
        <source>Try another name, or show all statuses.</source>
        <translation>Hãy thử tên khác, hoặc hiện mọi trạng thái.</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>Xóa bộ lọc</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Đổi tên…</translation>
    </message>
    <message>
        <source>Toggle maintenance: a node in maintenance gets no new work.</source>
        <translation>Bật/tắt bảo trì: node đang bảo trì sẽ không nhận việc mới.</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Xóa…</translation>
    </message>
    <message>
        <source>GPU machines managed by this controller</source>
        <translation>Các máy GPU do bộ điều khiển này quản lý</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n node</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n online</source>
        <translation>
            <numerusform>%n trực tuyến</numerusform>
        </translation>
    </message>
    <message>
        <source>End maintenance</source>
        <translation>Kết thúc bảo trì</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyDetectionsTab</name>
    <message>
        <source>All severities</source>
        <translation>Mọi mức độ</translation>
    </message>
    <message>
        <source>Severity filter</source>
        <translation>Lọc theo mức độ</translation>
    </message>
    <message>
        <source>Pattern filter</source>
        <translation>Lọc theo mẫu</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>24 giờ qua</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 ngày qua</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 ngày qua</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>90 ngày qua</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Toàn bộ thời gian</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Khoảng thời gian</translation>
    </message>
    <message>
        <source>Detections per day</source>
        <translation>Số phát hiện mỗi ngày</translation>
    </message>
    <message>
        <source>No detections in this period</source>
        <translation>Không có phát hiện nào trong khoảng này</translation>
    </message>
    <message>
        <source>PII detections</source>
        <translation>Phát hiện PII</translation>
    </message>
    <message>
        <source>No PII detected in this period</source>
        <translation>Không phát hiện PII nào trong khoảng này</translation>
    </message>
    <message>
        <source>When a chat message contains personal data, the match is redacted and logged here. The live tester on the Patterns tab shows what would be found.</source>
        <translation>Khi một tin nhắn chat chứa dữ liệu cá nhân, phần khớp được che và ghi lại ở đây. Công cụ thử trực tiếp ở mục Mẫu nhận dạng cho biết những gì sẽ bị phát hiện.</translation>
    </message>
    <message>
        <source>No detections match the filters</source>
        <translation>Không có phát hiện nào khớp bộ lọc</translation>
    </message>
    <message>
        <source>Try another severity or pattern, or a longer time range.</source>
        <translation>Hãy thử mức độ hoặc mẫu khác, hoặc khoảng thời gian dài hơn.</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Xóa bộ lọc</translation>
    </message>
    <message>
        <source>Could not load detections: %1</source>
        <translation>Không tải được danh sách phát hiện: %1</translation>
    </message>
    <message numerus="yes">
        <source>Latest %n detection(s)</source>
        <translation>
            <numerusform>%n phát hiện gần nhất</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n detection(s)</source>
        <translation>
            <numerusform>%n phát hiện</numerusform>
        </translation>
    </message>
    <message>
        <source>All patterns</source>
        <translation>Mọi mẫu</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyGuardrailDialog</name>
    <message>
        <source>Max &amp;toxicity:</source>
        <translation>Độc hại tối đ&amp;a:</translation>
    </message>
    <message>
        <source>LLM &amp;check:</source>
        <translation>&amp;Prompt kiểm tra:</translation>
    </message>
    <message>
        <source>Check &amp;model:</source>
        <translation>Mô hình k&amp;iểm tra:</translation>
    </message>
    <message>
        <source>A&amp;ll agents</source>
        <translation>Tất cả a&amp;gent</translation>
    </message>
    <message>
        <source>O&amp;nly:</source>
        <translation>C&amp;hỉ:</translation>
    </message>
    <message>
        <source>Acti&amp;ve: check messages against this guardrail</source>
        <translation>Đang &amp;bật: kiểm tra tin nhắn theo rào chắn này</translation>
    </message>
    <message>
        <source>Add guardrail</source>
        <translation>Thêm rào chắn</translation>
    </message>
    <message>
        <source>Edit guardrail</source>
        <translation>Sửa rào chắn</translation>
    </message>
    <message>
        <source>Add a guardrail</source>
        <translation>Thêm một rào chắn</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>Sửa “%1”</translation>
    </message>
    <message>
        <source>e.g. No competitor talk</source>
        <translation>vd. Không bàn về đối thủ</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Tên:</translation>
    </message>
    <message>
        <source>What this guardrail is for (shown to other operators)</source>
        <translation>Rào chắn này dùng để làm gì (hiển thị cho các quản trị viên khác)</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Mô tả:</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Loại:</translation>
    </message>
    <message>
        <source>Maximum toxicity score</source>
        <translation>Điểm độc hại tối đa</translation>
    </message>
    <message>
        <source>Optional: ask an LLM whether the message is on topic</source>
        <translation>Tùy chọn: hỏi LLM xem tin nhắn có đúng chủ đề không</translation>
    </message>
    <message>
        <source>Optional: model for that check</source>
        <translation>Tùy chọn: mô hình dùng để kiểm tra</translation>
    </message>
    <message>
        <source>On &amp;violation:</source>
        <translation>Khi &amp;vi phạm:</translation>
    </message>
    <message>
        <source>Shown to the user, e.g. “I can&apos;t help with that.”</source>
        <translation>Hiển thị cho người dùng, vd. “Tôi không thể giúp việc này.”</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>Lời &amp;nhắn:</translation>
    </message>
    <message>
        <source>A&amp;pplies to:</source>
        <translation>Áp &amp;dụng cho:</translation>
    </message>
    <message>
        <source>agent IDs, separated by commas</source>
        <translation>ID agent, cách nhau bằng dấu phẩy</translation>
    </message>
    <message>
        <source>Agents this guardrail applies to</source>
        <translation>Các agent áp dụng rào chắn này</translation>
    </message>
    <message>
        <source>Agents:</source>
        <translation>Agent:</translation>
    </message>
    <message>
        <source>&amp;Severity:</source>
        <translation>Mức nghiêm t&amp;rọng:</translation>
    </message>
    <message>
        <source>T&amp;ry it:</source>
        <translation>&amp;Xem thử:</translation>
    </message>
    <message>
        <source>A message to check against this guardrail</source>
        <translation>Một tin nhắn để kiểm tra theo rào chắn này</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Blocked &amp;keywords:</source>
        <translation>Từ &amp;khóa bị chặn:</translation>
    </message>
    <message>
        <source>Allowed &amp;topics:</source>
        <translation>&amp;Chủ đề được phép:</translation>
    </message>
    <message>
        <source>One keyword or phrase per line; case and Vietnamese accents are ignored</source>
        <translation>Mỗi dòng một từ khóa hoặc cụm từ; không phân biệt hoa thường và dấu tiếng Việt</translation>
    </message>
    <message>
        <source>One topic per line, e.g. billing, shipping, returns</source>
        <translation>Mỗi dòng một chủ đề, vd. thanh toán, giao hàng, đổi trả</translation>
    </message>
    <message>
        <source>Give the guardrail a name.</source>
        <translation>Hãy đặt tên cho rào chắn.</translation>
    </message>
    <message>
        <source>A guardrail named “%1” already exists.</source>
        <translation>Đã có rào chắn tên “%1”.</translation>
    </message>
    <message>
        <source>The description is too long: %1 of at most %2 characters.</source>
        <translation>Mô tả quá dài: %1 trên tối đa %2 ký tự.</translation>
    </message>
    <message>
        <source>List at least one keyword to block.</source>
        <translation>Hãy liệt kê ít nhất một từ khóa cần chặn.</translation>
    </message>
    <message>
        <source>List at least one allowed topic.</source>
        <translation>Hãy liệt kê ít nhất một chủ đề được phép.</translation>
    </message>
    <message>
        <source>Name the agents, or choose All agents.</source>
        <translation>Hãy nêu tên các agent, hoặc chọn Tất cả agent.</translation>
    </message>
    <message>
        <source>Passes: the message goes through unchanged.</source>
        <translation>Đạt: tin nhắn được gửi nguyên vẹn.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The user sees: %1</source>
        <translation>Người dùng thấy: %1</translation>
    </message>
    <message>
        <source>Sent as: %1</source>
        <translation>Đã gửi thành: %1</translation>
    </message>
    <message>
        <source>Toxicity score: %1</source>
        <translation>Điểm độc hại: %1</translation>
    </message>
    <message>
        <source>Describe what the guardrail is for.</source>
        <translation>Hãy mô tả rào chắn này dùng để làm gì.</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyGuardrailsTab</name>
    <message>
        <source>Delete guardrail</source>
        <translation>Xóa rào chắn</translation>
    </message>
    <message>
        <source>Delete the guardrail “%1”?</source>
        <translation>Xóa rào chắn “%1”?</translation>
    </message>
    <message>
        <source>Messages are no longer checked against it. Violations already logged keep their record.</source>
        <translation>Tin nhắn sẽ không còn được kiểm tra theo rào chắn này. Các vi phạm đã ghi vẫn được giữ lại.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Add guardrail…</source>
        <translation>Thêm rào chắn…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Xóa…</translation>
    </message>
    <message>
        <source>No guardrails yet — click Add guardrail…</source>
        <translation>Chưa có rào chắn nào — hãy bấm Thêm rào chắn…</translation>
    </message>
    <message>
        <source>A guardrail checks chat messages before users or agents see them: blocked keywords, allowed topics, a toxicity limit, or medical and legal advice. It can block, warn, rephrase or hold a message for review.</source>
        <translation>Rào chắn kiểm tra tin nhắn chat trước khi người dùng hoặc agent nhìn thấy: từ khóa bị chặn, chủ đề được phép, giới hạn độc hại, hoặc tư vấn y tế và pháp lý. Nó có thể chặn, cảnh báo, diễn đạt lại hoặc giữ tin nhắn lại để duyệt.</translation>
    </message>
    <message>
        <source>Guardrails</source>
        <translation>Rào chắn</translation>
    </message>
    <message>
        <source>Filter guardrails (Ctrl+F)</source>
        <translation>Lọc rào chắn (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter guardrails</source>
        <translation>Lọc rào chắn</translation>
    </message>
    <message>
        <source>No guardrails match the filter</source>
        <translation>Không có rào chắn nào khớp bộ lọc</translation>
    </message>
    <message>
        <source>Try another name or type.</source>
        <translation>Hãy thử tên hoặc loại khác.</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>Xóa bộ lọc</translation>
    </message>
    <message>
        <source>Add a guardrail (Ins)</source>
        <translation>Thêm rào chắn (Ins)</translation>
    </message>
    <message>
        <source>Edit the selected guardrail (F2)</source>
        <translation>Sửa rào chắn đang chọn (F2)</translation>
    </message>
    <message>
        <source>Delete the selected guardrail (Del)</source>
        <translation>Xóa rào chắn đang chọn (Del)</translation>
    </message>
    <message>
        <source>Could not change the guardrail: %1</source>
        <translation>Không thay đổi được rào chắn: %1</translation>
    </message>
    <message>
        <source>Could not add the guardrail: %1</source>
        <translation>Không thêm được rào chắn: %1</translation>
    </message>
    <message>
        <source>Guardrail “%1” added.</source>
        <translation>Đã thêm rào chắn “%1”.</translation>
    </message>
    <message>
        <source>Could not save the guardrail: %1</source>
        <translation>Không lưu được rào chắn: %1</translation>
    </message>
    <message>
        <source>Guardrail “%1” saved.</source>
        <translation>Đã lưu rào chắn “%1”.</translation>
    </message>
    <message>
        <source>Could not delete the guardrail: %1</source>
        <translation>Không xóa được rào chắn: %1</translation>
    </message>
    <message>
        <source>Guardrail “%1” deleted.</source>
        <translation>Đã xóa rào chắn “%1”.</translation>
    </message>
    <message>
        <source>Select a guardrail to see what it checks.</source>
        <translation>Chọn một rào chắn để xem nó kiểm tra những gì.</translation>
    </message>
    <message>
        <source>Blocked keywords: %1</source>
        <translation>Từ khóa bị chặn: %1</translation>
    </message>
    <message>
        <source>Allowed topics: %1</source>
        <translation>Chủ đề được phép: %1</translation>
    </message>
    <message>
        <source>Maximum toxicity: %1</source>
        <translation>Độc hại tối đa: %1</translation>
    </message>
    <message>
        <source>Message to the user: %1</source>
        <translation>Lời nhắn cho người dùng: %1</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyPage</name>
    <message>
        <source>Safety</source>
        <translation>An toàn</translation>
    </message>
    <message>
        <source>Patterns</source>
        <translation>Mẫu nhận dạng</translation>
    </message>
    <message>
        <source>Guardrails</source>
        <translation>Rào chắn</translation>
    </message>
    <message>
        <source>Detections</source>
        <translation>Phát hiện</translation>
    </message>
    <message>
        <source>Violations</source>
        <translation>Vi phạm</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>Hàng chờ duyệt</translation>
    </message>
    <message>
        <source>Add guardrail…</source>
        <translation>Thêm rào chắn…</translation>
    </message>
    <message>
        <source>Add pattern…</source>
        <translation>Thêm mẫu…</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n PII pattern(s) active</source>
        <translation>
            <numerusform>%1/%n mẫu PII đang bật</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n guardrail(s)</source>
        <translation>
            <numerusform>%n rào chắn</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) to review</source>
        <translation>
            <numerusform>%n tin nhắn chờ duyệt</numerusform>
        </translation>
    </message>
    <message>
        <source>Review queue (%1)</source>
        <translation>Hàng chờ duyệt (%1)</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyPatternDialog</name>
    <message>
        <source>&amp;Ignore case</source>
        <translation>&amp;Không phân biệt hoa thường</translation>
    </message>
    <message>
        <source>&amp;Keep the original length</source>
        <translation>&amp;Giữ nguyên độ dài</translation>
    </message>
    <message>
        <source>Acti&amp;ve: detect matches of this pattern</source>
        <translation>Đang dù&amp;ng: phát hiện các khớp của mẫu này</translation>
    </message>
    <message>
        <source>Add PII pattern</source>
        <translation>Thêm mẫu PII</translation>
    </message>
    <message>
        <source>Edit PII pattern</source>
        <translation>Sửa mẫu PII</translation>
    </message>
    <message>
        <source>Add a PII pattern</source>
        <translation>Thêm một mẫu PII</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>Sửa “%1”</translation>
    </message>
    <message>
        <source>This pattern ships with the console: its name and expression are fixed, how its matches are handled can change.</source>
        <translation>Mẫu này có sẵn trong console: tên và biểu thức cố định, còn cách xử lý các khớp thì có thể thay đổi.</translation>
    </message>
    <message>
        <source>Matches of the expression are found in every chat message before it is stored, then handled as set below.</source>
        <translation>Các khớp của biểu thức được tìm trong mọi tin nhắn chat trước khi lưu, rồi được xử lý như thiết lập bên dưới.</translation>
    </message>
    <message>
        <source>e.g. Employee ID</source>
        <translation>vd. Mã nhân viên</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Tên:</translation>
    </message>
    <message>
        <source>RE2 expression, e.g. \bEMP-\d{6}\b</source>
        <translation>Biểu thức RE2, vd. \bEMP-\d{6}\b</translation>
    </message>
    <message>
        <source>RE2 syntax: no backreferences or lookaround, so every pattern runs in linear time.</source>
        <translation>Cú pháp RE2: không có tham chiếu ngược hay lookaround, nên mọi mẫu đều chạy trong thời gian tuyến tính.</translation>
    </message>
    <message>
        <source>&amp;Expression:</source>
        <translation>&amp;Biểu thức:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Danh mục:</translation>
    </message>
    <message>
        <source>&amp;Severity:</source>
        <translation>&amp;Mức độ:</translation>
    </message>
    <message>
        <source>&amp;Redaction:</source>
        <translation>&amp;Cách che:</translation>
    </message>
    <message>
        <source>Mask character</source>
        <translation>Ký tự che</translation>
    </message>
    <message>
        <source>&amp;Mask with:</source>
        <translation>Ch&amp;e bằng:</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Hành động:</translation>
    </message>
    <message>
        <source>&amp;Try it:</source>
        <translation>&amp;Xem thử:</translation>
    </message>
    <message>
        <source>Sample text: what this pattern matches is highlighted</source>
        <translation>Văn bản mẫu: phần khớp với mẫu này được tô sáng</translation>
    </message>
    <message>
        <source>Add pattern</source>
        <translation>Thêm mẫu</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Give the pattern a name.</source>
        <translation>Hãy đặt tên cho mẫu.</translation>
    </message>
    <message>
        <source>A pattern named “%1” already exists.</source>
        <translation>Đã có mẫu tên “%1”.</translation>
    </message>
    <message>
        <source>Enter the expression to look for.</source>
        <translation>Hãy nhập biểu thức cần tìm.</translation>
    </message>
    <message>
        <source>This pattern</source>
        <translation>Mẫu này</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyPatternsTab</name>
    <message>
        <source>Delete pattern</source>
        <translation>Xóa mẫu</translation>
    </message>
    <message>
        <source>Delete the pattern “%1”?</source>
        <translation>Xóa mẫu “%1”?</translation>
    </message>
    <message>
        <source>Messages are no longer checked for it. Detections already logged keep their record.</source>
        <translation>Tin nhắn sẽ không còn được kiểm tra theo mẫu này. Các phát hiện đã ghi vẫn được giữ lại.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Add pattern…</source>
        <translation>Thêm mẫu…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Xóa…</translation>
    </message>
    <message>
        <source>PII patterns</source>
        <translation>Mẫu PII</translation>
    </message>
    <message>
        <source>Filter patterns (Ctrl+F)</source>
        <translation>Lọc mẫu (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter patterns</source>
        <translation>Lọc mẫu</translation>
    </message>
    <message>
        <source>No patterns match the filter</source>
        <translation>Không có mẫu nào khớp bộ lọc</translation>
    </message>
    <message>
        <source>Try another name or category.</source>
        <translation>Hãy thử tên hoặc danh mục khác.</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>Xóa bộ lọc</translation>
    </message>
    <message>
        <source>Live tester</source>
        <translation>Thử trực tiếp</translation>
    </message>
    <message>
        <source>Type a message: what the active patterns find is highlighted, and below is the text that would be stored. Nothing typed here is logged. (Ctrl+T)</source>
        <translation>Nhập một tin nhắn: những gì các mẫu đang bật tìm thấy sẽ được tô sáng, bên dưới là văn bản sẽ được lưu. Nội dung nhập ở đây không được ghi lại. (Ctrl+T)</translation>
    </message>
    <message>
        <source>Add a custom PII pattern (Ins)</source>
        <translation>Thêm mẫu PII tùy chỉnh (Ins)</translation>
    </message>
    <message>
        <source>Edit the selected pattern (F2)</source>
        <translation>Sửa mẫu đang chọn (F2)</translation>
    </message>
    <message>
        <source>Could not change the pattern: %1</source>
        <translation>Không thay đổi được mẫu: %1</translation>
    </message>
    <message>
        <source>Could not add the pattern: %1</source>
        <translation>Không thêm được mẫu: %1</translation>
    </message>
    <message>
        <source>Pattern “%1” added.</source>
        <translation>Đã thêm mẫu “%1”.</translation>
    </message>
    <message>
        <source>Could not save the pattern: %1</source>
        <translation>Không lưu được mẫu: %1</translation>
    </message>
    <message>
        <source>Pattern “%1” saved.</source>
        <translation>Đã lưu mẫu “%1”.</translation>
    </message>
    <message>
        <source>Could not delete the pattern: %1</source>
        <translation>Không xóa được mẫu: %1</translation>
    </message>
    <message>
        <source>Pattern “%1” deleted.</source>
        <translation>Đã xóa mẫu “%1”.</translation>
    </message>
    <message>
        <source>Built-in patterns can be deactivated but not deleted</source>
        <translation>Mẫu có sẵn có thể tắt nhưng không thể xóa</translation>
    </message>
    <message>
        <source>Delete the selected pattern (Del)</source>
        <translation>Xóa mẫu đang chọn (Del)</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyReviewTab</name>
    <message>
        <source>Nothing to review</source>
        <translation>Không có gì cần duyệt</translation>
    </message>
    <message>
        <source>When a guardrail with the Escalate action catches a message, the message waits here until you approve or reject it.</source>
        <translation>Khi một rào chắn có hành động Chuyển để duyệt giữ lại một tin nhắn, tin nhắn sẽ chờ ở đây cho đến khi bạn duyệt hoặc từ chối.</translation>
    </message>
    <message>
        <source>Messages waiting for review</source>
        <translation>Tin nhắn đang chờ duyệt</translation>
    </message>
    <message>
        <source>Escalated message</source>
        <translation>Tin nhắn được chuyển duyệt</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Từ chối</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Duyệt</translation>
    </message>
    <message>
        <source>Select a message to review</source>
        <translation>Chọn một tin nhắn để duyệt</translation>
    </message>
    <message>
        <source>Escalated by “%1”</source>
        <translation>Được chuyển bởi “%1”</translation>
    </message>
    <message>
        <source>confidence %1</source>
        <translation>độ tin cậy %1</translation>
    </message>
    <message>
        <source>conversation %1</source>
        <translation>hội thoại %1</translation>
    </message>
    <message>
        <source>Could not resolve the escalation: %1</source>
        <translation>Không xử lý được yêu cầu duyệt: %1</translation>
    </message>
    <message>
        <source>Message approved.</source>
        <translation>Đã duyệt tin nhắn.</translation>
    </message>
    <message>
        <source>Message rejected.</source>
        <translation>Đã từ chối tin nhắn.</translation>
    </message>
    <message>
        <source>Approve marks the message as acceptable; Reject confirms the violation. The decision is recorded in the violations log.</source>
        <translation>Duyệt nghĩa là tin nhắn chấp nhận được; Từ chối xác nhận vi phạm. Quyết định được ghi vào nhật ký vi phạm.</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyTester</name>
    <message>
        <source>Sample text</source>
        <translation>Văn bản mẫu</translation>
    </message>
    <message>
        <source>Stored as</source>
        <translation>Được lưu thành</translation>
    </message>
    <message>
        <source>Type or paste a message, e.g. “my card is 4111 1111 1111 1111”</source>
        <translation>Nhập hoặc dán một tin nhắn, vd. “thẻ của tôi là 4111 1111 1111 1111”</translation>
    </message>
    <message>
        <source>Sample text to test the PII patterns on</source>
        <translation>Văn bản mẫu để thử các mẫu PII</translation>
    </message>
    <message>
        <source>Redacted preview</source>
        <translation>Bản xem trước đã che</translation>
    </message>
    <message>
        <source>The redacted message appears here.</source>
        <translation>Tin nhắn đã che hiện ở đây.</translation>
    </message>
    <message>
        <source>Matches are highlighted as you type.</source>
        <translation>Các khớp được tô sáng khi bạn gõ.</translation>
    </message>
    <message>
        <source>Cannot test this text: %1</source>
        <translation>Không thể thử văn bản này: %1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No PII found: the message is stored as written.</source>
        <translation>Không tìm thấy PII: tin nhắn được lưu nguyên văn.</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es): %1</source>
        <translation>
            <numerusform>%n khớp: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>A pattern with the Block action matches: this message would be rejected.</source>
        <translation>Có mẫu với hành động Chặn khớp: tin nhắn này sẽ bị từ chối.</translation>
    </message>
    <message>
        <source>An administrator would be alerted about this message.</source>
        <translation>Quản trị viên sẽ được cảnh báo về tin nhắn này.</translation>
    </message>
    <message>
        <source>(blocked: not stored)</source>
        <translation>(bị chặn: không được lưu)</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyViolationsTab</name>
    <message>
        <source>Guardrail filter</source>
        <translation>Lọc theo rào chắn</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Mọi hành động</translation>
    </message>
    <message>
        <source>Action filter</source>
        <translation>Lọc theo hành động</translation>
    </message>
    <message>
        <source>Guardrail violations</source>
        <translation>Vi phạm rào chắn</translation>
    </message>
    <message>
        <source>No guardrail violations</source>
        <translation>Không có vi phạm rào chắn nào</translation>
    </message>
    <message>
        <source>Messages that a guardrail blocks, warns about, rephrases or escalates are logged here.</source>
        <translation>Các tin nhắn bị rào chắn chặn, cảnh báo, diễn đạt lại hoặc chuyển duyệt được ghi lại ở đây.</translation>
    </message>
    <message>
        <source>No violations match the filters</source>
        <translation>Không có vi phạm nào khớp bộ lọc</translation>
    </message>
    <message>
        <source>Try another guardrail or action.</source>
        <translation>Hãy thử rào chắn hoặc hành động khác.</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Xóa bộ lọc</translation>
    </message>
    <message>
        <source>Could not load violations: %1</source>
        <translation>Không tải được danh sách vi phạm: %1</translation>
    </message>
    <message numerus="yes">
        <source>Latest %n violation(s)</source>
        <translation>
            <numerusform>%n vi phạm gần nhất</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n violation(s)</source>
        <translation>
            <numerusform>%n vi phạm</numerusform>
        </translation>
    </message>
    <message>
        <source>All guardrails</source>
        <translation>Mọi rào chắn</translation>
    </message>
    <message>
        <source>%1 · %2 · confidence %3</source>
        <translation>%1 · %2 · độ tin cậy %3</translation>
    </message>
    <message>
        <source>Issue: %1</source>
        <translation>Vấn đề: %1</translation>
    </message>
    <message>
        <source>Message: %1</source>
        <translation>Tin nhắn: %1</translation>
    </message>
    <message>
        <source>Sent as: %1</source>
        <translation>Đã gửi thành: %1</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>127.0.0.1 — this computer only</source>
        <translation>127.0.0.1 — chỉ máy tính này</translation>
    </message>
    <message>
        <source>0.0.0.0 — all network interfaces</source>
        <translation>0.0.0.0 — mọi giao diện mạng</translation>
    </message>
    <message>
        <source>&amp;Listen address:</source>
        <translation>Địa chỉ &amp;lắng nghe:</translation>
    </message>
    <message>
        <source>Enter an IPv4 or IPv6 address.</source>
        <translation>Hãy nhập một địa chỉ IPv4 hoặc IPv6.</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Cổng:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> giây</translation>
    </message>
    <message>
        <source>&amp;Heartbeat interval:</source>
        <translation>Chu kỳ &amp;heartbeat:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <source>&amp;Data directory:</source>
        <translation>Thư mục &amp;dữ liệu:</translation>
    </message>
    <message>
        <source> °C</source>
        <translation> °C</translation>
    </message>
    <message>
        <source>GPU &amp;temperature alert:</source>
        <translation>Cảnh báo &amp;nhiệt độ GPU:</translation>
    </message>
    <message>
        <source>These settings are read when AIOps Console starts: restart it to apply a new listen address, port, data directory, heartbeat interval or alert threshold.</source>
        <translation>Các cài đặt này được đọc khi AIOps Console khởi động: hãy khởi động lại để áp dụng địa chỉ lắng nghe, cổng, thư mục dữ liệu, chu kỳ heartbeat hoặc ngưỡng cảnh báo mới.</translation>
    </message>
    <message>
        <source>Data directory</source>
        <translation>Thư mục dữ liệu</translation>
    </message>
    <message>
        <source>&amp;Redact personal data and secrets in logs</source>
        <translation>Ẩn &amp;dữ liệu cá nhân và bí mật trong nhật ký</translation>
    </message>
    <message>
        <source>Log lines are scanned for PII, tokens, passwords and home paths before they are written. Turn off only to debug, and never on a shared machine.</source>
        <translation>Mỗi dòng nhật ký được quét tìm dữ liệu cá nhân, token, mật khẩu và đường dẫn thư mục người dùng trước khi ghi. Chỉ tắt khi gỡ lỗi, và không bao giờ tắt trên máy dùng chung.</translation>
    </message>
    <message>
        <source>Logging:</source>
        <translation>Nhật ký:</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::Sidebar</name>
    <message>
        <source>AIOps Console</source>
        <translation>AIOps Console</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
</context>
</TS>
