#include "core/registry/ModelMetadata.h"

#include "core/registry/GpuMemoryEstimate.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace aiops::registry {

namespace {

// A JSON number that must be a non-negative integer; absent keys read as 0.
Result<qint64> readCount(const QJsonObject& object, const QString& key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return 0;
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < 0 || number != std::floor(number) || number > 9.0e15)
        return makeError(ErrorCode::InvalidFieldType, u"config.json: %1 is not a non-negative integer"_s.arg(key), key);
    return static_cast<qint64>(number);
}

Result<QJsonObject> parseObject(QByteArrayView json, const QString& what)
{
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(ErrorCode::InvalidJson,
                         u"%1: %2 at offset %3"_s.arg(what, parseError.errorString()).arg(parseError.offset));
    if (!document.isObject())
        return makeError(ErrorCode::InvalidJson, u"%1 is not a JSON object"_s.arg(what));
    return document.object();
}

QString torchNameOf(const QString& safetensorsDtype)
{
    static const QMap<QString, QString> names { { u"BF16"_s, u"bfloat16"_s },
                                                { u"F16"_s, u"float16"_s },
                                                { u"F32"_s, u"float32"_s },
                                                { u"F64"_s, u"float64"_s },
                                                { u"F8_E4M3"_s, u"float8_e4m3fn"_s },
                                                { u"F8_E5M2"_s, u"float8_e5m2"_s },
                                                { u"I8"_s, u"int8"_s },
                                                { u"U8"_s, u"uint8"_s },
                                                { u"I32"_s, u"int32"_s },
                                                { u"I64"_s, u"int64"_s } };
    return names.value(safetensorsDtype, safetensorsDtype.toLower());
}

struct TaskGuess
{
    QString pipelineTag;
    QString task;
};

TaskGuess guessTask(const ModelConfig& config)
{
    static const QStringList speechTypes { u"whisper"_s, u"wav2vec2"_s, u"hubert"_s, u"wavlm"_s, u"speech_to_text"_s };
    static const QStringList ttsTypes { u"speecht5"_s, u"vits"_s, u"bark"_s, u"fastspeech2_conformer"_s };
    const QString type = config.modelType.toLower();
    if (ttsTypes.contains(type))
        return { u"text-to-speech"_s, u"tts"_s };
    for (const QString& architecture : config.architectures) {
        if (architecture.endsWith(u"ForTextToSpeech"_s) || architecture.endsWith(u"ForTextToWaveform"_s))
            return { u"text-to-speech"_s, u"tts"_s };
        if (architecture.endsWith(u"ForSpeechSeq2Seq"_s) || architecture.endsWith(u"ForCTC"_s)
            || (speechTypes.contains(type) && architecture.endsWith(u"ForConditionalGeneration"_s)))
            return { u"automatic-speech-recognition"_s, u"asr"_s };
        if (architecture.endsWith(u"ForCausalLM"_s) || architecture.endsWith(u"LMHeadModel"_s))
            return { u"text-generation"_s, u"llm"_s };
        if (architecture.endsWith(u"ForConditionalGeneration"_s)) {
            // Vision-language models (Llava, Qwen2-VL, ...) generate text; T5/BART-style ones map text to text.
            if (type.contains(u"vl"_s) || type.contains(u"llava"_s) || type.contains(u"vision"_s))
                return { u"image-text-to-text"_s, u"llm"_s };
            return { u"text2text-generation"_s, u"nlp"_s };
        }
        if (architecture.endsWith(u"ForImageClassification"_s))
            return { u"image-classification"_s, u"cv"_s };
        if (architecture.endsWith(u"ForObjectDetection"_s))
            return { u"object-detection"_s, u"cv"_s };
        if (architecture.endsWith(u"ForSemanticSegmentation"_s) || architecture.endsWith(u"ForInstanceSegmentation"_s))
            return { u"image-segmentation"_s, u"cv"_s };
        if (architecture.endsWith(u"ForSequenceClassification"_s))
            return { u"text-classification"_s, u"nlp"_s };
        if (architecture.endsWith(u"ForTokenClassification"_s))
            return { u"token-classification"_s, u"nlp"_s };
        if (architecture.endsWith(u"ForQuestionAnswering"_s))
            return { u"question-answering"_s, u"nlp"_s };
        if (architecture.endsWith(u"ForMaskedLM"_s))
            return { u"fill-mask"_s, u"nlp"_s };
    }
    if (speechTypes.contains(type))
        return { u"automatic-speech-recognition"_s, u"asr"_s };
    return {};
}

} // namespace

