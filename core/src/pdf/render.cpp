// Draws a laid-out document with libharu: every face subset to the characters it draws
// (font_subset.hpp) is handed to libharu as metrics in memory and embedded here as the real
// subset; all streams are compressed, bookmarks and links added. libharu reports errors through a C callback that only
// records them; every step checks and resets, then throws Error with a readable message.
#include "deflate.hpp"
#include "display_list.hpp"
#include "face_cache.hpp"
#include "font_subset.hpp"
#include "onebook/error.hpp"
#include "onebook/platform.hpp"
#include "onebook/text_limits.hpp"
#include "onebook/utf8.hpp"

#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_list.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <type_traits>

namespace onebook::core::pdf::detail {

namespace {

struct HpdfError {
    HPDF_STATUS code = 0;
    HPDF_STATUS detail = 0;
};

// Called by libharu from C frames: must not throw, only record the first error.
extern "C" void record_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
    auto* e = static_cast<HpdfError*>(user);
    if (e->code == 0) {
        e->code = code;
        e->detail = detail;
    }
}

std::string hex(unsigned v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%04X", v);
    return buf;
}

// Explanations for the libharu errors a user can cause (hpdf_error.h).
std::string explain(HPDF_STATUS code) {
    switch (code) {
    case HPDF_FAILD_TO_ALLOC_MEM: return "内存不足";
    case HPDF_FILE_IO_ERROR:
    case HPDF_FILE_OPEN_ERROR: return "文件读写失败";
    case HPDF_INVALID_FONTDEF_DATA:
    case HPDF_INVALID_TTC_FILE:
    case HPDF_TTF_INVALID_CMAP:
    case HPDF_TTF_INVALID_FOMAT:
    case HPDF_TTF_MISSING_TABLE:
    case HPDF_INVALID_FONT: return "字体文件无法使用（TrueType 表缺失或损坏）";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "字体授权不允许嵌入 PDF";
    case HPDF_UNSUPPORTED_FONT_TYPE: return "字体不是 TrueType（libharu 读不了 OpenType/CFF）";
    case HPDF_INVALID_IMAGE:
    case HPDF_INVALID_JPEG_DATA:
    case HPDF_INVALID_PNG_IMAGE:
    case HPDF_LIBPNG_ERROR:
    case HPDF_UNSUPPORTED_JPEG_FORMAT: return "图片格式不受支持或文件已损坏";
    case HPDF_PAGE_INVALID_SIZE: return "页面尺寸超出 3–14400 磅";
    default: return "PDF 引擎内部错误";
    }
}

class Hpdf {
public:
    Hpdf() {
        doc = HPDF_New(record_hpdf_error, &err);
        if (!doc) throw Error("PDF 引擎（libharu）无法初始化：内存不足");
    }
    ~Hpdf() { HPDF_Free(doc); }
    Hpdf(const Hpdf&) = delete;
    Hpdf& operator=(const Hpdf&) = delete;

    /// Throws when libharu recorded an error since the last check (and clears it).
    void check(const std::string& what, const std::string& file = {}) {
        if (err.code == 0) return;
        auto e = err;
        err = {};
        HPDF_ResetError(doc);
        throw Error(
            "生成 PDF 失败：{what}：{reason}（libharu 错误 {code}/{detail}）",
            {{"what", what}, {"reason", explain(e.code)}, {"code", hex(unsigned(e.code))}, {"detail", std::to_string(e.detail)}},
            {file, {}, {}});
    }

    HPDF_Doc doc = nullptr;
    HpdfError err;
};

// libharu 2.3 loads TrueType fonts only from files (HPDF_LoadTTFontFromFile); this is that
// function over a memory stream, so a subset font goes from HarfBuzz to the PDF without a
// temporary file written, read back and deleted per face. It uses what hpdf_doc.h and
// hpdf_fontdef.h publish, exactly as libharu's own LoadTTFontFromStream does. The stream
// belongs to the font definition from then on (libharu reads glyph boxes from it while drawing).
const char* load_ttf_from_memory(HPDF_Doc pdf, const std::string& bytes) {
    HPDF_Stream stream = HPDF_MemStream_New(pdf->mmgr, HPDF_UINT(std::max<std::size_t>(bytes.size(), 1)));
    if (!stream) return nullptr;
    if (HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()), HPDF_UINT(bytes.size())) != HPDF_OK ||
        HPDF_Stream_Seek(stream, 0, HPDF_SEEK_SET) != HPDF_OK) {
        HPDF_Stream_Free(stream);
        return nullptr;
    }
    HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, stream, HPDF_TRUE); // frees the stream on failure
    if (!def) return nullptr;
    if (HPDF_Doc_FindFontDef(pdf, def->base_font)) {
        HPDF_FontDef_Free(def);
        HPDF_SetError(&pdf->error, HPDF_FONT_EXISTS, 0);
        return nullptr;
    }
    if (HPDF_List_Add(pdf->fontdef_list, def) != HPDF_OK) {
        HPDF_FontDef_Free(def);
        return nullptr;
    }
    // The subset tag (AAAAAA+Name) of embedded fonts, counted per document as libharu does.
    if (pdf->ttfont_tag[0] == 0) {
        std::memcpy(pdf->ttfont_tag, "HPDFAA", 6);
    } else {
        for (int i = 5; i >= 0; --i) {
            if (++pdf->ttfont_tag[i] <= 'Z') break;
            pdf->ttfont_tag[i] = 'A';
        }
    }
    HPDF_TTFontDef_SetTagName(def, reinterpret_cast<char*>(pdf->ttfont_tag));
    return def->base_font;
}

