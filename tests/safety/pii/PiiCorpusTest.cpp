#include "core/safety/PiiEngine.h"

#include <QFile>
#include <QMap>
#include <QSet>
#include <QTest>

using namespace aiops;
using namespace aiops::safety;
using namespace Qt::StringLiterals;

namespace {

// Each default pattern must find at least 95% of its labelled values (recall) and at least 95% of
// what it reports must be labelled so (precision), over tests/data/pii-corpus.tsv.
constexpr double kMinPrecision = 0.95;
constexpr double kMinRecall = 0.95;
constexpr qsizetype kMinCorpusLines = 300;

struct Row
{
    int line = 0;
    QSet<QString> expected; // empty: no PII
    QString text;
    QString value; // exact PII value, for offset checks
};

struct Counts
{
    int truePositives = 0;
    int falsePositives = 0;
    int falseNegatives = 0;
};

} // namespace

class PiiCorpusTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void corpusIsLargeAndCoversEveryPattern();
    void precisionAndRecall_data();
    void precisionAndRecall();
    void multibyteOffsets_data();
    void multibyteOffsets();

private:
    std::unique_ptr<PiiEngine> m_engine;
    QList<Row> m_rows;
    QMap<QString, Counts> m_counts;
    QMap<QString, QStringList> m_misses; // pattern -> "line N: FP/FN ..." for failure messages
};

void PiiCorpusTest::initTestCase()
{
    m_engine = std::make_unique<PiiEngine>(PiiEngine::Options {});
    QVERIFY(m_engine->setPatterns(PiiEngine::defaultPatterns()));

    QFile file(QStringLiteral(AIOPS_TEST_DATA_DIR "/pii-corpus.tsv"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    int lineNo = 0;
    while (!file.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(file.readLine()).chopped(1);
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList cols = line.split(u'\t');
        QVERIFY2(cols.size() == 2 || cols.size() == 3, qPrintable(u"line %1"_s.arg(lineNo)));
        Row row;
        row.line = lineNo;
        if (cols[0] != u"none") {
            const QStringList ids = cols[0].split(u',');
            row.expected = QSet<QString>(ids.cbegin(), ids.cend());
        }
        row.text = cols[1];
        if (cols.size() == 3)
            row.value = cols[2];
        m_rows.append(row);
    }

    for (const PiiPattern& p : PiiEngine::defaultPatterns())
        m_counts.insert(p.patternId, Counts {});
    for (const Row& row : std::as_const(m_rows)) {
        const auto matches = m_engine->detect(row.text);
        QVERIFY(matches);
        QSet<QString> found;
        for (const PiiMatch& m : *matches)
            found.insert(m.patternId);
        for (auto it = m_counts.begin(); it != m_counts.end(); ++it) {
            const bool want = row.expected.contains(it.key());
            const bool got = found.contains(it.key());
            if (want && got)
                ++it->truePositives;
            else if (got) {
                ++it->falsePositives;
                m_misses[it.key()].append(u"line %1 false positive: %2"_s.arg(row.line).arg(row.text));
            } else if (want) {
                ++it->falseNegatives;
                m_misses[it.key()].append(u"line %1 missed: %2"_s.arg(row.line).arg(row.text));
            }
        }
    }
}

void PiiCorpusTest::corpusIsLargeAndCoversEveryPattern()
{
    QVERIFY2(m_rows.size() >= kMinCorpusLines, qPrintable(QString::number(m_rows.size())));
    int negatives = 0;
    QMap<QString, int> positives;
    for (const Row& row : std::as_const(m_rows)) {
        negatives += row.expected.isEmpty();
        for (const QString& id : row.expected)
            ++positives[id];
    }
    QVERIFY(negatives >= 100);
    for (const PiiPattern& p : PiiEngine::defaultPatterns())
        QVERIFY2(positives.value(p.patternId) >= 20, qPrintable(p.patternId));
}

void PiiCorpusTest::precisionAndRecall_data()
{
    QTest::addColumn<QString>("patternId");
    for (const PiiPattern& p : PiiEngine::defaultPatterns())
        QTest::newRow(qPrintable(p.patternId)) << p.patternId;
}

void PiiCorpusTest::precisionAndRecall()
{
    QFETCH(QString, patternId);
    const Counts c = m_counts.value(patternId);
    const double precision = c.truePositives / double(std::max(1, c.truePositives + c.falsePositives));
    const double recall = c.truePositives / double(std::max(1, c.truePositives + c.falseNegatives));
    qInfo("%-16s TP %3d FP %2d FN %2d precision %.3f recall %.3f",
          qPrintable(patternId),
          c.truePositives,
          c.falsePositives,
          c.falseNegatives,
          precision,
          recall);
    const QString misses = m_misses.value(patternId).join(u'\n');
    QVERIFY2(c.truePositives > 0, qPrintable(misses));
    QVERIFY2(precision >= kMinPrecision, qPrintable(misses));
    QVERIFY2(recall >= kMinRecall, qPrintable(misses));
}

void PiiCorpusTest::multibyteOffsets_data()
{
    QTest::addColumn<QString>("patternId");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("value");
    int n = 0;
    for (const Row& row : std::as_const(m_rows)) {
        if (row.value.isEmpty())
            continue;
        QTest::newRow(qPrintable(u"line %1"_s.arg(row.line))) << *row.expected.cbegin() << row.text << row.value;
        ++n;
    }
    QVERIFY(n >= 10);
}

void PiiCorpusTest::multibyteOffsets()
{
    QFETCH(QString, patternId);
    QFETCH(QString, text);
    QFETCH(QString, value);
    const qsizetype expectedStart = text.indexOf(value);
    QVERIFY(expectedStart > 0);
    // The rows exist to put multi-byte UTF-8 (and surrogate pairs) before the value.
    QVERIFY(text.left(expectedStart).toUtf8().size() > expectedStart);

    const auto matches = m_engine->detect(text);
    QVERIFY(matches);
    const auto it
        = std::find_if(matches->cbegin(), matches->cend(), [&](const PiiMatch& m) { return m.patternId == patternId; });
    QVERIFY(it != matches->cend());
    QCOMPARE(it->start, expectedStart);
    QCOMPARE(it->end, expectedStart + value.size());
    QCOMPARE(it->text, value);

    const auto outcome = m_engine->process(text);
    QVERIFY(outcome);
    QString expected = text;
    expected.replace(expectedStart, value.size(), QString(value.size(), u'*'));
    QCOMPARE(outcome->redactedText, expected);
}

QTEST_GUILESS_MAIN(PiiCorpusTest)
#include "PiiCorpusTest.moc"
