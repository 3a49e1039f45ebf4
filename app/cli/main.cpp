// onebook-cli: the headless, scriptable face of OneBook. Thin: parse, call core/archive, print.
#include "cli.hpp"
#include "i18n.hpp"
#include "onebook/platform.hpp"

using namespace onebook;

int main(int argc, char** argv) {
    core::platform::prepare_console(); // readable Chinese in cmd.exe and PowerShell
    app::init_translations(app::language_from_environment());
    cli::register_foundation_commands();
    cli::register_demo_command();
    // records, rules, rubrics register here
    cli::register_records_commands();
    cli::register_assess_commands();
    cli::register_committee_commands();
    // rectification and boards register here
    cli::register_rectify_commands();
    cli::register_board_commands();
    // one book, documents, search, packages register here
    cli::register_book_commands();
    cli::register_packages_commands();
    cli::register_word_commands();
    cli::register_history_commands();
    // recruitment pipeline, transfers and status changes
    cli::register_members_life_commands();
    cli::register_member_documents_commands();
    cli::register_member_dues_commands();
    cli::register_inservice_commands();
    cli::register_identity_commands();
    cli::register_grading_commands();
    cli::register_results_commands();

    auto args = core::platform::utf8_arguments(argc, argv); // UTF-8 on every platform
    return cli::run_main(std::vector<std::string>(args.begin() + (args.empty() ? 0 : 1), args.end()), ONEBOOK_VERSION);
}
