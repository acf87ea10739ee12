#include "core/deploy/GpuSelector.h"

#include "core/deploy/ByteUnits.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace aiops::deploy {

namespace {

const QString kOnline = u"online"_s;
const QString kMaintenance = u"maintenance"_s;
const QString kNvidia = u"nvidia"_s;
const QString kAmd = u"amd"_s;
constexpr double kScoreEpsilon = 1e-9;
constexpr qint64 kMaxMemoryMb = qint64(1) << 40; // far beyond any GPU; keeps the arithmetic in range
constexpr int kMaxGpuCount = 64;

// Utilization in 0..100; an unknown (NaN) reading counts as fully busy.
double busyPercent(double utilization)
{
    return std::isfinite(utilization) ? std::clamp(utilization, 0.0, 100.0) : 100.0;
}

// Numeric device ids compare as numbers so that "2" sorts before "10"; numeric before non-numeric.
bool deviceLess(const QString& a, const QString& b)
{
    bool okA = false;
    bool okB = false;
    const qlonglong na = a.toLongLong(&okA);
    const qlonglong nb = b.toLongLong(&okB);
    if (okA && okB && na != nb)
        return na < nb;
    if (okA != okB)
        return okA;
    return a < b;
}

bool deviceListLess(const QStringList& a, const QStringList& b)
{
    return std::lexicographical_compare(a.cbegin(), a.cend(), b.cbegin(), b.cend(), deviceLess);
}

QString gpuWord(qsizetype count)
{
    return count == 1 ? u"GPU"_s : u"GPUs"_s;
}

QString gpusLabel(const QStringList& deviceIds)
{
    return gpuWord(deviceIds.size()) + u' ' + deviceIds.join(u", "_s);
}

QString percentText(double value)
{
    return QString::number(value, 'f', 0) + u" %"_s;
}

// Vendors a framework runs on; empty = any.
QStringList frameworkVendors(const QString& framework)
{
    if (framework == u"vllm"_s)
        return { kNvidia, kAmd };
    if (framework == u"triton"_s)
        return { kNvidia };
    return {};
}

struct GpuEval
{
    const GpuView* gpu = nullptr;
    qint64 availableMb = 0; // memoryFree - reservations
    qint64 headroomMb = 0;
    bool vendorOk = false;
    bool fits = false;
    qint64 shortfallMb = 0; // when vendorOk && !fits
    double ownScore = 0; // memory + utilization terms, to pick the best GPUs within one node
    QString rejection;
};

struct NodeEval
{
    const NodeView* node = nullptr;
    bool statusOk = false;
    QString statusRejection;
    QList<GpuEval> gpus; // in device order
    int fitting = 0;
};

class Evaluation
{
public:
    Evaluation(const PlacementRequest& request, const PlacementInputs& inputs, const GpuSelector::ScoreWeights& weights)
        : m_request(request)
        , m_inputs(inputs)
        , m_weights(weights)
        , m_shareMb((request.minGpuMemoryMb + request.gpuCount - 1) / request.gpuCount)
    {
        const QStringList byFramework = frameworkVendors(request.framework);
        const QString wanted = request.vendor.toLower();
        if (wanted.isEmpty())
            m_vendors = byFramework;
        else if (byFramework.isEmpty() || byFramework.contains(wanted))
            m_vendors = { wanted };
        for (const Reservation& r : inputs.reservations) {
            if (!request.deploymentId.isEmpty() && r.deploymentId == request.deploymentId)
                continue;
            m_reserved[key(r.nodeId, r.deviceId)] += r.memoryMb;
        }
    }

    qint64 shareMb() const { return m_shareMb; }

    NodeEval evaluate(const NodeView& node) const
    {
        NodeEval eval;
        eval.node = &node;
        if (node.status == kOnline) {
            eval.statusOk = true;
        } else if (node.status == kMaintenance) {
            eval.statusRejection = u"%1 is in maintenance"_s.arg(node.nodeId);
        } else {
            eval.statusRejection
                = u"%1 is %2"_s.arg(node.nodeId, node.status.isEmpty() ? u"in an unknown state"_s : node.status);
        }
        QList<const GpuView*> gpus;
        for (const GpuView& gpu : node.gpus)
            gpus.append(&gpu);
        std::stable_sort(gpus.begin(), gpus.end(), [](const GpuView* a, const GpuView* b) {
            return deviceLess(a->deviceId, b->deviceId);
        });
        for (const GpuView* gpu : gpus) {
            GpuEval g = evaluate(node, *gpu);
            if (g.fits)
                ++eval.fitting;
            eval.gpus.append(std::move(g));
        }
        return eval;
    }

