#include "core/registry/GpuMemoryEstimate.h"
#include "core/registry/ModelMetadata.h"

#include <QFile>
#include <QTest>
#include <QtEndian>

using namespace aiops;
using namespace aiops::registry;
using namespace Qt::StringLiterals;

namespace {

const QString dataDir = QStringLiteral(AIOPS_TEST_DATA_DIR) + u"/model-metadata/"_s;

QByteArray readData(const QString& name)
{
    QFile file(dataDir + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

QByteArray lengthPrefix(quint64 length)
{
    QByteArray prefix(8, '\0');
    qToLittleEndian<quint64>(length, prefix.data());
    return prefix;
}

QByteArray withPrefix(const QByteArray& json)
{
    return lengthPrefix(json.size()) + json;
}

using Histogram = QMap<QString, qint64>;

} // namespace

class TestModelMetadata : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseConfig_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("modelType");
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<qint64>("context");
        QTest::addColumn<qint64>("hidden");
        QTest::addColumn<qint64>("layers");
        QTest::addColumn<qint64>("heads");
        QTest::addColumn<qint64>("kvHeads");
        QTest::addColumn<qint64>("headDim");
        QTest::addColumn<qint64>("vocab");
        QTest::addColumn<qint64>("intermediate");

        QTest::newRow("qwen2.5 GQA") << u"qwen2.5-0.5b-instruct.config.json"_s << u"Qwen2ForCausalLM"_s << u"qwen2"_s
                                     << u"bfloat16"_s << 32768LL << 896LL << 24LL << 14LL << 2LL << 64LL << 151936LL
                                     << 4864LL;
        // No num_key_value_heads: every head has its own K/V.
        QTest::newRow("llama-2-7b MHA") << u"llama-2-7b.config.json"_s << u"LlamaForCausalLM"_s << u"llama"_s
                                        << u"float16"_s << 4096LL << 4096LL << 32LL << 32LL << 32LL << 128LL << 32000LL
                                        << 11008LL;
        QTest::newRow("llama-2-70b GQA") << u"llama-2-70b.config.json"_s << u"LlamaForCausalLM"_s << u"llama"_s
                                         << u"float16"_s << 4096LL << 8192LL << 80LL << 64LL << 8LL << 128LL << 32000LL
                                         << 28672LL;
        // GPT-2 spells everything n_*; max_position_embeddings is absent, n_positions gives the context.
        QTest::newRow("gpt2 n_* keys") << u"gpt2.config.json"_s << u"GPT2LMHeadModel"_s << u"gpt2"_s << QString()
                                       << 1024LL << 768LL << 12LL << 12LL << 12LL << 64LL << 50257LL << 0LL;
        QTest::newRow("chatglm seq_length")
            << u"chatglm-seq-length.config.json"_s << u"ChatGLMModel"_s << u"chatglm"_s << u"float16"_s << 32768LL
            << 4096LL << 28LL << 32LL << 2LL << 128LL << 65024LL << 0LL;
    }

    void parseConfig()
    {
        QFETCH(QString, file);
        QFETCH(QString, architecture);
        QFETCH(QString, modelType);
        QFETCH(QString, dtype);
        QFETCH(qint64, context);
        QFETCH(qint64, hidden);
        QFETCH(qint64, layers);
        QFETCH(qint64, heads);
        QFETCH(qint64, kvHeads);
        QFETCH(qint64, headDim);
        QFETCH(qint64, vocab);
        QFETCH(qint64, intermediate);

        const auto config = parseModelConfig(readData(file));
        QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
        QCOMPARE(config->architectures, QStringList { architecture });
        QCOMPARE(config->modelType, modelType);
        QCOMPARE(config->torchDtype, dtype);
        QCOMPARE(config->contextLength, context);
        QCOMPARE(config->hiddenSize, hidden);
        QCOMPARE(config->numHiddenLayers, layers);
        QCOMPARE(config->numAttentionHeads, heads);
        QCOMPARE(config->numKeyValueHeads, kvHeads);
        QCOMPARE(config->headDim, headDim);
        QCOMPARE(config->vocabSize, vocab);
        QCOMPARE(config->intermediateSize, intermediate);
    }

