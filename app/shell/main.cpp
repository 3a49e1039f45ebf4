// onebook: the secretary's desktop for the whole archive (wxWidgets shell).
#include "shell_app.hpp"

#include <cstdio>
#include <cstring>

wxIMPLEMENT_APP_NO_MAIN(onebook::shell::ShellApp);

int main(int argc, char** argv) {
    // --version and --help need no display (help2man, scripts, a terminal without X).
    for (int i = 1; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
        if (std::strcmp(argv[i], "--version") == 0) {
            std::printf("onebook %s\n", ONEBOOK_VERSION);
            return 0;
        }
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::printf("Usage: onebook [OPTION]... [ARCHIVE]\n"
                        "OneBook (党建一本通): the desktop archive of a grassroots party branch.\n"
                        "Opens ARCHIVE (a .onebook file), or the archive used last.\n\n"
                        "Options:\n"
                        "  --no-plugins       safe mode: only the sector plugins shipped with OneBook\n"
                        "  --exit-when-ready  quit as soon as the window is shown (start-up timing)\n"
                        "  -h, --help         show this help and exit\n"
                        "  --version          show the version and exit\n\n"
                        "Environment:\n"
                        "  ONEBOOK_PLUGIN_PATH  more plugin folders (colon-separated)\n\n"
                        "The command-line tool onebook-cli does everything the window does, for scripts.\n");
            return 0;
        }
    }
    return wxEntry(argc, argv);
}
