#include "core/deploy/GpuSelector.h"
#include "core/deploy/ReservationBook.h"

#include <QTest>

using namespace aiops;
using namespace aiops::deploy;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 GiB = 1024; // MiB

GpuView
gpu(const QString& id, qint64 totalMb, qint64 freeMb, double utilization = 0, const QString& vendor = u"nvidia"_s)
{
    return GpuView { id, vendor, totalMb, freeMb, utilization };
}

NodeView node(const QString& id, QList<GpuView> gpus, const QString& status = u"online"_s)
{
    return NodeView { id, status, std::move(gpus) };
}

PlacementRequest request(qint64 minGpuMemoryMb,
                         PlacementStrategy strategy = PlacementStrategy::Binpack,
                         int gpuCount = 1,
                         const QString& framework = u"vllm"_s)
{
    PlacementRequest r;
    r.modelId = u"llama-3-8b"_s;
    r.minGpuMemoryMb = minGpuMemoryMb;
    r.strategy = strategy;
    r.gpuCount = gpuCount;
    r.framework = framework;
    return r;
}

Result<Placement> place(const PlacementRequest& r, const PlacementInputs& inputs)
{
    return GpuSelector().select(r, inputs);
}

QStringList rankedLabels(const Placement& p)
{
    QStringList labels;
    for (const Candidate& c : p.ranked)
        labels.append(c.nodeId + u':' + c.deviceIds.join(u'+'));
    return labels;
}

} // namespace

