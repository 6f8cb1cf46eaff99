#include "harness/util/html.h"

namespace util {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
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
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string html_page(std::string_view title, std::string_view body) {
  static constexpr std::string_view kStyle = R"(
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1b1f24; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #d0d7de; padding: .25em .6em; text-align: left; vertical-align: top; }
td.n { text-align: right; }
pre, code, .mono { font-family: ui-monospace, monospace; font-size: 12.5px; }
pre { background: #f6f8fa; padding: .6em; overflow-x: auto; white-space: pre-wrap; }
details { border: 1px solid #d0d7de; border-radius: 4px; margin: .35em 0; padding: .3em .6em; }
summary { cursor: pointer; }
.PASS { color: #1a7f37; } .FAIL { color: #cf222e; font-weight: bold; }
.ERROR { color: #9a6700; font-weight: bold; } .SKIP { color: #656d76; }
.sent { color: #0550ae; } .event { color: #8250df; } .note { color: #656d76; }
tr.differs td { background: #fff8c5; }
table.sbs { table-layout: fixed; width: 100%; } table.sbs col.t { width: 5.5em; }
table.sbs td { overflow-wrap: anywhere; vertical-align: top; }
)";
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'\">\n<title>";
  page += html_escape(title);
  page += "</title>\n<style>";
  page += kStyle;
  page += "</style></head>\n<body>\n";
  page += body;
  page += "\n</body></html>\n";
  return page;
}

}  // namespace util
