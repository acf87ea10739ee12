<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>Permissions</name>
    <message>
        <source>You need to sign in.</source>
        <translation>Bạn cần đăng nhập.</translation>
    </message>
    <message>
        <source>Viewing needs any role.</source>
        <translation>Cần có một vai trò bất kỳ để xem.</translation>
    </message>
    <message>
        <source>Chatting with agents needs any role.</source>
        <translation>Cần có một vai trò bất kỳ để trò chuyện với agent.</translation>
    </message>
    <message>
        <source>Deploying models needs an owner or editor role.</source>
        <translation>Triển khai mô hình cần vai trò chủ sở hữu hoặc biên tập viên.</translation>
    </message>
    <message>
        <source>Registering and changing GPU nodes needs an owner or editor role.</source>
        <translation>Đăng ký và thay đổi node GPU cần vai trò chủ sở hữu hoặc biên tập viên.</translation>
    </message>
    <message>
        <source>Creating agents needs an owner or editor role.</source>
        <translation>Tạo agent cần vai trò chủ sở hữu hoặc biên tập viên.</translation>
    </message>
    <message>
        <source>Deploying MCP tools needs an owner or editor role.</source>
        <translation>Triển khai công cụ MCP cần vai trò chủ sở hữu hoặc biên tập viên.</translation>
    </message>
    <message>
        <source>Changing PII patterns and guardrails needs an owner or editor role.</source>
        <translation>Thay đổi mẫu PII và guardrail cần vai trò chủ sở hữu hoặc biên tập viên.</translation>
    </message>
    <message>
        <source>Revealing tokenized values needs an owner or editor role.</source>
        <translation>Hiển thị giá trị đã mã hóa token cần vai trò chủ sở hữu hoặc biên tập viên.</translation>
    </message>
    <message>
        <source>Managing API keys needs an owner or editor role.</source>
        <translation>Quản lý khóa API cần vai trò chủ sở hữu hoặc biên tập viên.</translation>
    </message>
    <message>
        <source>Managing users needs an owner role.</source>
        <translation>Quản lý người dùng cần vai trò chủ sở hữu.</translation>
    </message>
    <message>
        <source>The audit log is visible to owners.</source>
        <translation>Nhật ký kiểm toán chỉ hiển thị với chủ sở hữu.</translation>
    </message>
    <message>
        <source>Managing organizations needs the universe owner role.</source>
        <translation>Quản lý tổ chức cần vai trò chủ sở hữu toàn hệ thống.</translation>
    </message>
    <message>
        <source>Inference needs any role or an API key.</source>
        <translation>Suy luận cần một vai trò bất kỳ hoặc một khóa API.</translation>
    </message>
    <message>
        <source>Only node daemons use this.</source>
        <translation>Chỉ daemon của node dùng chức năng này.</translation>
    </message>
    <message>
        <source>Downloading model files needs any role or a node credential.</source>
        <translation>Tải tệp mô hình cần một vai trò bất kỳ hoặc thông tin xác thực của nút.</translation>
    </message>
    <message>
        <source>The MCP ops tools need any role or an API key.</source>
        <translation>Công cụ vận hành MCP cần một vai trò bất kỳ hoặc một khóa API.</translation>
    </message>
</context>
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
    <message>
        <source>cannot enroll the local node: %1</source>
        <translation>không thể đăng ký node cục bộ: %1</translation>
    </message>
    <message>
        <source>AIOps Console — %1</source>
        <translation>AIOps Console — %1</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Đã đăng xuất</translation>
    </message>
    <message>
        <source>The remote session ended: %1</source>
        <translation>Phiên làm việc từ xa đã kết thúc: %1</translation>
    </message>
    <message>
        <source>could not store the secret %1: %2</source>
        <translation>không thể lưu bí mật %1: %2</translation>
    </message>
    <message>
        <source>cannot issue a new enrollment token for the local node: %1</source>
        <translation>không thể cấp mã đăng ký mới cho nút cục bộ: %1</translation>
    </message>
    <message>
        <source>the local aiops-node&apos;s enrollment token was already spent; it got a new one.</source>
        <translation>mã đăng ký của aiops-node cục bộ đã được dùng; nút đã nhận mã mới.</translation>
    </message>
    <message>
        <source>local aiops-node stopped: %1</source>
        <translation>aiops-node cục bộ đã dừng: %1</translation>
    </message>
    <message>
        <source>Local node stopped</source>
        <translation>Nút cục bộ đã dừng</translation>
    </message>
</context>
<context>
    <name>aiops::app::LocalNodeSupervisor</name>
    <message numerus="yes">
        <source>the controller refused %n fresh enrollment token(s) in a row</source>
        <translation>
            <numerusform>bộ điều khiển từ chối %n mã đăng ký mới liên tiếp</numerusform>
        </translation>
    </message>
    <message>
        <source>the controller refused its enrollment token and no new one could be issued</source>
        <translation>bộ điều khiển từ chối mã đăng ký của nút và không thể cấp mã mới</translation>
    </message>
</context>
<context>
    <name>aiops::app::SecretCache</name>
    <message>
        <source>the OS keychain is not available (%1); keeping secrets in %2 (mode 0600).</source>
        <translation>kho khóa của hệ điều hành không khả dụng (%1); bí mật được lưu trong %2 (quyền 0600).</translation>
    </message>
    <message>
        <source>the keychain did not keep %1</source>
        <translation>kho khóa không giữ lại %1</translation>
    </message>
    <message>
        <source>cannot delete %1</source>
        <translation>không xóa được %1</translation>
    </message>
    <message>
        <source>the console&apos;s secrets are in %1 (mode 0600), where an earlier start kept them; the OS keychain refused them then and is tried again after %2 days.</source>
        <translation>bí mật của bảng điều khiển nằm trong %1 (quyền 0600), nơi lần khởi động trước đã lưu; khi đó kho khóa của hệ điều hành đã từ chối và sẽ được thử lại sau %2 ngày.</translation>
    </message>
    <message>
        <source>moved the secrets in %1 (%2) to the OS keychain and deleted the file.</source>
        <translation>đã chuyển các bí mật trong %1 (%2) vào kho khóa của hệ điều hành và xóa tệp.</translation>
    </message>
    <message>
        <source>the console&apos;s secrets stay in %1 (mode 0600): the OS keychain did not store them (%2); it is tried again after %3 days.</source>
        <translation>bí mật của bảng điều khiển vẫn nằm trong %1 (quyền 0600): kho khóa của hệ điều hành không lưu được (%2); sẽ thử lại sau %3 ngày.</translation>
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
    <message>
        <source>Model downloaded</source>
        <translation>Đã tải mô hình</translation>
    </message>
    <message>
        <source>%1 is in the registry and ready to deploy.</source>
        <translation>%1 đã có trong kho mô hình và sẵn sàng triển khai.</translation>
    </message>
    <message>
        <source>Model download failed</source>
        <translation>Tải mô hình thất bại</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Model %1 is running</source>
        <translation>Mô hình %1 đang chạy</translation>
    </message>
    <message>
        <source>Send requests to %1</source>
        <translation>Gửi yêu cầu tới %1</translation>
    </message>
    <message>
        <source>Deployment of %1 failed</source>
        <translation>Triển khai %1 thất bại</translation>
    </message>
    <message>
        <source>Agent %1 stopped with an error</source>
        <translation>Agent %1 đã dừng do lỗi</translation>
    </message>
</context>
<context>
    <name>aiops::models::ApiKeyTableModel</name>
    <message>
        <source>All models</source>
        <translation>Tất cả mô hình</translation>
    </message>
    <message>
        <source>per minute</source>
        <translation>mỗi phút</translation>
    </message>
    <message>
        <source>per hour</source>
        <translation>mỗi giờ</translation>
    </message>
    <message>
        <source>per day</source>
        <translation>mỗi ngày</translation>
    </message>
    <message>
        <source>per week</source>
        <translation>mỗi tuần</translation>
    </message>
    <message>
        <source>per 30 days</source>
        <translation>mỗi 30 ngày</translation>
    </message>
    <message numerus="yes">
        <source>per %n second(s)</source>
        <translation>
            <numerusform>mỗi %n giây</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation>%1 yêu cầu</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 token</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Không giới hạn</translation>
    </message>
    <message>
        <source>%1/s, burst %2</source>
        <translation>%1/giây, dồn tối đa %2</translation>
    </message>
    <message>
        <source>%1 requests · %2 tokens</source>
        <translation>%1 yêu cầu · %2 token</translation>
    </message>
    <message>
        <source>Only the beginning of the key is kept for recognising it; the key itself is stored hashed.</source>
        <translation>Chỉ phần đầu của khóa được giữ để nhận diện; bản thân khóa được lưu dưới dạng băm.</translation>
    </message>
    <message>
        <source>Use in the current quota window</source>
        <translation>Mức dùng trong chu kỳ hạn mức hiện tại</translation>
    </message>
    <message>
        <source>Revoked %1</source>
        <translation>Đã thu hồi %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Khóa</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>Hạn mức</translation>
    </message>
    <message>
        <source>Rate limit</source>
        <translation>Giới hạn tốc độ</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Đã dùng</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Ngày tạo</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Dùng lần cuối</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
</context>
<context>
    <name>aiops::models::AuditLogModel</name>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation>Yêu cầu %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>Địa chỉ IP</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Hành động</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>Tài nguyên</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Rủi ro</translation>
    </message>
</context>
<context>
    <name>aiops::models::DeploymentTableModel</name>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Phiên bản chạy</translation>
    </message>
    <message>
        <source>Node / GPUs</source>
        <translation>Node / GPU</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Sức khỏe</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Yêu cầu</translation>
    </message>
    <message>
        <source>Avg latency</source>
        <translation>Độ trễ TB</translation>
    </message>
    <message>
        <source>Last request</source>
        <translation>Yêu cầu gần nhất</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Đang chạy</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Đã dừng</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Thất bại</translation>
    </message>
    <message>
        <source>Deploying · %1 %2 %</source>
        <translation>Đang triển khai · %1 %2 %</translation>
    </message>
    <message>
        <source>Deploying · %1</source>
        <translation>Đang triển khai · %1</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>đang chờ</translation>
    </message>
    <message>
        <source>placing</source>
        <translation>đang chọn vị trí</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>đang tải mô hình</translation>
    </message>
    <message>
        <source>pulling</source>
        <translation>đang kéo image</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>đang khởi động</translation>
    </message>
    <message>
        <source>health check</source>
        <translation>kiểm tra sức khỏe</translation>
    </message>
    <message>
        <source>running</source>
        <translation>đang chạy</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>Khỏe</translation>
    </message>
    <message>
        <source>Unhealthy</source>
        <translation>Không khỏe</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Không rõ</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>Chỉ CPU</translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message>
        <source>GPUs %1</source>
        <translation>GPU %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>aiops::models::DownloadListModel</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1 kB</source>
        <translation>%1 kB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>%1 kB/s</source>
        <translation>%1 kB/s</translation>
    </message>
    <message>
        <source>%1 MB/s</source>
        <translation>%1 MB/s</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>còn chưa đến một phút</translation>
    </message>
    <message numerus="yes">
        <source>%n min left</source>
        <translation>
            <numerusform>còn %n phút</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h left</source>
        <translation>
            <numerusform>còn %n giờ</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting to start</source>
        <translation>Đang chờ bắt đầu</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Đang tải xuống</translation>
    </message>
    <message>
        <source>Paused — resumes when the console restarts</source>
        <translation>Tạm dừng — tiếp tục khi bảng điều khiển khởi động lại</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Thất bại</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Hoàn tất</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <source>This model needs a HuggingFace token: add one in Settings</source>
        <translation>Mô hình này cần token HuggingFace: hãy thêm token trong Cài đặt</translation>
    </message>
    <message>
        <source>Accept the model&apos;s license on huggingface.co first</source>
        <translation>Hãy chấp nhận giấy phép của mô hình trên huggingface.co trước</translation>
    </message>
    <message>
        <source>No such model</source>
        <translation>Không có mô hình này</translation>
    </message>
    <message>
        <source>Not enough disk space: %1 needed, %2 free</source>
        <translation>Không đủ dung lượng đĩa: cần %1, còn trống %2</translation>
    </message>
    <message>
        <source>Not enough disk space</source>
        <translation>Không đủ dung lượng đĩa</translation>
    </message>
    <message>
        <source>Not enough disk space: %1</source>
        <translation>Không đủ dung lượng đĩa: %1</translation>
    </message>
    <message>
        <source>The download failed (%1)</source>
        <translation>Tải xuống thất bại (%1)</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>lỗi không xác định</translation>
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
    <name>aiops::models::IamFormat</name>
    <message>
        <source>Universe owner</source>
        <translation>Chủ sở hữu toàn hệ thống</translation>
    </message>
    <message>
        <source>Universe editor</source>
        <translation>Biên tập viên toàn hệ thống</translation>
    </message>
    <message>
        <source>Universe viewer</source>
        <translation>Người xem toàn hệ thống</translation>
    </message>
    <message>
        <source>Organization owner</source>
        <translation>Chủ sở hữu tổ chức</translation>
    </message>
    <message>
        <source>Organization editor</source>
        <translation>Biên tập viên tổ chức</translation>
    </message>
    <message>
        <source>Organization viewer</source>
        <translation>Người xem tổ chức</translation>
    </message>
    <message>
        <source>Everything in every organization, including users and the audit log.</source>
        <translation>Toàn quyền ở mọi tổ chức, kể cả người dùng và nhật ký kiểm toán.</translation>
    </message>
    <message>
        <source>Deploy, register nodes and create agents in every organization.</source>
        <translation>Triển khai, đăng ký node và tạo agent ở mọi tổ chức.</translation>
    </message>
    <message>
        <source>Read-only access to every organization.</source>
        <translation>Chỉ xem mọi tổ chức.</translation>
    </message>
    <message>
        <source>Everything in their organization, including its users and audit log.</source>
        <translation>Toàn quyền trong tổ chức của mình, kể cả người dùng và nhật ký kiểm toán.</translation>
    </message>
    <message>
        <source>Deploy, register nodes and create agents in their organization.</source>
        <translation>Triển khai, đăng ký node và tạo agent trong tổ chức của mình.</translation>
    </message>
    <message>
        <source>Read-only access to their organization.</source>
        <translation>Chỉ xem tổ chức của mình.</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Chưa bao giờ</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Đang hoạt động</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Đã vô hiệu hóa</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Đã thu hồi</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Thành công</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>Thất bại</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Đọc</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Ghi</translation>
    </message>
    <message>
        <source>Execute</source>
        <translation>Thực thi</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>Nâng quyền</translation>
    </message>