    Candidate candidate(const NodeView& node, const QList<const GpuEval*>& chosen) const
    {
        Candidate c;
        c.nodeId = node.nodeId;
        double left = 0;
        double utilization = 0;
        c.freeAfterMb = std::numeric_limits<qint64>::max();
        for (const GpuEval* g : chosen) {
            c.deviceIds.append(g->gpu->deviceId);
            left += leftRatio(*g);
            utilization += busyPercent(g->gpu->utilization);
            c.freeAfterMb = std::min(c.freeAfterMb, g->availableMb - m_shareMb);
        }
        left /= static_cast<double>(chosen.size());
        c.utilization = utilization / static_cast<double>(chosen.size());
        c.rttMs = m_inputs.rttMs.value(node.nodeId, -1);
        c.modelCached = m_inputs.nodesWithModelCached.contains(node.nodeId);

        double rttTerm = 0;
        if (c.rttMs >= 0 && m_weights.rttCapMs > 0)
            rttTerm = 1.0 - static_cast<double>(std::min(c.rttMs, m_weights.rttCapMs)) / m_weights.rttCapMs;
        c.score = memoryTerm(left) * m_weights.memory + (1.0 - c.utilization / 100.0) * m_weights.utilization
            + rttTerm * m_weights.rtt + (c.modelCached ? m_weights.cached : 0.0);
        c.reason = describe(c) + u"; score "_s + QString::number(c.score, 'f', 1);
        return c;
    }

    double memoryTermOf(const Candidate& c, const QList<NodeEval>& nodes) const
    {
        for (const NodeEval& n : nodes) {
            if (n.node->nodeId != c.nodeId)
                continue;
            double left = 0;
            for (const GpuEval& g : n.gpus)
                if (c.deviceIds.contains(g.gpu->deviceId))
                    left += leftRatio(g);
            return memoryTerm(left / static_cast<double>(c.deviceIds.size()));
        }
        return 0;
    }

    QString describe(const Candidate& c) const
    {
        QString text = c.nodeId + u' ' + gpusLabel(c.deviceIds) + u": "_s + formatGiB(c.freeAfterMb)
            + u" free after placement"_s;
        if (c.deviceIds.size() > 1)
            text += u" (least of the %1)"_s.arg(c.deviceIds.size());
        text += u", "_s + percentText(c.utilization) + u" busy"_s;
        if (c.rttMs >= 0)
            text += u", RTT %1 ms"_s.arg(c.rttMs);
        if (c.modelCached)
            text += u", model cached"_s;
        return text;
    }

    QString vendorsText() const { return m_vendors.isEmpty() ? u"any vendor"_s : m_vendors.join(u" or "_s); }

private:
    static QString key(const QString& nodeId, const QString& deviceId) { return nodeId + QChar(0x1f) + deviceId; }

    GpuEval evaluate(const NodeView& node, const GpuView& gpu) const
    {
        GpuEval g;
        g.gpu = &gpu;
        g.availableMb = gpu.memoryFreeMb - m_reserved.value(key(node.nodeId, gpu.deviceId));
        const auto byPercent = static_cast<qint64>(
            std::llround(m_request.headroomPercent / 100.0 * static_cast<double>(gpu.memoryTotalMb)));
        g.headroomMb = std::max(m_request.headroomMb, byPercent);
        const QString vendor = gpu.vendor.toLower();
        g.vendorOk = m_vendors.isEmpty() || m_vendors.contains(vendor);
        const QString label = u"GPU %1 on %2"_s.arg(gpu.deviceId, node.nodeId);
        if (!g.vendorOk) {
            g.rejection = u"%1 is %2; %3 needs %4"_s.arg(
                label, vendor.isEmpty() ? u"of unknown vendor"_s : vendor, requester(), vendorsText());
            return g;
        }
        const qint64 needMb = m_shareMb + g.headroomMb;
        g.fits = g.availableMb >= needMb;
        if (!g.fits) {
            g.shortfallMb = needMb - g.availableMb;
            g.rejection = u"%1 has %2 free after reservations; the model needs %3 + %4 headroom"_s.arg(
                label, formatGiB(g.availableMb), formatGiB(m_shareMb), formatGiB(g.headroomMb));
        }
        g.ownScore = memoryTerm(leftRatio(g)) * m_weights.memory
            + (1.0 - busyPercent(gpu.utilization) / 100.0) * m_weights.utilization;
        return g;
    }

