# The Windows (MinGW-w64 cross) build's differences, in one place: included by the top-level
# CMakeLists.txt when WIN32 (installer/windows/build.sh configures it). Libraries come from the
# prefixes in ONEBOOK_WINDOWS_DEPS (cross-built from Debian's sources by installer/windows/deps.sh);
# header-only ones from the Debian -dev packages through ONEBOOK_WINDOWS_HOST_HEADERS.
set(ONEBOOK_WINDOWS_HOST_HEADERS "" CACHE PATH "Folder holding boost/ and CLI/ (Debian's headers)")

# Static everything: Poco, expat (XML_STATIC), libxlsxwriter, libharu, OpenSSL's libcrypto.
set(OPENSSL_USE_STATIC_LIBS TRUE)
add_compile_definitions(POCO_STATIC XML_STATIC UNICODE _UNICODE)
set(PKG_CONFIG_USE_STATIC_LIBS ON) # harfbuzz-subset and xlsxwriter with their Libs.private

# CLI11 (header-only): Debian's config file lives outside the cross prefixes.
add_library(CLI11::CLI11 INTERFACE IMPORTED)
target_include_directories(CLI11::CLI11 INTERFACE ${ONEBOOK_WINDOWS_HOST_HEADERS})
set(CLI11_FOUND TRUE)

# Boost.Test, header-only ("included" variant, one TU per suite): see tests/CMakeLists.txt.
add_library(Boost::unit_test_framework INTERFACE IMPORTED)
target_include_directories(Boost::unit_test_framework INTERFACE ${ONEBOOK_WINDOWS_HOST_HEADERS})
set(Boost_FOUND TRUE)

# What the static libraries need from Windows itself.
set(ONEBOOK_WINDOWS_SYSTEM_LIBS ws2_32 crypt32 iphlpapi bcrypt shell32 ole32 uuid advapi32 user32)