</context>
<context>
    <name>aiops::models::ModelTableModel</name>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tác vụ</translation>
    </message>
    <message>
        <source>Framework</source>
        <translation>Framework</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Tham số</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>LLM</source>
        <translation>LLM</translation>
    </message>
    <message>
        <source>NLP</source>
        <translation>NLP</translation>
    </message>
    <message>
        <source>Speech recognition</source>
        <translation>Nhận dạng giọng nói</translation>
    </message>
    <message>
        <source>Text to speech</source>
        <translation>Chuyển văn bản thành giọng nói</translation>
    </message>
    <message>
        <source>Computer vision</source>
        <translation>Thị giác máy tính</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Tùy chỉnh</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Sẵn sàng</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Đang tải xuống</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Thất bại</translation>
    </message>
    <message>
        <source>%1B</source>
        <translation>%1 tỷ</translation>
    </message>
    <message>
        <source>%1M</source>
        <translation>%1 triệu</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>Copying to S3</source>
        <translation>Đang sao chép lên S3</translation>
    </message>
</context>
<context>
    <name>aiops::models::NodeCredentialModel</name>
    <message>
        <source>Revoked %1: the node must enroll again with a new token.</source>
        <translation>Đã thu hồi %1: node phải đăng ký lại bằng token mới.</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <source>Node ID</source>
        <translation>ID node</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Ngày đăng ký</translation>
    </message>
    <message>
        <source>Last connected</source>
        <translation>Kết nối lần cuối</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
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
    <name>aiops::models::RemoteSession</name>
    <message>
        <source>Enter the controller&apos;s address.</source>
        <translation>Nhập địa chỉ của bộ điều khiển.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid address.</source>
        <translation>&quot;%1&quot; không phải là địa chỉ hợp lệ.</translation>
    </message>
    <message>
        <source>The address must start with http:// or https://.</source>
        <translation>Địa chỉ phải bắt đầu bằng http:// hoặc https://.</translation>
    </message>
    <message>
        <source>Enter only the controller&apos;s address, without user name, query or fragment.</source>
        <translation>Chỉ nhập địa chỉ của bộ điều khiển, không kèm tên người dùng, truy vấn hay phân đoạn.</translation>
    </message>
    <message>
        <source>The controller answered HTTP %1.</source>
        <translation>Bộ điều khiển trả lời HTTP %1.</translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation>Chưa đăng nhập.</translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation>Đã đăng xuất.</translation>
    </message>
    <message>
        <source>The controller sent an answer that is not JSON.</source>
        <translation>Bộ điều khiển gửi câu trả lời không phải JSON.</translation>
    </message>
    <message>
        <source>The connection to %1 is not secure: %2</source>
        <translation>Kết nối tới %1 không an toàn: %2</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2</source>
        <translation>Kết nối bảo mật tới %1 thất bại: %2</translation>
    </message>
    <message>
        <source>%1 did not answer in time.</source>
        <translation>%1 không trả lời kịp thời.</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>Không kết nối được tới %1: %2</translation>
    </message>
    <message>
        <source>The controller&apos;s answer has no tokens.</source>
        <translation>Câu trả lời của bộ điều khiển không có token.</translation>
    </message>
</context>
<context>
    <name>aiops::models::RestNodeService</name>
    <message>
        <source>reported offline by the controller</source>
        <translation>bộ điều khiển báo đã ngoại tuyến</translation>
    </message>
    <message>
        <source>Not signed in to the controller.</source>
        <translation>Chưa đăng nhập vào bộ điều khiển.</translation>
    </message>
    <message>
        <source>The controller did not answer in time.</source>
        <translation>Bộ điều khiển không trả lời kịp thời.</translation>
    </message>
    <message>
        <source>The controller&apos;s answer has no enrollment token.</source>
        <translation>Câu trả lời của bộ điều khiển không có token đăng ký.</translation>
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
    <name>aiops::models::UserTableModel</name>
    <message>
        <source>A disabled user cannot sign in; their data and API keys are kept.</source>
        <translation>Người dùng bị vô hiệu hóa không đăng nhập được; dữ liệu và khóa API của họ vẫn được giữ.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Tổ chức</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Đăng nhập lần cuối</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::AddModelDialog</name>
    <message>
        <source>Add model from HuggingFace</source>
        <translation>Thêm mô hình từ HuggingFace</translation>
    </message>
    <message>
        <source>Name a HuggingFace repository. The console reads its file list and configuration first, so you see the size and GPU memory it needs before anything is downloaded.</source>
        <translation>Nhập một kho HuggingFace. Bảng điều khiển đọc danh sách tệp và cấu hình trước, để bạn thấy dung lượng và bộ nhớ GPU cần thiết trước khi tải bất cứ thứ gì.</translation>
    </message>
    <message>
        <source>org/name or https://huggingface.co/org/name</source>
        <translation>org/name hoặc https://huggingface.co/org/name</translation>
    </message>
    <message>
        <source>&amp;Repository:</source>
        <translation>&amp;Kho:</translation>
    </message>
    <message>
        <source>A branch, tag or commit of the repository</source>
        <translation>Một nhánh, thẻ hoặc commit của kho</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Xem trước</translation>
    </message>
    <message>
        <source>Re&amp;vision:</source>
        <translation>&amp;Revision:</translation>
    </message>
    <message>
        <source>Reading the repository</source>
        <translation>Đang đọc kho</translation>
    </message>
    <message>
        <source>Reading the file list and configuration…</source>
        <translation>Đang đọc danh sách tệp và cấu hình…</translation>
    </message>
    <message>
        <source>Total size</source>
        <translation>Tổng dung lượng</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Tham số</translation>
    </message>
    <message>
        <source>Data type</source>
        <translation>Kiểu dữ liệu</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Độ dài ngữ cảnh</translation>
    </message>
    <message>
        <source>Estimated GPU memory</source>
        <translation>Bộ nhớ GPU ước tính</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tác vụ</translation>
    </message>
    <message>
        <source>The serving framework suggested from the model&apos;s format; you can change it</source>
        <translation>Framework phục vụ được gợi ý theo định dạng của mô hình; bạn có thể đổi</translation>
    </message>
    <message>
        <source>Framework</source>
        <translation>Framework</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Giấy phép</translation>
    </message>
    <message>
        <source>⚠ This model is gated: accept its license on huggingface.co with the account of your HuggingFace token, or the download is refused.</source>
        <translation>⚠ Mô hình này bị giới hạn truy cập: hãy chấp nhận giấy phép trên huggingface.co bằng tài khoản của token HuggingFace, nếu không việc tải xuống sẽ bị từ chối.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>&amp;Tải xuống</translation>
    </message>
    <message>
        <source>Enter a repository as org/name (for example Qwen/Qwen2.5-0.5B-Instruct) or paste its huggingface.co address.</source>
        <translation>Nhập kho dạng org/name (ví dụ Qwen/Qwen2.5-0.5B-Instruct) hoặc dán địa chỉ huggingface.co của nó.</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 tại %2</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 token</translation>
    </message>
    <message>
        <source>Not stated — check the model card</source>
        <translation>Không ghi rõ — hãy xem thẻ mô hình</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n tệp</numerusform>
        </translation>
    </message>
    <message>
        <source>%1
sha256 %2</source>
        <translation>%1