int bytesPerElement(const QString& dtype)
{
    const QString name = dtype.toLower();
    if (name == u"bf16"_s || name == u"bfloat16"_s || name == u"f16"_s || name == u"float16"_s || name == u"half"_s
        || name == u"i16"_s || name == u"u16"_s || name == u"int16"_s)
        return 2;
    if (name == u"f32"_s || name == u"float32"_s || name == u"float"_s || name == u"i32"_s || name == u"u32"_s
        || name == u"int32"_s)
        return 4;
    if (name == u"f64"_s || name == u"float64"_s || name == u"i64"_s || name == u"u64"_s || name == u"int64"_s)
        return 8;
    if (name.startsWith(u"f8"_s) || name.startsWith(u"float8"_s) || name == u"i8"_s || name == u"u8"_s
        || name == u"int8"_s || name == u"uint8"_s || name == u"bool"_s)
        return 1;
    return 0;
}

Result<ModelConfig> parseModelConfig(QByteArrayView json)
{
    auto object = parseObject(json, u"config.json"_s);
    if (!object)
        return std::unexpected(object.error());
    const QJsonObject& root = *object;
    ModelConfig config;
    if (root.contains(u"architectures"_s) && !root.value(u"architectures"_s).isNull()) {
        if (!root.value(u"architectures"_s).isArray())
            return makeError(
                ErrorCode::InvalidFieldType, u"config.json: architectures is not an array"_s, u"architectures"_s);
        for (const QJsonValue& value : root.value(u"architectures"_s).toArray())
            if (value.isString())
                config.architectures << value.toString();
    }
    config.modelType = root.value(u"model_type"_s).toString();
    config.torchDtype = root.value(u"torch_dtype"_s).toString();

    // Each field and its spellings across model families (GPT-2 and its descendants use n_*).
    struct Field
    {
        qint64* target;
        QStringList keys;
    };
    const Field fields[] = {
        { &config.contextLength, { u"max_position_embeddings"_s, u"n_positions"_s, u"seq_length"_s, u"n_ctx"_s } },
        { &config.hiddenSize, { u"hidden_size"_s, u"n_embd"_s, u"d_model"_s } },
        { &config.numHiddenLayers, { u"num_hidden_layers"_s, u"n_layer"_s, u"num_layers"_s } },
        { &config.numAttentionHeads, { u"num_attention_heads"_s, u"n_head"_s } },
        { &config.numKeyValueHeads, { u"num_key_value_heads"_s, u"multi_query_group_num"_s } },
        { &config.headDim, { u"head_dim"_s } },
        { &config.vocabSize, { u"vocab_size"_s } },
        { &config.intermediateSize, { u"intermediate_size"_s, u"n_inner"_s, u"ffn_dim"_s } },
    };
    for (const Field& field : fields) {
        for (const QString& key : field.keys) {
            auto value = readCount(root, key);
            if (!value)
                return std::unexpected(value.error());
            if (*value > 0) {
                *field.target = *value;
                break;
            }
        }
    }
    if (config.numKeyValueHeads == 0)
        config.numKeyValueHeads = config.numAttentionHeads;
    if (config.headDim == 0 && config.numAttentionHeads > 0)
        config.headDim = config.hiddenSize / config.numAttentionHeads;
    return config;
}

