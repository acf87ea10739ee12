#include "core/safety/GuardrailLexicons.h"

namespace aiops::safety::lexicons {

namespace {

// Weights: profanity alone is mild, insults aimed at a person are medium, slurs and threats are
// severe. Threat phrases carry their object ("kill you") because the bare verb is everyday
// vocabulary in an operations console ("kill the process").
constexpr ToxicPhrase kToxicEnglish[] = {
    // profanity
    { "fuck", "profanity", 0.60 },
    { "fucking", "profanity", 0.55 },
    { "fucked", "profanity", 0.55 },
    { "motherfucker", "profanity", 0.80 },
    { "shit", "profanity", 0.40 },
    { "bullshit", "profanity", 0.45 },
    { "piece of shit", "profanity", 0.70 },
    { "damn", "profanity", 0.15 },
    { "goddamn", "profanity", 0.25 },
    { "crap", "profanity", 0.20 },
    { "piss off", "profanity", 0.45 },
    { "wtf", "profanity", 0.30 },
    { "stfu", "profanity", 0.50 },
    { "bitch", "profanity", 0.65 },
    { "bastard", "profanity", 0.55 },
    { "asshole", "profanity", 0.65 },
    { "ass", "profanity", 0.30 },
    { "dick", "profanity", 0.45 },
    // insults
    { "idiot", "insult", 0.50 },
    { "idiots", "insult", 0.50 },
    { "stupid", "insult", 0.40 },
    { "moron", "insult", 0.55 },
    { "dumb", "insult", 0.35 },
    { "dumbass", "insult", 0.55 },
    { "loser", "insult", 0.40 },
    { "pathetic", "insult", 0.35 },
    { "worthless", "insult", 0.50 },
    { "incompetent", "insult", 0.35 },
    { "fool", "insult", 0.35 },
    { "jerk", "insult", 0.35 },
    { "scumbag", "insult", 0.60 },
    { "shut up", "insult", 0.40 },
    { "you suck", "insult", 0.45 },
    { "you are trash", "insult", 0.55 },
    { "you're trash", "insult", 0.55 },
    { "you are useless", "insult", 0.50 },
    { "you're useless", "insult", 0.50 },
    // slurs (the milder end; they still weigh more than insults)
    { "retard", "slur", 0.75 },
    { "retarded", "slur", 0.75 },
    { "imbecile", "slur", 0.50 },
    { "cretin", "slur", 0.50 },
    { "halfwit", "slur", 0.45 },
    { "scum", "slur", 0.60 },
    { "degenerate", "slur", 0.55 },
    { "psycho", "slur", 0.45 },
    { "freak", "slur", 0.35 },
    // threats
    { "kill you", "threat", 0.90 },
    { "i will kill", "threat", 0.90 },
    { "i'll kill", "threat", 0.90 },
    { "kill yourself", "threat", 0.95 },
    { "kys", "threat", 0.90 },
    { "hurt you", "threat", 0.70 },
    { "beat you up", "threat", 0.75 },
    { "shoot you", "threat", 0.90 },
    { "you will die", "threat", 0.85 },
    { "go die", "threat", 0.80 },
    { "hope you die", "threat", 0.90 },
    { "you're dead", "threat", 0.70 },
    { "burn your house", "threat", 0.85 },
    { "find where you live", "threat", 0.80 },
    { "watch your back", "threat", 0.60 },
};

// Vietnamese. Bare "ngu" (folded "ngủ", sleep), "lồn" (folded "lớn", big), "cặc" ("các") and
// "đéo" ("đeo", wear) are left out on purpose: see the header.
constexpr ToxicPhrase kToxicVietnamese[] = {
    // profanity
    { "địt", "profanity", 0.60 },
    { "đm", "profanity", 0.50 },
    { "đmm", "profanity", 0.60 },
    { "dcm", "profanity", 0.60 },
    { "vcl", "profanity", 0.40 },
    { "vkl", "profanity", 0.40 },
    { "vãi lồn", "profanity", 0.60 },
    { "đệch", "profanity", 0.30 },
    { "chết tiệt", "profanity", 0.35 },
    { "mẹ kiếp", "profanity", 0.50 },
    { "mẹ mày", "profanity", 0.50 },
    { "con mẹ mày", "profanity", 0.70 },
    { "đụ má", "profanity", 0.60 },
    // insults
    { "đồ ngu", "insult", 0.55 },
    { "thằng ngu", "insult", 0.55 },
    { "con ngu", "insult", 0.50 },
    { "mày ngu", "insult", 0.55 },
    { "ngu ngốc", "insult", 0.50 },
    { "ngu như bò", "insult", 0.60 },
    { "ngu như chó", "insult", 0.65 },
    { "óc chó", "insult", 0.60 },
    { "não cá vàng", "insult", 0.30 },
    { "đồ điên", "insult", 0.40 },
    { "thằng điên", "insult", 0.45 },
    { "khốn nạn", "insult", 0.60 },
    { "đồ khốn", "insult", 0.55 },
    { "mất dạy", "insult", 0.50 },
    { "vô học", "insult", 0.40 },
    { "rác rưởi", "insult", 0.45 },
    { "đồ rác", "insult", 0.50 },
    { "câm mồm", "insult", 0.45 },
    { "im mồm", "insult", 0.35 },
    { "cút đi", "insult", 0.40 },
    { "đần độn", "insult", 0.45 },
    { "thằng chó", "insult", 0.60 },
    { "chó chết", "insult", 0.60 },
    // slurs
    { "súc vật", "slur", 0.60 },
    { "đồ súc sinh", "slur", 0.65 },
    { "đồ chó đẻ", "slur", 0.80 },
    { "thiểu năng", "slur", 0.55 },
    { "bại não", "slur", 0.60 },
    // threats
    { "giết mày", "threat", 0.90 },
    { "tao giết", "threat", 0.85 },
    { "tao sẽ giết", "threat", 0.90 },
    { "đánh chết", "threat", 0.75 },
    { "đập chết", "threat", 0.75 },
    { "chém chết", "threat", 0.85 },
    { "mày chết đi", "threat", 0.85 },
    { "đi chết đi", "threat", 0.85 },
    { "đốt nhà", "threat", 0.80 },
    { "biết nhà mày", "threat", 0.70 },
    { "xử mày", "threat", 0.60 },
    { "liệu hồn", "threat", 0.55 },
};

constexpr PolarPhrase kSentimentEnglish[] = {
    { "good", 0.5 },          { "great", 0.7 },        { "excellent", 0.8 },     { "awesome", 0.8 },
    { "amazing", 0.8 },       { "wonderful", 0.8 },    { "fantastic", 0.8 },     { "perfect", 0.8 },
    { "love", 0.7 },          { "nice", 0.4 },         { "happy", 0.6 },         { "glad", 0.5 },
    { "thanks", 0.4 },        { "thank you", 0.5 },    { "helpful", 0.6 },       { "appreciate", 0.5 },
    { "satisfied", 0.6 },     { "works great", 0.7 },  { "bad", -0.5 },          { "terrible", -0.8 },
    { "awful", -0.8 },        { "horrible", -0.8 },    { "hate", -0.8 },         { "worst", -0.9 },
    { "useless", -0.7 },      { "angry", -0.6 },       { "annoyed", -0.5 },      { "annoying", -0.5 },
    { "frustrated", -0.6 },   { "frustrating", -0.6 }, { "disappointed", -0.6 }, { "disappointing", -0.6 },
    { "sad", -0.5 },          { "poor", -0.4 },        { "sucks", -0.6 },        { "ridiculous", -0.5 },
    { "unacceptable", -0.7 },
};

// "yêu" (love) is left out: folded it is "yếu" (weak).
constexpr PolarPhrase kSentimentVietnamese[] = {
    { "tốt", 0.5 },        { "tuyệt", 0.7 },     { "tuyệt vời", 0.8 }, { "xuất sắc", 0.8 }, { "hài lòng", 0.6 },
    { "cảm ơn", 0.4 },     { "cám ơn", 0.4 },    { "thích", 0.5 },     { "vui", 0.5 },      { "hay quá", 0.6 },
    { "tệ quá", -0.7 },    { "rất tệ", -0.7 },   { "tồi tệ", -0.8 },   { "dở tệ", -0.7 },   { "ghét", -0.7 },
    { "thất vọng", -0.6 }, { "bực mình", -0.5 }, { "khó chịu", -0.5 }, { "vô dụng", -0.7 }, { "chán quá", -0.5 },
    { "buồn", -0.4 },
};

constexpr const char* kNegators[] = {
    "not",    "no",     "never",  "don't", "dont",  "doesn't", "doesnt",   "isn't",  "isnt",
    "wasn't", "aren't", "hardly", "không", "chẳng", "chả",     "không hề", "đâu có",
};

constexpr const char* kBilling[] = {
    "bill",     "bills",        "billing",        "invoice",     "invoices", "payment",
    "payments", "pay",          "paid",           "charge",      "charged",  "charges",
    "refund",   "refunds",      "subscription",   "plan",        "pricing",  "price",
    "cost",     "fee",          "fees",           "credit card", "receipt",  "tax",
    "vat",      "overcharged",  "renew",          "renewal",     "discount", "coupon",
    "balance",  "hóa đơn",      "thanh toán",     "hoàn tiền",   "trả tiền", "trừ tiền",
    "nạp tiền", "số tiền",      "bao nhiêu tiền", "gói cước",    "cước phí", "tính phí",
    "mất phí",  "miễn phí",     "phí dịch vụ",    "bảng giá",    "báo giá",  "giá tiền",
    "giá cả",   "thẻ tín dụng", "biên lai",       "thuế",        "gia hạn",  "giảm giá",
    "số dư",    "chuyển khoản",
};

constexpr const char* kShipping[] = {
    "ship",      "shipping",   "shipped",         "shipment",  "delivery", "deliver",    "delivered",    "package",
    "parcel",    "tracking",   "tracking number", "courier",   "carrier",  "order",      "orders",       "dispatch",
    "arrive",    "arrival",    "return",          "returns",   "address",  "warehouse",  "customs",      "freight",
    "giao hàng", "vận chuyển", "đơn hàng",        "kiện hàng", "gói hàng", "mã vận đơn", "theo dõi đơn", "phí ship",
    "shipper",   "nhận hàng",  "đổi trả",         "trả hàng",  "địa chỉ",  "bưu điện",   "chuyển phát",
};

constexpr const char* kTechnicalSupport[] = {
    "error",    "errors",         "bug",           "bugs",         "crash",           "crashes",
    "crashed",  "issue",          "not working",   "doesn't work", "broken",          "fix",
    "install",  "installation",   "update",        "upgrade",      "reinstall",       "login",
    "log in",   "password reset", "reset",         "restart",      "reboot",          "troubleshoot",
    "settings", "configure",      "configuration", "app",          "application",     "software",
    "device",   "connection",     "connect",       "wifi",         "network",         "freeze",
    "freezes",  "timeout",        "support",       "bị lỗi",       "báo lỗi",         "mã lỗi",
    "gặp lỗi",  "sửa lỗi",        "lỗi khi",       "sự cố",        "không hoạt động", "không chạy",
    "cài đặt",  "cập nhật",       "khởi động lại", "kết nối",      "mật khẩu",        "đăng nhập",
    "phần mềm", "ứng dụng",       "thiết bị",      "hỗ trợ",       "bị treo",         "chạy chậm",
    "cấu hình",
};

constexpr const char* kGpu[] = {
    "gpu",      "gpus",   "cuda",          "nvidia",      "amd",         "rocm",         "vram",        "graphics card",
    "graphics", "driver", "drivers",       "nvidia-smi",  "tensor core", "tensor cores", "h100",        "h200",
    "a100",     "rtx",    "utilization",   "temperature", "memory",      "fan",          "power",       "watt",
    "watts",    "oom",    "out of memory", "mig",         "nvlink",      "pcie",         "card đồ họa", "card màn hình",
    "nhiệt độ", "bộ nhớ", "điện năng",     "quạt",        "xung nhịp",
};

constexpr const char* kAccount[] = {
    "account",       "accounts", "profile",      "username",       "user name",    "password",       "login",
    "log in",        "sign in",  "sign up",      "register",       "registration", "email address",  "two-factor",
    "2fa",           "mfa",      "verification", "verify",         "deactivate",   "locked out",     "permission",
    "permissions",   "role",     "tài khoản",    "mật khẩu",       "đăng nhập",    "đăng ký",        "hồ sơ",
    "tên đăng nhập", "xác thực", "xác minh",     "khóa tài khoản", "bị khóa",      "quyền truy cập", "đổi email",
};

constexpr const char* kInfrastructure[] = {
    "server",          "servers",   "node",       "nodes",    "cluster",  "clusters", "kubernetes", "k8s",
    "docker",          "container", "containers", "pod",      "pods",     "deploy",   "deployment", "vm",
    "virtual machine", "cpu",       "ram",        "disk",     "storage",  "network",  "latency",    "load balancer",
    "uptime",          "downtime",  "monitoring", "alert",    "alerts",   "logs",     "máy chủ",    "cụm máy",
    "triển khai",      "ổ đĩa",     "lưu trữ",    "giám sát", "cảnh báo", "độ trễ",
};

constexpr const char* kMlModels[] = {
    "model",      "models",      "llm",         "llms",
    "inference",  "training",    "fine-tune",   "fine-tuning",
    "finetune",   "dataset",     "datasets",    "embedding",
    "embeddings", "token",       "tokens",      "prompt",
    "prompts",    "checkpoint",  "weights",     "batch size",
    "epoch",      "epochs",      "pytorch",     "tensorflow",
    "vllm",       "huggingface", "mô hình",     "huấn luyện",
    "suy luận",   "tinh chỉnh",  "tập dữ liệu", "dữ liệu huấn luyện",
};

constexpr TopicLexicon kTopics[] = {
    { "billing", kBilling },
    { "shipping", kShipping },
    { "technical-support", kTechnicalSupport },
    { "gpu", kGpu },
    { "account", kAccount },
    { "infrastructure", kInfrastructure },
    { "ml-models", kMlModels },
};

constexpr const char* kSmallTalk[] = {
    "hi",       "hello",   "hey",          "thanks",         "thank you",    "thx",      "ok",   "okay",
    "bye",      "goodbye", "good morning", "good afternoon", "good evening", "yes",      "no",   "please",
    "xin chào", "chào",    "chào bạn",     "cảm ơn",         "cám ơn",       "tạm biệt", "vâng", "dạ",
    "ừ",        "được",
};

// Words before "liều" that make it "dữ liệu" (data), "tài liệu" (document), and so on once folded.
constexpr const char* kLieuCompounds[] = { "du", "tai", "vat", "nguyen", "chat", "su", "tu" };

// Patterns need the context that makes a sentence advice: "you should take 200 mg" is advice,
// "diagnosis" alone is everyday vocabulary in an operations console.
constexpr AdvicePattern kAdvice[] = {
    { "medical",
      "dosage instruction",
      R"(\b(?:take|taking|takes|use|give|inject|double)\s+(?:up to\s+|about\s+|around\s+)?\d+(?:[.,]\d+)?\s*(?:mg|mcg|g|ml|iu|milligrams?|micrograms?|grams?|units?|tablets?|pills?|capsules?|drops?)\b)",
      0.90 },
    { "medical",
      "medication instruction",
      R"(\byou should (?:take|try taking|start taking|stop taking|increase|decrease|double|skip) (?:your |the |some |a |an )?(?:dose|dosage|medication|medicine|meds|pills?|tablets?|insulin|antibiotics?|antidepressants?|ibuprofen|paracetamol|acetaminophen|aspirin)\b)",
      0.85 },
    { "medical",
      "advice to stop medication",
      R"(\b(?:stop|quit|discontinue) (?:taking )?(?:your )?(?:medication|medications|medicine|meds|pills|insulin|antidepressants?|antibiotics?|chemo(?:therapy)?)\b)",
      0.85 },
    { "medical", "dosage", R"(\b(?:dose|dosage) of\b)", 0.60 },
    { "medical", "dosage", R"(\b(?:max(?:imum)?|recommended|daily|safe) (?:dose|dosage)\b)", 0.60 },
    { "medical", "diagnosis", R"(\b(?:your|my) (?:medical )?diagnosis\b)", 0.60 },
    { "medical", "diagnosis", R"(\b(?:diagnosed with|medical diagnosis)\b)", 0.60 },
    { "medical",
      "diagnosis",
      R"(\byou (?:probably |likely |might |may |definitely )?have (?:a |an )?(?:cancer|diabetes|depression|infection|covid|pneumonia|tumou?r|adhd|anxiety disorder|heart disease)\b)",
      0.75 },
    { "medical",
      "discourages seeing a doctor",
      R"(\b(?:no need to|don't|dont|do not) (?:see|go to|visit|call) (?:a |your |the )?(?:doctor|physician|hospital|gp)\b)",
      0.80 },
    { "medical", "prescription", R"(\bi (?:would |will |can )?prescribe\b)", 0.70 },
    { "legal",
      "legal action advice",
      R"(\byou should (?:sue|file (?:a )?(?:lawsuit|suit|claim|complaint)|press charges|plead (?:guilty|not guilty|the fifth))\b)",
      0.85 },
    { "legal", "lawsuit suggestion", R"(\b(?:sue|suing) (?:them|him|her|your|the|my|their|for)\b)", 0.60 },
    { "legal", "legal advice", R"(\b(?:my|here is|here's|this is) (?:my )?legal advice\b)", 0.70 },
    { "legal", "professional role claim", R"(\bas your (?:lawyer|attorney|doctor|physician)\b)", 0.80 },
    { "legal",
      "assessment of a legal case",
      R"(\byou (?:have|don't have|do not have|'ve got) a (?:strong |good |solid |valid |winning )?(?:case|claim|lawsuit)\b)",
      0.70 },
    { "legal", "plea advice", R"(\b(?:plead|pleading) (?:guilty|not guilty|the fifth)\b)", 0.75 },
    { "legal",
      "contract advice",
      R"(\byou (?:can|could|should) (?:legally )?(?:break|terminate|void) (?:the|your|this) (?:contract|lease|agreement)\b)",
      0.70 },
    // Vietnamese, folded.
    { "medical",
      "medication instruction",
      R"(\bnen (?:uong|dung|tiem|ngung uong|ngung|bo|tang|giam)(?: \w+)? thuoc\b)",
      0.85 },
    { "medical",
      "dosage instruction",
      R"(\b(?:uong|dung|tiem|ngam)\s+(?:khoang\s+|toi da\s+)?\d+(?:[.,]\d+)?\s*(?:mg|mcg|g|ml|vien|giot|lieu|ong)\b)",
      0.90 },
    { "medical", "dosage", R"(\blieu (?:luong|dung|thuoc|cao|toi da|khuyen dung)\b)", 0.60, kLieuCompounds },
    { "medical", "dosage", R"(\b(?:mot|hai|ba|\d+) lieu\b)", 0.60, kLieuCompounds },
    { "medical", "advice to stop medication", R"(\b(?:ngung|bo) (?:uong |dung )?thuoc\b)", 0.80 },
    { "medical",
      "diagnosis",
      R"(\bchan doan (?:la |ban )?(?:bi |mac )?(?:benh|ung thu|tieu duong|tram cam|viem)\b)",
      0.70 },
    { "medical", "diagnosis", R"(\bban (?:bi|mac) (?:benh|ung thu|tieu duong|tram cam)\b)", 0.70 },
    { "medical",
      "discourages seeing a doctor",
      R"(\bkhong can (?:di )?(?:kham|gap bac si|den benh vien|di vien)\b)",
      0.80 },
    { "legal",
      "legal action advice",
      R"(\b(?:nen|hay|co the|cu) (?:khoi |dam don )?kien (?:ho|no|ong ay|ba ay|anh ay|chi ay|cong ty do|nguoi do|chu nha|ra toa|doi boi thuong)\b)",
      0.80 },
    { "legal", "legal action advice", R"(\b(?:nen|hay|co the|cu) (?:khoi |dam don )?kien(?:$|[.!?,;]))", 0.80 },
    { "legal", "lawsuit suggestion", R"(\b(?:khoi kien|don kien|dam don)\b)", 0.65 },
    { "legal", "lawsuit suggestion", R"(\b(?:dua|kien) (?:\w+ )?ra toa\b)", 0.75 },
    { "legal", "professional role claim", R"(\bvoi tu cach (?:luat su|bac si)\b)", 0.80 },
};

} // namespace

std::span<const ToxicPhrase> toxicityEnglish()
{
    return kToxicEnglish;
}

std::span<const ToxicPhrase> toxicityVietnamese()
{
    return kToxicVietnamese;
}

std::span<const PolarPhrase> sentimentEnglish()
{
    return kSentimentEnglish;
}

std::span<const PolarPhrase> sentimentVietnamese()
{
    return kSentimentVietnamese;
}

std::span<const char* const> negators()
{
    return kNegators;
}

std::span<const TopicLexicon> topics()
{
    return kTopics;
}

std::span<const char* const> smallTalk()
{
    return kSmallTalk;
}

std::span<const AdvicePattern> advicePatterns()
{
    return kAdvice;
}

} // namespace aiops::safety::lexicons
