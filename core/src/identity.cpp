#include "onebook/identity.hpp"
#include "onebook/atomic_file.hpp"

#include "onebook/archive.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/platform.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/SHA2Engine.h>

#include <openssl/evp.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>

namespace fs = std::filesystem;

namespace onebook::core {

namespace {

std::string b64(const unsigned char* p, std::size_t n) {
    std::ostringstream out;
    Poco::Base64Encoder enc(out);
    enc.rdbuf()->setLineLength(0);
    enc.write(reinterpret_cast<const char*>(p), static_cast<std::streamsize>(n));
    enc.close();
    return out.str();
}

std::optional<std::string> unb64(const std::string& text) {
    if (text.size() > 4096) return std::nullopt;
    try {
        std::istringstream in(text);
        Poco::Base64Decoder dec(in);
        std::ostringstream out;
        out << dec.rdbuf();
        return out.str();
    } catch (...) { return std::nullopt; }
}

using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

/// The key file: "key" lines of this user's store (see identity.hpp).
struct KeyFile {
    std::string uid, archive, file_id, public_key, private_key;
};

fs::path key_path(const std::string& uid) {
    // uids are UUIDs; anything else is refused rather than used as a file name.
    for (char c : uid)
        if (!(std::isxdigit(static_cast<unsigned char>(c)) || c == '-')) throw Error(OB_N("组织标识“{uid}”无效"), {{"uid", uid}});
    return key_store_dir() / (uid + ".key");
}

std::string file_id(const fs::path& p) { return platform::file_identity(p); }

std::optional<KeyFile> read_key(const std::string& uid) {
    std::ifstream in(key_path(uid));
    if (!in) return std::nullopt;
    KeyFile k;
    for (std::string line; std::getline(in, line);) {
        auto sp = line.find(' ');
        if (line.empty() || line[0] == '#' || sp == std::string::npos) continue;
        std::string name = line.substr(0, sp), value = line.substr(sp + 1);
        if (name == "uid") k.uid = value;
        else if (name == "archive") k.archive = value;
        else if (name == "file") k.file_id = value;
        else if (name == "public") k.public_key = value;
        else if (name == "private") k.private_key = value;
    }
    if (k.private_key.empty() || k.public_key.empty()) return std::nullopt;
    return k;
}

void write_key(const KeyFile& k) {
    fs::path dir = key_store_dir();
    std::error_code ec;
    fs::create_directories(dir, ec);
    platform::make_private_dir(dir);
    fs::path final = key_path(k.uid);
    std::string text = "# OneBook archive signing key (Ed25519). Private: never copy or send this file.\n"
                       "uid " +
                       k.uid + "\narchive " + k.archive + "\nfile " + k.file_id + "\npublic " + k.public_key + "\nprivate " +
                       k.private_key + "\n";
    try {
        write_file_atomically(final, text, 0600);
    } catch (const Error&) {
        throw Error(OB_N("无法写入签名密钥文件 {file}"), {{"file", final.string()}}, {final.string(), {}, {}});
    }
}

KeyFile generate(const std::string& uid, const fs::path& archive) {
    EVP_PKEY* raw = nullptr;
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr),
                                                                    EVP_PKEY_CTX_free);
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) <= 0 || EVP_PKEY_keygen(ctx.get(), &raw) <= 0)
        throw Error(OB_N("无法生成签名密钥（OpenSSL）"));
    Pkey key(raw, EVP_PKEY_free);
    unsigned char pub[32], priv[32];
    std::size_t np = sizeof pub, nq = sizeof priv;
    if (EVP_PKEY_get_raw_public_key(key.get(), pub, &np) <= 0 || EVP_PKEY_get_raw_private_key(key.get(), priv, &nq) <= 0)
        throw Error(OB_N("无法生成签名密钥（OpenSSL）"));
    KeyFile k{uid, fs::weakly_canonical(archive).string(), file_id(archive), b64(pub, np), b64(priv, nq)};
    OPENSSL_cleanse(priv, sizeof priv);
    return k;
}

