<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Permissions</name>
    <message>
        <source>You need to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viewing needs any role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chatting with agents needs any role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploying models needs an owner or editor role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registering and changing GPU nodes needs an owner or editor role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating agents needs an owner or editor role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploying MCP tools needs an owner or editor role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing PII patterns and guardrails needs an owner or editor role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revealing tokenized values needs an owner or editor role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Managing API keys needs an owner or editor role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Managing users needs an owner role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log is visible to owners.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Managing organizations needs the universe owner role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inference needs any role or an API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only node daemons use this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading model files needs any role or a node credential.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The MCP ops tools need any role or an API key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <message>
        <source>cannot enroll the local node: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AIOps Console — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The remote session ended: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not store the secret %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot issue a new enrollment token for the local node: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the local aiops-node&apos;s enrollment token was already spent; it got a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local aiops-node stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local node stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::app::LocalNodeSupervisor</name>
    <message numerus="yes">
        <source>the controller refused %n fresh enrollment token(s) in a row</source>
        <translation>
            <numerusform>the controller refused %n fresh enrollment token in a row</numerusform>
            <numerusform>the controller refused %n fresh enrollment tokens in a row</numerusform>
        </translation>
    </message>
    <message>
        <source>the controller refused its enrollment token and no new one could be issued</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::app::SecretCache</name>
    <message>
        <source>the OS keychain is not available (%1); keeping secrets in %2 (mode 0600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain did not keep %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot delete %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the console&apos;s secrets are in %1 (mode 0600), where an earlier start kept them; the OS keychain refused them then and is tried again after %2 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moved the secrets in %1 (%2) to the OS keychain and deleted the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the console&apos;s secrets stay in %1 (mode 0600): the OS keychain did not store them (%2); it is tried again after %3 days.</source>
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
    <message>
        <source>Sensitive data detected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) was found in a message. Open Safety → Detections for details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is in the registry and ready to deploy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model download failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model %1 is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send requests to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment of %1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent %1 stopped with an error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::models::ApiKeyTableModel</name>
    <message>
        <source>All models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>per %n second(s)</source>
        <translation>
            <numerusform>per %n second</numerusform>
            <numerusform>per %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s, burst %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requests · %2 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the beginning of the key is kept for recognising it; the key itself is stored hashed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use in the current quota window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::models::AuditLogModel</name>
    <message>
        <source>%1 %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::models::DeploymentTableModel</name>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node / GPUs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploying · %1 %2 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploying · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>placing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pulling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>health check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unhealthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPUs %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::models::DownloadListModel</name>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n min left</source>
        <translation>
            <numerusform>%n min left</numerusform>
            <numerusform>%n min left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h left</source>
        <translation>
            <numerusform>%n h left</numerusform>
            <numerusform>%n h left</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused — resumes when the console restarts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model needs a HuggingFace token: add one in Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the model&apos;s license on huggingface.co first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough disk space: %1 needed, %2 free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough disk space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough disk space: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download failed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown error</source>
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
    <name>aiops::models::GuardrailModel</name>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::models::GuardrailViolationModel</name>
    <message>
        <source>%1, overridden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original: %1
