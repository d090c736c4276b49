#include "v2gbench/reports_pdf/pdf_report.hpp"

#include <pango/pangocairo.h>

#include <stdexcept>

namespace v2gbench::reports_pdf {

Language parseLanguage(std::string_view text) {
    if (text == "en") return Language::En;
    if (text == "zh") return Language::Zh;
    throw std::invalid_argument("--lang '" + std::string(text) + "': expected zh or en");
}

std::string_view toString(Language language) { return language == Language::Zh ? "zh" : "en"; }

void requireReportFont() {
    PangoFontMap* map = pango_cairo_font_map_new(); // our own: pango's default keeps its caches for ever
    PangoFontFamily** families = nullptr;
    int count = 0;
    pango_font_map_list_families(map, &families, &count);
    bool found = false;
    for (int i = 0; i < count && !found; ++i) found = std::string_view(pango_font_family_get_name(families[i])) == kReportFontFamily;
    g_free(families);
    g_object_unref(map);
    if (!found)
        throw std::runtime_error("the PDF report's font '" + std::string(kReportFontFamily) +
                                 "' is not installed (Debian package fonts-noto-cjk; scripts/setup.sh installs it): "
                                 "without it Chinese text would print as empty boxes");
}

} // namespace v2gbench::reports_pdf