std::string home_uid(Archive& a) {
    auto org = OrganisationStore(a.db()).home();
    return org ? org->uid : std::string();
}

} // namespace

fs::path key_store_dir() {
    if (const char* d = std::getenv("ONEBOOK_KEY_DIR"); d && *d) return d;
    return platform::user_config_dir() / "keys";
}

std::string key_fingerprint(const std::string& public_key_b64) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    auto raw = unb64(public_key_b64).value_or(public_key_b64);
    sha.update(raw);
    std::string hex = Poco::DigestEngine::digestToHex(sha.digest()).substr(0, 16);
    return "SHA256:" + hex.substr(0, 4) + " " + hex.substr(4, 4) + " " + hex.substr(8, 4) + " " + hex.substr(12, 4);
}

IdentityInfo ensure_identity(Archive& archive) {
    IdentityInfo info;
    info.uid = home_uid(archive);
    if (info.uid.empty()) return info; // no home organisation yet (creation sets it first)
    info.public_key = archive.setting(public_key_setting);
    fs::path here = fs::weakly_canonical(archive.path());
    auto key = read_key(info.uid);
    if (!key) {
        if (!info.public_key.empty()) {
            info.state = IdentityState::NoKey;
        } else {
            // New archive, or one made before archives had keys: make its key now.
            KeyFile k = generate(info.uid, here);
            write_key(k);
            archive.set_setting(public_key_setting, k.public_key);
            info.public_key = k.public_key;
            info.state = IdentityState::Ok;
        }
    } else if (!info.public_key.empty() && key->public_key != info.public_key) {
        info.state = IdentityState::NoKey; // the key here is another one (rekeyed elsewhere)
    } else if (key->archive == here.string() || key->file_id == file_id(here)) {
        info.state = IdentityState::Ok;
        if (key->archive != here.string() || key->file_id != file_id(here)) { // renamed in place or restored
            key->archive = here.string();
            key->file_id = file_id(here);
            write_key(*key);
        }
        if (info.public_key.empty()) {
            archive.set_setting(public_key_setting, key->public_key);
            info.public_key = key->public_key;
        }
    } else {
        std::error_code ec;
        fs::path other = key->archive;
        if (fs::exists(other, ec) && !fs::equivalent(other, here, ec)) {
            info.state = IdentityState::Copied; // same uid, different file: the other one is the original
            info.original = other;
        } else {
            // The original is gone: this file was moved (or renamed across folders). The key follows it.
            key->archive = here.string();
            key->file_id = file_id(here);
            write_key(*key);
            info.state = IdentityState::Ok;
            if (info.public_key.empty()) {
                archive.set_setting(public_key_setting, key->public_key);
                info.public_key = key->public_key;
            }
        }
    }
    if (!info.public_key.empty()) info.fingerprint = key_fingerprint(info.public_key);
    return info;
}

IdentityInfo read_identity(Archive& archive) {
    IdentityInfo info;
    info.uid = home_uid(archive);
    info.public_key = archive.setting(public_key_setting);
    if (info.uid.empty() || info.public_key.empty()) {
        info.state = IdentityState::NoKey;
        return info;
    }
    auto key = read_key(info.uid);
    info.state = key && key->public_key == info.public_key ? IdentityState::Ok : IdentityState::NoKey;
    info.fingerprint = key_fingerprint(info.public_key);
    return info;
}