Sent as: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::models::IamFormat</name>
    <message>
        <source>Universe owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Universe editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Universe viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything in every organization, including users and the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploy, register nodes and create agents in every organization.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only access to every organization.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything in their organization, including its users and audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploy, register nodes and create agents in their organization.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only access to their organization.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Execute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::models::ModelTableModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Framework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LLM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NLP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech recognition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text to speech</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computer vision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying to S3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::models::NodeCredentialModel</name>
    <message>
        <source>Revoked %1: the node must enroll again with a new token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
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
    <name>aiops::models::PiiDetectionModel</name>
    <message>
        <source>%1, alert sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source %1, conversation %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters %1–%2 of the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redacted value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::models::PiiPatternModel</name>
    <message>
        <source>Built-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipped with the console: it can be deactivated but not deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches of this pattern are detected. Uncheck to pause it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This pattern is paused. Check to detect its matches again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::models::RemoteSession</name>
    <message>
        <source>Enter the controller&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address must start with http:// or https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter only the controller&apos;s address, without user name, query or fragment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The controller answered HTTP %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The controller sent an answer that is not JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to %1 is not secure: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The controller&apos;s answer has no tokens.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::models::RestNodeService</name>
    <message>
        <source>reported offline by the controller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in to the controller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The controller did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The controller&apos;s answer has no enrollment token.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::models::SafetyFormat</name>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Financial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hash (SHA-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token (reversible)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redact and alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic restriction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toxicity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medical/legal advice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rephrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalate for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rephrased</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User input and agent output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All agents</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::models::UserTableModel</name>
    <message>
        <source>A disabled user cannot sign in; their data and API keys are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::AddModelDialog</name>
    <message>
        <source>Add model from HuggingFace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name a HuggingFace repository. The console reads its file list and configuration first, so you see the size and GPU memory it needs before anything is downloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>org/name or https://huggingface.co/org/name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repository:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A branch, tag or commit of the repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;vision:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file list and configuration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated GPU memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The serving framework suggested from the model&apos;s format; you can change it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Framework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>License</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ This model is gated: accept its license on huggingface.co with the account of your HuggingFace token, or the download is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a repository as org/name (for example Qwen/Qwen2.5-0.5B-Instruct) or paste its huggingface.co address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not stated — check the model card</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message>
        <source>%1
sha256 %2</source>
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
        <source>The controller only listens on this computer (%1), so only a node on this computer can connect. To add other machines, set the listen address in Settings and restart the console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrollment token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrollment &amp;token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue another one-time token, for example for a second machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not add nodes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create an enrollment token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid until %1, single use. Keep it private: anyone who has it can add a machine to this controller.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::AgentDialog</name>
    <message>
        <source>New agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Support bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this agent is for (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment on this &amp;cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anthropic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ollama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pro&amp;vider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoint URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the system keychain, never in the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a saved &amp;instruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved instruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Write the instructions here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are a helpful assistant for …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools the agent may use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Local only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests never leave this cluster; cloud providers are refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Allow cloud APIs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configured provider is used, wherever it runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H&amp;ybrid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local models first; a cloud provider only when no local one can answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store &amp;token counts only (no message text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations keep their token usage, but no message, tool input or output is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not available: this console is not connected to a controller that runs deployments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent talks to the model through the controller; nothing leaves the cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No deployment is running. Deploy a model on the Deployments page first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No instructions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (inactive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tools registered yet (add them on the Tools page).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not running)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key is stored — leave empty to keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the system keychain. Leaving the field empty keeps the stored key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model name the server expects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usually not needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the description under %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a running deployment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the model name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server’s URL, e.g. https://llm.example.com/v1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an http:// or https:// URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the instructions, or use a saved one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the instructions under %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the agent runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local process (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A container runs the agent runtime image (scripts/make-agent-image builds it) on Docker or Podman, isolated from the console&apos;s files.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::AgentsPage</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LLM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New agent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create your first agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An agent answers with a language model of this cluster or a provider you choose, follows your instructions and may call the tools you give it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an agent to see its settings, start it or chat with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anthropic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ollama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local only — requests never leave the cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud APIs allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hybrid — local first, cloud when needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud provider: requests leave this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assistants that answer with a model and use your tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n agent(s)</source>
        <translation>
            <numerusform>%n agent</numerusform>
            <numerusform>%n agents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n running</source>
        <translation>
            <numerusform>%n running</numerusform>
            <numerusform>%n running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with errors</source>
        <translation>
            <numerusform>%n with errors</numerusform>
            <numerusform>%n with errors</numerusform>
        </translation>
    </message>
    <message>
        <source>Agent %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written for this agent: “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token counts only — no message text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages and token counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 conversations · %2 messages · %3 prompt + %4 completion tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not stop “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent is stopped first. Its conversations stay in the audit history; the agent cannot be started again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::ApiKeyDialog</name>
    <message>
        <source>&amp;All models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Only these models:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inference clients send the key as a bearer token to the OpenAI-compatible routes. It acts for you, limited to the models and quota set here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. support-chatbot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One model per line, e.g. llama-3-8b-instruct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quota:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> requests/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>burst </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Burst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many requests may arrive at once before the rate limit applies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rate limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over the quota or the rate, requests get 429 Too Many Requests with Retry-After.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the key a name, so you recognise it in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List at least one model, or allow all models.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::AuditLogPage</name>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by actor (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom range…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the log again (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No events match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every sign-in, every change and every refused request is recorded here. Widen the time range or clear the filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep events for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events older than this are deleted. Seed 003 suggests a year for compliance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the audit log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) shown</source>
        <translation>
            <numerusform>%n event shown</numerusform>
            <numerusform>%n events shown</numerusform>
        </translation>
    </message>
    <message>
        <source>the newest %1; narrow the filters to see older ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shorten retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Keep audit events for %n day(s) only?</source>
        <translation>
            <numerusform>Keep audit events for %n day only?</numerusform>
            <numerusform>Keep audit events for %n days only?</numerusform>
        </translation>
    </message>
    <message>
        <source>Events older than that are deleted now and cannot be restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete older events</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Events are now kept for %n day(s).</source>
        <translation>
            <numerusform>Events are now kept for %n day.</numerusform>
            <numerusform>Events are now kept for %n days.</numerusform>
        </translation>
    </message>
    <message>
        <source>Retention saved, but old events could not be deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n older event(s) deleted.</source>
        <translation>
            <numerusform>%n older event deleted.</numerusform>
            <numerusform>%n older events deleted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>aiops::widgets::ChatBubble</name>
    <message>
        <source>Attached: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::ChatPane</name>
    <message>
        <source>← Agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the list of agents (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Local only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While on, no request leaves for a cloud provider (OpenAI, Anthropic); agents answer from models on this cluster only. Applies to every agent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message text is not stored: this agent keeps token counts only. The conversation shows here while it is open and is gone when you leave it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected conversation (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the agent something to start. Enter sends, Shift+Enter starts a new line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ttach…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files to the next message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message the agent… (Enter sends, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Enter or Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1
%n message(s) · %2</source>
        <translation>
            <numerusform>%1
%n message · %2</numerusform>
            <numerusform>%1
%n messages · %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the conversation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(text not stored)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>*(text not stored)*</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n token</numerusform>
            <numerusform>%n tokens</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 via %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent could not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start a conversation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: “%1” is not running. Start the agent, then send again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its messages are deleted too. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the conversation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not attach “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  ✕</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “%1” from the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove attachment %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::CopyToNodeDialog</name>
    <message>
        <source>Copy to node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy “%1” to a node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node downloads the model into its cache now, so a deployment there starts without waiting for the download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Node:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — already cached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — no size limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — cache not reported yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No node is online. Start a node&apos;s daemon, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This node already has the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs %1 but only %2 is free: the node evicts models it has not used recently to make room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloads %1 to the node.</source>
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
    <name>aiops::widgets::DeployWizard</name>
    <message>
        <source>Deploy model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1  Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2  Placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3  Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4  Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5  Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which model?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready models of the registry. The GPU memory is what the model needs in all; the placement splits it over the GPUs you give it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name or framework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ready models in the registry. Add one on the Models page first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where should it run?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto: let the controller pick the node and GPUs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual: pick them yourself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bin-pack: fill the fullest GPU that fits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spread: use the emptiest GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Framework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Framework default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vLLM&apos;s --gpu-memory-utilization: the share of each GPU&apos;s memory it takes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU memory use (vLLM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split on spaces like a shell; quote an argument that contains spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra arguments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image&apos;s own command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review and deploy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The container&apos;s output appears here once it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2 · %3 · GPU memory %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n GPU(s))</source>
        <translation>
            <numerusform>%1 (%n GPU)</numerusform>
            <numerusform>%1 (%n GPUs)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No node to pick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VRAM in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 free of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick at least one GPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No placement yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected (0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registry/image:tag (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra arguments: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A custom deployment needs an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The health path starts with “/”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, chosen by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Auto (%1, %n GPU(s)): %2</source>
        <translation>
            <numerusform>Auto (%1, %n GPU): %2</numerusform>
            <numerusform>Auto (%1, %n GPUs): %2</numerusform>
        </translation>
    </message>
    <message>
        <source>bin-pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1=%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU memory use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image&apos;s own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not deploy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploying %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> on %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no message; see the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be deployed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than one GPU runs the model tensor-parallel on one node; none runs it on the CPU</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::DeploymentsPage</name>
    <message>
        <source>Deploy model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing deployed yet — deploy a model from the registry onto a GPU node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The wizard picks the node and GPUs with enough free memory (or lets you choose), starts the container and gives you an endpoint to send requests to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy curl example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a deployment to see its endpoint, placement and logs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node and GPUs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Framework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Fetch the newest lines every %n second(s)</source>
        <translation>
            <numerusform>Fetch the newest lines every second</numerusform>
            <numerusform>Fetch the newest lines every %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No log lines yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try a smaller model, fewer GPU memory (lower --gpu-memory-utilization) or a node with more free VRAM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the image name and tag, and that the node can reach the registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look at the logs below: the server did not become ready. A large model may need a longer health timeout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another container uses the port; deploy again to get a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models running on your GPU nodes, with their endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n deployment(s)</source>
        <translation>
            <numerusform>%n deployment</numerusform>
            <numerusform>%n deployments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n running</source>
        <translation>
            <numerusform>%n running</numerusform>
            <numerusform>%n running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deploying</source>
        <translation>
            <numerusform>%n deploying</numerusform>
            <numerusform>%n deploying</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message>
        <source>Deployment %1 · instance %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deployment failed without a message; see the logs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not placed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 per GPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The container on %1 is stopped and removed, and its GPUs are freed. Requests to its endpoint fail from then on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not stop “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “%1” from the list?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing runs for it any more; only its entry goes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the logs: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · port %2 on the node</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::InstructionsPage</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New instruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a new instruction template (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No instructions yet — write the first one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An instruction is a reusable system prompt with guidelines. Agents use one to know their role, tone and rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the instruction (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an instruction to edit it, or create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Kubernetes on-call assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the instruction is for (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated, e.g. ops, kubernetes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ctive: agents can be given this instruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System &amp;prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are … Describe the agent&apos;s role, what it may do and how it answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Guidelines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add guideline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove guideline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One rule per line; double-click or press F2 to edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the instruction (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reusable system prompts and guidelines for agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n instruction template(s)</source>
        <translation>
            <numerusform>%n instruction template</numerusform>
            <numerusform>%n instruction templates</numerusform>
        </translation>
    </message>
    <message>
        <source>the new instruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard your changes to “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They have not been saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the instruction a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the name under %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the description under %1 characters (now %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the system prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system prompt has %1 characters; the limit is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save “%1”: %2 Reload it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete instruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents that use it must be given another instruction first; the service refuses while any does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete “%1”: %2 Give those agents another instruction first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::LoginDialog</name>
    <message>
        <source>Sign in to a controller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to a remote controller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage a fleet run by another AIOps controller. Your role on that controller decides what you can change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://controller.example.org:8750</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Controller address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Controller:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not encrypted: the password would cross the network in clear text. Use https:// unless this is a trusted network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeps a sign-in token in the system keychain (%1), not your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts; try again in 1 minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts; try again in %1 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account may not sign in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The controller&apos;s certificate is not trusted: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 fingerprint: %1. Trust it only if it matches the fingerprint shown on the controller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
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
    <message>
        <source>Safety</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log redaction is off: log files may contain personal data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn log redaction back on in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Safety</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical personal data detected in a message (%1). See Safety → Detections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect to Remote Controller…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to another AIOps controller and open its fleet in a new window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users &amp; access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Users &amp;&amp; access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;udit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model “%1” downloaded and ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download of “%1” failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The HuggingFace token could not be stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HuggingFace token stored in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The S3 key could not be stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;eployments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model “%1” is running at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;gents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent “%1” failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Instructions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::ModelsPage</name>
    <message>
        <source>Delete model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This frees %1 of disk. Files that another model still uses are kept. Nodes that cached the model keep their copy until they evict it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the download of “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The files downloaded so far are deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import HuggingFace cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import HF cache…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register the models of an existing HuggingFace cache (~/.cache/huggingface) without downloading them again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add from HuggingFace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No models yet — add one from HuggingFace or import your HF cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before anything is downloaded you see the files, the size and the GPU memory a model needs. Models already in ~/.cache/huggingface are imported without downloading again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name, task, framework or license (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No models match the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try another name, task or framework.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a model to see its metadata, versions and files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Framework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min. GPU memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>License</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models from HuggingFace, ready to deploy to your nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n model</numerusform>
            <numerusform>%n models</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n downloading</source>
        <translation>
            <numerusform>%n downloading</numerusform>
            <numerusform>%n downloading</numerusform>
        </translation>
    </message>
    <message>
        <source>added %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HuggingFace: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not stated</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Files (%n)</source>
        <translation>
            <numerusform>Files (%n)</numerusform>
            <numerusform>Files (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing the models of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No models were found to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %n model(s).</source>
        <translation>
            <numerusform>Imported %n model.</numerusform>
            <numerusform>Imported %n models.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s): %1</source>
        <translation>
            <numerusform>%n warning: %1</numerusform>
            <numerusform>%n warnings: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not delete the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not import the HuggingFace cache</source>
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
        <source>Could not cancel the download: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not restart the download: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop this download and delete what was downloaded so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy to node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cached on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not copy the model to the node: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the model into an online node&apos;s cache now, so a deployment there starts without waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No node is online. Start a node&apos;s daemon to copy models to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not cached on any node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copying to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploy this model onto a GPU node</source>
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
    <name>aiops::widgets::NodeModelCachePanel</name>
    <message>
        <source>Remove model from node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “%1” from %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node deletes its copy and frees the disk space. The model stays in the registry; a later deployment on this node downloads it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1 · %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by the node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a node to see the models cached on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model cache disk use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the node&apos;s copy of this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove the model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 used of %2 (%3 free)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 used, no size limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node has not reported its model cache yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No models cached on this node yet. Use Models → Copy to node… to prefetch one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A deployment on this node uses the model; it cannot be removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready on the node&apos;s disk; a deployment here starts without downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node gave no reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use by a deployment on this node; stop the deployment first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already being removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the node&apos;s copy of %1</source>
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
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models on this node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models on this node (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::RegisterToolDialog</name>
    <message>
        <source>By &amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As a &amp;container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register MCP server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register an MCP server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A server that already runs somewhere the controller can reach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The controller runs the server&apos;s image on the local node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. GitHub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the server&apos;s tools are for (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Productivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ca&amp;tegory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoint URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streamable HTTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSE (legacy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ransport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port the server listens on inside the container (1024–65535)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>En&amp;vironment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The controller connects to the server and lists its tools; the first health check starts at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the description under %1 characters (now %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s URL, e.g. http://localhost:3001/mcp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an http:// or https:// URL, e.g. http://localhost:3001/mcp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the image, e.g. ghcr.io/example/mcp-server:1.0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An image name has no spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: the variable has a value but no name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: “%2” is not a variable name (letters, digits and _, not starting with a digit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: “%2” is set twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not register the server: %1 Choose another name or remove the other one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not register the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the server answers MCP inside the container; empty: /mcp (/sse for SSE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCP pat&amp;h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The controller runs the image on this machine (Docker or Podman), publishes the port on 127.0.0.1 only and lists the server&apos;s tools once it answers. PORT is set to the container port unless you set it below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a path such as /mcp, or leave it empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyDetectionsTab</name>
    <message>
        <source>All severities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detections per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No detections in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PII detections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No PII detected in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a chat message contains personal data, the match is redacted and logged here. The live tester on the Patterns tab shows what would be found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No detections match the filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try another severity or pattern, or a longer time range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load detections: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Latest %n detection(s)</source>
        <translation>
            <numerusform>Latest %n detection</numerusform>
            <numerusform>Latest %n detections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n detection(s)</source>
        <translation>
            <numerusform>%n detection</numerusform>
            <numerusform>%n detections</numerusform>
        </translation>
    </message>
    <message>
        <source>All patterns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyGuardrailDialog</name>
    <message>
        <source>Max &amp;toxicity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LLM &amp;check:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &amp;model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ll agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;nly:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acti&amp;ve: check messages against this guardrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add guardrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit guardrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a guardrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. No competitor talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this guardrail is for (shown to other operators)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum toxicity score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: ask an LLM whether the message is on topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: model for that check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On &amp;violation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown to the user, e.g. “I can&apos;t help with that.”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;pplies to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agent IDs, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents this guardrail applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Severity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ry it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message to check against this guardrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked &amp;keywords:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed &amp;topics:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One keyword or phrase per line; case and Vietnamese accents are ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One topic per line, e.g. billing, shipping, returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the guardrail a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A guardrail named “%1” already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The description is too long: %1 of at most %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List at least one keyword to block.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List at least one allowed topic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the agents, or choose All agents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passes: the message goes through unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user sees: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent as: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toxicity score: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe what the guardrail is for.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyGuardrailsTab</name>
    <message>
        <source>Delete guardrail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the guardrail “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages are no longer checked against it. Violations already logged keep their record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add guardrail…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No guardrails yet — click Add guardrail…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A guardrail checks chat messages before users or agents see them: blocked keywords, allowed topics, a toxicity limit, or medical and legal advice. It can block, warn, rephrase or hold a message for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardrails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter guardrails (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter guardrails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No guardrails match the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try another name or type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a guardrail (Ins)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the selected guardrail (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected guardrail (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the guardrail: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add the guardrail: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardrail “%1” added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the guardrail: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardrail “%1” saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the guardrail: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardrail “%1” deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a guardrail to see what it checks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked keywords: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed topics: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum toxicity: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message to the user: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyPage</name>
    <message>
        <source>Safety</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patterns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardrails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Violations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add guardrail…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add pattern…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n PII pattern(s) active</source>
        <translation>
            <numerusform>%1 of %n PII pattern active</numerusform>
            <numerusform>%1 of %n PII patterns active</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n guardrail(s)</source>
        <translation>
            <numerusform>%n guardrail</numerusform>
            <numerusform>%n guardrails</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) to review</source>
        <translation>
            <numerusform>%n message to review</numerusform>
            <numerusform>%n messages to review</numerusform>
        </translation>
    </message>
    <message>
        <source>Review queue (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyPatternDialog</name>
    <message>
        <source>&amp;Ignore case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the original length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acti&amp;ve: detect matches of this pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add PII pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit PII pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a PII pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This pattern ships with the console: its name and expression are fixed, how its matches are handled can change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches of the expression are found in every chat message before it is stored, then handled as set below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Employee ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RE2 expression, e.g. \bEMP-\d{6}\b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RE2 syntax: no backreferences or lookaround, so every pattern runs in linear time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Expression:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Severity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redaction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mask with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample text: what this pattern matches is highlighted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the pattern a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pattern named “%1” already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the expression to look for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This pattern</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyPatternsTab</name>
    <message>
        <source>Delete pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the pattern “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages are no longer checked for it. Detections already logged keep their record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add pattern…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PII patterns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter patterns (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter patterns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No patterns match the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try another name or category.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live tester</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a message: what the active patterns find is highlighted, and below is the text that would be stored. Nothing typed here is logged. (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a custom PII pattern (Ins)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the selected pattern (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the pattern: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add the pattern: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern “%1” added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the pattern: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern “%1” saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the pattern: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern “%1” deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in patterns can be deactivated but not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected pattern (Del)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyReviewTab</name>
    <message>
        <source>Nothing to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a guardrail with the Escalate action catches a message, the message waits here until you approve or reject it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages waiting for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a message to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated by “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confidence %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conversation %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not resolve the escalation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve marks the message as acceptable; Reject confirms the violation. The decision is recorded in the violations log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyTester</name>
    <message>
        <source>Sample text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or paste a message, e.g. “my card is 4111 1111 1111 1111”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample text to test the PII patterns on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redacted preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The redacted message appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches are highlighted as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot test this text: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No PII found: the message is stored as written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n match(es): %1</source>
        <translation>
            <numerusform>%n match: %1</numerusform>
            <numerusform>%n matches: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>A pattern with the Block action matches: this message would be rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An administrator would be alerted about this message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(blocked: not stored)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SafetyViolationsTab</name>
    <message>
        <source>Guardrail filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardrail violations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No guardrail violations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages that a guardrail blocks, warns about, rephrases or escalates are logged here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No violations match the filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try another guardrail or action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load violations: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Latest %n violation(s)</source>
        <translation>
            <numerusform>Latest %n violation</numerusform>
            <numerusform>Latest %n violations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n violation(s)</source>
        <translation>
            <numerusform>%n violation</numerusform>
            <numerusform>%n violations</numerusform>
        </translation>
    </message>
    <message>
        <source>All guardrails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · confidence %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent as: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::SecretRevealDialog</name>
    <message>
        <source>Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy it now: you will not see it again. Only a hash is stored, so a lost key cannot be recovered, only revoked and replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have copied it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
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
        <source>Data directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redact personal data and secrets in logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log lines are scanned for PII, tokens, passwords and home paths before they are written. Turn off only to debug, and never on a shared machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nodes connect over wss:// and pin the controller&apos;s certificate on first use, like SSH. Without a certificate of your own, a self-signed one is generated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-signed (generated on first start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Certificate (PEM):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private &amp;key (PEM):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;ve over TLS (https and wss)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A HuggingFace mirror to download models from. Empty: $HF_ENDPOINT, else huggingface.co.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HuggingFace &amp;mirror:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (public models only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needed for gated and private models. Kept in the system keychain, never in the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HuggingFace toke&amp;n:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A token is stored; type a new one to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Controller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Models &amp;&amp; storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S3 / MinIO model storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional. Downloaded models are copied to this bucket and nodes fetch them through short-lived presigned links, so nodes never hold storage keys. Leave the endpoint empty to serve models from this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bucket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (bucket root)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key &amp;prefix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Access key ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Secret access key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These settings are read when AIOps Console starts: restart it to apply a new listen address, port, data directory, heartbeat interval, alert threshold, TLS or model storage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored; type a new one to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the S3 endpoint for this bucket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint must be an http:// or https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the bucket to keep models in.</source>
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
<context>
    <name>aiops::widgets::Spinner</name>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::Theme</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::ToolCallCard</name>
    <message>
        <source>Tool: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no arguments)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded in %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::ToolTryItForm</name>
    <message>
        <source>This tool takes no inputs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call the tool with these arguments (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON array, e.g. [&quot;a&quot;, &quot;b&quot;]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON object, e.g. {&quot;key&quot;: &quot;value&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JSON value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a JSON object ({…}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a JSON array ([…]).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a value for “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a value for “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” must be a JSON array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call could not be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tool reported an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%1, %2]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::ToolsPage</name>
    <message>
        <source>Built-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCP · container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCP · URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streamable HTTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint or image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register MCP server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an MCP server by URL or as a container (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No MCP servers yet — register one to give your agents more tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register an MCP server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the server now and list its tools again (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a tool to see what it offers and to try it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last health check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offered tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once the server answers, the tools it offers appear here with their input schemas, ready to try.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools your agents can call: MCP servers and built-in tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n MCP server(s)</source>
        <translation>
            <numerusform>%n MCP server</numerusform>
            <numerusform>%n MCP servers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n built-in</source>
        <translation>
            <numerusform>%n built-in</numerusform>
            <numerusform>%n built-in</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with errors</source>
        <translation>
            <numerusform>%n with errors</numerusform>
            <numerusform>%n with errors</numerusform>
        </translation>
    </message>
    <message>
        <source>No input schema: the tool takes no arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the server&apos;s container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only servers that run as a container can be restarted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in tools cannot be removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the MCP server (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last health check failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Productivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assigned when the container runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · port %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server offers no tools.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tools listed yet — check its health.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not check “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not restart “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove MCP server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its container is stopped and removed, and agents can no longer call its tools.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents can no longer call its tools. The server itself keeps running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove “%1”: %2 Take it away from those agents first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>MCP servers offer tools such as GitHub, databases or search. Register one by its URL, or by its image to run it here as a container. %n built-in tool(s) are always available.</source>
        <translation>
            <numerusform>MCP servers offer tools such as GitHub, databases or search. Register one by its URL, or by its image to run it here as a container. %n built-in tool is always available.</numerusform>
            <numerusform>MCP servers offer tools such as GitHub, databases or search. Register one by its URL, or by its image to run it here as a container. %n built-in tools are always available.</numerusform>
        </translation>
    </message>
    <message>
        <source>MCP servers offer tools such as GitHub, databases or search. Register one by its URL, or by its image to run it here as a container.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting · pulling the image %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting · pulling the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting · health check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting · waiting for the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting · creating the container</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::UserDialog</name>
    <message>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user signs in with this username and password. Their role decides what they may change; every role can see the fleet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes apply from the user&apos;s next request. Leave the password empty to keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. linh.nguyen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Linh Nguyen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>at least %n character(s)</source>
        <translation>
            <numerusform>at least %n character</numerusform>
            <numerusform>at least %n characters</numerusform>
        </translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a username.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A username may contain letters, digits and . _ @ - only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The username “%1” is taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a valid email address, or leave it empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The password needs at least %n character(s).</source>
        <translation>
            <numerusform>The password needs at least %n character.</numerusform>
            <numerusform>The password needs at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an organization.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>aiops::widgets::UsersAccessPage</name>
    <message>
        <source>Users &amp; access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create API key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the key “%1”. Give it to the client that calls the inference routes; it sends it as “Authorization: Bearer &lt;key&gt;”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a user (Ins)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an API key for an inference client (Ins)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the selected user&apos;s name, email, organization, role or password (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A disabled user cannot sign in until enabled again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the selected key: clients using it are refused at once (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the node&apos;s credential: it is disconnected at once (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No users match the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try another name, email or role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show re&amp;voked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keys match the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try another name, prefix or model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API keys yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a key for each inference client. It can be limited to some models and given a quota and a rate limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No nodes match the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try another node name or ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No node credentials yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A node receives its own credential the first time it connects with an enrollment token from Nodes → Add node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add the user: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User “%1” added as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the user: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User “%1” saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the user: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User “%1” disabled: they can no longer sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User “%1” enabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the user “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They are signed out everywhere and their API keys are revoked. The audit log keeps their actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the user: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User “%1” deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the API key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key “%1” created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the API key “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients using it are refused from their next request. This cannot be undone: create a new key to restore access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not revoke the API key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key “%1” revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke node credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the credential of “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node is disconnected at once and cannot reconnect until it enrolls again with a new token from Add node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not revoke the credential: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential of “%1” revoked; the node was disconnected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the account you are signed in with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected user (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n user</numerusform>
            <numerusform>%n users</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n active API key(s)</source>
        <translation>
            <numerusform>%n active API key</numerusform>
            <numerusform>%n active API keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n node credential(s)</source>
        <translation>
            <numerusform>%n node credential</numerusform>
            <numerusform>%n node credentials</numerusform>
        </translation>
    </message>
</context>
</TS>
