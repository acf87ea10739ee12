#pragma once

#include "core/deploy/ReservationBook.h"
#include "core/nodes/NodeInfo.h"
#include "core/protocol/Error.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

namespace aiops::deploy {

// What the selector needs of one GPU; built from store::GpuDeviceRecord so tests can write tables.
struct GpuView
{
    QString deviceId;
    QString vendor; // "nvidia" | "amd" (compared case-insensitively)
    qint64 memoryTotalMb = 0;
    qint64 memoryFreeMb = 0; // as last reported by the node, before our reservations
    double utilization = 0; // percent; NaN = unknown, scored as 100
};

// What the selector needs of one node; status is the node record's ("online" | "offline" | "maintenance").
struct NodeView
{
    QString nodeId;
    QString status;
    QList<GpuView> gpus;

    static NodeView fromNodeInfo(const nodes::NodeInfo& info);
};

enum class PlacementStrategy {
    Binpack, // fill the fullest GPU that fits: keeps whole GPUs free for big models
    Spread, // use the emptiest GPU: spreads load and leaves room to grow
};

struct ManualPlacement
{
    QString nodeId;
    QStringList deviceIds; // exactly gpuCount distinct devices of that node

    bool operator==(const ManualPlacement&) const = default;
};

// Frameworks and the GPU vendors they run on:
//   vllm   nvidia (CUDA) and amd (ROCm)
//   triton nvidia only
//   custom any vendor
// `vendor` narrows that further ("" = any the framework supports); triton with vendor "amd" is
// refused outright (InvalidValue).
struct PlacementRequest
{
    QString modelId;
    QString deploymentId; // optional: reservations held under this id are ignored (a retried placement)
    qint64 minGpuMemoryMb = 0; // the whole model; split evenly over gpuCount GPUs (rounded up)
    QString framework { QStringLiteral("vllm") }; // "vllm" | "triton" | "custom"
    QString vendor; // "" = any, "nvidia", "amd"
    int gpuCount = 1; // tensor parallel: all on one node; 1..64
    PlacementStrategy strategy = PlacementStrategy::Binpack;
    std::optional<ManualPlacement> manual;
    // Headroom each GPU must keep free on top of the model's share, for CUDA context, activation
    // spikes and metric lag: max(headroomMb, headroomPercent % of that GPU's memoryTotal).
    qint64 headroomMb = 1024;
    double headroomPercent = 0; // 0..50
};

struct PlacementInputs
{
    QList<NodeView> nodes;
    QList<Reservation> reservations; // held by in-flight deployments (ReservationBook::reservations())
    QHash<QString, int> rttMs; // nodeId -> WebSocket ping round trip; missing = unknown
    QSet<QString> nodesWithModelCached;
};

// One placement that passed every filter.
struct Candidate
{
    QString nodeId;
    QStringList deviceIds;
    double score = 0; // 0..100, see GpuSelector
    qint64 freeAfterMb = 0; // the smallest free memory left on the chosen GPUs after placement
    double utilization = 0; // mean over the chosen GPUs, percent
    int rttMs = -1; // -1 = unknown
    bool modelCached = false;
    QString reason; // "node-b GPU 0: 61.2 GiB free after placement, 12 % busy, RTT 4 ms, model cached"
};

struct Placement
{
    QString nodeId;
    QStringList deviceIds;
    qint64 reservedMbPerGpu = 0; // the model's share per GPU (headroom is not reserved)
    QString explanation; // one or two sentences: which node and GPU, and why
    QList<Candidate> ranked; // best first; ranked.first() is the choice (auto placement)
    QStringList rejected; // one human reason per rejected node or GPU
};

// Chooses a node and GPUs for a deployment. Pure and deterministic: same inputs, same answer.
//
// Filters, each rejection recorded in Placement::rejected (or the error message):
//   1. node status is "online" (offline and maintenance nodes are skipped);
//   2. GPU vendor fits the framework and request (see PlacementRequest);
//   3. memoryFree - reservations >= ceil(minGpuMemoryMb / gpuCount) + headroom;
//   4. the node has gpuCount GPUs passing 2 and 3 (never split across nodes).
//
// Score of a candidate, 0..100, higher wins (weights in ScoreWeights):
//   left   = mean over its GPUs of (free after reservations - model share) / memoryTotal, in 0..1
//   memory = binpack: 1 - left; spread: left
//   util   = 1 - mean utilization / 100 (each clamped to 0..100; unknown counts as 100)
//   rtt    = 1 - min(rttMs, rttCapMs) / rttCapMs; unknown RTT scores 0
//   cached = 1 when the model is already in the node's cache, else 0
//   score  = memory*50 + util*20 + rtt*10 + cached*20
// Ties (|difference| < 1e-9) go to the smaller nodeId, then the smaller device ids (numeric ids
// compare as numbers, "2" < "10").
//
// With gpuCount 1 every fitting GPU is a candidate. With gpuCount N > 1 each node gives one
// candidate: its N fitting GPUs that score best on their own.
//
// Errors:
//   InvalidValue  a malformed request (framework, vendor, gpuCount, memory, headroom), triton with
//                 vendor amd, or a manual pick that can never be valid: unknown node or GPU, wrong
//                 number or repeated GPUs, a GPU of the wrong vendor. `field` names the request field.
//   Conflict      the fleet's current state refuses it: a manual pick on an offline or maintenance
//                 node or a GPU without enough free memory, or no candidate at all for an automatic
//                 placement (the message names the closest miss).
class GpuSelector
{
public:
    struct ScoreWeights
    {
        double memory = 50;
        double utilization = 20;
        double rtt = 10;
        double cached = 20;
        int rttCapMs = 200;
    };

    GpuSelector() = default;
    explicit GpuSelector(ScoreWeights weights);

    Result<Placement> select(const PlacementRequest& request, const PlacementInputs& inputs) const;

    const ScoreWeights& weights() const { return m_weights; }

private:
    ScoreWeights m_weights;
};

QString strategyName(PlacementStrategy strategy);

} // namespace aiops::deploy