class TestGpuSelector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Free memory against share + headroom, at the boundary.
    void fits_data()
    {
        QTest::addColumn<qint64>("minMb");
        QTest::addColumn<qint64>("freeMb");
        QTest::addColumn<qint64>("headroomMb");
        QTest::addColumn<bool>("fits");

        QTest::newRow("roomy") << 8 * GiB << 40 * GiB << 1 * GiB << true;
        QTest::newRow("exactly share + headroom") << 8 * GiB << 9 * GiB << 1 * GiB << true;
        QTest::newRow("one MiB short") << 8 * GiB << 9 * GiB - 1 << 1 * GiB << false;
        QTest::newRow("no headroom, exact") << 8 * GiB << 8 * GiB << 0LL << true;
        QTest::newRow("model bigger than the GPU") << 90 * GiB << 80 * GiB << 1 * GiB << false;
    }

    void fits()
    {
        QFETCH(qint64, minMb);
        QFETCH(qint64, freeMb);
        QFETCH(qint64, headroomMb);
        QFETCH(bool, fits);

        PlacementRequest r = request(minMb);
        r.headroomMb = headroomMb;
        const auto placed = place(r, { { node(u"node-a"_s, { gpu(u"0"_s, 80 * GiB, freeMb) }) } });
        QCOMPARE(placed.has_value(), fits);
        if (fits) {
            QCOMPARE(placed->nodeId, u"node-a"_s);
            QCOMPARE(placed->deviceIds, QStringList { u"0"_s });
            QCOMPARE(placed->reservedMbPerGpu, minMb);
            QVERIFY(placed->rejected.isEmpty());
        } else {
            QCOMPARE(placed.error().code, ErrorCode::Conflict);
            QVERIFY2(placed.error().message.contains(u"closest miss: GPU 0 on node-a"_s),
                     qPrintable(placed.error().message));
        }
    }

    void headroomPercent()
    {
        PlacementRequest r = request(8 * GiB);
        r.headroomPercent = 10; // 8 GiB of an 80 GiB GPU, more than the 1 GiB floor
        const PlacementInputs inputs { { node(u"node-a"_s, { gpu(u"0"_s, 80 * GiB, 16 * GiB) }) } };
        QVERIFY(place(r, inputs).has_value());

        r.headroomPercent = 12.5;
        const auto refused = place(r, inputs);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(
                     u"GPU 0 on node-a has 16 GiB free after reservations; the model needs 8 GiB + 10 GiB headroom"_s),
                 qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.startsWith(
                     u"No placement for llama-3-8b (8 GiB + max(1 GiB, 12.5 %) headroom on each of 1 GPU, vllm)"_s),
                 qPrintable(refused.error().message));
    }

    void unknownUtilizationCountsAsBusy()
    {
        const PlacementInputs inputs { { node(
            u"node-a"_s, { gpu(u"0"_s, 80 * GiB, 40 * GiB, qQNaN()), gpu(u"1"_s, 80 * GiB, 40 * GiB, 60) }) } };
        const auto placed = place(request(8 * GiB), inputs);
        QVERIFY(placed);
        QCOMPARE(placed->deviceIds, QStringList { u"1"_s });
        QCOMPARE(placed->ranked.last().utilization, 100.0);
    }

    // A placement reserves; the next one sees less free memory and goes elsewhere until released.
    void reservationsShrinkFreeMemory()
    {
        PlacementInputs inputs { {
            node(u"node-a"_s, { gpu(u"0"_s, 24 * GiB, 20 * GiB) }),
            node(u"node-b"_s, { gpu(u"0"_s, 80 * GiB, 60 * GiB) }),
        } };
        PlacementRequest r = request(12 * GiB);

        const auto first = place(r, inputs);
        QVERIFY(first);
        QCOMPARE(first->nodeId, u"node-a"_s); // binpack: fuller GPU
        ReservationBook book;
        QVERIFY(book.reserve(u"dep-1"_s, first->nodeId, first->deviceIds, first->reservedMbPerGpu));

        inputs.reservations = book.reservations();
        const auto second = place(r, inputs);
        QVERIFY(second);
        QCOMPARE(second->nodeId, u"node-b"_s);
        QCOMPARE(second->rejected,
                 QStringList {
                     u"GPU 0 on node-a has 8 GiB free after reservations; the model needs 12 GiB + 1 GiB headroom"_s });

        // A retried placement of dep-1 does not compete with its own reservation.
        r.deploymentId = u"dep-1"_s;
        const auto retried = place(r, inputs);
        QVERIFY(retried);
        QCOMPARE(retried->nodeId, u"node-a"_s);

        QCOMPARE(book.release(u"dep-1"_s), 1);
        r.deploymentId.clear();
        inputs.reservations = book.reservations();
        QCOMPARE(place(r, inputs)->nodeId, u"node-a"_s);
    }

    void binpackVersusSpread_data()
    {
        QTest::addColumn<int>("strategy");
        QTest::addColumn<QString>("chosen");

        QTest::newRow("binpack takes the fullest GPU that fits") << int(PlacementStrategy::Binpack) << u"node-a:0"_s;
        QTest::newRow("spread takes the emptiest GPU") << int(PlacementStrategy::Spread) << u"node-b:1"_s;
    }

    void binpackVersusSpread()
    {
        QFETCH(int, strategy);
        QFETCH(QString, chosen);

        const PlacementInputs inputs { {
            node(u"node-a"_s, { gpu(u"0"_s, 80 * GiB, 20 * GiB, 10), gpu(u"1"_s, 80 * GiB, 50 * GiB, 10) }),
            node(u"node-b"_s, { gpu(u"0"_s, 80 * GiB, 4 * GiB, 10), gpu(u"1"_s, 80 * GiB, 70 * GiB, 10) }),
        } };
        const auto placed = place(request(8 * GiB, PlacementStrategy(strategy)), inputs);
        QVERIFY(placed);
        QCOMPARE(placed->nodeId + u':' + placed->deviceIds.join(u'+'), chosen);
        QCOMPARE(placed->ranked.size(), 3);
        QCOMPARE(placed->rejected.size(), 1); // node-b GPU 0 is too full
        for (qsizetype i = 1; i < placed->ranked.size(); ++i)
            QVERIFY(placed->ranked.at(i - 1).score >= placed->ranked.at(i).score);
    }

    void tensorParallel_data()
    {
        QTest::addColumn<int>("strategy");
        QTest::addColumn<QStringList>("devices");

        // node-c GPUs free 40, 14, 20 GiB; each needs 12 + 1 GiB.
        QTest::newRow("binpack: the two fullest") << int(PlacementStrategy::Binpack) << QStringList { u"1"_s, u"2"_s };
        QTest::newRow("spread: the two emptiest") << int(PlacementStrategy::Spread) << QStringList { u"0"_s, u"2"_s };
    }

    void tensorParallel()
    {
        QFETCH(int, strategy);
        QFETCH(QStringList, devices);

        const PlacementInputs inputs { {
            // Only one GPU fits here, however empty it is.
            node(u"node-a"_s, { gpu(u"0"_s, 80 * GiB, 79 * GiB), gpu(u"1"_s, 80 * GiB, 4 * GiB) }),
            node(u"node-c"_s,
                 { gpu(u"0"_s, 80 * GiB, 40 * GiB), gpu(u"1"_s, 80 * GiB, 14 * GiB), gpu(u"2"_s, 80 * GiB, 20 * GiB) }),
        } };
        const auto placed = place(request(24 * GiB, PlacementStrategy(strategy), 2), inputs);
        QVERIFY(placed);
        QCOMPARE(placed->nodeId, u"node-c"_s);
        QCOMPARE(placed->deviceIds, devices);
        QCOMPARE(placed->reservedMbPerGpu, 12 * GiB);
        QCOMPARE(placed->ranked.size(), 1);
        QVERIFY(
            placed->rejected.contains(u"node-a has 1 fitting GPU; the model needs 2 on one node (tensor parallel)"_s));
        QVERIFY2(placed->explanation.startsWith(u"node-c GPUs "_s + devices.join(u", "_s) + u": "_s),
                 qPrintable(placed->explanation));
    }

    // One fitting GPU on each of two nodes is not a placement: tensor parallel never spans nodes.
    void tensorParallelNeverSplitsAcrossNodes()
    {
        const PlacementInputs inputs { {
            node(u"node-a"_s, { gpu(u"0"_s, 80 * GiB, 20 * GiB), gpu(u"1"_s, 80 * GiB, 10 * GiB) }),
            node(u"node-b"_s, { gpu(u"0"_s, 80 * GiB, 20 * GiB), gpu(u"1"_s, 80 * GiB, 2 * GiB) }),
        } };
        const auto placed = place(request(24 * GiB, PlacementStrategy::Binpack, 2), inputs);
        QVERIFY(!placed);
        QCOMPARE(placed.error().code, ErrorCode::Conflict);
        QVERIFY2(
            placed.error().message.startsWith(
                u"No placement for llama-3-8b (12 GiB + 1 GiB headroom on each of 2 GPUs, vllm): closest miss: "
                "node-a has 1 of the 2 GPUs needed; GPU 1 there has 10 GiB free after reservations, 3 GiB short."_s),
            qPrintable(placed.error().message));
    }

    void offlineAndMaintenanceFiltered()
    {
        const PlacementInputs inputs { {
            node(u"node-a"_s, { gpu(u"0"_s, 80 * GiB, 80 * GiB) }, u"offline"_s),
            node(u"node-b"_s, { gpu(u"0"_s, 80 * GiB, 80 * GiB) }, u"maintenance"_s),
            node(u"node-c"_s, { gpu(u"0"_s, 24 * GiB, 10 * GiB, 95) }),
            node(u"node-d"_s, {}),
            node(u"node-e"_s, { gpu(u"0"_s, 80 * GiB, 80 * GiB) }, QString()),
        } };
        const auto placed = place(request(8 * GiB), inputs);
        QVERIFY(placed);
        QCOMPARE(placed->nodeId, u"node-c"_s);
        QCOMPARE(placed->rejected,
                 (QStringList { u"node-a is offline"_s,
                                u"node-b is in maintenance"_s,
                                u"node-d has no GPU"_s,
                                u"node-e is in an unknown state"_s }));
        QCOMPARE(
            placed->explanation,
            u"node-c GPU 0: 2 GiB free after placement, 95 % busy. It is the only placement that fits (1 candidate, "
            "4 rejected)."_s);
    }

    void vendorFilter_data()
    {
        QTest::addColumn<QString>("framework");
        QTest::addColumn<QString>("vendor");
        QTest::addColumn<QString>("gpuVendor");
        QTest::addColumn<int>("code"); // -1 = placed
        QTest::addColumn<QString>("reason");

        QTest::newRow("vllm on nvidia") << u"vllm"_s << QString() << u"nvidia"_s << -1 << QString();
        QTest::newRow("vllm on amd (ROCm)") << u"vllm"_s << QString() << u"amd"_s << -1 << QString();
        QTest::newRow("triton on nvidia") << u"triton"_s << QString() << u"nvidia"_s << -1 << QString();
        QTest::newRow("triton on amd refused") << u"triton"_s << QString() << u"amd"_s << int(ErrorCode::Conflict)
                                               << u"GPU 0 on node-a is amd; triton needs nvidia"_s;
        QTest::newRow("triton asked for amd") << u"triton"_s << u"amd"_s << u"amd"_s << int(ErrorCode::InvalidValue)
                                              << u"triton does not run on amd GPUs; it needs nvidia"_s;
        QTest::newRow("custom on amd") << u"custom"_s << QString() << u"amd"_s << -1 << QString();
        QTest::newRow("custom on unknown vendor") << u"custom"_s << QString() << QString() << -1 << QString();
        QTest::newRow("vllm on unknown vendor") << u"vllm"_s << QString() << QString() << int(ErrorCode::Conflict)
                                                << u"GPU 0 on node-a is of unknown vendor; vllm needs nvidia or amd"_s;
        QTest::newRow("vllm asked for nvidia, amd GPU")
            << u"vllm"_s << u"nvidia"_s << u"amd"_s << int(ErrorCode::Conflict)
            << u"GPU 0 on node-a is amd; the request needs nvidia"_s;
        QTest::newRow("custom asked for amd, nvidia GPU")
            << u"custom"_s << u"amd"_s << u"nvidia"_s << int(ErrorCode::Conflict)
            << u"GPU 0 on node-a is nvidia; the request needs amd"_s;
        QTest::newRow("vendor compared case-insensitively")
            << u"triton"_s << QString() << u"NVIDIA"_s << -1 << QString();
    }

    void vendorFilter()
    {
        QFETCH(QString, framework);
        QFETCH(QString, vendor);
        QFETCH(QString, gpuVendor);
        QFETCH(int, code);
        QFETCH(QString, reason);

        PlacementRequest r = request(8 * GiB, PlacementStrategy::Binpack, 1, framework);
        r.vendor = vendor;
        const auto placed = place(r, { { node(u"node-a"_s, { gpu(u"0"_s, 80 * GiB, 40 * GiB, 0, gpuVendor) }) } });
        if (code < 0) {
            QVERIFY2(placed, placed ? "" : qPrintable(placed.error().message));
            QCOMPARE(placed->nodeId, u"node-a"_s);
            return;
        }
        QVERIFY(!placed);
        QCOMPARE(int(placed.error().code), code);
        QVERIFY2(placed.error().message.contains(reason), qPrintable(placed.error().message));
    }

    // Equal memory and load: the lower RTT wins, and a cached model outweighs RTT.
    void rttAndCacheBreakTies_data()
    {
        QTest::addColumn<int>("rttA");
        QTest::addColumn<int>("rttB");
        QTest::addColumn<bool>("cachedA");
        QTest::addColumn<QString>("chosen");
        QTest::addColumn<QString>("because");

        QTest::newRow("lower RTT") << 90 << 4 << false << u"node-b"_s << u"its RTT is lower (4 ms vs 90 ms)"_s;
        QTest::newRow("unknown RTT loses")
            << -1 << 50 << false << u"node-b"_s << u"its RTT is lower (50 ms vs unknown)"_s;
        QTest::newRow("cached beats lower RTT") << 90 << 4 << true << u"node-a"_s << u"the model is cached here"_s;
    }

    void rttAndCacheBreakTies()
    {
        QFETCH(int, rttA);
        QFETCH(int, rttB);
        QFETCH(bool, cachedA);
        QFETCH(QString, chosen);
        QFETCH(QString, because);

        PlacementInputs inputs { {
            node(u"node-a"_s, { gpu(u"0"_s, 80 * GiB, 40 * GiB, 30) }),
            node(u"node-b"_s, { gpu(u"0"_s, 80 * GiB, 40 * GiB, 30) }),
        } };
        if (rttA >= 0)
            inputs.rttMs.insert(u"node-a"_s, rttA);
        inputs.rttMs.insert(u"node-b"_s, rttB);
        if (cachedA)
            inputs.nodesWithModelCached.insert(u"node-a"_s);
        const auto placed = place(request(8 * GiB), inputs);
        QVERIFY(placed);
        QCOMPARE(placed->nodeId, chosen);
        QVERIFY2(placed->explanation.contains(because), qPrintable(placed->explanation));
        QVERIFY(placed->ranked.first().score > placed->ranked.last().score);
    }

    // A cached model can outweigh a slightly better binpack fit; the explanation says so.
    void cachedModelOutweighsFit()
    {
        PlacementInputs inputs { {
            node(u"node-a"_s, { gpu(u"0"_s, 80 * GiB, 30 * GiB) }),
            node(u"node-b"_s, { gpu(u"0"_s, 80 * GiB, 34 * GiB) }),
        } };
        inputs.nodesWithModelCached.insert(u"node-b"_s);
        const auto placed = place(request(8 * GiB), inputs);
        QVERIFY(placed);
        QCOMPARE(placed->nodeId, u"node-b"_s);
        QCOMPARE(placed->explanation,
                 u"node-b GPU 0: 26 GiB free after placement, 0 % busy, model cached. Binpack ranked it above node-a "
                 "GPU 0 (fuller) because the model is cached here (2 candidates, 0 rejected)."_s);
    }

    void explanationNamesNodeGpuAndFreeMemory()
    {
        PlacementInputs inputs { {
            node(u"node-a"_s, { gpu(u"0"_s, 80 * GiB, 75 * GiB, 12) }),
            node(u"node-b"_s, { gpu(u"0"_s, 80 * GiB, 62669 + 8 * GiB, 12) }),
        } };
        inputs.nodesWithModelCached.insert(u"node-b"_s);
        const auto placed = place(request(8 * GiB), inputs);
        QVERIFY(placed);
        QCOMPARE(placed->explanation,
                 u"node-b GPU 0: 61.2 GiB free after placement, 12 % busy, model cached. Binpack chose the fullest GPU "
                 "that fits (2 candidates, 0 rejected)."_s);
        QCOMPARE(placed->ranked.size(), 2);
        QVERIFY2(
            placed->ranked.at(1).reason.startsWith(u"node-a GPU 0: 67 GiB free after placement, 12 % busy; score "_s),
            qPrintable(placed->ranked.at(1).reason));
    }

    void nothingFitsNamesClosestMiss()
    {
        const PlacementInputs inputs { {
            node(u"node-a"_s, { gpu(u"0"_s, 80 * GiB, 30 * GiB) }),
            node(u"node-b"_s, { gpu(u"0"_s, 80 * GiB, 38 * GiB) }),
            node(u"node-c"_s, { gpu(u"0"_s, 80 * GiB, 80 * GiB) }, u"offline"_s),
        } };
        PlacementRequest r = request(40 * GiB);
        r.modelId = u"llama-70b-awq"_s;
        const auto placed = place(r, inputs);
        QVERIFY(!placed);
        QCOMPARE(placed.error().code, ErrorCode::Conflict);
        QCOMPARE(
            placed.error().message,
            u"No placement for llama-70b-awq (40 GiB + 1 GiB headroom on each of 1 GPU, vllm): closest miss: GPU 0 "
            "on node-b has 38 GiB free after reservations, 3 GiB short. Rejected: GPU 0 on node-a has 30 GiB free "
            "after reservations; the model needs 40 GiB + 1 GiB headroom; GPU 0 on node-b has 38 GiB free after "
            "reservations; the model needs 40 GiB + 1 GiB headroom; node-c is offline."_s);
    }

    void nothingOnline()
    {
        const PlacementInputs inputs { {
            node(u"node-a"_s, { gpu(u"0"_s, 80 * GiB, 80 * GiB) }, u"offline"_s),
        } };
        const auto placed = place(request(8 * GiB), inputs);
        QVERIFY(!placed);
        QVERIFY2(placed.error().message.contains(u": no node is online."_s), qPrintable(placed.error().message));

        const auto amdOnly = place(request(8 * GiB, PlacementStrategy::Binpack, 1, u"triton"_s),
                                   { { node(u"node-a"_s, { gpu(u"0"_s, 80 * GiB, 80 * GiB, 0, u"amd"_s) }) } });
        QVERIFY(!amdOnly);
        QVERIFY2(amdOnly.error().message.contains(u": no online node has 1 nvidia GPU for triton."_s),
                 qPrintable(amdOnly.error().message));
    }

    // Equal scores: smaller nodeId, then numerically smaller device id, whatever the input order.
    void deterministicWithEqualScores()
    {
        const QList<NodeView> fleet {
            node(u"node-b"_s, { gpu(u"10"_s, 80 * GiB, 40 * GiB), gpu(u"2"_s, 80 * GiB, 40 * GiB) }),
            node(u"node-a"_s, { gpu(u"10"_s, 80 * GiB, 40 * GiB), gpu(u"2"_s, 80 * GiB, 40 * GiB) }),
        };
        const QStringList expected { u"node-a:2"_s, u"node-a:10"_s, u"node-b:2"_s, u"node-b:10"_s };
        for (const auto strategy : { PlacementStrategy::Binpack, PlacementStrategy::Spread }) {
            QList<NodeView> nodes = fleet;
            for (int round = 0; round < 2; ++round) {
                const auto placed = place(request(8 * GiB, strategy), { nodes });
                QVERIFY(placed);
                QCOMPARE(rankedLabels(*placed), expected);
                QVERIFY2(placed->explanation.contains(u"tied with node-a GPU 10 on every score"_s),
                         qPrintable(placed->explanation));
                std::reverse(nodes.begin(), nodes.end());
                for (NodeView& n : nodes)
                    std::reverse(n.gpus.begin(), n.gpus.end());
            }
        }
    }

    void manualOverride_data()
    {
        QTest::addColumn<QString>("framework");
        QTest::addColumn<QString>("nodeId");
        QTest::addColumn<QStringList>("devices");
        QTest::addColumn<int>("gpuCount");
        QTest::addColumn<int>("code"); // -1 = accepted
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");

        QTest::newRow("accepted") << u"vllm"_s << u"node-a"_s << QStringList { u"0"_s } << 1 << -1 << QString()
                                  << u"node-a GPU 0: 12.5 GiB free after placement, 0 % busy. Placed as requested "
                                     "(manual placement)."_s;
        QTest::newRow("accepted on amd for vllm")
            << u"vllm"_s << u"node-a"_s << QStringList { u"2"_s } << 1 << -1 << QString()
            << u"node-a GPU 2: 52.5 GiB free after placement, 0 % busy. Placed "
               "as requested (manual placement)."_s;
        QTest::newRow("not enough memory")
            << u"vllm"_s << u"node-a"_s << QStringList { u"1"_s } << 1 << int(ErrorCode::Conflict)
            << u"manual.deviceIds"_s
            << u"GPU 1 on node-a has 3.2 GiB free after reservations; the model needs 7.5 GiB + 1 GiB headroom"_s;
        QTest::newRow("reserved by another deployment")
            << u"vllm"_s << u"node-a"_s << QStringList { u"3"_s } << 1 << int(ErrorCode::Conflict)
            << u"manual.deviceIds"_s
            << u"GPU 3 on node-a has 6 GiB free after reservations; the model needs 7.5 GiB + 1 GiB headroom"_s;
        QTest::newRow("offline node") << u"vllm"_s << u"node-c"_s << QStringList { u"0"_s } << 1
                                      << int(ErrorCode::Conflict) << u"manual.nodeId"_s << u"node-c is offline"_s;
        QTest::newRow("unknown node") << u"vllm"_s << u"node-z"_s << QStringList { u"0"_s } << 1
                                      << int(ErrorCode::InvalidValue) << u"manual.nodeId"_s
                                      << u"node 'node-z' is not known"_s;
        QTest::newRow("unknown GPU") << u"vllm"_s << u"node-a"_s << QStringList { u"7"_s } << 1
                                     << int(ErrorCode::InvalidValue) << u"manual.deviceIds"_s
                                     << u"node-a has no GPU 7"_s;
        QTest::newRow("too few GPUs for tensor parallel")
            << u"vllm"_s << u"node-a"_s << QStringList { u"0"_s } << 2 << int(ErrorCode::InvalidValue)
            << u"manual.deviceIds"_s << u"manual placement names 1 GPU; the request needs 2"_s;
        QTest::newRow("same GPU twice") << u"vllm"_s << u"node-a"_s << QStringList { u"0"_s, u"0"_s } << 2
                                        << int(ErrorCode::InvalidValue) << u"manual.deviceIds"_s
                                        << u"manual placement names a GPU twice"_s;
        QTest::newRow("triton on amd") << u"triton"_s << u"node-a"_s << QStringList { u"2"_s } << 1
                                       << int(ErrorCode::InvalidValue) << u"manual.deviceIds"_s
                                       << u"GPU 2 on node-a is amd; triton needs nvidia"_s;
        QTest::newRow("two GPUs, one too full")
            << u"vllm"_s << u"node-a"_s << QStringList { u"0"_s, u"1"_s } << 2 << int(ErrorCode::Conflict)
            << u"manual.deviceIds"_s
            << u"GPU 1 on node-a has 3.2 GiB free after reservations; the model needs 3.8 GiB + 1 GiB headroom"_s;
    }

    void manualOverride()
    {
        QFETCH(QString, framework);
        QFETCH(QString, nodeId);
        QFETCH(QStringList, devices);
        QFETCH(int, gpuCount);
        QFETCH(int, code);
        QFETCH(QString, field);
        QFETCH(QString, message);

        PlacementInputs inputs { {
            node(u"node-a"_s,
                 { gpu(u"0"_s, 24 * GiB, 20 * GiB),
                   gpu(u"1"_s, 24 * GiB, 3277),
                   gpu(u"2"_s, 64 * GiB, 60 * GiB, 0, u"amd"_s),
                   gpu(u"3"_s, 24 * GiB, 20 * GiB) }),
            node(u"node-c"_s, { gpu(u"0"_s, 80 * GiB, 80 * GiB) }, u"offline"_s),
        } };
        inputs.reservations.append(Reservation { u"node-a"_s, u"3"_s, 14 * GiB, u"dep-other"_s });
        PlacementRequest r = request(7680, PlacementStrategy::Binpack, gpuCount, framework);
        r.manual = ManualPlacement { nodeId, devices };

        const auto placed = place(r, inputs);
        if (code < 0) {
            QVERIFY2(placed, placed ? "" : qPrintable(placed.error().message));
            QCOMPARE(placed->nodeId, nodeId);
            QCOMPARE(placed->deviceIds, devices);
            QCOMPARE(placed->reservedMbPerGpu, 7680 / gpuCount);
            QCOMPARE(placed->explanation, message);
            return;
        }
        QVERIFY(!placed);
        QCOMPARE(int(placed.error().code), code);
        QCOMPARE(placed.error().field, field);
        QCOMPARE(placed.error().message, message);
    }

    void invalidRequests_data()
    {
        QTest::addColumn<QString>("framework");
        QTest::addColumn<QString>("vendor");
        QTest::addColumn<int>("gpuCount");
        QTest::addColumn<qint64>("minMb");
        QTest::addColumn<double>("headroomPercent");
        QTest::addColumn<QString>("field");

        QTest::newRow("unknown framework") << u"tgi"_s << QString() << 1 << 1024LL << 0.0 << u"framework"_s;
        QTest::newRow("unknown vendor") << u"vllm"_s << u"intel"_s << 1 << 1024LL << 0.0 << u"vendor"_s;
        QTest::newRow("zero GPUs") << u"vllm"_s << QString() << 0 << 1024LL << 0.0 << u"gpuCount"_s;
        QTest::newRow("negative memory") << u"vllm"_s << QString() << 1 << -1LL << 0.0 << u"minGpuMemoryMb"_s;
        QTest::newRow("headroom over 50 %") << u"vllm"_s << QString() << 1 << 1024LL << 80.0 << u"headroomPercent"_s;
    }

    void invalidRequests()
    {
        QFETCH(QString, framework);
        QFETCH(QString, vendor);
        QFETCH(int, gpuCount);
        QFETCH(qint64, minMb);
        QFETCH(double, headroomPercent);
        QFETCH(QString, field);

        PlacementRequest r = request(minMb, PlacementStrategy::Binpack, gpuCount, framework);
        r.vendor = vendor;
        r.headroomPercent = headroomPercent;
        const auto placed = place(r, { { node(u"node-a"_s, { gpu(u"0"_s, 80 * GiB, 80 * GiB) }) } });
        QVERIFY(!placed);
        QCOMPARE(placed.error().code, ErrorCode::InvalidValue);
        QCOMPARE(placed.error().field, field);
    }

    void nodeViewFromNodeInfo()
    {
        nodes::NodeInfo info;
        info.record.nodeId = u"node-a"_s;
        info.record.status = u"maintenance"_s;
        store::GpuDeviceRecord record;
        record.deviceId = u"1"_s;
        record.vendor = u"amd"_s;
        record.memoryTotal = 65536;
        record.memoryFree = 30000;
        record.utilization = 42;
        info.record.gpuDevices = { record };

        const NodeView view = NodeView::fromNodeInfo(info);
        QCOMPARE(view.nodeId, u"node-a"_s);
        QCOMPARE(view.status, u"maintenance"_s);
        QCOMPARE(view.gpus.size(), 1);
        QCOMPARE(view.gpus.first().deviceId, u"1"_s);
        QCOMPARE(view.gpus.first().vendor, u"amd"_s);
        QCOMPARE(view.gpus.first().memoryTotalMb, 65536);
        QCOMPARE(view.gpus.first().memoryFreeMb, 30000);
        QCOMPARE(view.gpus.first().utilization, 42.0);
    }

    void reservationBook()
    {
        ReservationBook book;
        QVERIFY(book.isEmpty());
        QVERIFY(book.reserve(u"dep-1"_s, u"node-a"_s, { u"0"_s, u"1"_s }, 4096));
        QVERIFY(book.reserve(u"dep-2"_s, u"node-a"_s, { u"1"_s }, 2048));

        const auto again = book.reserve(u"dep-1"_s, u"node-b"_s, { u"0"_s }, 1024);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        QCOMPARE(book.reserve(u""_s, u"node-a"_s, { u"0"_s }, 1).error().field, u"deploymentId"_s);
        QCOMPARE(book.reserve(u"dep-3"_s, u"node-a"_s, {}, 1).error().field, u"deviceIds"_s);
        QCOMPARE(book.reserve(u"dep-3"_s, u"node-a"_s, { u"0"_s, u"0"_s }, 1).error().field, u"deviceIds"_s);
        QCOMPARE(book.reserve(u"dep-3"_s, u"node-a"_s, { u"0"_s }, -1).error().field, u"memoryMb"_s);

        QCOMPARE(book.reservedMb(u"node-a"_s, u"0"_s), 4096);
        QCOMPARE(book.reservedMb(u"node-a"_s, u"1"_s), 6144);
        QCOMPARE(book.reservedMb(u"node-b"_s, u"0"_s), 0);
        const auto totals = book.totalsPerGpu();
        QCOMPARE(totals.size(), 2);
        QCOMPARE(totals.value({ u"node-a"_s, u"1"_s }), 6144);
        QCOMPARE(book.reservationsOf(u"dep-1"_s).size(), 2);
        QVERIFY(book.holds(u"dep-2"_s));

        QCOMPARE(book.release(u"dep-1"_s), 2);
        QCOMPARE(book.release(u"dep-1"_s), 0);
        QVERIFY(!book.holds(u"dep-1"_s));
        QCOMPARE(book.reservedMb(u"node-a"_s, u"1"_s), 2048);
        QCOMPARE(book.reservations(), (QList<Reservation> { Reservation { u"node-a"_s, u"1"_s, 2048, u"dep-2"_s } }));
    }
};

QTEST_GUILESS_MAIN(TestGpuSelector)
#include "TestGpuSelector.moc"