std::string sign(Archive& archive, const std::string& data) {
    const IdentityInfo& info = identity(archive);
    switch (info.state) {
    case IdentityState::Ok: break;
    case IdentityState::Copied:
        throw Error(OB_N("档案 {file} 是 {original} 的副本（组织标识相同）：副本不能以原支部的身份签名。"
                         "如果它是另一个支部的新档案，请运行 onebook-cli identity renew 为它建立新的身份"),
                    {{"file", archive.path()}, {"original", info.original.string()}}, {archive.path(), {}, {}});
    case IdentityState::NoKey:
        throw Error(OB_N("本机没有档案 {file} 的签名密钥（档案可能是从别的电脑复制来的）。如果这就是本支部的档案，"
                         "请运行 onebook-cli identity rekey 生成新密钥，并请上级党委重新接纳（package import --readmit）；"
                         "如果它是另一个支部的新档案，请运行 onebook-cli identity renew"),
                    {{"file", archive.path()}}, {archive.path(), {}, {}});
    case IdentityState::ReadOnly:
        throw Error(OB_N("档案 {file} 以只读方式打开，不能签名"), {{"file", archive.path()}}, {archive.path(), {}, {}});
    }
    auto key = read_key(info.uid);
    auto priv = key ? unb64(key->private_key) : std::nullopt;
    if (!priv || priv->size() != 32) throw Error(OB_N("签名密钥文件 {file} 已损坏"), {{"file", key_path(info.uid).string()}});
    Pkey pkey(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(priv->data()), 32),
              EVP_PKEY_free);
    OPENSSL_cleanse(priv->data(), priv->size());
    MdCtx md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    unsigned char sig[64];
    std::size_t n = sizeof sig;
    if (!pkey || !md || EVP_DigestSignInit(md.get(), nullptr, nullptr, nullptr, pkey.get()) <= 0 ||
        EVP_DigestSign(md.get(), sig, &n, reinterpret_cast<const unsigned char*>(data.data()), data.size()) <= 0)
        throw Error(OB_N("无法签名（OpenSSL）"));
    return b64(sig, n);
}

bool verify_signature(const std::string& public_key_b64, const std::string& data, const std::string& signature_b64) {
    auto pub = unb64(public_key_b64);
    auto sig = unb64(signature_b64);
    if (!pub || !sig || pub->size() != 32 || sig->size() != 64) return false;
    Pkey pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(pub->data()), 32),
              EVP_PKEY_free);
    MdCtx md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!pkey || !md || EVP_DigestVerifyInit(md.get(), nullptr, nullptr, nullptr, pkey.get()) <= 0) return false;
    return EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                            reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
}

IdentityInfo renew_identity(Archive& archive, bool fresh_uid) {
    if (archive.read_only())
        throw Error(OB_N("档案 {file} 以只读方式打开，不能修改"), {{"file", archive.path()}}, {archive.path(), {}, {}});
    std::string uid = home_uid(archive);
    if (uid.empty()) throw Error("档案 {file} 中没有本组织信息", {{"file", archive.path()}}, {archive.path(), {}, {}});
    if (!fresh_uid && identity(archive).state == IdentityState::Copied)
        throw Error(OB_N("档案 {file} 是 {original} 的副本：请用 onebook-cli identity renew 为它建立新的身份（新的组织标识），"
                         "而不是沿用原支部的标识"),
                    {{"file", archive.path()}, {"original", identity(archive).original.string()}}, {archive.path(), {}, {}});
    if (fresh_uid) uid = new_uid();
    fs::path here = fs::weakly_canonical(archive.path());
    KeyFile k = generate(uid, here);
    {
        Transaction tx(archive.db());
        if (fresh_uid) {
            auto st = archive.db().prepare("UPDATE organisation SET uid = ? WHERE is_home = 1");
            st.bind(1, uid).run();
        }
        auto st = archive.db().prepare("INSERT INTO setting(key, value) VALUES(?, ?) "
                                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        st.bind_all(std::string(public_key_setting), k.public_key).run();
        write_key(k); // before the commit: a failure leaves the old identity whole
        tx.commit();
    }
    archive.refresh_identity();
    return identity(archive);
}

const IdentityInfo& identity(Archive& archive) { return archive.identity_info(); }

} // namespace onebook::core
