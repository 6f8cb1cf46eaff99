#pragma once
#include <string>
#include <string_view>

// Self-contained HTML pages (the run and drift reports): no network, no script.
namespace util {

// `text` as HTML text or attribute content: & < > " ' escaped, so that whatever a program, dlv or
// a scenario wrote (`<script>`, `</pre>`) shows as text and never becomes markup.
std::string html_escape(std::string_view text);

// A complete page: `title` (escaped), `body` (HTML, already escaped where needed), the report
// style sheet inline, and a Content-Security-Policy that allows no script and no fetch at all.
std::string html_page(std::string_view title, std::string_view body);

}  // namespace util