    void parseConfigRejects_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("not json") << QByteArray("{\"model_type\": ") << ErrorCode::InvalidJson;
        QTest::newRow("array") << QByteArray("[1, 2]") << ErrorCode::InvalidJson;
        QTest::newRow("architectures string")
            << QByteArray(R"({"architectures": "LlamaForCausalLM"})") << ErrorCode::InvalidFieldType;
        QTest::newRow("negative layers") << QByteArray(R"({"num_hidden_layers": -2})") << ErrorCode::InvalidFieldType;
        QTest::newRow("fractional heads")
            << QByteArray(R"({"num_attention_heads": 1.5})") << ErrorCode::InvalidFieldType;
        QTest::newRow("context as text") << QByteArray(R"({"max_position_embeddings": "4096"})")
                                         << ErrorCode::InvalidFieldType;
    }

    void parseConfigRejects()
    {
        QFETCH(QByteArray, json);
        QFETCH(ErrorCode, code);
        const auto config = parseModelConfig(json);
        QVERIFY(!config);
        QCOMPARE(config.error().code, code);
        QVERIFY(!config.error().message.isEmpty());
    }

    void safetensorsHeader_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("parameters");
        QTest::addColumn<int>("tensors");
        QTest::addColumn<qint64>("dataBytes");
        QTest::addColumn<Histogram>("histogram");
        QTest::addColumn<QString>("format");

        // Qwen2.5-0.5B: embed 151936x896 = 136,134,656; per layer q 896x896+896, k and v 128x896+128 each,
        // o 896x896, gate/up/down 3 x 4864x896, two norms of 896 = 14,912,384; x24 = 357,897,216;
        // final norm 896. Total 494,032,768 (the published count), all BF16: 988,065,536 bytes.
        QTest::newRow("qwen2.5-0.5b header only")
            << u"qwen2.5-0.5b-instruct.header.safetensors"_s << 494032768LL << 24 * 12 + 2 << 988065536LL
            << Histogram { { u"BF16"_s, 494032768LL } } << u"pt"_s;
        // F16 4x8 = 32, F32 8, I64 1x16 = 16; bytes 64 + 32 + 128.
        QTest::newRow("mixed dtypes") << u"mixed-dtypes.header.safetensors"_s << 56LL << 3 << 224LL
                                      << Histogram { { u"F16"_s, 32LL }, { u"F32"_s, 8LL }, { u"I64"_s, 16LL } }
                                      << u"pt"_s;
    }

    void safetensorsHeader()
    {
        QFETCH(QString, file);
        QFETCH(qint64, parameters);
        QFETCH(int, tensors);
        QFETCH(qint64, dataBytes);
        QFETCH(Histogram, histogram);
        QFETCH(QString, format);

        const QByteArray bytes = readData(file);
        // What a client does: Range bytes=0-7, then the header length that follows.
        const auto length = safetensorsHeaderLength(QByteArrayView(bytes).first(8));
        QVERIFY(length);
        QCOMPARE(*length, bytes.size() - 8);
        const auto header = parseSafetensorsHeader(bytes);
        QVERIFY2(header, qPrintable(header ? QString() : header.error().message));
        QCOMPARE(header->parameterCount, parameters);
        QCOMPARE(header->tensorCount, tensors);
        QCOMPARE(header->dataBytes, dataBytes);
        QCOMPARE(header->dtypeHistogram, histogram);
        QCOMPARE(header->metadata.value(u"format"_s), format);
        QCOMPARE(header->fileSize(), 8 + bytes.size() - 8 + dataBytes);
    }

    void safetensorsRejects_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("shorter than prefix") << QByteArray("\x10\x00\x00", 3) << ErrorCode::InvalidValue;
        QTest::newRow("absurd length 2^63") << lengthPrefix(quint64(1) << 63) + "{}" << ErrorCode::PayloadTooLarge;
        QTest::newRow("100 MiB + 1") << lengthPrefix(100ULL * 1024 * 1024 + 1) + "{}" << ErrorCode::PayloadTooLarge;
        QTest::newRow("header cut short") << lengthPrefix(64) + "{\"a\":" << ErrorCode::InvalidValue;
        QTest::newRow("bad json") << withPrefix("{\"w\":{\"dtype\":\"F16\",") << ErrorCode::InvalidJson;
        QTest::newRow("json array") << withPrefix("[]") << ErrorCode::InvalidJson;
        QTest::newRow("tensor not object") << withPrefix(R"({"w": 3})") << ErrorCode::InvalidFieldType;
        QTest::newRow("missing dtype") << withPrefix(R"({"w": {"shape": [2], "data_offsets": [0, 4]}})")
                                       << ErrorCode::MissingField;
        QTest::newRow("negative dimension")
            << withPrefix(R"({"w": {"dtype": "F16", "shape": [-2], "data_offsets": [0, 4]}})")
            << ErrorCode::InvalidFieldType;
        QTest::newRow("offsets disagree with shape")
            << withPrefix(R"({"w": {"dtype": "F16", "shape": [2, 2], "data_offsets": [0, 4]}})")
            << ErrorCode::InvalidValue;
        QTest::newRow("offsets reversed")
            << withPrefix(R"({"w": {"dtype": "F16", "shape": [2], "data_offsets": [8, 4]}})")
            << ErrorCode::InvalidValue;
        QTest::newRow("metadata not object") << withPrefix(R"({"__metadata__": "pt"})") << ErrorCode::InvalidFieldType;
    }

    void safetensorsRejects()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(ErrorCode, code);
        const auto header = parseSafetensorsHeader(bytes);
        QVERIFY(!header);
        QCOMPARE(header.error().code, code);
    }

    void localFileMustHoldItsData()
    {
        // A header-only file describes ~988 MB of tensors it does not have.
        const auto header = readSafetensorsFile(dataDir + u"qwen2.5-0.5b-instruct.header.safetensors"_s);
        QVERIFY(!header);
        QCOMPARE(header.error().code, ErrorCode::InvalidValue);
        const auto missing = readSafetensorsFile(dataDir + u"no-such.safetensors"_s);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void derive_data()
    {
        QTest::addColumn<QString>("configFile");
        QTest::addColumn<QString>("headerFile");
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QString>("pipelineTag");
        QTest::addColumn<QString>("task");
        QTest::addColumn<QString>("framework");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<qint64>("parameters");
        QTest::addColumn<qint64>("sizeMb");
        QTest::addColumn<qint64>("minGpuMemoryMb");

        // Files are "path:size". 988,097,824 + 659 bytes = 942.3 MiB -> 943; the GPU estimate is the
        // qwen2.5-0.5b row of gpuMemory below (2114).
        QTest::newRow("qwen causal LM") << u"qwen2.5-0.5b-instruct.config.json"_s
                                        << u"qwen2.5-0.5b-instruct.header.safetensors"_s
                                        << QStringList { u"model.safetensors:988097824"_s, u"config.json:659"_s }
                                        << u"text-generation"_s << u"llm"_s << u"vllm"_s << u"pytorch"_s
                                        << u"bfloat16"_s << 494032768LL << 943LL << 2114LL;
        // No header: the weights are estimated from the file sizes. 3 MiB of files:
        // 3,145,728 + 10% 314,573 (rounded up) + 1 GiB = 1,077,202,125 B -> 1028 MiB (1027.3 rounded up).
        QTest::newRow("whisper onnx") << u"whisper-tiny.config.json"_s << QString()
                                      << QStringList { u"onnx/encoder_model.onnx:2097152"_s,
                                                       u"onnx/decoder_model.onnx:1048576"_s }
                                      << u"automatic-speech-recognition"_s << u"asr"_s << u"triton"_s << u"onnx"_s
                                      << u"float32"_s << 0LL << 3LL << 1028LL;
        QTest::newRow("tensorrt engine") << u"resnet-50.config.json"_s << QString()
                                         << QStringList { u"model.plan:1048576"_s } << u"image-classification"_s
                                         << u"cv"_s << u"triton"_s << u"tensorrt"_s << u"float32"_s << 0LL << 1LL
                                         << 1026LL;
        // Mixed header: 224 weight bytes, no KV cache for a masked LM: 224 + 23 + 1 GiB -> 1025 MiB.
        QTest::newRow("bert masked LM") << u"bert-base-uncased.config.json"_s << u"mixed-dtypes.header.safetensors"_s
                                        << QStringList { u"model.safetensors:456"_s } << u"fill-mask"_s << u"nlp"_s
                                        << u"custom"_s << u"pytorch"_s << u"float16"_s << 56LL << 1LL << 1025LL;
        // Nothing about the weights is known; the KV cache still counts (16-bit, context 1024):
        // 2 x 12 x 12 x 64 x 1024 x 2 = 37,748,736 + 3,774,874 + 1 GiB = 1,115,265,434 B -> 1064 MiB (1063.6).
        QTest::newRow("gpt2 LMHead") << u"gpt2.config.json"_s << QString() << QStringList { u"model.safetensors:0"_s }
                                     << u"text-generation"_s << u"llm"_s << u"vllm"_s << u"pytorch"_s << QString()
                                     << 0LL << 0LL << 1064LL;
    }

    void derive()
    {
        QFETCH(QString, configFile);
        QFETCH(QString, headerFile);
        QFETCH(QStringList, files);
        QFETCH(QString, pipelineTag);
        QFETCH(QString, task);
        QFETCH(QString, framework);
        QFETCH(QString, format);
        QFETCH(QString, dtype);
        QFETCH(qint64, parameters);
        QFETCH(qint64, sizeMb);
        QFETCH(qint64, minGpuMemoryMb);

        const auto config = parseModelConfig(readData(configFile));
        QVERIFY(config);
        QList<SafetensorsHeader> headers;
        if (!headerFile.isEmpty()) {
            const auto header = parseSafetensorsHeader(readData(headerFile));
            QVERIFY(header);
            headers << *header;
        }
        QList<ModelFileInfo> fileInfos;
        for (const QString& entry : files)
            fileInfos << ModelFileInfo { entry.section(u':', 0, 0), entry.section(u':', 1).toLongLong() };

        const ModelMetadata metadata = deriveModelMetadata(*config, headers, fileInfos);
        QCOMPARE(metadata.pipelineTag, pipelineTag);
        QCOMPARE(metadata.task, task);
        QCOMPARE(metadata.framework, framework);
        QCOMPARE(metadata.modelFormat, format);
        QCOMPARE(metadata.dtype, dtype);
        QCOMPARE(metadata.parameters, parameters);
        QCOMPARE(metadata.sizeMb, sizeMb);
        QCOMPARE(metadata.minGpuMemoryMb, minGpuMemoryMb);
        QCOMPARE(metadata.contextLength, config->contextLength);
    }

    void gpuMemory_data()
    {
        QTest::addColumn<qint64>("parameters");
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<qint64>("layers");
        QTest::addColumn<qint64>("kvHeads");
        QTest::addColumn<qint64>("headDim");
        QTest::addColumn<qint64>("context");
        QTest::addColumn<qint64>("kvCacheBytes");
        QTest::addColumn<qint64>("minGpuMemoryMb");

        // Qwen2.5-0.5B bf16: weights 494,032,768 x 2 = 988,065,536.
        // KV at min(32768, 4096): 2 x 24 x 2 x 64 x 4096 x 2 = 50,331,648.
        // overhead 1,073,741,824 + ceil(1,038,397,184 / 10) = 1,177,581,543.
        // total 2,215,978,727 B = 2113.3 MiB -> 2114.
        QTest::newRow("qwen2.5-0.5b bf16")
            << 494032768LL << u"bfloat16"_s << 24LL << 2LL << 64LL << 32768LL << 50331648LL << 2114LL;
        // Llama-2-7B fp16: weights 6,738,415,616 x 2 = 13,476,831,232.
        // KV: 2 x 32 x 32 x 128 x 4096 x 2 = 2,147,483,648.
        // overhead 1 GiB + 1,562,431,488 = 2,636,173,312. total 18,260,488,192 B = 17414.6 MiB -> 17415.
        QTest::newRow("llama-2-7b fp16") << 6738415616LL << u"float16"_s << 32LL << 32LL << 128LL << 4096LL
                                         << 2147483648LL << 17415LL;
        // Llama-2-70B fp16, GQA with 8 KV heads: weights 68,976,648,192 x 2 = 137,953,296,384.
        // KV: 2 x 80 x 8 x 128 x 4096 x 2 = 1,342,177,280.
        // overhead 1 GiB + ceil(139,295,473,664 / 10) = 1,073,741,824 + 13,929,547,367 = 15,003,289,191.
        // total 154,298,762,855 B = 147150.4 MiB -> 147151.
        QTest::newRow("llama-2-70b fp16 GQA")
            << 68976648192LL << u"float16"_s << 80LL << 8LL << 128LL << 4096LL << 1342177280LL << 147151LL;
        // GPT-2 fp32 (124,439,808 params), context 1024 below the default, fp32 cache:
        // weights 497,759,232; KV 2 x 12 x 12 x 64 x 1024 x 4 = 75,497,472;
        // overhead 1 GiB + ceil(573,256,704 / 10) = 1,131,067,495; total 1,704,324,199 B = 1625.4 MiB -> 1626.
        QTest::newRow("gpt2 fp32") << 124439808LL << u"float32"_s << 12LL << 12LL << 64LL << 1024LL << 75497472LL
                                   << 1626LL;
        // BERT-base fp32 encoder, no KV cache: weights 109,482,240 x 4 = 437,928,960;
        // overhead 1 GiB + 43,792,896 = 1,117,534,720; total 1,555,463,680 B = 1483.4 MiB -> 1484.
        QTest::newRow("bert-base fp32 no kv")
            << 109482240LL << u"float32"_s << 0LL << 0LL << 0LL << 512LL << 0LL << 1484LL;
        // Unknown context: the default 4096. 1B int8 params: weights 1,000,000,000;
        // KV (16-bit) 2 x 16 x 8 x 64 x 4096 x 2 = 134,217,728;
        // overhead 1 GiB + ceil(1,134,217,728 / 10) = 1,073,741,824 + 113,421,773 = 1,187,163,597;
        // total 2,321,381,325 B = 2213.8 MiB -> 2214.
        QTest::newRow("int8 unknown context")
            << 1000000000LL << u"int8"_s << 16LL << 8LL << 64LL << 0LL << 134217728LL << 2214LL;
    }

    void gpuMemory()
    {
        QFETCH(qint64, parameters);
        QFETCH(QString, dtype);
        QFETCH(qint64, layers);
        QFETCH(qint64, kvHeads);
        QFETCH(qint64, headDim);
        QFETCH(qint64, context);
        QFETCH(qint64, kvCacheBytes);
        QFETCH(qint64, minGpuMemoryMb);

        GpuMemoryInput input;
        input.parameters = parameters;
        input.dtype = dtype;
        input.numHiddenLayers = layers;
        input.numKeyValueHeads = kvHeads;
        input.headDim = headDim;
        input.contextLength = context;
        const GpuMemoryEstimate estimate = estimateGpuMemory(input);
        QCOMPARE(estimate.kvCacheBytes, kvCacheBytes);
        QCOMPARE(estimate.totalBytes, estimate.weightBytes + estimate.kvCacheBytes + estimate.overheadBytes);
        QCOMPARE(estimate.minGpuMemoryMb, minGpuMemoryMb);
    }

    void gpuMemoryGrowsWithBatch()
    {
        GpuMemoryInput input;
        input.parameters = 494032768;
        input.dtype = u"bfloat16"_s;
        input.numHiddenLayers = 24;
        input.numKeyValueHeads = 2;
        input.headDim = 64;
        input.contextLength = 32768;
        const qint64 single = estimateGpuMemory(input).kvCacheBytes;
        input.batch = 4;
        QCOMPARE(estimateGpuMemory(input).kvCacheBytes, 4 * single);
    }
};

QTEST_GUILESS_MAIN(TestModelMetadata)
#include "TestModelMetadata.moc"