sha256 %2</translation>
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
        <source>The controller only listens on this computer (%1), so only a node on this computer can connect. To add other machines, set the listen address in Settings and restart the console.</source>
        <translation>Bộ điều khiển chỉ lắng nghe trên máy tính này (%1), nên chỉ node trên máy này mới kết nối được. Để thêm máy khác, hãy đặt địa chỉ lắng nghe trong Cài đặt rồi khởi động lại ứng dụng.</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Đã sao chép</translation>
    </message>
    <message>
        <source>Enrollment token</source>
        <translation>Token đăng ký</translation>
    </message>
    <message>
        <source>Enrollment &amp;token:</source>
        <translation>&amp;Token đăng ký:</translation>
    </message>
    <message>
        <source>&amp;New token</source>
        <translation>Token &amp;mới</translation>
    </message>
    <message>
        <source>Issue another one-time token, for example for a second machine.</source>
        <translation>Cấp thêm một token dùng một lần, ví dụ cho máy thứ hai.</translation>
    </message>
    <message>
        <source>You may not add nodes: %1</source>
        <translation>Bạn không được thêm node: %1</translation>
    </message>
    <message>
        <source>Could not create an enrollment token: %1</source>
        <translation>Không tạo được token đăng ký: %1</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Thử lại</translation>
    </message>
    <message>
        <source>Valid until %1, single use. Keep it private: anyone who has it can add a machine to this controller.</source>
        <translation>Có hiệu lực đến %1, chỉ dùng một lần. Hãy giữ bí mật: ai có token đều có thể thêm máy vào controller này.</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::AgentDialog</name>
    <message>
        <source>New agent</source>
        <translation>Agent mới</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Chung</translation>
    </message>
    <message>
        <source>e.g. Support bot</source>
        <translation>ví dụ: Bot hỗ trợ</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Tên:</translation>
    </message>
    <message>
        <source>What this agent is for (optional)</source>
        <translation>Agent này dùng để làm gì (không bắt buộc)</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Mô tả:</translation>
    </message>
    <message>
        <source>Language model</source>
        <translation>Mô hình ngôn ngữ</translation>
    </message>
    <message>
        <source>Deployment on this &amp;cluster</source>
        <translation>Bản triển khai trên &amp;cụm này</translation>
    </message>
    <message>
        <source>Running deployment</source>
        <translation>Bản triển khai đang chạy</translation>
    </message>
    <message>
        <source>&amp;Provider</source>
        <translation>&amp;Nhà cung cấp</translation>
    </message>
    <message>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <source>Anthropic</source>
        <translation>Anthropic</translation>
    </message>
    <message>
        <source>Ollama</source>
        <translation>Ollama</translation>
    </message>
    <message>
        <source>OpenAI-compatible URL</source>
        <translation>URL tương thích OpenAI</translation>
    </message>
    <message>
        <source>Pro&amp;vider:</source>
        <translation>Nhà cung &amp;cấp:</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>Mô &amp;hình:</translation>
    </message>
    <message>
        <source>&amp;Endpoint URL:</source>
        <translation>URL &amp;endpoint:</translation>
    </message>
    <message>
        <source>Stored in the system keychain, never in the database.</source>
        <translation>Lưu trong kho khóa của hệ thống, không bao giờ trong cơ sở dữ liệu.</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>&amp;Khóa API:</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>Hướng dẫn</translation>
    </message>
    <message>
        <source>Use a saved &amp;instruction</source>
        <translation>Dùng một &amp;hướng dẫn đã lưu</translation>
    </message>
    <message>
        <source>Saved instruction</source>
        <translation>Hướng dẫn đã lưu</translation>
    </message>
    <message>
        <source>&amp;Write the instructions here</source>
        <translation>&amp;Viết hướng dẫn tại đây</translation>
    </message>
    <message>
        <source>You are a helpful assistant for …</source>
        <translation>Bạn là trợ lý hữu ích cho …</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Công cụ</translation>
    </message>
    <message>
        <source>Tools the agent may use</source>
        <translation>Các công cụ agent được dùng</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Quyền riêng tư</translation>
    </message>
    <message>
        <source>&amp;Local only</source>
        <translation>&amp;Chỉ cục bộ</translation>
    </message>
    <message>
        <source>Requests never leave this cluster; cloud providers are refused.</source>
        <translation>Yêu cầu không bao giờ rời khỏi cụm này; nhà cung cấp đám mây bị từ chối.</translation>
    </message>
    <message>
        <source>&amp;Allow cloud APIs</source>
        <translation>Cho &amp;phép API đám mây</translation>
    </message>
    <message>
        <source>The configured provider is used, wherever it runs.</source>
        <translation>Dùng nhà cung cấp đã cấu hình, dù nó chạy ở đâu.</translation>
    </message>
    <message>
        <source>H&amp;ybrid</source>
        <translation>&amp;Kết hợp</translation>
    </message>
    <message>
        <source>Local models first; a cloud provider only when no local one can answer.</source>
        <translation>Ưu tiên mô hình cục bộ; chỉ dùng nhà cung cấp đám mây khi không mô hình cục bộ nào trả lời được.</translation>
    </message>
    <message>
        <source>Store &amp;token counts only (no message text)</source>
        <translation>Chỉ lưu số &amp;token (không lưu nội dung tin nhắn)</translation>
    </message>
    <message>
        <source>Conversations keep their token usage, but no message, tool input or output is saved.</source>
        <translation>Cuộc trò chuyện giữ lại lượng token đã dùng, nhưng không lưu tin nhắn, đầu vào hay đầu ra của công cụ.</translation>
    </message>
    <message>
        <source>Not available: this console is not connected to a controller that runs deployments.</source>
        <translation>Không khả dụng: console này không kết nối tới controller chạy các bản triển khai.</translation>
    </message>
    <message>
        <source>%1 · on %2</source>
        <translation>%1 · trên %2</translation>
    </message>
    <message>
        <source>The agent talks to the model through the controller; nothing leaves the cluster.</source>
        <translation>Agent trao đổi với mô hình qua controller; không có gì rời khỏi cụm.</translation>
    </message>
    <message>
        <source>No deployment is running. Deploy a model on the Deployments page first.</source>
        <translation>Không có bản triển khai nào đang chạy. Hãy triển khai một mô hình ở trang Triển khai trước.</translation>
    </message>
    <message>
        <source>No instructions</source>
        <translation>Không có hướng dẫn</translation>
    </message>
    <message>
        <source>%1 (inactive)</source>
        <translation>%1 (không hoạt động)</translation>
    </message>
    <message>
        <source>active</source>
        <translation>hoạt động</translation>
    </message>
    <message>
        <source>error</source>
        <translation>lỗi</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>không hoạt động</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>No tools registered yet (add them on the Tools page).</source>
        <translation>Chưa đăng ký công cụ nào (thêm ở trang Công cụ).</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>Sửa “%1”</translation>
    </message>
    <message>
        <source>%1 (not running)</source>
        <translation>%1 (không chạy)</translation>
    </message>
    <message>
        <source>A key is stored — leave empty to keep it</source>
        <translation>Đã lưu một khóa — để trống để giữ nguyên</translation>
    </message>
    <message>
        <source>Stored in the system keychain. Leaving the field empty keeps the stored key.</source>
        <translation>Lưu trong kho khóa của hệ thống. Để trống ô này thì khóa đã lưu được giữ nguyên.</translation>
    </message>
    <message>
        <source>the model name the server expects</source>
        <translation>tên mô hình mà máy chủ yêu cầu</translation>
    </message>
    <message>
        <source>usually not needed</source>
        <translation>thường không cần</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>Hãy nhập tên.</translation>
    </message>
    <message>
        <source>Keep the description under %1 characters.</source>
        <translation>Mô tả phải ít hơn %1 ký tự.</translation>
    </message>
    <message>
        <source>Choose a running deployment.</source>
        <translation>Hãy chọn một bản triển khai đang chạy.</translation>
    </message>
    <message>
        <source>Enter the model name.</source>
        <translation>Hãy nhập tên mô hình.</translation>
    </message>
    <message>
        <source>Enter the server’s URL, e.g. https://llm.example.com/v1.</source>
        <translation>Hãy nhập URL của máy chủ, ví dụ https://llm.example.com/v1.</translation>
    </message>
    <message>
        <source>Enter an http:// or https:// URL.</source>
        <translation>Hãy nhập một URL http:// hoặc https://.</translation>
    </message>
    <message>
        <source>Write the instructions, or use a saved one.</source>
        <translation>Hãy viết hướng dẫn, hoặc dùng một hướng dẫn đã lưu.</translation>
    </message>
    <message>
        <source>Keep the instructions under %1 characters.</source>
        <translation>Hướng dẫn phải ít hơn %1 ký tự.</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>Không thể lưu: %1</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>Môi trường chạy</translation>
    </message>
    <message>
        <source>Where the agent runs</source>
        <translation>Nơi tác tử chạy</translation>
    </message>
    <message>
        <source>Local process (default)</source>
        <translation>Tiến trình cục bộ (mặc định)</translation>
    </message>
    <message>
        <source>Container on this machine</source>
        <translation>Container trên máy này</translation>
    </message>
    <message>
        <source>A container runs the agent runtime image (scripts/make-agent-image builds it) on Docker or Podman, isolated from the console&apos;s files.</source>
        <translation>Container chạy image môi trường tác tử (scripts/make-agent-image tạo ra nó) trên Docker hoặc Podman, tách biệt với các tệp của bảng điều khiển.</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::AgentsPage</name>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>LLM</source>
        <translation>LLM</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Công cụ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Cuộc trò chuyện</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Tin nhắn</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>New agent…</source>
        <translation>Agent mới…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Khởi động</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Xóa…</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Trò chuyện</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Create your first agent</source>
        <translation>Tạo agent đầu tiên của bạn</translation>
    </message>
    <message>
        <source>An agent answers with a language model of this cluster or a provider you choose, follows your instructions and may call the tools you give it.</source>
        <translation>Agent trả lời bằng một mô hình ngôn ngữ của cụm này hoặc của nhà cung cấp bạn chọn, làm theo hướng dẫn của bạn và có thể gọi các công cụ bạn cấp cho nó.</translation>
    </message>
    <message>
        <source>Select an agent to see its settings, start it or chat with it.</source>
        <translation>Chọn một agent để xem cài đặt, khởi động hoặc trò chuyện với nó.</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>Hướng dẫn</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Quyền riêng tư</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>Lưu trữ</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Sử dụng</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Đang chạy</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Đang khởi động…</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Đã dừng</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>Bản triển khai</translation>
    </message>
    <message>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <source>Anthropic</source>
        <translation>Anthropic</translation>
    </message>
    <message>
        <source>Ollama</source>
        <translation>Ollama</translation>
    </message>
    <message>
        <source>OpenAI-compatible</source>
        <translation>Tương thích OpenAI</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Local only — requests never leave the cluster</source>
        <translation>Chỉ cục bộ — yêu cầu không bao giờ rời khỏi cụm</translation>
    </message>
    <message>
        <source>Cloud APIs allowed</source>
        <translation>Cho phép API đám mây</translation>
    </message>
    <message>
        <source>Hybrid — local first, cloud when needed</source>
        <translation>Kết hợp — ưu tiên cục bộ, dùng đám mây khi cần</translation>
    </message>
    <message>
        <source>Cloud provider: requests leave this machine</source>
        <translation>Nhà cung cấp đám mây: yêu cầu rời khỏi máy này</translation>
    </message>
    <message>
        <source>Assistants that answer with a model and use your tools</source>
        <translation>Trợ lý trả lời bằng một mô hình và dùng công cụ của bạn</translation>
    </message>
    <message numerus="yes">
        <source>%n agent(s)</source>
        <translation>
            <numerusform>%n agent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n running</source>
        <translation>
            <numerusform>%n đang chạy</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with errors</source>
        <translation>
            <numerusform>%n có lỗi</numerusform>
        </translation>
    </message>
    <message>
        <source>Agent %1</source>
        <translation>Agent %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Thất bại: %1</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Lỗi gần nhất: %1</translation>
    </message>
    <message>
        <source>API key in the keychain</source>
        <translation>Khóa API trong kho khóa</translation>
    </message>
    <message>
        <source>Written for this agent: “%1”</source>
        <translation>Viết riêng cho agent này: “%1”</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Không có</translation>
    </message>
    <message>
        <source>Token counts only — no message text</source>
        <translation>Chỉ số token — không có nội dung tin nhắn</translation>
    </message>
    <message>
        <source>Messages and token counts</source>
        <translation>Tin nhắn và số token</translation>
    </message>
    <message>
        <source>%1 conversations · %2 messages · %3 prompt + %4 completion tokens</source>
        <translation>%1 cuộc trò chuyện · %2 tin nhắn · %3 token prompt + %4 token hoàn thành</translation>
    </message>
    <message>
        <source>Could not start “%1”: %2</source>
        <translation>Không thể khởi động “%1”: %2</translation>
    </message>
    <message>
        <source>Could not stop “%1”: %2</source>
        <translation>Không thể dừng “%1”: %2</translation>
    </message>
    <message>
        <source>Delete agent</source>
        <translation>Xóa agent</translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation>Xóa “%1”?</translation>
    </message>
    <message>
        <source>The agent is stopped first. Its conversations stay in the audit history; the agent cannot be started again.</source>
        <translation>Agent sẽ được dừng trước. Các cuộc trò chuyện của nó vẫn nằm trong lịch sử kiểm toán; agent không thể khởi động lại.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Could not delete “%1”: %2</source>
        <translation>Không thể xóa “%1”: %2</translation>
    </message>
    <message>
        <source>Runs as</source>
        <translation>Chạy dưới dạng</translation>
    </message>
    <message>
        <source>Local process</source>
        <translation>Tiến trình cục bộ</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>Container</translation>
    </message>
    <message>
        <source>Container %1</source>
        <translation>Container %1</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::ApiKeyDialog</name>
    <message>
        <source>&amp;All models</source>
        <translation>&amp;Tất cả mô hình</translation>
    </message>
    <message>
        <source>&amp;Only these models:</source>
        <translation>&amp;Chỉ các mô hình sau:</translation>
    </message>
    <message>
        <source>Create API key</source>
        <translation>Tạo khóa API</translation>
    </message>
    <message>
        <source>Create an API key</source>
        <translation>Tạo một khóa API</translation>
    </message>
    <message>
        <source>Inference clients send the key as a bearer token to the OpenAI-compatible routes. It acts for you, limited to the models and quota set here.</source>
        <translation>Ứng dụng suy luận gửi khóa này dưới dạng bearer token tới các route tương thích OpenAI. Khóa hành động thay bạn, giới hạn trong các mô hình và hạn mức đặt ở đây.</translation>
    </message>
    <message>
        <source>e.g. support-chatbot</source>
        <translation>vd. support-chatbot</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Tên:</translation>
    </message>
    <message>
        <source>One model per line, e.g. llama-3-8b-instruct</source>
        <translation>Mỗi dòng một mô hình, vd. llama-3-8b-instruct</translation>
    </message>
    <message>
        <source>Allowed models</source>
        <translation>Mô hình được phép</translation>
    </message>
    <message>
        <source>Models:</source>
        <translation>Mô hình:</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Không giới hạn</translation>
    </message>
    <message>
        <source> requests</source>
        <translation> yêu cầu</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> token</translation>
    </message>
    <message>
        <source>Quota window</source>
        <translation>Chu kỳ hạn mức</translation>
    </message>
    <message>
        <source>&amp;Quota:</source>
        <translation>&amp;Hạn mức:</translation>
    </message>
    <message>
        <source> requests/s</source>
        <translation> yêu cầu/giây</translation>
    </message>
    <message>
        <source>burst </source>
        <translation>tối đa dồn </translation>
    </message>
    <message>
        <source>Burst</source>
        <translation>Số yêu cầu dồn</translation>
    </message>
    <message>
        <source>How many requests may arrive at once before the rate limit applies.</source>
        <translation>Số yêu cầu được đến cùng lúc trước khi áp dụng giới hạn tốc độ.</translation>
    </message>
    <message>
        <source>&amp;Rate limit:</source>
        <translation>&amp;Giới hạn tốc độ:</translation>
    </message>
    <message>
        <source>Over the quota or the rate, requests get 429 Too Many Requests with Retry-After.</source>
        <translation>Vượt hạn mức hoặc tốc độ, yêu cầu nhận 429 Too Many Requests kèm Retry-After.</translation>
    </message>
    <message>
        <source>Create key</source>
        <translation>Tạo khóa</translation>
    </message>
    <message>
        <source>Give the key a name, so you recognise it in the list.</source>
        <translation>Đặt tên cho khóa để dễ nhận ra trong danh sách.</translation>
    </message>
    <message>
        <source>List at least one model, or allow all models.</source>
        <translation>Liệt kê ít nhất một mô hình, hoặc cho phép tất cả mô hình.</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::AuditLogPage</name>
    <message>
        <source>Audit log</source>
        <translation>Nhật ký kiểm toán</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Filter by actor (Ctrl+F)</source>
        <translation>Lọc theo người thực hiện (Ctrl+F)</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Mọi hành động</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Hành động</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Mọi kết quả</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Giờ qua</translation>
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
        <source>All time</source>
        <translation>Toàn bộ</translation>
    </message>
    <message>
        <source>Custom range…</source>
        <translation>Khoảng tùy chọn…</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Khoảng thời gian</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Từ</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>đế&amp;n</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Đến</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <source>Read the log again (F5)</source>
        <translation>Đọc lại nhật ký (F5)</translation>
    </message>
    <message>
        <source>Audit events</source>
        <translation>Sự kiện kiểm toán</translation>
    </message>
    <message>
        <source>No events match</source>
        <translation>Không có sự kiện phù hợp</translation>
    </message>
    <message>
        <source>Every sign-in, every change and every refused request is recorded here. Widen the time range or clear the filters.</source>
        <translation>Mọi lần đăng nhập, mọi thay đổi và mọi yêu cầu bị từ chối đều được ghi ở đây. Hãy mở rộng khoảng thời gian hoặc xóa bộ lọc.</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Xóa bộ lọc</translation>
    </message>
    <message>
        <source>&amp;Keep events for</source>
        <translation>&amp;Giữ sự kiện trong</translation>
    </message>
    <message>
        <source> days</source>
        <translation> ngày</translation>
    </message>
    <message>
        <source>Events older than this are deleted. Seed 003 suggests a year for compliance.</source>
        <translation>Sự kiện cũ hơn sẽ bị xóa. Seed 003 đề xuất một năm để tuân thủ.</translation>
    </message>
    <message>
        <source>Could not read the audit log: %1</source>
        <translation>Không đọc được nhật ký kiểm toán: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) shown</source>
        <translation>
            <numerusform>Đang hiển thị %n sự kiện</numerusform>
        </translation>
    </message>
    <message>
        <source>the newest %1; narrow the filters to see older ones</source>
        <translation>%1 sự kiện mới nhất; thu hẹp bộ lọc để xem các sự kiện cũ hơn</translation>
    </message>
    <message>
        <source>Shorten retention</source>
        <translation>Rút ngắn thời gian lưu</translation>
    </message>
    <message numerus="yes">
        <source>Keep audit events for %n day(s) only?</source>
        <translation>
            <numerusform>Chỉ giữ sự kiện kiểm toán trong %n ngày?</numerusform>
        </translation>
    </message>
    <message>
        <source>Events older than that are deleted now and cannot be restored.</source>
        <translation>Các sự kiện cũ hơn sẽ bị xóa ngay và không thể khôi phục.</translation>
    </message>
    <message>
        <source>Delete older events</source>
        <translation>Xóa sự kiện cũ</translation>
    </message>
    <message numerus="yes">
        <source>Events are now kept for %n day(s).</source>
        <translation>
            <numerusform>Sự kiện giờ được giữ trong %n ngày.</numerusform>
        </translation>
    </message>
    <message>
        <source>Retention saved, but old events could not be deleted: %1</source>
        <translation>Đã lưu thời gian lưu, nhưng không xóa được sự kiện cũ: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n older event(s) deleted.</source>
        <translation>
            <numerusform>Đã xóa %n sự kiện cũ.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>aiops::widgets::ChatBubble</name>
    <message>
        <source>Attached: %1</source>
        <translation>Đính kèm: %1</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::ChatPane</name>
    <message>
        <source>← Agents</source>
        <translation>← Agent</translation>
    </message>
    <message>
        <source>Back to the list of agents (Esc)</source>
        <translation>Quay lại danh sách agent (Esc)</translation>
    </message>
    <message>
        <source>&amp;Local only</source>
        <translation>&amp;Chỉ cục bộ</translation>
    </message>
    <message>
        <source>While on, no request leaves for a cloud provider (OpenAI, Anthropic); agents answer from models on this cluster only. Applies to every agent.</source>
        <translation>Khi bật, không yêu cầu nào được gửi tới nhà cung cấp đám mây (OpenAI, Anthropic); agent chỉ trả lời bằng mô hình trên cụm này. Áp dụng cho mọi agent.</translation>
    </message>
    <message>
        <source>Message text is not stored: this agent keeps token counts only. The conversation shows here while it is open and is gone when you leave it.</source>
        <translation>Nội dung tin nhắn không được lưu: agent này chỉ giữ số token. Cuộc trò chuyện hiển thị ở đây khi đang mở và sẽ mất khi bạn rời đi.</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Cuộc trò chuyện</translation>
    </message>
    <message>
        <source>Delete the selected conversation (Del)</source>
        <translation>Xóa cuộc trò chuyện đang chọn (Del)</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Xóa cuộc trò chuyện</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>Cuộc trò chuyện &amp;mới</translation>
    </message>
    <message>
        <source>Ask the agent something to start. Enter sends, Shift+Enter starts a new line.</source>
        <translation>Hỏi agent điều gì đó để bắt đầu. Enter để gửi, Shift+Enter để xuống dòng.</translation>
    </message>
    <message>
        <source>A&amp;ttach…</source>
        <translation>Đính &amp;kèm…</translation>
    </message>
    <message>
        <source>Attach files to the next message</source>
        <translation>Đính kèm tệp vào tin nhắn tiếp theo</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Tin nhắn</translation>
    </message>
    <message>
        <source>Message the agent… (Enter sends, Shift+Enter for a new line)</source>
        <translation>Nhắn cho agent… (Enter để gửi, Shift+Enter để xuống dòng)</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Gửi</translation>
    </message>
    <message>
        <source>Send (Enter or Ctrl+Enter)</source>
        <translation>Gửi (Enter hoặc Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Trò chuyện</translation>
    </message>
    <message>
        <source>Agent removed</source>
        <translation>Agent đã bị xóa</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 đang nhập…</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Cuộc trò chuyện mới</translation>
    </message>
    <message numerus="yes">
        <source>%1
%n message(s) · %2</source>
        <translation>
            <numerusform>%1
%n tin nhắn · %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the conversation: %1</source>
        <translation>Không thể tải cuộc trò chuyện: %1</translation>
    </message>
    <message>
        <source>(text not stored)</source>
        <translation>(không lưu nội dung)</translation>
    </message>
    <message>
        <source>*(text not stored)*</source>
        <translation>*(không lưu nội dung)*</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n token</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 via %2</source>
        <translation>%1 qua %2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 giây</translation>
    </message>
    <message>
        <source>The agent could not answer.</source>
        <translation>Agent không thể trả lời.</translation>
    </message>
    <message>
        <source>Could not start a conversation: %1</source>
        <translation>Không thể bắt đầu cuộc trò chuyện: %1</translation>
    </message>
    <message>
        <source>Not sent: “%1” is not running. Start the agent, then send again.</source>
        <translation>Chưa gửi: “%1” không chạy. Hãy khởi động agent rồi gửi lại.</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Chưa gửi: %1</translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation>Xóa “%1”?</translation>
    </message>
    <message>
        <source>Its messages are deleted too. This cannot be undone.</source>
        <translation>Các tin nhắn của nó cũng bị xóa. Không thể hoàn tác.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Could not delete the conversation: %1</source>
        <translation>Không thể xóa cuộc trò chuyện: %1</translation>
    </message>
    <message>
        <source>Could not attach “%1”: %2</source>
        <translation>Không thể đính kèm “%1”: %2</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Đính kèm tệp</translation>
    </message>
    <message>
        <source>%1  ✕</source>
        <translation>%1  ✕</translation>
    </message>
    <message>
        <source>Remove “%1” from the message</source>
        <translation>Bỏ “%1” khỏi tin nhắn</translation>
    </message>
    <message>
        <source>Remove attachment %1</source>
        <translation>Bỏ tệp đính kèm %1</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::CopyToNodeDialog</name>
    <message>
        <source>Copy to node</source>
        <translation>Sao chép sang nút</translation>
    </message>
    <message>
        <source>Copy “%1” to a node</source>
        <translation>Sao chép “%1” sang một nút</translation>
    </message>
    <message>
        <source>The node downloads the model into its cache now, so a deployment there starts without waiting for the download.</source>
        <translation>Nút tải mô hình vào bộ nhớ đệm ngay bây giờ, để việc triển khai trên nút đó bắt đầu mà không phải chờ tải xuống.</translation>
    </message>
    <message>
        <source>&amp;Node:</source>
        <translation>&amp;Nút:</translation>
    </message>
    <message>
        <source>%1 — already cached</source>
        <translation>%1 — đã có trong bộ nhớ đệm</translation>
    </message>
    <message>
        <source>%1 — %2 free</source>
        <translation>%1 — còn trống %2</translation>
    </message>
    <message>
        <source>%1 — no size limit</source>
        <translation>%1 — không giới hạn dung lượng</translation>
    </message>
    <message>
        <source>%1 — cache not reported yet</source>
        <translation>%1 — chưa báo cáo bộ nhớ đệm</translation>
    </message>
    <message>
        <source>No node is online. Start a node&apos;s daemon, then try again.</source>
        <translation>Không có nút nào trực tuyến. Hãy khởi động daemon của một nút rồi thử lại.</translation>
    </message>
    <message>
        <source>This node already has the model.</source>
        <translation>Nút này đã có mô hình.</translation>
    </message>
    <message>
        <source>Needs %1 but only %2 is free: the node evicts models it has not used recently to make room.</source>
        <translation>Cần %1 nhưng chỉ còn trống %2: nút sẽ xóa các mô hình lâu không dùng để có chỗ.</translation>
    </message>
    <message>
        <source>Downloads %1 to the node.</source>
        <translation>Tải %1 xuống nút.</translation>
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
    <name>aiops::widgets::DeployWizard</name>
    <message>
        <source>Deploy model</source>
        <translation>Triển khai mô hình</translation>
    </message>
    <message>
        <source>1  Model</source>
        <translation>1  Mô hình</translation>
    </message>
    <message>
        <source>2  Placement</source>
        <translation>2  Vị trí</translation>
    </message>
    <message>
        <source>3  Settings</source>
        <translation>3  Cài đặt</translation>
    </message>
    <message>
        <source>4  Review</source>
        <translation>4  Xem lại</translation>
    </message>
    <message>
        <source>5  Progress</source>
        <translation>5  Tiến trình</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Tiếp</translation>
    </message>
    <message>
        <source>Which model?</source>
        <translation>Mô hình nào?</translation>
    </message>
    <message>
        <source>Ready models of the registry. The GPU memory is what the model needs in all; the placement splits it over the GPUs you give it.</source>
        <translation>Các mô hình sẵn sàng trong kho. Bộ nhớ GPU là tổng mà mô hình cần; việc đặt vị trí chia đều nó cho các GPU bạn cấp.</translation>
    </message>
    <message>
        <source>Filter by name or framework</source>
        <translation>Lọc theo tên hoặc framework</translation>
    </message>
    <message>
        <source>No ready models in the registry. Add one on the Models page first.</source>
        <translation>Kho chưa có mô hình nào sẵn sàng. Hãy thêm một mô hình ở trang Mô hình trước.</translation>
    </message>
    <message>
        <source>Where should it run?</source>
        <translation>Chạy ở đâu?</translation>
    </message>
    <message>
        <source>Auto: let the controller pick the node and GPUs</source>
        <translation>Tự động: để bộ điều khiển chọn node và GPU</translation>
    </message>
    <message>
        <source>Manual: pick them yourself</source>
        <translation>Thủ công: tự chọn</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Chiến lược</translation>
    </message>
    <message>
        <source>Bin-pack: fill the fullest GPU that fits</source>
        <translation>Dồn: lấp GPU đầy nhất mà vẫn vừa</translation>
    </message>
    <message>
        <source>Spread: use the emptiest GPU</source>
        <translation>Trải: dùng GPU trống nhất</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Điểm</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Container settings</source>
        <translation>Cài đặt container</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Tùy chỉnh</translation>
    </message>
    <message>
        <source>Framework</source>
        <translation>Framework</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Framework default</source>
        <translation>Mặc định của framework</translation>
    </message>
    <message>
        <source>Memory limit</source>
        <translation>Giới hạn bộ nhớ</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>Container port</source>
        <translation>Cổng container</translation>
    </message>
    <message>
        <source>vLLM&apos;s --gpu-memory-utilization: the share of each GPU&apos;s memory it takes</source>
        <translation>--gpu-memory-utilization của vLLM: tỉ lệ bộ nhớ mỗi GPU mà nó dùng</translation>
    </message>
    <message>
        <source>GPU memory use (vLLM)</source>
        <translation>Mức dùng bộ nhớ GPU (vLLM)</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Biến</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Gỡ</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Biến môi trường</translation>
    </message>
    <message>
        <source>Split on spaces like a shell; quote an argument that contains spaces</source>
        <translation>Tách theo dấu cách như shell; đặt trong ngoặc kép một tham số có dấu cách</translation>
    </message>
    <message>
        <source>Extra arguments</source>
        <translation>Tham số bổ sung</translation>
    </message>
    <message>
        <source>The image&apos;s own command</source>
        <translation>Lệnh riêng của image</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Lệnh</translation>
    </message>
    <message>
        <source>Health path</source>
        <translation>Đường dẫn kiểm tra sức khỏe</translation>
    </message>
    <message>
        <source>Review and deploy</source>
        <translation>Xem lại và triển khai</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Nhật ký</translation>
    </message>
    <message>
        <source>The container&apos;s output appears here once it starts.</source>
        <translation>Đầu ra của container hiện ở đây khi nó khởi động.</translation>
    </message>
    <message>
        <source>%1
%2 · %3 · GPU memory %4</source>
        <translation>%1
%2 · %3 · bộ nhớ GPU %4</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n GPU(s))</source>
        <translation>
            <numerusform>%1 (%n GPU)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>No node to pick.</source>
        <translation>Không có node để chọn.</translation>
    </message>
    <message>
        <source>GPU %1 · %2</source>
        <translation>GPU %1 · %2</translation>
    </message>
    <message>
        <source>VRAM in use</source>
        <translation>VRAM đang dùng</translation>
    </message>
    <message>
        <source>%1 free of %2</source>
        <translation>trống %1 / %2</translation>
    </message>
    <message>
        <source>Pick at least one GPU.</source>
        <translation>Hãy chọn ít nhất một GPU.</translation>
    </message>
    <message>
        <source>No placement yet.</source>
        <translation>Chưa có vị trí.</translation>
    </message>
    <message>
        <source>Rejected (0)</source>
        <translation>Bị loại (0)</translation>
    </message>
    <message>
        <source>Rejected (%1)</source>
        <translation>Bị loại (%1)</translation>
    </message>
    <message>
        <source>registry/image:tag (required)</source>
        <translation>registry/image:tag (bắt buộc)</translation>
    </message>
    <message>
        <source>Extra arguments: %1</source>
        <translation>Tham số bổ sung: %1</translation>
    </message>
    <message>
        <source>Command: %1</source>
        <translation>Lệnh: %1</translation>
    </message>
    <message>
        <source>A custom deployment needs an image.</source>
        <translation>Triển khai tùy chỉnh cần một image.</translation>
    </message>
    <message>
        <source>The health path starts with “/”.</source>
        <translation>Đường dẫn kiểm tra sức khỏe phải bắt đầu bằng “/”.</translation>
    </message>
    <message>
        <source>%1, chosen by hand</source>
        <translation>%1, chọn thủ công</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>Auto (%1, %n GPU(s)): %2</source>
        <translation>
            <numerusform>Tự động (%1, %n GPU): %2</numerusform>
        </translation>
    </message>
    <message>
        <source>bin-pack</source>
        <translation>dồn</translation>
    </message>
    <message>
        <source>spread</source>
        <translation>trải</translation>
    </message>
    <message>
        <source>%1=%2</source>
        <translation>%1=%2</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Vị trí</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (mặc định)</translation>
    </message>
    <message>
        <source>GPU memory use</source>
        <translation>Mức dùng bộ nhớ GPU</translation>
    </message>
    <message>
        <source>The image&apos;s own</source>
        <translation>Của image</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>Triển khai</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Could not deploy: %1</source>
        <translation>Không thể triển khai: %1</translation>
    </message>
    <message>
        <source>Deploying %1</source>
        <translation>Đang triển khai %1</translation>
    </message>
    <message>
        <source> on %1 · %2</source>
        <translation> trên %1 · %2</translation>
    </message>
    <message>
        <source>Running at %1</source>
        <translation>Đang chạy tại %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Thất bại: %1</translation>
    </message>
    <message>
        <source>no message; see the log</source>
        <translation>không có thông báo; xem nhật ký</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Đã dừng</translation>
    </message>
    <message>
        <source>%1 is running</source>
        <translation>%1 đang chạy</translation>
    </message>
    <message>
        <source>%1 could not be deployed</source>
        <translation>Không thể triển khai %1</translation>
    </message>
    <message>
        <source>None (CPU)</source>
        <translation>Không (CPU)</translation>
    </message>
    <message>
        <source>More than one GPU runs the model tensor-parallel on one node; none runs it on the CPU</source>
        <translation>Nhiều GPU sẽ chạy mô hình song song tensor trên một node; không chọn GPU thì chạy trên CPU</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::DeploymentsPage</name>
    <message>
        <source>Deploy model…</source>
        <translation>Triển khai mô hình…</translation>
    </message>
    <message>
        <source>Deployments</source>
        <translation>Triển khai</translation>
    </message>
    <message>
        <source>Nothing deployed yet — deploy a model from the registry onto a GPU node</source>
        <translation>Chưa triển khai gì — hãy triển khai một mô hình từ kho lên một node GPU</translation>
    </message>
    <message>
        <source>The wizard picks the node and GPUs with enough free memory (or lets you choose), starts the container and gives you an endpoint to send requests to.</source>
        <translation>Trình hướng dẫn chọn node và GPU còn đủ bộ nhớ trống (hoặc để bạn chọn), khởi động container và cho bạn một endpoint để gửi yêu cầu.</translation>
    </message>
    <message>
        <source>Stop…</source>
        <translation>Dừng…</translation>
    </message>
    <message>
        <source>Remove from list…</source>
        <translation>Gỡ khỏi danh sách…</translation>
    </message>
    <message>
        <source>Copy endpoint</source>
        <translation>Sao chép endpoint</translation>
    </message>
    <message>
        <source>Copy curl example</source>
        <translation>Sao chép ví dụ curl</translation>
    </message>
    <message>
        <source>Select a deployment to see its endpoint, placement and logs.</source>
        <translation>Chọn một triển khai để xem endpoint, vị trí và nhật ký của nó.</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>Node and GPUs</source>
        <translation>Node và GPU</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Framework</source>
        <translation>Framework</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Yêu cầu</translation>
    </message>
    <message>
        <source>Avg latency</source>
        <translation>Độ trễ TB</translation>
    </message>
    <message>
        <source>Last request</source>
        <translation>Yêu cầu gần nhất</translation>
    </message>
    <message>
        <source>Deployed</source>
        <translation>Triển khai lúc</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Nhật ký</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Theo dõi</translation>
    </message>
    <message numerus="yes">
        <source>Fetch the newest lines every %n second(s)</source>
        <translation>
            <numerusform>Lấy các dòng mới nhất mỗi %n giây</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <source>No log lines yet.</source>
        <translation>Chưa có dòng nhật ký nào.</translation>
    </message>
    <message>
        <source>Try a smaller model, fewer GPU memory (lower --gpu-memory-utilization) or a node with more free VRAM.</source>
        <translation>Hãy thử mô hình nhỏ hơn, ít bộ nhớ GPU hơn (giảm --gpu-memory-utilization) hoặc một node còn nhiều VRAM trống hơn.</translation>
    </message>
    <message>
        <source>Check the image name and tag, and that the node can reach the registry.</source>
        <translation>Kiểm tra tên và tag của image, và node có truy cập được registry không.</translation>
    </message>
    <message>
        <source>Look at the logs below: the server did not become ready. A large model may need a longer health timeout.</source>
        <translation>Xem nhật ký bên dưới: máy chủ chưa sẵn sàng. Mô hình lớn có thể cần thời gian chờ kiểm tra sức khỏe dài hơn.</translation>
    </message>
    <message>
        <source>Another container uses the port; deploy again to get a new one.</source>
        <translation>Một container khác đang dùng cổng này; hãy triển khai lại để nhận cổng mới.</translation>
    </message>
    <message>
        <source>Models running on your GPU nodes, with their endpoints</source>
        <translation>Các mô hình đang chạy trên node GPU của bạn, kèm endpoint</translation>
    </message>
    <message numerus="yes">
        <source>%n deployment(s)</source>
        <translation>
            <numerusform>%n triển khai</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n running</source>
        <translation>
            <numerusform>%n đang chạy</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deploying</source>
        <translation>
            <numerusform>%n đang triển khai</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n thất bại</numerusform>
        </translation>
    </message>
    <message>
        <source>Deployment %1 · instance %2</source>
        <translation>Triển khai %1 · phiên bản chạy %2</translation>
    </message>
    <message>
        <source>Health: %1</source>
        <translation>Sức khỏe: %1</translation>
    </message>
    <message>
        <source>The deployment failed without a message; see the logs.</source>
        <translation>Triển khai thất bại mà không có thông báo; xem nhật ký.</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Thất bại: %1</translation>
    </message>
    <message>
        <source>Not placed yet</source>
        <translation>Chưa được đặt</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 (%2 per GPU)</source>
        <translation>%1 (%2 mỗi GPU)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <source>Stop deployment</source>
        <translation>Dừng triển khai</translation>
    </message>
    <message>
        <source>Stop “%1”?</source>
        <translation>Dừng “%1”?</translation>
    </message>
    <message>
        <source>The container on %1 is stopped and removed, and its GPUs are freed. Requests to its endpoint fail from then on.</source>
        <translation>Container trên %1 sẽ bị dừng và xóa, các GPU của nó được giải phóng. Từ đó các yêu cầu tới endpoint của nó sẽ thất bại.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Could not stop “%1”: %2</source>
        <translation>Không thể dừng “%1”: %2</translation>
    </message>
    <message>
        <source>Remove deployment</source>
        <translation>Gỡ triển khai</translation>
    </message>
    <message>
        <source>Remove “%1” from the list?</source>
        <translation>Gỡ “%1” khỏi danh sách?</translation>
    </message>
    <message>
        <source>Nothing runs for it any more; only its entry goes.</source>
        <translation>Không còn gì chạy cho nó nữa; chỉ mục của nó bị gỡ.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Gỡ</translation>
    </message>
    <message>
        <source>Could not remove “%1”: %2</source>
        <translation>Không thể gỡ “%1”: %2</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation>cập nhật lúc %1</translation>
    </message>
    <message>
        <source>Could not load the logs: %1</source>
        <translation>Không thể tải nhật ký: %1</translation>
    </message>
    <message>
        <source>%1 · port %2 on the node</source>
        <translation>%1 · cổng %2 trên node</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::InstructionsPage</name>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Thẻ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>New instruction</source>
        <translation>Chỉ dẫn mới</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>Chỉ dẫn</translation>
    </message>
    <message>
        <source>Write a new instruction template (Ctrl+N)</source>
        <translation>Viết một mẫu chỉ dẫn mới (Ctrl+N)</translation>
    </message>
    <message>
        <source>No instructions yet — write the first one</source>
        <translation>Chưa có chỉ dẫn nào — hãy viết chỉ dẫn đầu tiên</translation>
    </message>
    <message>
        <source>An instruction is a reusable system prompt with guidelines. Agents use one to know their role, tone and rules.</source>
        <translation>Chỉ dẫn là một system prompt dùng lại được, kèm các nguyên tắc. Agent dùng nó để biết vai trò, giọng điệu và quy tắc của mình.</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Xóa…</translation>
    </message>
    <message>
        <source>Delete the instruction (Delete)</source>
        <translation>Xóa chỉ dẫn (Delete)</translation>
    </message>
    <message>
        <source>Select an instruction to edit it, or create a new one.</source>
        <translation>Chọn một chỉ dẫn để sửa, hoặc tạo chỉ dẫn mới.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Có thay đổi chưa lưu</translation>
    </message>
    <message>
        <source>e.g. Kubernetes on-call assistant</source>
        <translation>vd. Trợ lý trực sự cố Kubernetes</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Tên</translation>
    </message>
    <message>
        <source>What the instruction is for (optional)</source>
        <translation>Chỉ dẫn này dùng để làm gì (không bắt buộc)</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Mô tả</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. ops, kubernetes</source>
        <translation>Phân cách bằng dấu phẩy, vd. ops, kubernetes</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>T&amp;hẻ</translation>
    </message>
    <message>
        <source>A&amp;ctive: agents can be given this instruction</source>
        <translation>Đang &amp;bật: có thể giao chỉ dẫn này cho agent</translation>
    </message>
    <message>
        <source>System &amp;prompt</source>
        <translation>System &amp;prompt</translation>
    </message>
    <message>
        <source>You are … Describe the agent&apos;s role, what it may do and how it answers.</source>
        <translation>Bạn là … Mô tả vai trò của agent, những gì nó được làm và cách nó trả lời.</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>System prompt</translation>
    </message>
    <message>
        <source>&amp;Guidelines</source>
        <translation>&amp;Nguyên tắc</translation>
    </message>
    <message>
        <source>Add guideline</source>
        <translation>Thêm nguyên tắc</translation>
    </message>
    <message>
        <source>Remove guideline</source>
        <translation>Bỏ nguyên tắc</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>Nguyên tắc</translation>
    </message>
    <message>
        <source>One rule per line; double-click or press F2 to edit</source>
        <translation>Mỗi dòng một quy tắc; nhấp đúp hoặc nhấn F2 để sửa</translation>
    </message>
    <message>
        <source>Save the instruction (Ctrl+S)</source>
        <translation>Lưu chỉ dẫn (Ctrl+S)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Đang bật</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Đang tắt</translation>
    </message>
    <message>
        <source>Reusable system prompts and guidelines for agents</source>
        <translation>System prompt và nguyên tắc dùng lại được cho agent</translation>
    </message>
    <message numerus="yes">
        <source>%n instruction template(s)</source>
        <translation>
            <numerusform>%n mẫu chỉ dẫn</numerusform>
        </translation>
    </message>
    <message>
        <source>the new instruction</source>
        <translation>chỉ dẫn mới</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Bỏ thay đổi</translation>
    </message>
    <message>
        <source>Discard your changes to “%1”?</source>
        <translation>Bỏ các thay đổi của “%1”?</translation>
    </message>
    <message>
        <source>They have not been saved.</source>
        <translation>Các thay đổi này chưa được lưu.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <source>Give the instruction a name.</source>
        <translation>Hãy đặt tên cho chỉ dẫn.</translation>
    </message>
    <message>
        <source>Keep the name under %1 characters.</source>
        <translation>Tên không được dài quá %1 ký tự.</translation>
    </message>
    <message>
        <source>Keep the description under %1 characters (now %2).</source>
        <translation>Mô tả không được dài quá %1 ký tự (hiện là %2).</translation>
    </message>
    <message>
        <source>Write the system prompt.</source>
        <translation>Hãy viết system prompt.</translation>
    </message>
    <message>
        <source>The system prompt has %1 characters; the limit is %2.</source>
        <translation>System prompt có %1 ký tự; giới hạn là %2.</translation>
    </message>
    <message>
        <source>Could not save “%1”: %2 Reload it and try again.</source>
        <translation>Không lưu được “%1”: %2 Hãy tải lại rồi thử lần nữa.</translation>
    </message>
    <message>
        <source>Could not save “%1”: %2</source>
        <translation>Không lưu được “%1”: %2</translation>
    </message>
    <message>
        <source>Delete instruction</source>
        <translation>Xóa chỉ dẫn</translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation>Xóa “%1”?</translation>
    </message>
    <message>
        <source>Agents that use it must be given another instruction first; the service refuses while any does.</source>
        <translation>Các agent đang dùng nó phải được giao chỉ dẫn khác trước; dịch vụ sẽ từ chối khi vẫn còn agent dùng.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Could not delete “%1”: %2 Give those agents another instruction first.</source>
        <translation>Không xóa được “%1”: %2 Hãy giao chỉ dẫn khác cho các agent đó trước.</translation>
    </message>
    <message>
        <source>Could not delete “%1”: %2</source>
        <translation>Không xóa được “%1”: %2</translation>
    </message>
    <message>
        <source>%1 / %2 characters</source>
        <translation>%1 / %2 ký tự</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Chưa lưu</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::LoginDialog</name>
    <message>
        <source>Sign in to a controller</source>
        <translation>Đăng nhập vào bộ điều khiển</translation>
    </message>
    <message>
        <source>Sign in to a remote controller</source>
        <translation>Đăng nhập vào bộ điều khiển từ xa</translation>
    </message>
    <message>
        <source>Manage a fleet run by another AIOps controller. Your role on that controller decides what you can change.</source>
        <translation>Quản lý cụm máy do một bộ điều khiển AIOps khác vận hành. Vai trò của bạn trên bộ điều khiển đó quyết định bạn được thay đổi những gì.</translation>
    </message>
    <message>
        <source>https://controller.example.org:8750</source>
        <translation>https://controller.example.org:8750</translation>
    </message>
    <message>
        <source>Controller address</source>
        <translation>Địa chỉ bộ điều khiển</translation>
    </message>
    <message>
        <source>&amp;Controller:</source>
        <translation>&amp;Bộ điều khiển:</translation>
    </message>
    <message>
        <source>Not encrypted: the password would cross the network in clear text. Use https:// unless this is a trusted network.</source>
        <translation>Không mã hóa: mật khẩu sẽ đi qua mạng dưới dạng văn bản thường. Hãy dùng https:// trừ khi đây là mạng tin cậy.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên người dùng</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Tên người dùng:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>&amp;Ghi nhớ đăng nhập trên máy này</translation>
    </message>
    <message>
        <source>Keeps a sign-in token in the system keychain (%1), not your password.</source>
        <translation>Lưu một token đăng nhập trong kho khóa của hệ thống (%1), không lưu mật khẩu của bạn.</translation>
    </message>
    <message>
        <source>No keychain is available on this computer.</source>
        <translation>Máy này không có kho khóa.</translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation>Lỗi đăng nhập</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation>Tin &amp;cậy chứng chỉ này</translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation>Đang đăng nhập</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>Đă&amp;ng nhập</translation>
    </message>
    <message>
        <source>Too many attempts; try again later.</source>
        <translation>Quá nhiều lần thử; hãy thử lại sau.</translation>
    </message>
    <message>
        <source>Too many attempts; try again in 1 minute.</source>
        <translation>Quá nhiều lần thử; hãy thử lại sau 1 phút.</translation>
    </message>
    <message>
        <source>Too many attempts; try again in %1 minutes.</source>
        <translation>Quá nhiều lần thử; hãy thử lại sau %1 phút.</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Nhập tên người dùng của bạn.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Nhập mật khẩu của bạn.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Sai tên người dùng hoặc mật khẩu.</translation>
    </message>
    <message>
        <source>This account may not sign in: %1</source>
        <translation>Tài khoản này không được phép đăng nhập: %1</translation>
    </message>
    <message>
        <source>The controller&apos;s certificate is not trusted: %1.</source>
        <translation>Chứng chỉ của bộ điều khiển không được tin cậy: %1.</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint: %1. Trust it only if it matches the fingerprint shown on the controller.</source>
        <translation>Dấu vân tay SHA-256: %1. Chỉ tin cậy nếu nó khớp với dấu vân tay hiển thị trên bộ điều khiển.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Đang đăng nhập…</translation>
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
    <message>
        <source>&amp;Connect to Remote Controller…</source>
        <translation>&amp;Kết nối tới controller từ xa…</translation>
    </message>
    <message>
        <source>Sign in to another AIOps controller and open its fleet in a new window</source>
        <translation>Đăng nhập vào một controller AIOps khác và mở cụm máy của nó trong cửa sổ mới</translation>
    </message>
    <message>
        <source>Users &amp; access</source>
        <translation>Người dùng &amp; truy cập</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Nhật ký kiểm toán</translation>
    </message>
    <message>
        <source>&amp;Users &amp;&amp; access</source>
        <translation>&amp;Người dùng &amp;&amp; truy cập</translation>
    </message>
    <message>
        <source>A&amp;udit log</source>
        <translation>Nhật &amp;ký kiểm toán</translation>
    </message>
    <message>
        <source>local console</source>
        <translation>console cục bộ</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>không có vai trò</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Đã đăng nhập: %1 (%2)</translation>
    </message>
    <message>
        <source>Roles: %1</source>
        <translation>Vai trò: %1</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Mô hình</translation>
    </message>
    <message>
        <source>Model “%1” downloaded and ready</source>
        <translation>Mô hình “%1” đã tải xong và sẵn sàng</translation>
    </message>
    <message>
        <source>Download of “%1” failed</source>
        <translation>Tải xuống “%1” thất bại</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>The HuggingFace token could not be stored: %1</source>
        <translation>Không thể lưu token HuggingFace: %1</translation>
    </message>
    <message>
        <source>HuggingFace token stored in the keychain.</source>
        <translation>Đã lưu token HuggingFace vào kho khóa.</translation>
    </message>
    <message>
        <source>The S3 key could not be stored: %1</source>
        <translation>Không thể lưu khóa S3: %1</translation>
    </message>
    <message>
        <source>Deployments</source>
        <translation>Triển khai</translation>
    </message>
    <message>
        <source>D&amp;eployments</source>
        <translation>&amp;Triển khai</translation>
    </message>
    <message>
        <source>Model “%1” is running at %2</source>
        <translation>Mô hình “%1” đang chạy tại %2</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>A&amp;gents</source>
        <translation>A&amp;gent</translation>
    </message>
    <message>
        <source>Agent “%1” failed: %2</source>
        <translation>Agent “%1” gặp lỗi: %2</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Công cụ</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>Chỉ dẫn</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Công cụ</translation>
    </message>
    <message>
        <source>&amp;Instructions</source>
        <translation>C&amp;hỉ dẫn</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::ModelsPage</name>
    <message>
        <source>Delete model</source>
        <translation>Xóa mô hình</translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation>Xóa “%1”?</translation>
    </message>
    <message>
        <source>This frees %1 of disk. Files that another model still uses are kept. Nodes that cached the model keep their copy until they evict it.</source>
        <translation>Thao tác này giải phóng %1 dung lượng đĩa. Các tệp mà mô hình khác vẫn dùng sẽ được giữ lại. Các node đã lưu đệm mô hình vẫn giữ bản sao cho đến khi chúng loại bỏ nó.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Hủy tải xuống</translation>
    </message>
    <message>
        <source>Cancel the download of “%1”?</source>
        <translation>Hủy tải xuống “%1”?</translation>
    </message>
    <message>
        <source>The files downloaded so far are deleted.</source>
        <translation>Các tệp đã tải xuống đến lúc này sẽ bị xóa.</translation>
    </message>
    <message>
        <source>Import HuggingFace cache</source>
        <translation>Nhập bộ nhớ đệm HuggingFace</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Import HF cache…</source>
        <translation>Nhập bộ nhớ đệm HF…</translation>
    </message>
    <message>
        <source>Register the models of an existing HuggingFace cache (~/.cache/huggingface) without downloading them again</source>
        <translation>Đăng ký các mô hình trong bộ nhớ đệm HuggingFace sẵn có (~/.cache/huggingface) mà không cần tải lại</translation>
    </message>
    <message>
        <source>Add from HuggingFace…</source>
        <translation>Thêm từ HuggingFace…</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Tải xuống</translation>
    </message>
    <message>
        <source>No models yet — add one from HuggingFace or import your HF cache</source>
        <translation>Chưa có mô hình — hãy thêm từ HuggingFace hoặc nhập bộ nhớ đệm HF của bạn</translation>
    </message>
    <message>
        <source>Before anything is downloaded you see the files, the size and the GPU memory a model needs. Models already in ~/.cache/huggingface are imported without downloading again.</source>
        <translation>Trước khi tải bất cứ thứ gì, bạn sẽ thấy các tệp, dung lượng và bộ nhớ GPU mà mô hình cần. Các mô hình đã có trong ~/.cache/huggingface được nhập mà không cần tải lại.</translation>
    </message>
    <message>
        <source>Filter by name, task, framework or license (Ctrl+F)</source>
        <translation>Lọc theo tên, tác vụ, framework hoặc giấy phép (Ctrl+F)</translation>
    </message>
    <message>
        <source>No models match the filter</source>
        <translation>Không có mô hình nào khớp bộ lọc</translation>
    </message>
    <message>
        <source>Try another name, task or framework.</source>
        <translation>Hãy thử tên, tác vụ hoặc framework khác.</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>Xóa bộ lọc</translation>
    </message>
    <message>
        <source>Select a model to see its metadata, versions and files.</source>
        <translation>Chọn một mô hình để xem siêu dữ liệu, các phiên bản và tệp của nó.</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Xóa…</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tác vụ</translation>
    </message>
    <message>
        <source>Framework</source>
        <translation>Framework</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Định dạng</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Tham số</translation>
    </message>
    <message>
        <source>Data type</source>
        <translation>Kiểu dữ liệu</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Độ dài ngữ cảnh</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>Min. GPU memory</source>
        <translation>Bộ nhớ GPU tối thiểu</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Giấy phép</translation>
    </message>
    <message>
        <source>Stored at</source>
        <translation>Lưu tại</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Commit</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ngày thêm</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Models from HuggingFace, ready to deploy to your nodes</source>
        <translation>Mô hình từ HuggingFace, sẵn sàng triển khai lên các node của bạn</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n mô hình</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n downloading</source>
        <translation>
            <numerusform>%n đang tải xuống</numerusform>
        </translation>
    </message>
    <message>
        <source>added %1</source>
        <translation>thêm lúc %1</translation>
    </message>
    <message>
        <source>HuggingFace: %1</source>
        <translation>HuggingFace: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 token</translation>
    </message>
    <message>
        <source>Not stated</source>
        <translation>Không ghi rõ</translation>
    </message>
    <message numerus="yes">
        <source>Files (%n)</source>
        <translation>
            <numerusform>Tệp (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing the models of %1…</source>
        <translation>Đang nhập các mô hình từ %1…</translation>
    </message>
    <message>
        <source>No models were found to import.</source>
        <translation>Không tìm thấy mô hình nào để nhập.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n model(s).</source>
        <translation>
            <numerusform>Đã nhập %n mô hình.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s): %1</source>
        <translation>
            <numerusform>%n cảnh báo: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not delete the model</source>
        <translation>Không thể xóa mô hình</translation>
    </message>
    <message>
        <source>Could not import the HuggingFace cache</source>
        <translation>Không thể nhập bộ nhớ đệm HuggingFace</translation>
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
        <source>Could not cancel the download: %1</source>
        <translation>Không thể hủy tải xuống: %1</translation>
    </message>
    <message>
        <source>Could not restart the download: %1</source>
        <translation>Không thể tải xuống lại: %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Stop this download and delete what was downloaded so far</source>
        <translation>Dừng tải xuống này và xóa phần đã tải</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation>Gỡ khỏi danh sách</translation>
    </message>
    <message>
        <source>Copy to node…</source>
        <translation>Sao chép sang nút…</translation>
    </message>
    <message>
        <source>Cached on</source>
        <translation>Có trên nút</translation>
    </message>
    <message>
        <source>Could not copy the model to the node: %1</source>
        <translation>Không thể sao chép mô hình sang nút: %1</translation>
    </message>
    <message>
        <source>Download the model into an online node&apos;s cache now, so a deployment there starts without waiting</source>
        <translation>Tải mô hình vào bộ nhớ đệm của một nút trực tuyến ngay bây giờ, để việc triển khai ở đó bắt đầu mà không phải chờ</translation>
    </message>
    <message>
        <source>No node is online. Start a node&apos;s daemon to copy models to it.</source>
        <translation>Không có nút nào trực tuyến. Hãy khởi động daemon của một nút để sao chép mô hình sang.</translation>
    </message>
    <message>
        <source>Not cached on any node</source>
        <translation>Chưa có trên nút nào</translation>
    </message>
    <message>
        <source>copying to %1</source>
        <translation>đang sao chép sang %1</translation>
    </message>
    <message>
        <source>Deploy…</source>
        <translation>Triển khai…</translation>
    </message>
    <message>
        <source>Deploy this model onto a GPU node</source>
        <translation>Triển khai mô hình này lên một node GPU</translation>
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
    <name>aiops::widgets::NodeModelCachePanel</name>
    <message>
        <source>Remove model from node</source>
        <translation>Gỡ mô hình khỏi nút</translation>
    </message>
    <message>
        <source>Remove “%1” from %2?</source>
        <translation>Gỡ “%1” khỏi %2?</translation>
    </message>
    <message>
        <source>The node deletes its copy and frees the disk space. The model stays in the registry; a later deployment on this node downloads it again.</source>
        <translation>Nút xóa bản sao của nó và giải phóng dung lượng đĩa. Mô hình vẫn còn trong kho; lần triển khai sau trên nút này sẽ tải lại.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Gỡ</translation>
    </message>
    <message>
        <source>Waiting for the node</source>
        <translation>Đang chờ nút</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Đã chấp nhận</translation>
    </message>
    <message>
        <source>Downloading %1 · %2 of %3</source>
        <translation>Đang tải %1 · %2 / %3</translation>
    </message>
    <message>
        <source>Downloading %1</source>
        <translation>Đang tải %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Xong</translation>
    </message>
    <message>
        <source>Refused by the node</source>
        <translation>Nút từ chối</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Thất bại</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <source>Select a node to see the models cached on it.</source>
        <translation>Chọn một nút để xem các mô hình có trong bộ nhớ đệm của nó.</translation>
    </message>
    <message>
        <source>Model cache</source>
        <translation>Bộ nhớ đệm mô hình</translation>
    </message>
    <message>
        <source>Model cache disk use</source>
        <translation>Dung lượng đĩa của bộ nhớ đệm mô hình</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Dùng lần cuối</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Kích thước</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Remove from node…</source>
        <translation>Gỡ khỏi nút…</translation>
    </message>
    <message>
        <source>Delete the node&apos;s copy of this model</source>
        <translation>Xóa bản sao của mô hình này trên nút</translation>
    </message>
    <message>
        <source>Could not remove the model: %1</source>
        <translation>Không thể gỡ mô hình: %1</translation>
    </message>
    <message>
        <source>reported %1</source>
        <translation>báo cáo lúc %1</translation>
    </message>
    <message>
        <source>%1 used of %2 (%3 free)</source>
        <translation>Đã dùng %1 / %2 (còn trống %3)</translation>
    </message>
    <message>
        <source>%1 used, no size limit</source>
        <translation>Đã dùng %1, không giới hạn dung lượng</translation>
    </message>
    <message>
        <source>The node has not reported its model cache yet.</source>
        <translation>Nút chưa báo cáo bộ nhớ đệm mô hình.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa bao giờ</translation>
    </message>
    <message>
        <source>No models cached on this node yet. Use Models → Copy to node… to prefetch one.</source>
        <translation>Chưa có mô hình nào trong bộ nhớ đệm của nút này. Dùng Mô hình → Sao chép sang nút… để tải trước.</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Đang dùng</translation>
    </message>
    <message>
        <source>Cached</source>
        <translation>Đã lưu đệm</translation>
    </message>
    <message>
        <source>A deployment on this node uses the model; it cannot be removed</source>
        <translation>Một bản triển khai trên nút này đang dùng mô hình; không thể gỡ</translation>
    </message>
    <message>
        <source>Ready on the node&apos;s disk; a deployment here starts without downloading</source>
        <translation>Đã sẵn sàng trên đĩa của nút; triển khai ở đây bắt đầu mà không cần tải xuống</translation>
    </message>
    <message>
        <source>Removing %1</source>
        <translation>Đang gỡ %1</translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>Đang gỡ %1…</translation>
    </message>
    <message>
        <source>Copying %1 %2</source>
        <translation>Đang sao chép %1 %2</translation>
    </message>
    <message>
        <source>The node gave no reason.</source>
        <translation>Nút không nêu lý do.</translation>
    </message>
    <message>
        <source>In use by a deployment on this node; stop the deployment first</source>
        <translation>Đang được một bản triển khai trên nút này dùng; hãy dừng bản triển khai trước</translation>
    </message>
    <message>
        <source>Already being removed</source>
        <translation>Đang được gỡ</translation>
    </message>
    <message>
        <source>Delete the node&apos;s copy of %1</source>
        <translation>Xóa bản sao của %1 trên nút</translation>
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
    <message>
        <source>Overview</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>Models on this node</source>
        <translation>Mô hình trên nút này</translation>
    </message>
    <message>
        <source>Models on this node (%1)</source>
        <translation>Mô hình trên nút này (%1)</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::RegisterToolDialog</name>
    <message>
        <source>By &amp;URL</source>
        <translation>Theo &amp;URL</translation>
    </message>
    <message>
        <source>As a &amp;container</source>
        <translation>Dạng &amp;container</translation>
    </message>
    <message>
        <source>Add variable</source>
        <translation>Thêm biến</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <source>Register MCP server</source>
        <translation>Đăng ký máy chủ MCP</translation>
    </message>
    <message>
        <source>Register an MCP server</source>
        <translation>Đăng ký một máy chủ MCP</translation>
    </message>
    <message>
        <source>A server that already runs somewhere the controller can reach</source>
        <translation>Máy chủ đã chạy ở nơi mà controller truy cập được</translation>
    </message>
    <message>
        <source>The controller runs the server&apos;s image on the local node</source>
        <translation>Controller chạy image của máy chủ trên node cục bộ</translation>
    </message>
    <message>
        <source>e.g. GitHub</source>
        <translation>vd. GitHub</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Tên</translation>
    </message>
    <message>
        <source>What the server&apos;s tools are for (optional)</source>
        <translation>Các công cụ của máy chủ dùng để làm gì (không bắt buộc)</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Mô tả</translation>
    </message>
    <message>
        <source>Productivity</source>
        <translation>Năng suất</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Dữ liệu</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Hệ thống</translation>
    </message>
    <message>
        <source>Communication</source>
        <translation>Giao tiếp</translation>
    </message>
    <message>
        <source>Ca&amp;tegory</source>
        <translation>&amp;Danh mục</translation>
    </message>
    <message>
        <source>&amp;Endpoint URL</source>
        <translation>URL &amp;endpoint</translation>
    </message>
    <message>
        <source>Streamable HTTP</source>
        <translation>Streamable HTTP</translation>
    </message>
    <message>
        <source>SSE (legacy)</source>
        <translation>SSE (cũ)</translation>
    </message>
    <message>
        <source>T&amp;ransport</source>
        <translation>&amp;Giao thức truyền</translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation>&amp;Image</translation>
    </message>
    <message>
        <source>The port the server listens on inside the container (1024–65535)</source>
        <translation>Cổng mà máy chủ lắng nghe bên trong container (1024–65535)</translation>
    </message>
    <message>
        <source>&amp;Port</source>
        <translation>&amp;Cổng</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Biến</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Biến môi trường</translation>
    </message>
    <message>
        <source>En&amp;vironment</source>
        <translation>Môi &amp;trường</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Đăng ký</translation>
    </message>
    <message>
        <source>The controller connects to the server and lists its tools; the first health check starts at once.</source>
        <translation>Controller kết nối tới máy chủ và liệt kê các công cụ của nó; lần kiểm tra sức khỏe đầu tiên bắt đầu ngay.</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>Hãy nhập tên.</translation>
    </message>
    <message>
        <source>Keep the description under %1 characters (now %2).</source>
        <translation>Mô tả không được dài quá %1 ký tự (hiện là %2).</translation>
    </message>
    <message>
        <source>Enter the server&apos;s URL, e.g. http://localhost:3001/mcp.</source>
        <translation>Hãy nhập URL của máy chủ, vd. http://localhost:3001/mcp.</translation>
    </message>
    <message>
        <source>“%1” is not an http:// or https:// URL, e.g. http://localhost:3001/mcp.</source>
        <translation>“%1” không phải URL http:// hoặc https://, vd. http://localhost:3001/mcp.</translation>
    </message>
    <message>
        <source>Enter the image, e.g. ghcr.io/example/mcp-server:1.0.</source>
        <translation>Hãy nhập image, vd. ghcr.io/example/mcp-server:1.0.</translation>
    </message>
    <message>
        <source>An image name has no spaces.</source>
        <translation>Tên image không được có khoảng trắng.</translation>
    </message>
    <message>
        <source>Row %1: the variable has a value but no name.</source>
        <translation>Dòng %1: biến có giá trị nhưng không có tên.</translation>
    </message>
    <message>
        <source>Row %1: “%2” is not a variable name (letters, digits and _, not starting with a digit).</source>
        <translation>Dòng %1: “%2” không phải tên biến hợp lệ (chữ cái, chữ số và _, không bắt đầu bằng chữ số).</translation>
    </message>
    <message>
        <source>Row %1: “%2” is set twice.</source>
        <translation>Dòng %1: “%2” bị đặt hai lần.</translation>
    </message>
    <message>
        <source>Could not register the server: %1 Choose another name or remove the other one.</source>
        <translation>Không đăng ký được máy chủ: %1 Hãy chọn tên khác hoặc gỡ máy chủ kia.</translation>
    </message>
    <message>
        <source>Could not register the server: %1</source>
        <translation>Không đăng ký được máy chủ: %1</translation>
    </message>
    <message>
        <source>Where the server answers MCP inside the container; empty: /mcp (/sse for SSE)</source>
        <translation>Nơi máy chủ trả lời MCP bên trong container; để trống: /mcp (/sse với SSE)</translation>
    </message>
    <message>
        <source>MCP pat&amp;h</source>
        <translation>Đường &amp;dẫn MCP</translation>
    </message>
    <message>
        <source>The controller runs the image on this machine (Docker or Podman), publishes the port on 127.0.0.1 only and lists the server&apos;s tools once it answers. PORT is set to the container port unless you set it below.</source>
        <translation>Bộ điều khiển chạy image trên máy này (Docker hoặc Podman), chỉ mở cổng trên 127.0.0.1 và liệt kê các công cụ của máy chủ khi nó trả lời. PORT được đặt bằng cổng của container trừ khi bạn đặt nó bên dưới.</translation>
    </message>
    <message>
        <source>Enter a path such as /mcp, or leave it empty.</source>
        <translation>Nhập một đường dẫn như /mcp, hoặc để trống.</translation>
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
    <name>aiops::widgets::SecretRevealDialog</name>
    <message>
        <source>Secret</source>
        <translation>Khóa bí mật</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Sao chép</translation>
    </message>
    <message>
        <source>Copy it now: you will not see it again. Only a hash is stored, so a lost key cannot be recovered, only revoked and replaced.</source>
        <translation>Hãy sao chép ngay: bạn sẽ không thấy lại khóa này. Chỉ bản băm được lưu, nên khóa bị mất không thể khôi phục, chỉ có thể thu hồi và thay thế.</translation>
    </message>
    <message>
        <source>I have copied it</source>
        <translation>Tôi đã sao chép</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Đã sao chép</translation>
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
    <message>
        <source>Nodes connect over wss:// and pin the controller&apos;s certificate on first use, like SSH. Without a certificate of your own, a self-signed one is generated.</source>
        <translation>Các node kết nối qua wss:// và ghim chứng chỉ của controller ở lần dùng đầu tiên, giống SSH. Nếu bạn không có chứng chỉ riêng, một chứng chỉ tự ký sẽ được tạo.</translation>
    </message>
    <message>
        <source>Security:</source>
        <translation>Bảo mật:</translation>
    </message>
    <message>
        <source>Self-signed (generated on first start)</source>
        <translation>Tự ký (tạo ở lần khởi động đầu tiên)</translation>
    </message>
    <message>
        <source>&amp;Certificate (PEM):</source>
        <translation>&amp;Chứng chỉ (PEM):</translation>
    </message>
    <message>
        <source>Private &amp;key (PEM):</source>
        <translation>&amp;Khóa riêng (PEM):</translation>
    </message>
    <message>
        <source>Ser&amp;ve over TLS (https and wss)</source>
        <translation>Phục vụ &amp;qua TLS (https và wss)</translation>
    </message>
    <message>
        <source>A HuggingFace mirror to download models from. Empty: $HF_ENDPOINT, else huggingface.co.</source>
        <translation>Máy chủ gương HuggingFace để tải mô hình. Để trống: $HF_ENDPOINT, nếu không thì huggingface.co.</translation>
    </message>
    <message>
        <source>HuggingFace &amp;mirror:</source>
        <translation>Máy chủ &amp;gương HuggingFace:</translation>
    </message>
    <message>
        <source>None (public models only)</source>
        <translation>Không có (chỉ mô hình công khai)</translation>
    </message>
    <message>
        <source>Needed for gated and private models. Kept in the system keychain, never in the settings file.</source>
        <translation>Cần cho mô hình bị giới hạn và mô hình riêng tư. Được giữ trong kho khóa hệ thống, không bao giờ trong tệp cài đặt.</translation>
    </message>
    <message>
        <source>HuggingFace toke&amp;n:</source>
        <translation>Toke&amp;n HuggingFace:</translation>
    </message>
    <message>
        <source>A token is stored; type a new one to replace it</source>
        <translation>Đã lưu một token; nhập token mới để thay thế</translation>
    </message>
    <message>
        <source>&amp;Controller</source>
        <translation>&amp;Bộ điều khiển</translation>
    </message>
    <message>
        <source>&amp;Models &amp;&amp; storage</source>
        <translation>&amp;Mô hình &amp;&amp; lưu trữ</translation>
    </message>
    <message>
        <source>S3 / MinIO model storage</source>
        <translation>Lưu trữ mô hình S3 / MinIO</translation>
    </message>
    <message>
        <source>Optional. Downloaded models are copied to this bucket and nodes fetch them through short-lived presigned links, so nodes never hold storage keys. Leave the endpoint empty to serve models from this machine.</source>
        <translation>Tùy chọn. Mô hình đã tải được sao chép vào bucket này và các nút lấy chúng qua liên kết ký sẵn ngắn hạn, nên các nút không bao giờ giữ khóa lưu trữ. Để trống endpoint để phục vụ mô hình từ máy này.</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>&amp;Endpoint:</translation>
    </message>
    <message>
        <source>&amp;Bucket:</source>
        <translation>&amp;Bucket:</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Vùng:</translation>
    </message>
    <message>
        <source>None (bucket root)</source>
        <translation>Không (gốc bucket)</translation>
    </message>
    <message>
        <source>Key &amp;prefix:</source>
        <translation>&amp;Tiền tố khóa:</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Chưa đặt</translation>
    </message>
    <message>
        <source>&amp;Access key ID:</source>
        <translation>&amp;Access key ID:</translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in the settings file.</source>
        <translation>Lưu trong keychain của hệ thống, không bao giờ trong tệp cài đặt.</translation>
    </message>
    <message>
        <source>&amp;Secret access key:</source>
        <translation>&amp;Secret access key:</translation>
    </message>
    <message>
        <source>These settings are read when AIOps Console starts: restart it to apply a new listen address, port, data directory, heartbeat interval, alert threshold, TLS or model storage.</source>
        <translation>Các cài đặt này được đọc khi AIOps Console khởi động: hãy khởi động lại để áp dụng địa chỉ lắng nghe, cổng, thư mục dữ liệu, chu kỳ heartbeat, ngưỡng cảnh báo, TLS hoặc lưu trữ mô hình mới.</translation>
    </message>
    <message>
        <source>Stored; type a new one to replace it</source>
        <translation>Đã lưu; nhập khóa mới để thay thế</translation>
    </message>
    <message>
        <source>Enter the S3 endpoint for this bucket.</source>
        <translation>Nhập endpoint S3 cho bucket này.</translation>
    </message>
    <message>
        <source>The endpoint must be an http:// or https:// address.</source>
        <translation>Endpoint phải là địa chỉ http:// hoặc https://.</translation>
    </message>
    <message>
        <source>Enter the bucket to keep models in.</source>
        <translation>Nhập bucket để lưu mô hình.</translation>
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
<context>
    <name>aiops::widgets::Spinner</name>
    <message>
        <source>Running</source>
        <translation>Đang chạy</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::Theme</name>
    <message>
        <source>Dismiss</source>
        <translation>Bỏ qua</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::ToolCallCard</name>
    <message>
        <source>Tool: %1</source>
        <translation>Công cụ: %1</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Đang chạy…</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Đầu vào</translation>
    </message>
    <message>
        <source>(no arguments)</source>
        <translation>(không có tham số)</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Đầu ra</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 giây</translation>
    </message>
    <message>
        <source>Failed after %1</source>
        <translation>Thất bại sau %1</translation>
    </message>
    <message>
        <source>Succeeded in %1</source>
        <translation>Thành công trong %1</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::ToolTryItForm</name>
    <message>
        <source>This tool takes no inputs.</source>
        <translation>Công cụ này không nhận đầu vào.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Chạy</translation>
    </message>
    <message>
        <source>Call the tool with these arguments (Ctrl+Enter)</source>
        <translation>Gọi công cụ với các tham số này (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Waiting for the tool</source>
        <translation>Đang chờ công cụ</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Bắt buộc</translation>
    </message>
    <message>
        <source>%1 (required)</source>
        <translation>%1 (bắt buộc)</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(không đặt)</translation>
    </message>
    <message>
        <source>JSON array, e.g. [&quot;a&quot;, &quot;b&quot;]</source>
        <translation>Mảng JSON, vd. [&quot;a&quot;, &quot;b&quot;]</translation>
    </message>
    <message>
        <source>JSON object, e.g. {&quot;key&quot;: &quot;value&quot;}</source>
        <translation>Đối tượng JSON, vd. {&quot;key&quot;: &quot;value&quot;}</translation>
    </message>
    <message>
        <source>A JSON value</source>
        <translation>Một giá trị JSON</translation>
    </message>
    <message>
        <source>Not valid JSON.</source>
        <translation>JSON không hợp lệ.</translation>
    </message>
    <message>
        <source>Enter a JSON object ({…}).</source>
        <translation>Hãy nhập một đối tượng JSON ({…}).</translation>
    </message>
    <message>
        <source>Enter a JSON array ([…]).</source>
        <translation>Hãy nhập một mảng JSON ([…]).</translation>
    </message>
    <message>
        <source>Choose a value for “%1”.</source>
        <translation>Hãy chọn giá trị cho “%1”.</translation>
    </message>
    <message>
        <source>Enter a value for “%1”.</source>
        <translation>Hãy nhập giá trị cho “%1”.</translation>
    </message>
    <message>
        <source>“%1” must be a JSON array.</source>
        <translation>“%1” phải là một mảng JSON.</translation>
    </message>
    <message>
        <source>“%1” must be a JSON object.</source>
        <translation>“%1” phải là một đối tượng JSON.</translation>
    </message>
    <message>
        <source>“%1” is not valid JSON.</source>
        <translation>“%1” không phải JSON hợp lệ.</translation>
    </message>
    <message>
        <source>The call could not be sent.</source>
        <translation>Không gửi được lời gọi.</translation>
    </message>
    <message>
        <source>The call failed: %1</source>
        <translation>Lời gọi thất bại: %1</translation>
    </message>
    <message>
        <source>The tool reported an error: %1</source>
        <translation>Công cụ báo lỗi: %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Xong</translation>
    </message>
    <message>
        <source>[%1, %2]</source>
        <translation>[%1, %2]</translation>
    </message>
    <message>
        <source>Waiting for %1…</source>
        <translation>Đang chờ %1…</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::ToolsPage</name>
    <message>
        <source>Built-in</source>
        <translation>Tích hợp sẵn</translation>
    </message>
    <message>
        <source>MCP · container</source>
        <translation>MCP · container</translation>
    </message>
    <message>
        <source>MCP · URL</source>
        <translation>MCP · URL</translation>
    </message>
    <message>
        <source>SSE</source>
        <translation>SSE</translation>
    </message>
    <message>
        <source>Streamable HTTP</source>
        <translation>Streamable HTTP</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Giao thức truyền</translation>
    </message>
    <message>
        <source>Endpoint or image</source>
        <translation>Endpoint hoặc image</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Công cụ</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Đã kiểm tra</translation>
    </message>
    <message>
        <source>Register MCP server…</source>
        <translation>Đăng ký máy chủ MCP…</translation>
    </message>
    <message>
        <source>Add an MCP server by URL or as a container (Ctrl+N)</source>
        <translation>Thêm máy chủ MCP theo URL hoặc dạng container (Ctrl+N)</translation>
    </message>
    <message>
        <source>No MCP servers yet — register one to give your agents more tools</source>
        <translation>Chưa có máy chủ MCP nào — hãy đăng ký một máy chủ để agent có thêm công cụ</translation>
    </message>
    <message>
        <source>Register an MCP server…</source>
        <translation>Đăng ký một máy chủ MCP…</translation>
    </message>
    <message>
        <source>Check health</source>
        <translation>Kiểm tra sức khỏe</translation>
    </message>
    <message>
        <source>Connect to the server now and list its tools again (F5)</source>
        <translation>Kết nối tới máy chủ ngay và liệt kê lại các công cụ (F5)</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Khởi động lại</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Gỡ…</translation>
    </message>
    <message>
        <source>Select a tool to see what it offers and to try it.</source>
        <translation>Chọn một công cụ để xem nó cung cấp gì và dùng thử.</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Danh mục</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Môi trường</translation>
    </message>
    <message>
        <source>Last health check</source>
        <translation>Lần kiểm tra sức khỏe gần nhất</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <source>Offered tools</source>
        <translation>Công cụ cung cấp</translation>
    </message>
    <message>
        <source>Input schema</source>
        <translation>Schema đầu vào</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>Dùng thử</translation>
    </message>
    <message>
        <source>Once the server answers, the tools it offers appear here with their input schemas, ready to try.</source>
        <translation>Khi server trả lời, các công cụ nó cung cấp sẽ hiện ở đây cùng input schema, sẵn sàng để thử.</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Đang hoạt động</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Không hoạt động</translation>
    </message>
    <message>
        <source>Tools your agents can call: MCP servers and built-in tools</source>
        <translation>Các công cụ agent có thể gọi: máy chủ MCP và công cụ tích hợp sẵn</translation>
    </message>
    <message numerus="yes">
        <source>%n MCP server(s)</source>
        <translation>
            <numerusform>%n máy chủ MCP</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n built-in</source>
        <translation>
            <numerusform>%n tích hợp sẵn</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with errors</source>
        <translation>
            <numerusform>%n có lỗi</numerusform>
        </translation>
    </message>
    <message>
        <source>No input schema: the tool takes no arguments.</source>
        <translation>Không có schema đầu vào: công cụ không nhận tham số.</translation>
    </message>
    <message>
        <source>Restart the server&apos;s container</source>
        <translation>Khởi động lại container của máy chủ</translation>
    </message>
    <message>
        <source>Only servers that run as a container can be restarted</source>
        <translation>Chỉ khởi động lại được máy chủ chạy dạng container</translation>
    </message>
    <message>
        <source>Built-in tools cannot be removed</source>
        <translation>Không thể gỡ công cụ tích hợp sẵn</translation>
    </message>
    <message>
        <source>Remove the MCP server (Delete)</source>
        <translation>Gỡ máy chủ MCP (Delete)</translation>
    </message>
    <message>
        <source>Tool %1</source>
        <translation>Công cụ %1</translation>
    </message>
    <message>
        <source>Last health check failed: %1</source>
        <translation>Lần kiểm tra sức khỏe gần nhất thất bại: %1</translation>
    </message>
    <message>
        <source>Productivity</source>
        <translation>Năng suất</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Dữ liệu</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Hệ thống</translation>
    </message>
    <message>
        <source>Communication</source>
        <translation>Giao tiếp</translation>
    </message>
    <message>
        <source>assigned when the container runs</source>
        <translation>được gán khi container chạy</translation>
    </message>
    <message>
        <source>%1 · port %2</source>
        <translation>%1 · cổng %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The server offers no tools.</source>
        <translation>Máy chủ không cung cấp công cụ nào.</translation>
    </message>
    <message>
        <source>No tools listed yet — check its health.</source>
        <translation>Chưa liệt kê được công cụ nào — hãy kiểm tra sức khỏe.</translation>
    </message>
    <message>
        <source>Could not check “%1”: %2</source>
        <translation>Không kiểm tra được “%1”: %2</translation>
    </message>
    <message>
        <source>Could not restart “%1”: %2</source>
        <translation>Không khởi động lại được “%1”: %2</translation>
    </message>
    <message>
        <source>Remove MCP server</source>
        <translation>Gỡ máy chủ MCP</translation>
    </message>
    <message>
        <source>Remove “%1”?</source>
        <translation>Gỡ “%1”?</translation>
    </message>
    <message>
        <source>Its container is stopped and removed, and agents can no longer call its tools.</source>
        <translation>Container của nó sẽ bị dừng và xóa, và agent không thể gọi các công cụ của nó nữa.</translation>
    </message>
    <message>
        <source>Agents can no longer call its tools. The server itself keeps running.</source>
        <translation>Agent không thể gọi các công cụ của nó nữa. Bản thân máy chủ vẫn tiếp tục chạy.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Gỡ</translation>
    </message>
    <message>
        <source>Could not remove “%1”: %2 Take it away from those agents first.</source>
        <translation>Không gỡ được “%1”: %2 Hãy bỏ nó khỏi các agent đó trước.</translation>
    </message>
    <message>
        <source>Could not remove “%1”: %2</source>
        <translation>Không gỡ được “%1”: %2</translation>
    </message>
    <message numerus="yes">
        <source>MCP servers offer tools such as GitHub, databases or search. Register one by its URL, or by its image to run it here as a container. %n built-in tool(s) are always available.</source>
        <translation>
            <numerusform>Máy chủ MCP cung cấp các công cụ như GitHub, cơ sở dữ liệu hay tìm kiếm. Đăng ký một máy chủ bằng URL, hoặc bằng image để chạy nó ở đây dưới dạng container. Luôn có sẵn %n công cụ tích hợp.</numerusform>
        </translation>
    </message>
    <message>
        <source>MCP servers offer tools such as GitHub, databases or search. Register one by its URL, or by its image to run it here as a container.</source>
        <translation>Máy chủ MCP cung cấp các công cụ như GitHub, cơ sở dữ liệu hay tìm kiếm. Đăng ký một máy chủ bằng URL, hoặc bằng image để chạy nó ở đây dưới dạng container.</translation>
    </message>
    <message>
        <source>Starting · pulling the image %1 %</source>
        <translation>Đang khởi động · tải ảnh container %1 %</translation>
    </message>
    <message>
        <source>Starting · pulling the image</source>
        <translation>Đang khởi động · tải ảnh container</translation>
    </message>
    <message>
        <source>Starting · health check</source>
        <translation>Đang khởi động · kiểm tra sức khỏe</translation>
    </message>
    <message>
        <source>Starting · waiting for the server</source>
        <translation>Đang khởi động · chờ máy chủ phản hồi</translation>
    </message>
    <message>
        <source>Starting · creating the container</source>
        <translation>Đang khởi động · tạo container</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::UserDialog</name>
    <message>
        <source>Add user</source>
        <translation>Thêm người dùng</translation>
    </message>
    <message>
        <source>Edit user</source>
        <translation>Sửa người dùng</translation>
    </message>
    <message>
        <source>Add a user</source>
        <translation>Thêm một người dùng</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>Sửa “%1”</translation>
    </message>
    <message>
        <source>The user signs in with this username and password. Their role decides what they may change; every role can see the fleet.</source>
        <translation>Người dùng đăng nhập bằng tên đăng nhập và mật khẩu này. Vai trò quyết định họ được thay đổi gì; mọi vai trò đều xem được cụm máy.</translation>
    </message>
    <message>
        <source>Changes apply from the user&apos;s next request. Leave the password empty to keep it.</source>
        <translation>Thay đổi áp dụng từ yêu cầu tiếp theo của người dùng. Để trống mật khẩu để giữ nguyên.</translation>
    </message>
    <message>
        <source>e.g. linh.nguyen</source>
        <translation>vd. linh.nguyen</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>Tên đăng &amp;nhập:</translation>
    </message>
    <message>
        <source>e.g. Linh Nguyen</source>
        <translation>vd. Nguyễn Linh</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>Tên &amp;hiển thị:</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>ten@example.com</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message numerus="yes">
        <source>at least %n character(s)</source>
        <translation>
            <numerusform>ít nhất %n ký tự</numerusform>
        </translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>không đổi</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>New &amp;password:</source>
        <translation>&amp;Mật khẩu mới:</translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation>&amp;Tổ chức:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Vai trò:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Enter a username.</source>
        <translation>Nhập tên đăng nhập.</translation>
    </message>
    <message>
        <source>A username may contain letters, digits and . _ @ - only.</source>
        <translation>Tên đăng nhập chỉ được chứa chữ, số và . _ @ -.</translation>
    </message>
    <message>
        <source>The username “%1” is taken.</source>
        <translation>Tên đăng nhập “%1” đã có người dùng.</translation>
    </message>
    <message>
        <source>Enter a valid email address, or leave it empty.</source>
        <translation>Nhập địa chỉ email hợp lệ, hoặc để trống.</translation>
    </message>
    <message numerus="yes">
        <source>The password needs at least %n character(s).</source>
        <translation>
            <numerusform>Mật khẩu cần ít nhất %n ký tự.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an organization.</source>
        <translation>Chọn một tổ chức.</translation>
    </message>
</context>
<context>
    <name>aiops::widgets::UsersAccessPage</name>
    <message>
        <source>Users &amp; access</source>
        <translation>Người dùng &amp; truy cập</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Thêm người dùng…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Vô hiệu hóa</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Xóa…</translation>
    </message>
    <message>
        <source>Create API key…</source>
        <translation>Tạo khóa API…</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Thu hồi…</translation>
    </message>
    <message>
        <source>API key created</source>
        <translation>Đã tạo khóa API</translation>
    </message>
    <message>
        <source>This is the key “%1”. Give it to the client that calls the inference routes; it sends it as “Authorization: Bearer &lt;key&gt;”.</source>
        <translation>Đây là khóa “%1”. Hãy đưa nó cho ứng dụng gọi các route suy luận; ứng dụng gửi nó dưới dạng “Authorization: Bearer &lt;key&gt;”.</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>Khóa API</translation>
    </message>
    <message>
        <source>Node credentials</source>
        <translation>Thông tin xác thực node</translation>
    </message>
    <message>
        <source>Add a user (Ins)</source>
        <translation>Thêm người dùng (Ins)</translation>
    </message>
    <message>
        <source>Create an API key for an inference client (Ins)</source>
        <translation>Tạo khóa API cho một ứng dụng suy luận (Ins)</translation>
    </message>
    <message>
        <source>Change the selected user&apos;s name, email, organization, role or password (F2)</source>
        <translation>Đổi tên, email, tổ chức, vai trò hoặc mật khẩu của người dùng đã chọn (F2)</translation>
    </message>
    <message>
        <source>A disabled user cannot sign in until enabled again</source>
        <translation>Người dùng bị vô hiệu hóa không đăng nhập được cho đến khi được bật lại</translation>
    </message>
    <message>
        <source>Revoke the selected key: clients using it are refused at once (Del)</source>
        <translation>Thu hồi khóa đã chọn: ứng dụng dùng khóa bị từ chối ngay (Del)</translation>
    </message>
    <message>
        <source>Revoke the node&apos;s credential: it is disconnected at once (Del)</source>
        <translation>Thu hồi thông tin xác thực của node: node bị ngắt kết nối ngay (Del)</translation>
    </message>
    <message>
        <source>Filter users</source>
        <translation>Lọc người dùng</translation>
    </message>
    <message>
        <source>No users match the filter</source>
        <translation>Không có người dùng phù hợp bộ lọc</translation>
    </message>
    <message>
        <source>Try another name, email or role.</source>
        <translation>Thử tên, email hoặc vai trò khác.</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>Xóa bộ lọc</translation>
    </message>
    <message>
        <source>Show re&amp;voked</source>
        <translation>Hiện mục đã &amp;thu hồi</translation>
    </message>
    <message>
        <source>Filter keys</source>
        <translation>Lọc khóa</translation>
    </message>
    <message>
        <source>No keys match the filter</source>
        <translation>Không có khóa phù hợp bộ lọc</translation>
    </message>
    <message>
        <source>Try another name, prefix or model.</source>
        <translation>Thử tên, tiền tố hoặc mô hình khác.</translation>
    </message>
    <message>
        <source>No API keys yet</source>
        <translation>Chưa có khóa API</translation>
    </message>
    <message>
        <source>Create a key for each inference client. It can be limited to some models and given a quota and a rate limit.</source>
        <translation>Tạo một khóa cho mỗi ứng dụng suy luận. Khóa có thể giới hạn theo mô hình, có hạn mức và giới hạn tốc độ.</translation>
    </message>
    <message>
        <source>Filter nodes</source>
        <translation>Lọc node</translation>
    </message>
    <message>
        <source>No nodes match the filter</source>
        <translation>Không có node phù hợp bộ lọc</translation>
    </message>
    <message>
        <source>Try another node name or ID.</source>
        <translation>Thử tên hoặc ID node khác.</translation>
    </message>
    <message>
        <source>No node credentials yet</source>
        <translation>Chưa có thông tin xác thực node</translation>
    </message>
    <message>
        <source>A node receives its own credential the first time it connects with an enrollment token from Nodes → Add node…</source>
        <translation>Node nhận thông tin xác thực riêng khi kết nối lần đầu bằng token đăng ký từ Node → Thêm node…</translation>
    </message>
    <message>
        <source>Could not add the user: %1</source>
        <translation>Không thêm được người dùng: %1</translation>
    </message>
    <message>
        <source>User “%1” added as %2.</source>
        <translation>Đã thêm người dùng “%1” với vai trò %2.</translation>
    </message>
    <message>
        <source>Could not save the user: %1</source>
        <translation>Không lưu được người dùng: %1</translation>
    </message>
    <message>
        <source>User “%1” saved.</source>
        <translation>Đã lưu người dùng “%1”.</translation>
    </message>
    <message>
        <source>Could not change the user: %1</source>
        <translation>Không thay đổi được người dùng: %1</translation>
    </message>
    <message>
        <source>User “%1” disabled: they can no longer sign in.</source>
        <translation>Đã vô hiệu hóa người dùng “%1”: họ không thể đăng nhập nữa.</translation>
    </message>
    <message>
        <source>User “%1” enabled.</source>
        <translation>Đã bật người dùng “%1”.</translation>
    </message>
    <message>
        <source>Delete user</source>
        <translation>Xóa người dùng</translation>
    </message>
    <message>
        <source>Delete the user “%1”?</source>
        <translation>Xóa người dùng “%1”?</translation>
    </message>
    <message>
        <source>They are signed out everywhere and their API keys are revoked. The audit log keeps their actions.</source>
        <translation>Họ bị đăng xuất khỏi mọi nơi và các khóa API của họ bị thu hồi. Nhật ký kiểm toán vẫn giữ các hành động của họ.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Could not delete the user: %1</source>
        <translation>Không xóa được người dùng: %1</translation>
    </message>
    <message>
        <source>User “%1” deleted.</source>
        <translation>Đã xóa người dùng “%1”.</translation>
    </message>
    <message>
        <source>Could not create the API key: %1</source>
        <translation>Không tạo được khóa API: %1</translation>
    </message>
    <message>
        <source>API key “%1” created.</source>
        <translation>Đã tạo khóa API “%1”.</translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation>Thu hồi khóa API</translation>
    </message>
    <message>
        <source>Revoke the API key “%1”?</source>
        <translation>Thu hồi khóa API “%1”?</translation>
    </message>
    <message>
        <source>Clients using it are refused from their next request. This cannot be undone: create a new key to restore access.</source>
        <translation>Ứng dụng dùng khóa này bị từ chối từ yêu cầu tiếp theo. Không thể hoàn tác: hãy tạo khóa mới để khôi phục truy cập.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Thu hồi</translation>
    </message>
    <message>
        <source>Could not revoke the API key: %1</source>
        <translation>Không thu hồi được khóa API: %1</translation>
    </message>
    <message>
        <source>API key “%1” revoked.</source>
        <translation>Đã thu hồi khóa API “%1”.</translation>
    </message>
    <message>
        <source>Revoke node credential</source>
        <translation>Thu hồi thông tin xác thực node</translation>
    </message>
    <message>
        <source>Revoke the credential of “%1”?</source>
        <translation>Thu hồi thông tin xác thực của “%1”?</translation>
    </message>
    <message>
        <source>The node is disconnected at once and cannot reconnect until it enrolls again with a new token from Add node…</source>
        <translation>Node bị ngắt kết nối ngay và không thể kết nối lại cho đến khi đăng ký lại bằng token mới từ Thêm node…</translation>
    </message>
    <message>
        <source>Could not revoke the credential: %1</source>
        <translation>Không thu hồi được thông tin xác thực: %1</translation>
    </message>
    <message>
        <source>Credential of “%1” revoked; the node was disconnected.</source>
        <translation>Đã thu hồi thông tin xác thực của “%1”; node đã bị ngắt kết nối.</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Bật</translation>
    </message>
    <message>
        <source>This is the account you are signed in with.</source>
        <translation>Đây là tài khoản bạn đang đăng nhập.</translation>
    </message>
    <message>
        <source>Delete the selected user (Del)</source>
        <translation>Xóa người dùng đã chọn (Del)</translation>
    </message>
    <message numerus="yes">
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n người dùng</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n active API key(s)</source>
        <translation>
            <numerusform>%n khóa API đang hoạt động</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n node credential(s)</source>
        <translation>
            <numerusform>%n thông tin xác thực node</numerusform>
        </translation>
    </message>
</context>
</TS>
