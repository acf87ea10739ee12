#pragma once

// aiops-node's exit codes: a contract with whatever supervises it (the console's local node
// supervisor, systemd units).
namespace aiops::daemon {

constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;
// The controller refused the enrollment token and the node holds no credential of its own: no
// retry can succeed, only a new token (a token works once, for one hour).
constexpr int ExitEnrollmentRefused = 3;

} // namespace aiops::daemon