    QString requester() const
    {
        if (!m_request.vendor.isEmpty() && frameworkVendors(m_request.framework).size() != 1)
            return u"the request"_s;
        return m_request.framework;
    }

    double leftRatio(const GpuEval& g) const
    {
        const qint64 left = g.availableMb - m_shareMb;
        const qint64 total = g.gpu->memoryTotalMb > 0 ? g.gpu->memoryTotalMb : std::max<qint64>(g.availableMb, 1);
        return std::clamp(static_cast<double>(left) / static_cast<double>(total), 0.0, 1.0);
    }

    double memoryTerm(double left) const
    {
        return m_request.strategy == PlacementStrategy::Binpack ? 1.0 - left : left;
    }

    const PlacementRequest& m_request;
    const PlacementInputs& m_inputs;
    const GpuSelector::ScoreWeights& m_weights;
    qint64 m_shareMb = 0;
    QStringList m_vendors; // empty = any
    QHash<QString, qint64> m_reserved;
};

Result<void> validate(const PlacementRequest& request)
{
    static const QStringList frameworks { u"vllm"_s, u"triton"_s, u"custom"_s };
    if (!frameworks.contains(request.framework))
        return makeError(ErrorCode::InvalidValue,
                         u"framework '%1' is not one of vllm, triton, custom"_s.arg(request.framework),
                         u"framework"_s);
    const QString vendor = request.vendor.toLower();
    if (!vendor.isEmpty() && vendor != kNvidia && vendor != kAmd)
        return makeError(
            ErrorCode::InvalidValue, u"vendor '%1' is not one of nvidia, amd"_s.arg(request.vendor), u"vendor"_s);
    const QStringList supported = frameworkVendors(request.framework);
    if (!vendor.isEmpty() && !supported.isEmpty() && !supported.contains(vendor))
        return makeError(
            ErrorCode::InvalidValue,
            u"%1 does not run on %2 GPUs; it needs %3"_s.arg(request.framework, vendor, supported.join(u" or "_s)),
            u"vendor"_s);
    if (request.gpuCount < 1 || request.gpuCount > kMaxGpuCount)
        return makeError(ErrorCode::InvalidValue, u"gpuCount must be within 1..%1"_s.arg(kMaxGpuCount), u"gpuCount"_s);
    if (request.minGpuMemoryMb < 0 || request.minGpuMemoryMb > kMaxMemoryMb)
        return makeError(ErrorCode::InvalidValue, u"minGpuMemory is negative or too large"_s, u"minGpuMemoryMb"_s);
    if (request.headroomMb < 0 || request.headroomMb > kMaxMemoryMb)
        return makeError(ErrorCode::InvalidValue, u"headroom is negative or too large"_s, u"headroomMb"_s);
    if (!(request.headroomPercent >= 0 && request.headroomPercent <= 50))
        return makeError(ErrorCode::InvalidValue, u"headroomPercent must be within 0..50"_s, u"headroomPercent"_s);
    return {};
}

bool candidateBefore(const Candidate& a, const Candidate& b)
{
    if (std::abs(a.score - b.score) >= kScoreEpsilon)
        return a.score > b.score;
    if (a.nodeId != b.nodeId)
        return a.nodeId < b.nodeId;
    return deviceListLess(a.deviceIds, b.deviceIds);
}

Result<void> manualPlacement(const PlacementRequest& request,
                             const QList<NodeView>& nodes,
                             const Evaluation& evaluation,
                             Placement& placement)
{
    const ManualPlacement& manual = *request.manual;
    const auto node
        = std::find_if(nodes.cbegin(), nodes.cend(), [&](const NodeView& n) { return n.nodeId == manual.nodeId; });
    auto fail = [](ErrorCode code, const QString& message, const QString& field) {
        return makeError(code, message, field);
    };
    if (node == nodes.cend())
        return fail(ErrorCode::InvalidValue, u"node '%1' is not known"_s.arg(manual.nodeId), u"manual.nodeId"_s);
    if (manual.deviceIds.size() != request.gpuCount)
        return fail(ErrorCode::InvalidValue,
                    u"manual placement names %1 %2; the request needs %3"_s.arg(manual.deviceIds.size())
                        .arg(gpuWord(manual.deviceIds.size()))
                        .arg(request.gpuCount),
                    u"manual.deviceIds"_s);
    if (QSet<QString>(manual.deviceIds.cbegin(), manual.deviceIds.cend()).size() != manual.deviceIds.size())
        return fail(ErrorCode::InvalidValue, u"manual placement names a GPU twice"_s, u"manual.deviceIds"_s);

    const NodeEval eval = evaluation.evaluate(*node);
    QList<const GpuEval*> chosen;
    for (const QString& deviceId : manual.deviceIds) {
        const auto g = std::find_if(
            eval.gpus.cbegin(), eval.gpus.cend(), [&](const GpuEval& e) { return e.gpu->deviceId == deviceId; });
        if (g == eval.gpus.cend())
            return fail(
                ErrorCode::InvalidValue, u"%1 has no GPU %2"_s.arg(manual.nodeId, deviceId), u"manual.deviceIds"_s);
        chosen.append(&*g);
    }
    if (!eval.statusOk)
        return fail(ErrorCode::Conflict, eval.statusRejection, u"manual.nodeId"_s);
    for (const GpuEval* g : chosen) {
        if (!g->vendorOk)
            return fail(ErrorCode::InvalidValue, g->rejection, u"manual.deviceIds"_s);
        if (!g->fits)
            return fail(ErrorCode::Conflict, g->rejection, u"manual.deviceIds"_s);
    }
    const Candidate c = evaluation.candidate(*node, chosen);
    placement.nodeId = c.nodeId;
    placement.deviceIds = c.deviceIds;
    placement.ranked = { c };
    placement.explanation = evaluation.describe(c) + u". Placed as requested (manual placement)."_s;
    return {};
}

QString closestMiss(const PlacementRequest& request, const QList<NodeEval>& nodes, const Evaluation& evaluation)
{
    const NodeEval* bestNode = nullptr;
    const GpuEval* bestGpu = nullptr;
    bool anyOnline = false;
    for (const NodeEval& n : nodes) {
        if (!n.statusOk)
            continue;
        anyOnline = true;
        QList<const GpuEval*> misses;
        for (const GpuEval& g : n.gpus)
            if (g.vendorOk && !g.fits)
                misses.append(&g);
        const qsizetype missing = request.gpuCount - n.fitting;
        if (missing <= 0 || misses.size() < missing)
            continue;
        std::stable_sort(misses.begin(), misses.end(), [](const GpuEval* a, const GpuEval* b) {
            return a->shortfallMb < b->shortfallMb;
        });
        const GpuEval* limiting = misses.at(missing - 1);
        if (!bestGpu || limiting->shortfallMb < bestGpu->shortfallMb) {
            bestNode = &n;
            bestGpu = limiting;
        }
    }
    if (bestGpu) {
        const QString gpuMiss = u"%1 free after reservations, %2 short"_s.arg(formatGiB(bestGpu->availableMb),
                                                                              formatGiB(bestGpu->shortfallMb));
        if (request.gpuCount == 1)
            return u"closest miss: GPU %1 on %2 has %3"_s.arg(bestGpu->gpu->deviceId, bestNode->node->nodeId, gpuMiss);
        return u"closest miss: %1 has %2 of the %3 GPUs needed; GPU %4 there has %5"_s.arg(bestNode->node->nodeId)
            .arg(bestNode->fitting)
            .arg(request.gpuCount)
            .arg(bestGpu->gpu->deviceId, gpuMiss);
    }
    if (!anyOnline)
        return u"no node is online"_s;
    return u"no online node has %1 %2 for %3"_s.arg(request.gpuCount)
        .arg(evaluation.vendorsText() + u' ' + gpuWord(request.gpuCount), request.framework);
}

QString headroomText(const PlacementRequest& request)
{
    if (request.headroomPercent > 0)
        return u"max(%1, %2 %)"_s.arg(formatGiB(request.headroomMb), QString::number(request.headroomPercent));
    return formatGiB(request.headroomMb);
}

QString rejectedSummary(const QStringList& rejected)
{
    constexpr qsizetype shown = 3;
    QString text = rejected.mid(0, shown).join(u"; "_s);
    if (rejected.size() > shown)
        text += u"; and %1 more"_s.arg(rejected.size() - shown);
    return text;
}

QString whyChosen(const PlacementRequest& request,
                  const Placement& placement,
                  const QList<NodeEval>& nodes,
                  const Evaluation& evaluation)
{
    const Candidate& best = placement.ranked.first();
    const bool binpack = request.strategy == PlacementStrategy::Binpack;
    const QString gpus = request.gpuCount == 1 ? u"GPU that fits"_s : u"GPUs that fit"_s;
    QString counts = u"%1 %2, %3 rejected"_s.arg(placement.ranked.size())
                         .arg(placement.ranked.size() == 1 ? u"candidate"_s : u"candidates"_s)
                         .arg(placement.rejected.size());

    if (placement.ranked.size() == 1)
        return u"It is the only placement that fits (%1)."_s.arg(counts);

    // The candidate the strategy alone would take; if it is not the winner, say what outweighed it.
    const Candidate* memoryBest = &best;
    double memoryBestTerm = evaluation.memoryTermOf(best, nodes);
    for (const Candidate& c : placement.ranked) {
        const double term = evaluation.memoryTermOf(c, nodes);
        if (term > memoryBestTerm + kScoreEpsilon) {
            memoryBest = &c;
            memoryBestTerm = term;
        }
    }
    const QString strategy = binpack ? u"Binpack"_s : u"Spread"_s;
    // Beaten on memory: say what outweighed it. Tied on memory: say what split the tie.
    const Candidate* other = memoryBest;
    if (memoryBest == &best) {
        const Candidate& runnerUp = placement.ranked.at(1);
        if (std::abs(evaluation.memoryTermOf(runnerUp, nodes) - memoryBestTerm) >= kScoreEpsilon)
            return u"%1 chose the %2 %3 (%4)."_s.arg(strategy, binpack ? u"fullest"_s : u"emptiest"_s, gpus, counts);
        other = &runnerUp;
    }

    QStringList factors;
    if (best.modelCached && !other->modelCached)
        factors.append(u"the model is cached here"_s);
    if (best.utilization + kScoreEpsilon < other->utilization)
        factors.append(
            u"it is less busy (%1 vs %2)"_s.arg(percentText(best.utilization), percentText(other->utilization)));
    if (best.rttMs >= 0 && (other->rttMs < 0 || best.rttMs < other->rttMs))
        factors.append(u"its RTT is lower (%1 ms vs %2)"_s.arg(best.rttMs)
                           .arg(other->rttMs < 0 ? u"unknown"_s : u"%1 ms"_s.arg(other->rttMs)));
    const QString otherLabel = other->nodeId + u' ' + gpusLabel(other->deviceIds);
    if (other != memoryBest) {
        if (factors.isEmpty())
            return u"%1 found it tied with %2 on every score; the first by node and GPU id wins (%3)."_s.arg(
                strategy, otherLabel, counts);
        return u"%1 found it as %2 as %3 and chose it because %4 (%5)."_s.arg(
            strategy, binpack ? u"full"_s : u"empty"_s, otherLabel, factors.join(u" and "_s), counts);
    }
    if (factors.isEmpty())
        factors.append(u"of its overall score"_s);
    return u"%1 ranked it above %2 (%3) because %4 (%5)."_s.arg(
        strategy, otherLabel, binpack ? u"fuller"_s : u"emptier"_s, factors.join(u" and "_s), counts);
}

} // namespace