// Makes the font's descriptor before libharu would (which it then keeps), with the real subset
// as its FontFile2: libharu's own embedding would re-read the metrics font it was given, and
// deflate at the default level what font_subset.cpp deflated once at level 1. The entries are the
// ones libharu 2.3 writes (hpdf_font_cid.c, CIDFontType2_BeforeWrite_Func).
extern "C" HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) {
    // A stream whose filter libharu does not run: it would drop a /Filter entry, so it is written here.
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

// The bytes of a libharu memory stream, block by block (HPDF_ReadFromStream copies them one
// HPDF_MemCpy loop at a time).
std::string stream_bytes(HPDF_Stream stream) {
    std::string data;
    data.reserve(stream->size);
    for (HPDF_UINT b = 0, n = HPDF_MemStream_GetBufCount(stream); b < n; ++b) {
        HPDF_UINT len = 0;
        HPDF_BYTE* block = HPDF_MemStream_GetBufPtr(stream, b, &len);
        if (block) data.append(reinterpret_cast<const char*>(block), len);
    }
    return data;
}

// Deflates, with the engine's deflater, every stream libharu would deflate at save (the pages'
// content, ToUnicode, CIDToGIDMap, images): libharu sets up zlib at its default level for each one,
// which alone cost more than compressing a board's pages. Each is written as the font program is.
void deflate_streams(Hpdf& pdf) {
    for (HPDF_Xref xref = pdf.doc->xref; xref; xref = xref->prev)
        for (HPDF_UINT i = 0; i < xref->entries->count; ++i) {
            void* obj = static_cast<HPDF_XrefEntry>(xref->entries->obj[i])->obj;
            if (!obj || (static_cast<HPDF_Obj_Header*>(obj)->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT) continue;
            auto dict = static_cast<HPDF_Dict>(obj);
            if (!dict->stream || dict->filter != HPDF_STREAM_FILTER_FLATE_DECODE || dict->write_fn) continue;
            std::string z = deflate(stream_bytes(dict->stream));
            HPDF_MemStream_FreeData(dict->stream);
            HPDF_Stream_Write(dict->stream, reinterpret_cast<const HPDF_BYTE*>(z.data()), HPDF_UINT(z.size()));
            dict->filter = HPDF_STREAM_FILTER_NONE;
            dict->write_fn = write_flate_filter;
        }
}

void embed_program(HPDF_Font font, const SubsetFont& sub) {
    auto attr = static_cast<HPDF_FontAttr>(font->attr);
    HPDF_FontDef def = attr->fontdef;
    auto def_attr = static_cast<HPDF_TTFontDefAttr>(def->attr);
    HPDF_MMgr mmgr = font->mmgr;
    HPDF_Dict program = HPDF_DictStream_New(mmgr, attr->xref);
    HPDF_Dict descriptor = HPDF_Dict_New(mmgr);
    if (!program || !descriptor) return; // libharu recorded the error
    HPDF_STATUS ret =
        HPDF_Stream_Write(program->stream, reinterpret_cast<const HPDF_BYTE*>(sub.program.data()), HPDF_UINT(sub.program.size()));
    program->write_fn = write_flate_filter;
    ret += HPDF_Dict_AddNumber(program, "Length1", HPDF_INT32(sub.program_length));
    ret += HPDF_Xref_Add(attr->xref, descriptor);
    ret += HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
    ret += HPDF_Dict_AddNumber(descriptor, "Ascent", def->ascent);
    ret += HPDF_Dict_AddNumber(descriptor, "Descent", def->descent);
    ret += HPDF_Dict_AddNumber(descriptor, "Flags", HPDF_INT32(def->flags));
    ret += HPDF_Dict_Add(descriptor, "FontBBox", HPDF_Box_Array_New(mmgr, def->font_bbox));
    ret += HPDF_Dict_AddName(descriptor, "FontName", def_attr->base_font);
    ret += HPDF_Dict_AddNumber(descriptor, "ItalicAngle", def->italic_angle);
    ret += HPDF_Dict_AddNumber(descriptor, "StemV", HPDF_INT32(def->stemv));
    ret += HPDF_Dict_AddNumber(descriptor, "XHeight", sub.x_height); // libharu would read it from the empty outlines
    ret += HPDF_Dict_Add(descriptor, "FontFile2", program);
    if (ret == HPDF_OK) def->descriptor = descriptor;

    // The CIDToGIDMap libharu made runs to the encoder's spare CID, shared by the document's fonts;
    // this font's ends at its own last character.
    if (attr->map_stream) {
        auto map = sub.cid_to_gid_map();
        HPDF_MemStream_FreeData(attr->map_stream->stream);
        HPDF_Stream_Write(attr->map_stream->stream, reinterpret_cast<const HPDF_BYTE*>(map.data()), HPDF_UINT(map.size()));
    }

    // libharu writes no ToUnicode CMap for a font of ours: this one maps the codes back to the
    // characters (text extraction, search, copy and paste).
    HPDF_Dict to_unicode = HPDF_DictStream_New(mmgr, attr->xref);
    if (!to_unicode) return;
    to_unicode->filter = HPDF_STREAM_FILTER_FLATE_DECODE; // as every stream of the document (HPDF_COMP_ALL)
    HPDF_Stream_WriteStr(to_unicode->stream, sub.to_unicode_cmap().c_str());
    HPDF_Dict_Add(font, "ToUnicode", to_unicode);
}

// libharu's UTF-8 encoder maps all 65,536 codes, so every font made with it looked each one up in
// the font's cmap and measured its glyph, and wrote a CIDToGIDMap and /W over all of them. This
// encoder knows only the codes a document draws: two bytes each (code_of, never a 0 byte), CID n
// for the n-th character of the font, which is also what the metrics font's cmap maps to its glyph.
// CID `cids` is a spare no font draws: libharu lists the /W widths of the CIDs below the highest.
constexpr const char* compact_encoding = "OneBook-Compact";

extern "C" HPDF_BOOL every_byte(HPDF_Encoder, HPDF_BYTE) { return HPDF_TRUE; }
extern "C" HPDF_STATUS ready_made(HPDF_Encoder) { return HPDF_OK; } // set up before it is registered

bool add_range(HPDF_MMgr mmgr, HPDF_List list, unsigned from, unsigned to, unsigned cid) {
    auto* r = static_cast<HPDF_CidRange_Rec*>(HPDF_GetMem(mmgr, sizeof(HPDF_CidRange_Rec)));
    if (!r) return false;
    *r = {HPDF_UINT16(from), HPDF_UINT16(to), HPDF_UINT16(cid)};
    if (HPDF_List_Add(list, r) == HPDF_OK) return true;
    HPDF_FreeMem(mmgr, r);
    return false;
}

/// Registers the encoder for CIDs 1…`cids` (the last one spare); false when libharu recorded an error.
bool register_compact_encoder(HPDF_Doc pdf, std::size_t cids) {
    HPDF_Encoder encoder = HPDF_CMapEncoder_New(pdf->mmgr, const_cast<char*>(compact_encoding), ready_made);
    if (!encoder) return false;
    // HPDF_CMapEncoder_InitAttr, without its loop over all 65,536 codes (a memset does the same work).
    auto attr = static_cast<HPDF_CMapEncoderAttr>(HPDF_GetMem(pdf->mmgr, sizeof(HPDF_CMapEncoderAttr_Rec)));
    if (!attr) {
        HPDF_Encoder_Free(encoder);
        return false;
    }
    std::memset(attr, 0, sizeof(HPDF_CMapEncoderAttr_Rec));
    encoder->attr = attr;
    attr->cmap_range = HPDF_List_New(pdf->mmgr, HPDF_DEF_RANGE_TBL_NUM);
    attr->notdef_range = HPDF_List_New(pdf->mmgr, HPDF_DEF_ITEMS_PER_BLOCK);
    attr->code_space_range = HPDF_List_New(pdf->mmgr, HPDF_DEF_ITEMS_PER_BLOCK);
    bool ok = attr->cmap_range && attr->notdef_range && attr->code_space_range &&
              add_range(pdf->mmgr, attr->code_space_range, 0x0101, 0xFFFF, 0);
    for (std::size_t cid = 1; ok && cid <= cids; cid += 255) {
        // One range per lead byte: the codes …01 to …FF of it.
        std::size_t last = std::min(cids, cid + 254);
        ok = add_range(pdf->mmgr, attr->cmap_range, code_of(cid), code_of(last), unsigned(cid));
    }
    for (std::size_t cid = 1; ok && cid <= cids; ++cid) {
        unsigned code = code_of(cid);
        attr->cid_map[code & 0xFF][code >> 8] = HPDF_UINT16(cid); // libharu indexes both by [low][high]
        attr->unicode_map[code & 0xFF][code >> 8] = HPDF_UNICODE(cid);
    }
    attr->is_lead_byte_fn = every_byte; // every code is two bytes
    attr->is_trial_byte_fn = every_byte;
    attr->uid_offset = -1;
    std::strcpy(attr->registry, "Adobe");
    std::strcpy(attr->ordering, "Identity");
    encoder->type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;
    if (!ok) {
        HPDF_Encoder_Free(encoder);
        return false;
    }
    return HPDF_Doc_RegisterEncoder(pdf, encoder) == HPDF_OK; // frees it on failure
}

struct Fonts {
    std::vector<HPDF_Font> by_face;
    std::vector<SubsetFont> subsets; ///< by face: the codes text is drawn with
};

Fonts load_fonts(Hpdf& pdf, const Document& doc, const std::string& extra_for_first) {
    std::vector<std::set<char32_t>> used(doc.faces.size());
    if (!used.empty())
        for (char32_t c : utf8_to_u32(extra_for_first)) used[0].insert(c);
    for (const auto& page : doc.pages)
        for (const auto& op : page.ops)
            if (auto t = std::get_if<TextOp>(&op))
                for (char32_t c : utf8_to_u32(t->text)) used[std::size_t(t->face)].insert(c);
    Fonts fonts;
    fonts.by_face.resize(doc.faces.size(), nullptr);
    fonts.subsets.resize(doc.faces.size());
    std::size_t most = 0;
    for (const auto& u : used) most = std::max(most, u.size());
    if (most == 0) return fonts;
    // subset_font refuses more characters than codes: the spare CID is always one of them.
    if (!register_compact_encoder(pdf.doc, std::min(most, max_font_chars) + 1) && pdf.err.code == 0)
        pdf.err.code = HPDF_FAILD_TO_ALLOC_MEM;
    pdf.check("准备字体编码");
    for (std::size_t i = 0; i < doc.faces.size(); ++i) {
        if (used[i].empty()) continue;
        auto& sub = fonts.subsets[i] = subset_font(face_data(doc.faces[i]), used[i]);
        const std::string what = "载入字体“" + doc.faces[i].family + "”";
        const char* name = load_ttf_from_memory(pdf.doc, sub.metrics_font);
        if (!name) {
            HPDF_CheckError(&pdf.doc->error); // reports what libharu recorded to the error handler
            if (pdf.err.code == 0) pdf.err.code = HPDF_INVALID_FONTDEF_DATA;
        }
        pdf.check(what, doc.faces[i].file.string());
        fonts.by_face[i] = HPDF_GetFont(pdf.doc, name, compact_encoding);
        pdf.check(what, doc.faces[i].file.string());
        embed_program(fonts.by_face[i], sub);
        pdf.check(what, doc.faces[i].file.string());
    }
    return fonts;
}

// Two decimals are plenty for positions in points and keep content streams short.
HPDF_REAL r2(double v) { return HPDF_REAL(std::round(v * 100) / 100); }

HPDF_UINT16 dash_len(double v) { return HPDF_UINT16(std::clamp(std::lround(v), 1L, 100L)); }

class Painter {
public:
    Painter(Hpdf& document, const Fonts& loaded) : pdf(document), fonts(loaded) {}

    void draw(HPDF_Page page, const std::vector<Op>& ops, bool links, const std::vector<HPDF_Page>* pages) {
        cur_face = -1;
        cur_size = -1;
        cur_char_space = 0;
        cur_fill.reset();
        bool in_text = false;
        auto end_text = [&] {
            if (in_text) HPDF_Page_EndText(page);
            in_text = false;
        };
        for (const auto& op : ops) {
            if (auto t = std::get_if<TextOp>(&op)) {
                if (!in_text) HPDF_Page_BeginText(page);
                in_text = true;
                // Text state persists within a page: only emit what changes (keeps content streams small).
                if (t->face != cur_face || t->size != cur_size) {
                    HPDF_Page_SetFontAndSize(page, fonts.by_face[std::size_t(t->face)], HPDF_REAL(t->size));
                    cur_face = t->face;
                    cur_size = t->size;
                }
                set_fill(page, t->color);
                if (t->char_space != cur_char_space) {
                    HPDF_Page_SetCharSpace(page, HPDF_REAL(std::round(t->char_space * 1000) / 1000));
                    cur_char_space = t->char_space;
                }
                HPDF_Page_TextOut(page, r2(t->x), r2(t->y), fonts.subsets[std::size_t(t->face)].encode(t->text).c_str());
                continue;
            }
            end_text();
            if (auto r = std::get_if<RectOp>(&op)) {
                if (r->fill) set_fill(page, r->fill_color);
                if (r->stroke) {
                    HPDF_Page_SetRGBStroke(page, HPDF_REAL(r->stroke_color.r), HPDF_REAL(r->stroke_color.g),
                                           HPDF_REAL(r->stroke_color.b));
                    HPDF_Page_SetLineWidth(page, HPDF_REAL(r->line_width));
                    HPDF_Page_SetDash(page, nullptr, 0, 0);
                }
                HPDF_Page_Rectangle(page, r2(r->x), r2(r->y), r2(r->w), r2(r->h));
                if (r->fill && r->stroke) HPDF_Page_FillStroke(page);
                else if (r->fill) HPDF_Page_Fill(page);
                else HPDF_Page_Stroke(page);
            } else if (auto l = std::get_if<LineOp>(&op)) {
                HPDF_Page_SetRGBStroke(page, HPDF_REAL(l->color.r), HPDF_REAL(l->color.g), HPDF_REAL(l->color.b));
                HPDF_Page_SetLineWidth(page, HPDF_REAL(l->width));
                set_dash(page, l->dash_on, l->dash_off);
                HPDF_Page_SetLineCap(page, l->round_cap ? HPDF_ROUND_END : HPDF_BUTT_END);
                HPDF_Page_MoveTo(page, r2(l->x1), r2(l->y1));
                HPDF_Page_LineTo(page, r2(l->x2), r2(l->y2));
                HPDF_Page_Stroke(page);
                if (l->round_cap) HPDF_Page_SetLineCap(page, HPDF_BUTT_END);
            } else if (auto c = std::get_if<CircleOp>(&op)) {
                HPDF_Page_SetRGBStroke(page, HPDF_REAL(c->color.r), HPDF_REAL(c->color.g), HPDF_REAL(c->color.b));
                HPDF_Page_SetLineWidth(page, HPDF_REAL(c->width));
                set_dash(page, c->dash_on, c->dash_off);
                HPDF_Page_Circle(page, r2(c->cx), r2(c->cy), r2(c->r));
                HPDF_Page_Stroke(page);
            } else if (auto im = std::get_if<ImageOp>(&op)) {
                draw_image(page, *im);
            } else if (auto ln = std::get_if<LinkOp>(&op)) {
                if (!links || !pages) continue;
                HPDF_Page target = (*pages)[std::size_t(ln->target_page)];
                HPDF_Destination dst = HPDF_Page_CreateDestination(target);
                HPDF_Destination_SetFitH(dst, HPDF_REAL(ln->target_y)); // libharu rejects XYZ zoom 0 ("keep")
                HPDF_Rect rect{HPDF_REAL(ln->x), HPDF_REAL(ln->y), HPDF_REAL(ln->x + ln->w), HPDF_REAL(ln->y + ln->h)};
                HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(page, rect, dst);
                HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
            }
        }
        end_text();
        pdf.check("绘制页面");
    }

private:
    void set_fill(HPDF_Page page, const Color& c) {
        if (cur_fill && *cur_fill == c) return;
        HPDF_Page_SetRGBFill(page, HPDF_REAL(c.r), HPDF_REAL(c.g), HPDF_REAL(c.b));
        cur_fill = c;
    }

    void set_dash(HPDF_Page page, double on, double off) {
        if (on > 0 && off > 0) {
            HPDF_UINT16 ptn[2] = {dash_len(on), dash_len(off)};
            HPDF_Page_SetDash(page, ptn, 2, 0);
        } else {
            HPDF_Page_SetDash(page, nullptr, 0, 0);
        }
    }

    void draw_image(HPDF_Page page, const ImageOp& im) {
        auto key = im.file.string();
        auto it = images.find(key);
        if (it == images.end()) {
            HPDF_Image img = nullptr;
            if (im.png) {
                auto decoded = decode_png(im.file);
                img = HPDF_LoadRawImageFromMem(pdf.doc, reinterpret_cast<const HPDF_BYTE*>(decoded.pixels.data()),
                                               HPDF_UINT(decoded.width), HPDF_UINT(decoded.height),
                                               decoded.channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB, 8);
                if (!decoded.alpha.empty()) {
                    HPDF_Image mask =
                        HPDF_LoadRawImageFromMem(pdf.doc, reinterpret_cast<const HPDF_BYTE*>(decoded.alpha.data()),
                                                 HPDF_UINT(decoded.width), HPDF_UINT(decoded.height), HPDF_CS_DEVICE_GRAY, 8);
                    HPDF_Image_AddSMask(img, mask);
                }
            } else {
                // from memory: libharu opens files by narrow name, which on Windows is not UTF-8
                std::ifstream in(im.file, std::ios::binary);
                std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
                img =
                    HPDF_LoadJpegImageFromMem(pdf.doc, reinterpret_cast<const HPDF_BYTE*>(bytes.data()), HPDF_UINT(bytes.size()));
            }
            pdf.check("载入图片“" + key + "”", key);
            it = images.emplace(key, img).first;
        }
        // Maps the unit square of the stored image onto the displayed box, applying the EXIF
        // orientation (libharu does not).
        double x = im.x, y = im.y, W = im.w, H = im.h;
        double a = W, b = 0, c = 0, d = H, e = x, f = y;
        switch (im.orientation) {
        case 2:
            a = -W;
            e = x + W;
            break;
        case 3:
            a = -W;
            d = -H;
            e = x + W;
            f = y + H;
            break;
        case 4:
            d = -H;
            f = y + H;
            break;
        case 5:
            a = 0;
            b = -H;
            c = -W;
            d = 0;
            e = x + W;
            f = y + H;
            break;
        case 6:
            a = 0;
            b = -H;
            c = W;
            d = 0;
            e = x;
            f = y + H;
            break;
        case 7:
            a = 0;
            b = H;
            c = W;
            d = 0;
            e = x;
            f = y;
            break;
        case 8:
            a = 0;
            b = H;
            c = -W;
            d = 0;
            e = x + W;
            f = y;
            break;
        default: break;
        }
        HPDF_Page_GSave(page);
        HPDF_Page_Concat(page, HPDF_REAL(a), HPDF_REAL(b), HPDF_REAL(c), HPDF_REAL(d), HPDF_REAL(e), HPDF_REAL(f));
        HPDF_Page_DrawImage(page, it->second, 0, 0, 1, 1);
        HPDF_Page_GRestore(page);
    }

    Hpdf& pdf;
    const Fonts& fonts;
    std::map<std::string, HPDF_Image> images;
    int cur_face = -1;
    double cur_size = -1, cur_char_space = 0;
    std::optional<Color> cur_fill;
};

HPDF_Page add_page(Hpdf& pdf, const PageSize& size) {
    HPDF_Page page = HPDF_AddPage(pdf.doc);
    HPDF_Page_SetWidth(page, HPDF_REAL(size.width));
    HPDF_Page_SetHeight(page, HPDF_REAL(size.height));
    pdf.check("新建页面（" + size.describe() + "）");
    return page;
}

// A document information entry as a UTF-16BE text string (hex, with its byte order mark). libharu
// would write it through its UTF-8 encoder, whose set-up maps all 65,536 codes for a few strings.
void set_info(Hpdf& pdf, const char* key, const std::string& utf8) {
    std::string bytes = "\xFE\xFF"; // UTF-16BE with its byte-order mark: a PDF text string
    for (char16_t unit : utf8_to_utf16(utf8)) {
        bytes += char(unit >> 8);
        bytes += char(unit & 0xFF);
    }
    HPDF_Binary value = HPDF_Binary_New(pdf.doc->mmgr, reinterpret_cast<HPDF_BYTE*>(bytes.data()), HPDF_UINT(bytes.size()));
    if (value && pdf.doc->info) HPDF_Dict_Add(pdf.doc->info, key, value);
}

constexpr std::size_t bookmark_chars = 120;

void add_bookmarks(Hpdf& pdf, const Document& doc, const std::vector<HPDF_Page>& pages) {
    if (doc.bookmarks.empty()) return;
    HPDF_Encoder utf8 = HPDF_GetEncoder(pdf.doc, "UTF-8");
    std::vector<std::pair<int, HPDF_Outline>> stack; // level, outline
    for (const auto& b : doc.bookmarks) {
        while (!stack.empty() && stack.back().first >= b.level) stack.pop_back();
        HPDF_Outline parent = stack.empty() ? nullptr : stack.back().second;
        // libharu refuses a string over 65,535 bytes (error 0x105B) and readers show one line: cut
        // long titles at a character boundary rather than fail the whole document.
        std::string title = truncate_utf8(b.text, bookmark_chars);
        HPDF_Outline o = HPDF_CreateOutline(pdf.doc, parent, title.c_str(), utf8);
        HPDF_Destination dst = HPDF_Page_CreateDestination(pages[std::size_t(b.page)]);
        HPDF_Destination_SetFitH(dst, HPDF_REAL(b.y));
        HPDF_Outline_SetDestination(o, dst);
        HPDF_Outline_SetOpened(o, b.level == 1 ? HPDF_TRUE : HPDF_FALSE);
        stack.emplace_back(b.level, o);
    }
    HPDF_SetPageMode(pdf.doc, HPDF_PAGE_MODE_USE_OUTLINE);
    pdf.check("添加书签");
}

// Whether anything of the board is drawn inside [x0, x1] × [y0, y1] (board points, origin
// bottom-left). Text is measured generously (every character a full em), so a sheet is kept
// whenever in doubt; a sheet with nothing would carry only crop marks and is not printed.
bool has_content_in(const std::vector<Op>& ops, double x0, double y0, double x1, double y1) {
    auto meets = [&](double ax, double ay, double bx, double by) {
        return std::min(ax, bx) <= x1 && std::max(ax, bx) >= x0 && std::min(ay, by) <= y1 && std::max(ay, by) >= y0;
    };
    for (const auto& op : ops) {
        bool hit = std::visit(
            [&](const auto& o) {
                using T = std::decay_t<decltype(o)>;
                if constexpr (std::is_same_v<T, TextOp>) {
                    std::size_t chars = 0;
                    for (unsigned char ch : o.text) chars += (ch & 0xC0) != 0x80;
                    return meets(o.x, o.y - 0.3 * o.size, o.x + double(chars) * (o.size + o.char_space), o.y + o.size);
                } else if constexpr (std::is_same_v<T, RectOp>) {
                    return meets(o.x, o.y, o.x + o.w, o.y + o.h);
                } else if constexpr (std::is_same_v<T, LineOp>) {
                    return meets(o.x1, o.y1, o.x2, o.y2);
                } else if constexpr (std::is_same_v<T, CircleOp>) {
                    return meets(o.cx - o.r, o.cy - o.r, o.cx + o.r, o.cy + o.r);
                } else if constexpr (std::is_same_v<T, ImageOp>) {
                    return meets(o.x, o.y, o.x + o.w, o.y + o.h);
                } else {
                    return false; // a link draws nothing
                }
            },
            op);
        if (hit) return true;
    }
    return false;
}

// Crop marks at the corners of the tile area, alignment crosses printed identically on both
// sheets of each overlap, and a label saying which sheet this is.
void draw_tile_marks(Painter& painter, HPDF_Page page, const TileGrid& g, const TileOptions& o, int row, int col, double ox,
                     double oy, double margin, int board_page, int board_pages, int face, double sheet_h) {
    std::vector<Op> ops;
    Color mark = Color::hex(0x000000);
    double m = margin;
    double len = std::min(m * 0.8, mm_to_pt(8));
    double tx0 = m, ty0 = m, tx1 = m + g.tile_width, ty1 = m + g.tile_height;
    for (double x : {tx0, tx1})
        for (double y : {ty0, ty1}) {
            double sx = x == tx0 ? -1 : 1, sy = y == ty0 ? -1 : 1;
            ops.push_back(LineOp{x + sx * 2, y, x + sx * (2 + len), y, mark, 0.4});
            ops.push_back(LineOp{x, y + sy * 2, x, y + sy * (2 + len), mark, 0.4});
        }
    double overlap = mm_to_pt(o.overlap_mm);
    // Dashed guide where the next sheet's edge lies (right and bottom overlap strips).
    Color guide = Color::hex(0x888888);
    if (col + 1 < g.columns) ops.push_back(LineOp{tx1 - overlap, ty0, tx1 - overlap, ty1, guide, 0.4, 3, 3});
    if (row + 1 < g.rows) ops.push_back(LineOp{tx0, ty0 + overlap, tx1, ty0 + overlap, guide, 0.4, 3, 3});
    // Alignment crosses in the middle of each overlap strip shared with a neighbour: the same board
    // position, so the crosses of two sheets lie on top of each other when pasted right.
    auto cross = [&](double x, double y) {
        double r = mm_to_pt(3);
        ops.push_back(LineOp{x - r, y, x + r, y, mark, 0.4});
        ops.push_back(LineOp{x, y - r, x, y + r, mark, 0.4});
        ops.push_back(CircleOp{x, y, r * 0.6, mark, 0.4});
    };
    double mid_y = (ty0 + ty1) / 2, mid_x = (tx0 + tx1) / 2;
    if (col + 1 < g.columns) cross(tx1 - overlap / 2, mid_y);
    if (col > 0) cross(tx0 + overlap / 2, mid_y);
    if (row + 1 < g.rows) cross(mid_x, ty0 + overlap / 2);
    if (row > 0) cross(mid_x, ty1 - overlap / 2);
    (void)ox;
    (void)oy;
    std::string label = "第 " + std::to_string(row + 1) + " 行 第 " + std::to_string(col + 1) + " 列（共 " +
                        std::to_string(g.rows) + " 行 × " + std::to_string(g.columns) + " 列）";
    if (board_pages > 1) label = "第 " + std::to_string(board_page + 1) + " 块 " + label;
    label += "  重叠 " + std::to_string(int(std::lround(o.overlap_mm))) + " 毫米，沿虚线对齐粘贴";
    double fs = std::min(8.0, m * 0.35);
    if (face >= 0) ops.push_back(TextOp{face, fs, m + len + 6, sheet_h - m + (m - fs) / 2, label, Color::hex(0x555555), 0});
    painter.draw(page, ops, false, nullptr);
}

} // namespace

std::string render_pdf(const Document& doc, const TileOptions* tiles, TileGrid* grid) {
    Hpdf pdf;
    HPDF_SetCompressionMode(pdf.doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf.doc); // set up only if bookmarks ask for it
    pdf.check("初始化");

    const Document& d = doc;
    // Sheet labels are drawn in the first (heading) face: its subset needs their characters.
    int label_face = tiles && !d.faces.empty() ? 0 : -1;
    Fonts fonts = load_fonts(pdf, d, tiles ? "第行列共块重叠毫米，沿虚线对齐粘贴0123456789×（） " : "");
    Painter painter(pdf, fonts);

    if (!tiles) {
        std::vector<HPDF_Page> pages;
        for (const auto& p : d.pages) pages.push_back(add_page(pdf, p.size));
        for (std::size_t i = 0; i < d.pages.size(); ++i) painter.draw(pages[i], d.pages[i].ops, true, &pages);
        add_bookmarks(pdf, d, pages);
    } else {
        for (std::size_t pi = 0; pi < d.pages.size(); ++pi) {
            const auto& bp = d.pages[pi];
            TileGrid g = plan_tiles(bp.size, *tiles);
            double m = mm_to_pt(tiles->margin_mm);
            for (int r = 0; r < g.rows; ++r)
                for (int c = 0; c < g.columns; ++c) {
                    // board point (bx, by) with by measured from the board's top edge
                    double bx0 = c * g.step_x;
                    double by_top = r * g.step_y;
                    if (!has_content_in(bp.ops, bx0, bp.size.height - by_top - g.tile_height, bx0 + g.tile_width,
                                        bp.size.height - by_top)) {
                        ++g.skipped;
                        continue;
                    }
                    HPDF_Page page = add_page(pdf, g.sheet);
                    // translate: sheet (m, sheet_h - m) shows board (bx0, board_h - by_top)
                    double tx = m - bx0;
                    double ty = (g.sheet.height - m) - (bp.size.height - by_top);
                    HPDF_Page_GSave(page);
                    HPDF_Page_Rectangle(page, HPDF_REAL(m), HPDF_REAL(m), HPDF_REAL(g.tile_width), HPDF_REAL(g.tile_height));
                    HPDF_Page_Clip(page);
                    HPDF_Page_EndPath(page);
                    HPDF_Page_Concat(page, 1, 0, 0, 1, HPDF_REAL(tx), HPDF_REAL(ty));
                    painter.draw(page, bp.ops, false, nullptr);
                    // the board's own edge, where the pasted board is trimmed
                    painter.draw(page, {RectOp{0, 0, bp.size.width, bp.size.height, false, {}, true, Color::hex(0xaaaaaa), 0.3}},
                                 false, nullptr);
                    HPDF_Page_GRestore(page);
                    draw_tile_marks(painter, page, g, *tiles, r, c, tx, ty, m, int(pi), int(d.pages.size()), label_face,
                                    g.sheet.height);
                    pdf.check("拼贴页面");
                }
            if (grid) {
                int before = pi == 0 ? 0 : grid->skipped;
                *grid = g;
                grid->skipped += before; // over every page of the board
            }
        }
    }

    HPDF_SetInfoAttr(pdf.doc, HPDF_INFO_CREATOR, "OneBook"); // makes the Info dictionary
    set_info(pdf, "Creator", "OneBook 党建一本通");
    if (!d.title.empty()) set_info(pdf, "Title", d.title);
    if (!d.author.empty()) set_info(pdf, "Author", d.author);
    if (!d.subject.empty()) set_info(pdf, "Subject", d.subject);
    pdf.check("写入文档信息");

    deflate_streams(pdf);
    pdf.check("压缩 PDF");
    HPDF_SaveToStream(pdf.doc);
    pdf.check("生成 PDF");
    return stream_bytes(pdf.doc->stream);
}

} // namespace onebook::core::pdf::detail
