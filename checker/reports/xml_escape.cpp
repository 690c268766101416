#include "checker/reports/xml_escape.hpp"

namespace atscheck {

std::string xml_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        default:
            // XML 1.0 allows no control characters but tab, newline and return.
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                out += "?";
            else
                out += static_cast<char>(c);
        }
    }
    return out;
}

} // namespace atscheck