NodeView NodeView::fromNodeInfo(const nodes::NodeInfo& info)
{
    NodeView view;
    view.nodeId = info.record.nodeId;
    view.status = info.record.status;
    for (const store::GpuDeviceRecord& gpu : info.record.gpuDevices)
        view.gpus.append(GpuView { gpu.deviceId, gpu.vendor, gpu.memoryTotal, gpu.memoryFree, gpu.utilization });
    return view;
}

QString strategyName(PlacementStrategy strategy)
{
    return strategy == PlacementStrategy::Binpack ? u"binpack"_s : u"spread"_s;
}

GpuSelector::GpuSelector(ScoreWeights weights)
    : m_weights(weights)
{
}

Result<Placement> GpuSelector::select(const PlacementRequest& request, const PlacementInputs& inputs) const
{
    if (auto valid = validate(request); !valid)
        return std::unexpected(valid.error());
    const Evaluation evaluation(request, inputs, m_weights);

    Placement placement;
    placement.reservedMbPerGpu = evaluation.shareMb();
    if (request.manual) {
        if (auto placed = manualPlacement(request, inputs.nodes, evaluation, placement); !placed)
            return std::unexpected(placed.error());
        return placement;
    }

    QList<const NodeView*> order;
    for (const NodeView& node : inputs.nodes)
        order.append(&node);
    std::stable_sort(
        order.begin(), order.end(), [](const NodeView* a, const NodeView* b) { return a->nodeId < b->nodeId; });

    QList<NodeEval> nodes;
    for (const NodeView* node : order) {
        NodeEval eval = evaluation.evaluate(*node);
        if (!eval.statusOk) {
            placement.rejected.append(eval.statusRejection);
            nodes.append(std::move(eval));
            continue;
        }
        if (eval.gpus.isEmpty())
            placement.rejected.append(u"%1 has no GPU"_s.arg(node->nodeId));
        QList<const GpuEval*> fitting;
        for (const GpuEval& g : eval.gpus) {
            if (g.fits)
                fitting.append(&g);
            else
                placement.rejected.append(g.rejection);
        }
        if (request.gpuCount == 1) {
            for (const GpuEval* g : fitting)
                placement.ranked.append(evaluation.candidate(*node, { g }));
        } else if (fitting.size() >= request.gpuCount) {
            std::stable_sort(fitting.begin(), fitting.end(), [](const GpuEval* a, const GpuEval* b) {
                return a->ownScore > b->ownScore + kScoreEpsilon;
            });
            QList<const GpuEval*> chosen = fitting.mid(0, request.gpuCount);
            std::sort(chosen.begin(), chosen.end(), [](const GpuEval* a, const GpuEval* b) {
                return deviceLess(a->gpu->deviceId, b->gpu->deviceId);
            });
            placement.ranked.append(evaluation.candidate(*node, chosen));
        } else if (!eval.gpus.isEmpty()) {
            placement.rejected.append(
                u"%1 has %2 fitting %3; the model needs %4 on one node (tensor parallel)"_s.arg(node->nodeId)
                    .arg(fitting.size())
                    .arg(gpuWord(fitting.size()))
                    .arg(request.gpuCount));
        }
        nodes.append(std::move(eval));
    }

    if (placement.ranked.isEmpty()) {
        QString message = u"No placement for %1 (%2 + %3 headroom on each of %4 %5, %6): %7."_s
                              .arg(request.modelId.isEmpty() ? u"the model"_s : request.modelId)
                              .arg(formatGiB(evaluation.shareMb()), headroomText(request))
                              .arg(request.gpuCount)
                              .arg(gpuWord(request.gpuCount), request.framework)
                              .arg(closestMiss(request, nodes, evaluation));
        if (!placement.rejected.isEmpty())
            message += u" Rejected: "_s + rejectedSummary(placement.rejected) + u'.';
        return makeError(ErrorCode::Conflict, message);
    }

    std::sort(placement.ranked.begin(), placement.ranked.end(), candidateBefore);
    const Candidate& best = placement.ranked.first();
    placement.nodeId = best.nodeId;
    placement.deviceIds = best.deviceIds;
    placement.explanation = evaluation.describe(best) + u". "_s + whyChosen(request, placement, nodes, evaluation);
    return placement;
}

} // namespace aiops::deploy