Result<qint64> safetensorsHeaderLength(QByteArrayView firstBytes)
{
    if (firstBytes.size() < 8)
        return makeError(ErrorCode::InvalidValue, u"safetensors: shorter than its 8-byte header length"_s);
    const quint64 length = qFromLittleEndian<quint64>(firstBytes.data());
    if (length > static_cast<quint64>(kMaxSafetensorsHeaderBytes))
        return makeError(
            ErrorCode::PayloadTooLarge,
            u"safetensors: header length %1 exceeds the %2-byte limit"_s.arg(length).arg(kMaxSafetensorsHeaderBytes));
    if (length < 2)
        return makeError(ErrorCode::InvalidValue, u"safetensors: header length %1 is too small"_s.arg(length));
    return static_cast<qint64>(length);
}

Result<SafetensorsHeader> parseSafetensorsHeader(QByteArrayView fileStart)
{
    auto length = safetensorsHeaderLength(fileStart);
    if (!length)
        return std::unexpected(length.error());
    if (fileStart.size() < 8 + *length)
        return makeError(ErrorCode::InvalidValue,
                         u"safetensors: header needs %1 bytes, only %2 given"_s.arg(8 + *length).arg(fileStart.size()));
    return parseSafetensorsJson(fileStart.sliced(8, *length));
}

Result<SafetensorsHeader> parseSafetensorsJson(QByteArrayView json)
{
    if (json.size() > kMaxSafetensorsHeaderBytes)
        return makeError(ErrorCode::PayloadTooLarge, u"safetensors: header exceeds the size limit"_s);
    auto object = parseObject(json, u"safetensors header"_s);
    if (!object)
        return std::unexpected(object.error());
    SafetensorsHeader header;
    header.headerLength = json.size();
    for (auto it = object->begin(); it != object->end(); ++it) {
        const QString name = it.key();
        if (name == u"__metadata__"_s) {
            if (!it.value().isObject())
                return makeError(ErrorCode::InvalidFieldType, u"safetensors: __metadata__ is not an object"_s, name);
            const QJsonObject metadata = it.value().toObject();
            for (auto entry = metadata.begin(); entry != metadata.end(); ++entry)
                header.metadata.insert(entry.key(), entry.value().toString());
            continue;
        }
        if (!it.value().isObject())
            return makeError(ErrorCode::InvalidFieldType, u"safetensors: tensor %1 is not an object"_s.arg(name), name);
        const QJsonObject tensor = it.value().toObject();
        const QString dtype = tensor.value(u"dtype"_s).toString();
        const QJsonValue shapeValue = tensor.value(u"shape"_s);
        const QJsonValue offsetsValue = tensor.value(u"data_offsets"_s);
        if (dtype.isEmpty() || !shapeValue.isArray() || !offsetsValue.isArray() || offsetsValue.toArray().size() != 2)
            return makeError(ErrorCode::MissingField,
                             u"safetensors: tensor %1 lacks dtype, shape or data_offsets"_s.arg(name),
                             name);

        constexpr double maxExact = 9.0e15;
        double elements = 1;
        for (const QJsonValue& dimension : shapeValue.toArray()) {
            const double size = dimension.toDouble(-1);
            if (!dimension.isDouble() || size < 0 || size != std::floor(size))
                return makeError(
                    ErrorCode::InvalidFieldType, u"safetensors: tensor %1 has a bad shape"_s.arg(name), name);
            elements *= size;
            if (elements > maxExact)
                return makeError(
                    ErrorCode::OutOfRange, u"safetensors: tensor %1 is implausibly large"_s.arg(name), name);
        }
        const QJsonArray offsets = offsetsValue.toArray();
        const double begin = offsets.at(0).toDouble(-1);
        const double end = offsets.at(1).toDouble(-1);
        if (begin < 0 || end < begin || end > maxExact || begin != std::floor(begin) || end != std::floor(end))
            return makeError(ErrorCode::InvalidValue, u"safetensors: tensor %1 has bad data_offsets"_s.arg(name), name);
        const qint64 count = static_cast<qint64>(elements);
        const int elementBytes = bytesPerElement(dtype);
        // Sub-byte dtypes (packed 4-bit) are not checked against their extent.
        if (elementBytes > 0 && static_cast<qint64>(end - begin) != count * elementBytes)
            return makeError(ErrorCode::InvalidValue,
                             u"safetensors: tensor %1 spans %2 bytes, its shape needs %3"_s.arg(name)
                                 .arg(static_cast<qint64>(end - begin))
                                 .arg(count * elementBytes),
                             name);
        header.parameterCount += count;
        header.dtypeHistogram[dtype] += count;
        header.dataBytes = std::max(header.dataBytes, static_cast<qint64>(end));
        ++header.tensorCount;
    }
    return header;
}

