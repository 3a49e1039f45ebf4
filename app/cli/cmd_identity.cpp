// Commands of a branch's identity: identity show | renew | rekey (core/include/onebook/identity.hpp).
#include "cli.hpp"
#include "i18n.hpp"

#include "onebook/identity.hpp"
#include "onebook/json_text.hpp"
#include "onebook/organisation_store.hpp"

#include <Poco/JSON/Object.h>
#include <ostream>

namespace onebook::cli {

namespace {

std::string state_text(core::IdentityState s) {
    switch (s) {
    case core::IdentityState::Ok: return _("正常：本机有签名密钥，导出的档案包会签名");
    case core::IdentityState::Copied: return _("副本：与另一个档案的组织标识相同（请运行 identity renew）");
    case core::IdentityState::NoKey: return _("本机没有签名密钥（请运行 identity rekey 或 identity renew）");
    case core::IdentityState::ReadOnly: return _("只读打开，未检查");
    }
    return {};
}

void print_identity(Context& ctx, const core::IdentityInfo& id) {
    if (ctx.json()) {
        auto o = core::json_object();
        o->set("uid", id.uid);
        o->set("state", static_cast<int>(id.state));
        o->set("public_key", id.public_key);
        o->set("fingerprint", id.fingerprint);
        o->set("original", id.original.string());
        o->set("key_folder", core::key_store_dir().string());
        core::write_json(ctx.out, o);
        ctx.out << "\n";
        return;
    }
    ctx.out << _("组织标识") << ": " << id.uid << "\n"
            << _("签名密钥指纹") << ": " << (id.fingerprint.empty() ? _("（无）") : id.fingerprint) << "\n"
            << _("状态") << ": " << state_text(id.state) << "\n";
    if (!id.original.empty()) ctx.out << _("原档案") << ": " << id.original.string() << "\n";
    ctx.out << _("密钥存放位置") << ": " << core::key_store_dir().string() << "\n";
}

int cmd_identity_show(Context& ctx) {
    print_identity(ctx, ctx.archive().identity_info());
    return 0;
}

int cmd_identity_renew(Context& ctx) {
    auto& a = ctx.archive();
    std::string old_uid = a.identity_info().uid;
    auto id = core::renew_identity(a, true);
    if (!ctx.json())
        ctx.out << core::substitute(
                       _("已为档案建立新的身份：组织标识 {old} → {uid}。上级党委导入它的档案包时，会把它当作新的组织"),
                       {{"old", old_uid}, {"uid", id.uid}})
                << "\n";
    print_identity(ctx, id);
    return 0;
}

int cmd_identity_rekey(Context& ctx) {
    auto id = core::renew_identity(ctx.archive(), false);
    if (!ctx.json())
        ctx.out << core::substitute(
                       _("已生成新的签名密钥 {fingerprint}。请把指纹告诉上级党委：他们导入下一个档案包时要用 --readmit 重新接纳"),
                       {{"fingerprint", id.fingerprint}})
                << "\n";
    print_identity(ctx, id);
    return 0;
}

} // namespace

void register_identity_commands() {
    add_command(
        {{"identity"}, "[--format json]", OB_N("显示本档案的身份：组织标识、签名密钥指纹、是否副本"), {}, cmd_identity_show});
    add_command({{"identity", "renew"},
                 "[--format json]",
                 OB_N("为复制来的档案建立新的身份（新的组织标识和签名密钥），用于以旧档案为模板新建的支部"),
                 {},
                 cmd_identity_renew});
    add_command({{"identity", "rekey"},
                 "[--format json]",
                 OB_N("为本支部档案生成新的签名密钥（换了电脑或密钥丢失时；上级须用 --readmit 重新接纳）"),
                 {},
                 cmd_identity_rekey});
}

} // namespace onebook::cli
