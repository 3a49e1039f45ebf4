# Cross-compiling OneBook (and its libraries) for 64-bit Windows with Debian's MinGW-w64 toolchain
# (g++-mingw-w64-x86-64-posix: the posix thread model, which std::thread and std::mutex need).
# Used by installer/windows/deps.sh and installer/windows/build.sh; ONEBOOK_WINDOWS_DEPS (a list of
# prefixes of the cross-built libraries) is where find_package and pkg-config look.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(ONEBOOK_MINGW_HOST x86_64-w64-mingw32)

set(CMAKE_C_COMPILER   ${ONEBOOK_MINGW_HOST}-gcc-posix)
set(CMAKE_CXX_COMPILER ${ONEBOOK_MINGW_HOST}-g++-posix)
set(CMAKE_RC_COMPILER  ${ONEBOOK_MINGW_HOST}-windres)
set(CMAKE_AR           ${ONEBOOK_MINGW_HOST}-gcc-ar-posix CACHE FILEPATH "")
set(CMAKE_RANLIB       ${ONEBOOK_MINGW_HOST}-gcc-ranlib-posix CACHE FILEPATH "")

if(DEFINED ENV{ONEBOOK_WINDOWS_DEPS} AND NOT ONEBOOK_WINDOWS_DEPS)
  set(ONEBOOK_WINDOWS_DEPS "$ENV{ONEBOOK_WINDOWS_DEPS}")
endif()
list(APPEND CMAKE_PREFIX_PATH ${ONEBOOK_WINDOWS_DEPS})
set(CMAKE_FIND_ROOT_PATH /usr/${ONEBOOK_MINGW_HOST} ${ONEBOOK_WINDOWS_DEPS})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Static C and C++ runtimes: onebook.exe and onebook-cli.exe need no MinGW DLL next to them.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static-libgcc -static-libstdc++")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-static-libgcc -static-libstdc++")
# Windows 7 API level and above (CompareStringEx, SHGetKnownFolderPath).
set(CMAKE_C_FLAGS_INIT "-D_WIN32_WINNT=0x0601")
set(CMAKE_CXX_FLAGS_INIT "-D_WIN32_WINNT=0x0601")