Result<SafetensorsHeader> readSafetensorsFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, u"safetensors: cannot open %1: %2"_s.arg(path, file.errorString()));
    auto length = safetensorsHeaderLength(file.read(8));
    if (!length)
        return std::unexpected(length.error());
    const QByteArray json = file.read(*length);
    if (json.size() != *length)
        return makeError(ErrorCode::InvalidValue, u"safetensors: %1 is truncated inside its header"_s.arg(path));
    auto header = parseSafetensorsJson(json);
    if (!header)
        return header;
    if (header->fileSize() > file.size())
        return makeError(ErrorCode::InvalidValue,
                         u"safetensors: %1 holds %2 bytes, its header describes %3"_s.arg(path)
                             .arg(file.size())
                             .arg(header->fileSize()));
    return header;
}

ModelMetadata deriveModelMetadata(const std::optional<ModelConfig>& config,
                                  const QList<SafetensorsHeader>& headers,
                                  const QList<ModelFileInfo>& files)
{
    ModelMetadata metadata;
    metadata.config = config;
    for (const SafetensorsHeader& header : headers) {
        metadata.parameters += header.parameterCount;
        for (auto it = header.dtypeHistogram.begin(); it != header.dtypeHistogram.end(); ++it)
            metadata.dtypeHistogram[it.key()] += it.value();
    }
    QString dominant;
    for (auto it = metadata.dtypeHistogram.begin(); it != metadata.dtypeHistogram.end(); ++it) {
        if (dominant.isEmpty() || it.value() > metadata.dtypeHistogram.value(dominant))
            dominant = it.key();
        metadata.weightBytes += it.value() * std::max(1, bytesPerElement(it.key()));
    }
    metadata.dtype = config && !config->torchDtype.isEmpty() ? config->torchDtype
        : dominant.isEmpty()                                 ? QString()
                                                             : torchNameOf(dominant);

    bool hasOnnx = false;
    bool hasTensorRt = false;
    for (const ModelFileInfo& file : files) {
        metadata.sizeBytes += file.size;
        const QString lower = file.path.toLower();
        hasOnnx = hasOnnx || lower.endsWith(u".onnx"_s);
        hasTensorRt = hasTensorRt || lower.endsWith(u".plan"_s) || lower.endsWith(u".engine"_s);
    }
    constexpr qint64 mib = 1024LL * 1024;
    metadata.sizeMb = (metadata.sizeBytes + mib - 1) / mib;

    if (config) {
        metadata.contextLength = config->contextLength;
        const TaskGuess guess = guessTask(*config);
        metadata.pipelineTag = guess.pipelineTag;
        metadata.task = guess.task;
    }
    metadata.modelFormat = hasTensorRt ? u"tensorrt"_s : hasOnnx ? u"onnx"_s : u"pytorch"_s;
    if (hasTensorRt || hasOnnx)
        metadata.framework = u"triton"_s;
    else if (metadata.task == u"llm"_s)
        metadata.framework = u"vllm"_s;
    else
        metadata.framework = u"custom"_s;

    GpuMemoryInput input;
    input.parameters = metadata.parameters;
    input.weightBytes = metadata.weightBytes;
    input.dtype = metadata.dtype;
    // Only autoregressive models keep a KV cache that grows with the context.
    if (config && metadata.task == u"llm"_s) {
        input.numHiddenLayers = config->numHiddenLayers;
        input.numKeyValueHeads = config->numKeyValueHeads;
        input.headDim = config->headDim;
        input.contextLength = config->contextLength;
    }
    if (input.weightBytes == 0 && input.parameters == 0)
        input.weightBytes = metadata.sizeBytes; // no header read: the files are the best guess of the weights
    metadata.minGpuMemoryMb = estimateGpuMemory(input).minGpuMemoryMb;
    return metadata;
}

} // namespace aiops::registry
