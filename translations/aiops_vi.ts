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
