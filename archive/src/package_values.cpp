// Packages: cell values and their JSON form (see package_internal.hpp).
#include "onebook/archive/search.hpp"
#include "onebook/backup.hpp"
#include "onebook/journal.hpp"
#include "package_internal.hpp"

#include "onebook/archive/bagit.hpp"
#include "onebook/archive/file_store.hpp"
#include "onebook/error.hpp"
#include "onebook/identity.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/rubric.hpp"
#include "onebook/text_encoding.hpp"
#include "onebook/text_limits.hpp"

#include "onebook/text_limits.hpp"
#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>
#include <Poco/Timestamp.h>
#include <Poco/Zip/Compress.h>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace onebook::archive {

using namespace pkg;

namespace pkg {

// ---- values ------------------------------------------------------------------------------------

Value column_value(const core::Statement& st, int col) {
    Value v;
    sqlite3_stmt* h = st.handle();
    switch (sqlite3_column_type(h, col)) {
    case SQLITE_INTEGER:
        v.type = Value::Int;
        v.i = sqlite3_column_int64(h, col);
        break;
    case SQLITE_FLOAT:
        v.type = Value::Real;
        v.d = sqlite3_column_double(h, col);
        break;
    case SQLITE_TEXT:
        v.type = Value::Text;
        v.s = st.get_text(col);
        break;
    case SQLITE_BLOB: {
        v.type = Value::Blob;
        auto p = static_cast<const char*>(sqlite3_column_blob(h, col));
        v.s.assign(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(h, col)));
        break;
    }
    default: break;
    }
    return v;
}

void bind_value(core::Statement& st, int idx, const Value& v) {
    switch (v.type) {
    case Value::Null: st.bind_null(idx); break;
    case Value::Int: st.bind(idx, v.i); break;
    case Value::Real: st.bind(idx, v.d); break;
    case Value::Text: st.bind(idx, std::string_view(v.s)); break;
    case Value::Blob: st.bind_blob(idx, v.s.data(), v.s.size()); break;
    }
}

std::string base64(const std::string& bytes) {
    std::ostringstream out;
    Poco::Base64Encoder enc(out);
    enc.rdbuf()->setLineLength(0);
    enc << bytes;
    enc.close();
    return out.str();
}

std::string unbase64(const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder dec(in);
    std::ostringstream out;
    out << dec.rdbuf();
    return out.str();
}

void json_string(std::string& out, const std::string& s) {
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
}

/// JSON of a value. Reals always carry a '.' or an exponent so they come back as reals; text that
/// is not UTF-8 and blobs travel as base64 objects.
void json_value(std::string& out, const Value& v) {
    switch (v.type) {
    case Value::Null: out += "null"; break;
    case Value::Int: out += std::to_string(v.i); break;
    case Value::Real: {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", v.d);
        std::string t = buf;
        if (t.find_first_of(".eEn") == std::string::npos) t += ".0";
        if (t == "nan" || t == "inf" || t == "-inf") t = "null"; // JSON has none; SQLite stores none of them either
        out += t;
        break;
    }
    case Value::Text:
        if (core::is_valid_utf8(v.s)) json_string(out, v.s);
        else {
            out += "{\"text_base64\":";
            json_string(out, base64(v.s));
            out += '}';
        }
        break;
    case Value::Blob:
        out += "{\"base64\":";
        json_string(out, base64(v.s));
        out += '}';
        break;
    }
}

std::string json_row(const std::vector<Value>& row) {
    std::string out = "[";
    for (std::size_t k = 0; k < row.size(); ++k) {
        if (k) out += ',';
        json_value(out, row[k]);
    }
    return out + "]";
}

} // namespace pkg

} // namespace onebook::archive
