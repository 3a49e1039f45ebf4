// A branch's identity: the organisation's uid plus a signing key (Ed25519, OpenSSL) made when the
// archive is created, so that a superior can tell the branch's packages from anyone else's.
//
// Where the private key lives: in the user's key store on this machine
// ($ONEBOOK_KEY_DIR, else $XDG_CONFIG_HOME/onebook/keys, else ~/.config/onebook/keys; 0700/0600),
// not in the archive file and not beside it. A .onebook file travels — on USB sticks, by mail to
// the superior for help, as the template for a new branch — and a key inside it (or in the same
// folder) would travel with every copy, so anyone holding a copy could sign as the branch. Kept
// per machine, the key never leaves it, and never goes into a package (only the public key does).
// The price: an archive moved to a new computer has no key there; `identity rekey` makes one and
// the superior re-admits the branch explicitly (package import --readmit), which is the same path
// as a branch that rebuilt its archive.
//
// The key file also records which archive file it belongs to (path and device:inode), so a copy of
// an archive (same uid, different file) is detected at open and offered a new identity
// (`identity renew`: new uid and key) instead of silently signing as the original.
#pragma once

#include "onebook/error.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace onebook::core {

class Archive;

/// The state of an archive's identity on this machine.
enum class IdentityState {
    Ok,       ///< the key is here and belongs to this file
    Copied,   ///< the key belongs to another file with the same uid: this one is a copy
    NoKey,    ///< the archive has a public key, but its private key is not on this machine
    ReadOnly, ///< opened read-only: not checked
};

struct IdentityInfo {
    IdentityState state = IdentityState::ReadOnly;
    std::string uid;
    std::string public_key;         ///< base64 of the raw 32-byte Ed25519 key; empty when none
    std::string fingerprint;        ///< short form shown to people
    std::filesystem::path original; ///< Copied: the file the key belongs to
};

/// Folder of this user's archive keys.
std::filesystem::path key_store_dir();

/// Checks (and, for an archive without a key, creates) the identity of a writable archive. Called
/// by Archive::open and Archive::create; never throws for a copied or key-less archive (the state
/// says so and signing refuses).
IdentityInfo ensure_identity(Archive& archive);

/// The identity of an archive opened read-only: Ok when this machine holds its key (then its
/// packages can still be signed), else NoKey. Writes nothing.
IdentityInfo read_identity(Archive& archive);

/// The archive's identity as last checked (Archive keeps it).
const IdentityInfo& identity(Archive& archive);

/// Signs `data` with the archive's key; throws Error saying what to do when the state is not Ok.
std::string sign(Archive& archive, const std::string& data);

/// A new identity: new uid (renew) or only a new key (rekey, same uid). Writes the new public key
/// into the archive, in one transaction; the old key file is left for the original archive.
IdentityInfo renew_identity(Archive& archive, bool new_uid);

/// Verifies an Ed25519 signature (both base64). False on any malformed input.
bool verify_signature(const std::string& public_key_b64, const std::string& data, const std::string& signature_b64);

/// "SHA256:ab12 cd34 ef56 7890": the first 64 bits of the key's SHA-256, for people to compare.
std::string key_fingerprint(const std::string& public_key_b64);

/// Setting that holds the archive's public key.
inline constexpr const char* public_key_setting = "identity.public_key";

} // namespace onebook::core
