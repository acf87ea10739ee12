<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>aiops::app::Application</name>
    <message>
        <source>AIOps Console: run AI models on your own GPU machines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory for the database and the enrollment token (default: the one in Settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port the controller listens on (0 = any free port).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address the controller listens on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not start a node daemon on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a PNG of the main window after 3 seconds, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language: vi or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--port must be a number from 0 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--listen must be an IP address, such as 127.0.0.1 or 0.0.0.0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The controller could not start on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AIOps Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aiops-node was not found next to the console; running without a local node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local aiops-node exited with code %1; restarting in %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local aiops-node failed to start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not write the screenshot to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::app::TrayIcon</name>
    <message>
        <source>AIOps Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show AIOps Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AIOps Console is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The controller keeps managing your nodes in the background. Use Quit in the tray menu to stop it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) offline</source>
        <translation>
            <numerusform>%n node offline</numerusform>
            <numerusform>%n nodes offline</numerusform>
        </translation>
    </message>
    <message>
        <source>Node online</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) online</source>
        <translation>
            <numerusform>%n node online</numerusform>
            <numerusform>%n nodes online</numerusform>
        </translation>
    </message>
    <message>
        <source>GPU running hot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU %1 on %2 is at %3 °C.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::models::Format</name>
    <message>
        <source>%1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 TiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2 GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 °C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>%n d ago</numerusform>
            <numerusform>%n d ago</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::models::GpuTableModel</name>
    <message>
        <source>Above the alert threshold of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Utilization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::models::NodeTableModel</name>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VRAM used / total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg GPU util.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RAM used / total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::AddNodeDialog</name>
    <message>
        <source>Add node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a GPU machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install aiops-node on the machine, then run the command below there. The daemon connects to this controller, enrolls with the token and appears in the Nodes list within a few seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>defaults to the machine&apos;s hostname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command to run on the GPU machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the token private: anyone who has it can add machines to this controller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The controller only listens on this computer (%1), so only a node on this computer can connect. To add other machines, set the listen address in Settings and restart the console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live view of your GPU fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No nodes yet — click Add node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a GPU machine to see its GPUs, memory and load here. The dialog shows the one-line command to run on the machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nodes online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VRAM free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average GPU utilization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node metrics · last 10 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU, RAM and disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU utilization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for samples…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>of %n node(s)</source>
        <translation>
            <numerusform>of %n node</numerusform>
            <numerusform>of %n nodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n offline</source>
        <translation>
            <numerusform>%n offline</numerusform>
            <numerusform>%n offline</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in maintenance</source>
        <translation>
            <numerusform>%n in maintenance</numerusform>
            <numerusform>%n in maintenance</numerusform>
        </translation>
    </message>
    <message>
        <source>on reachable nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No GPUs reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of %1 total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No GPU memory reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>across %n GPU(s)</source>
        <translation>
            <numerusform>across %n GPU</numerusform>
            <numerusform>across %n GPUs</numerusform>
        </translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This node has no GPUs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connected nodes report no GPUs. CPU, RAM and disk metrics are still collected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::MainWindow</name>
    <message>
        <source>AIOps Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Controller listening on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nodes connect to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About AIOps Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n node(s) online</source>
        <translation>
            <numerusform>%1 of %n node online</numerusform>
            <numerusform>%1 of %n nodes online</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not rename the node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change maintenance mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove the node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operation “%1” failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved. Restart AIOps Console to apply them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About AIOps Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;AIOps Console %1&lt;/h3&gt;&lt;p&gt;Run AI models on your own GPU machines: the console embeds the controller and manages the node daemons of your fleet.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::NodeDetailPanel</name>
    <message>
        <source>Select a node to see its GPUs, configuration and last heartbeat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node has not reported any configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No GPUs reported — this is a CPU node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>daemon %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n core(s)</source>
        <translation>
            <numerusform>%n core</numerusform>
            <numerusform>%n cores</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>load %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer (local node)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote machine</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::NodesPage</name>
    <message>
        <source>Rename node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “%1” from the fleet?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The controller forgets the node and its history. If its daemon is still running with a valid token, it can enroll again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No nodes yet — click Add node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A node is a GPU machine running the aiops-node daemon. Add one and it shows up here as soon as it connects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name, ID or host (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No nodes match the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try another name, or show all statuses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toggle maintenance: a node in maintenance gets no new work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU machines managed by this controller</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n node</numerusform>
            <numerusform>%n nodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n online</source>
        <translation>
            <numerusform>%n online</numerusform>
            <numerusform>%n online</numerusform>
        </translation>
    </message>
    <message>
        <source>End maintenance</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>127.0.0.1 — this computer only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0.0.0.0 — all network interfaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Listen address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an IPv4 or IPv6 address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Heartbeat interval:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data directory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> °C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU &amp;temperature alert:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These settings are read when AIOps Console starts: restart it to apply a new listen address, port, data directory, heartbeat interval or alert threshold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data directory</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::Sidebar</name>
    <message>
        <source>AIOps Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
