// The Go / dlv pin table (scripts/dlv-pins): every row proven in a cell of its own, the table
// agreeing with the doctor's support windows, and every cell of the CI workflow users copy
// (.github/workflows/dlv-harness.yml) a Go the table pins a dlv for that can debug it.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "harness/cli/cli_test_support.h"
#include "harness/doctor/tool_checks.h"
#include "harness/gotool/toolchain.h"
#include "harness/gotool/version.h"

namespace cli {
namespace {

namespace fs = std::filesystem;
using namespace cli::testing;

// One `pin` line: Go 1.go_min..1.go_max gets `dlv` ("debian": Debian's delve), built by a Go
// >= 1.build_go; 1.cell_go proves the row.
struct PinRow {
  int go_min = 0, go_max = 0;
  std::string dlv;
  int build_go = 0;  // 0 for "-"
  int cell_go = 0;
};

// gtest's name for a row in failure messages.
void PrintTo(const PinRow& row, std::ostream* os) {
  *os << "pin " << row.go_min << " " << row.go_max << " " << row.dlv;
}

struct PinTable {
  std::vector<PinRow> rows;
  std::map<int, std::pair<int, int>> windows;  // dlv minor -> Go minors it supports
  std::map<int, std::string> releases;         // Go minor -> the release "1.N" means
};

PinTable read_pins() {
  PinTable table;
  std::istringstream in(util::testing::read_file(kSource / "scripts" / "dlv-pins"));
  for (std::string line; std::getline(in, line);) {
    line = line.substr(0, line.find('#'));
    std::istringstream fields(line);
    std::string kind;
    if (!(fields >> kind)) continue;
    if (kind == "pin") {
      PinRow row;
      std::string build;
      fields >> row.go_min >> row.go_max >> row.dlv >> build >> row.cell_go;
      row.build_go = build == "-" ? 0 : std::stoi(build);
      EXPECT_FALSE(fields.fail()) << "bad pin line: " << line;
      table.rows.push_back(row);
    } else if (kind == "window") {
      int dlv = 0, lo = 0, hi = 0;
      fields >> dlv >> lo >> hi;
      EXPECT_FALSE(fields.fail()) << "bad window line: " << line;
      table.windows[dlv] = {lo, hi};
    } else if (kind == "go") {
      int minor = 0;
      std::string release;
      fields >> minor >> release;
      EXPECT_FALSE(fields.fail()) << "bad go line: " << line;
      table.releases[minor] = release;
    } else {
      ADD_FAILURE() << "unknown line in scripts/dlv-pins: " << line;
    }
  }
  return table;
}

// The dlv minor of a pin ("v1.26.2" -> 26; Debian 12's delve is 1.20.2).
int dlv_minor(const std::string& dlv) {
  if (dlv == "debian") return 20;
  auto v = gotool::Version::parse(dlv);
  return v ? v->minor : -1;
}

const PinRow* row_for(const PinTable& table, int go_minor) {
  for (const auto& row : table.rows)
    if (row.go_min <= go_minor && go_minor <= row.go_max) return &row;
  return nullptr;
}

TEST(PinTable, WindowsAreTheDoctorsAndEveryRowFitsItsDlv) {
  auto table = read_pins();
  ASSERT_GE(table.rows.size(), 5u);
  for (const auto& [dlv, window] : table.windows) {
    auto doctor = doctor::go_support_window(gotool::Version{1, dlv, 0});
    ASSERT_TRUE(doctor) << "dlv 1." << dlv << ": no window in harness/doctor/tool_checks.cpp";
    EXPECT_EQ(*doctor, window) << "dlv 1." << dlv << ": scripts/dlv-pins and the doctor differ";
  }
  for (const auto& row : table.rows) {
    SCOPED_TRACE("pin row " + row.dlv);
    ASSERT_TRUE(table.windows.count(dlv_minor(row.dlv))) << "no window for " << row.dlv;
    auto [lo, hi] = table.windows.at(dlv_minor(row.dlv));
    // Every Go of the row can be debugged by its dlv, and built it (dlv's go.mod).
    EXPECT_LE(lo, row.go_min);
    EXPECT_GE(hi, row.go_max);
    EXPECT_LE(row.build_go, row.go_min);
    EXPECT_TRUE(row.go_min <= row.cell_go && row.cell_go <= row.go_max);
    if (row.dlv != "debian") {
      EXPECT_TRUE(table.releases.count(row.cell_go)) << row.cell_go;
    }
  }
  for (const auto& [minor, release] : table.releases) {
    auto v = gotool::Version::parse(release);
    ASSERT_TRUE(v) << release;
    EXPECT_EQ(v->minor, minor) << release;
    EXPECT_NE(row_for(table, minor), nullptr) << "go " << release << " has no pin row";
  }
}

// A distribution's own Go: the cells whose Go only comes from the distribution (no Go module
// proxy toolchain before go1.21) run only there.
const std::map<std::string, int> kDistroGo = {{"Debian-12", 19}, {"Ubuntu-24.04", 22}};

struct Cell {
  std::string distribution, go;
  int shard = 0;
};

// The cells of a GitHub Actions matrix: the product of its lists, then include (excludes are
// not used by this workflow, and the test refuses them rather than get them wrong).
std::vector<Cell> matrix_cells(const YAML::Node& matrix) {
  std::vector<Cell> cells;
  EXPECT_FALSE(matrix["exclude"]) << "exclude: not understood by this test";
  for (const auto& d : matrix["distribution"])
    for (const auto& g : matrix["go"])
      for (const auto& s : matrix["shard"])
        cells.push_back({d.as<std::string>(), g.as<std::string>(), s.as<int>()});
  for (const auto& extra : matrix["include"]) {
    EXPECT_TRUE(extra["distribution"] && extra["go"] && extra["shard"])
        << "an include entry must name a whole cell: " << YAML::Dump(extra);
    cells.push_back({extra["distribution"].as<std::string>(), extra["go"].as<std::string>(),
                     extra["shard"].as<int>()});
  }
  return cells;
}

TEST(Workflow, EveryCellsGoHasAPinnedDlvThatCanDebugIt) {
  auto table = read_pins();
  auto path = kSource / ".github" / "workflows" / "dlv-harness.yml";
  auto text = util::testing::read_file(path);
  auto job = YAML::LoadFile(path.string())["jobs"]["scenarios"];
  ASSERT_TRUE(job) << "no job `scenarios` in " << path;
  auto matrix = job["strategy"]["matrix"];
  // The Go axis only: the dlv of each cell comes from scripts/dlv-pins at set-up.
  EXPECT_FALSE(matrix["dlv"]) << "the matrix names dlv versions; scripts/dlv-pins chooses them";
  EXPECT_EQ(text.find("HARNESS_DLV_PIN"), std::string::npos);
  EXPECT_EQ(job["env"]["HARNESS_GO"].as<std::string>(""), "${{ matrix.go }}");
  EXPECT_NE(job["env"]["WSLENV"].as<std::string>("").find(":HARNESS_GO"), std::string::npos);
  EXPECT_NE(text.find("run: scripts/dev setup"), std::string::npos);
  // The doctor's JSON lands in the uploaded reports; its WSL facts go to the step summary.
  EXPECT_NE(text.find("run: scripts/dev doctor --reports reports"), std::string::npos);
  EXPECT_NE(text.find("--reports reports --json reports/run.json"), std::string::npos);
  EXPECT_NE(text.find("path: reports/"), std::string::npos);
  EXPECT_NE(job["env"]["WSLENV"].as<std::string>("").find("GITHUB_STEP_SUMMARY/p"),
            std::string::npos);

  auto cells = matrix_cells(matrix);
  ASSERT_FALSE(cells.empty());
  std::map<std::pair<std::string, std::string>, std::set<int>> shards;
  std::map<std::string, std::set<int>> rows_per_distribution;
  for (const auto& cell : cells) {
    SCOPED_TRACE(cell.distribution + " / go " + cell.go + " / shard " + std::to_string(cell.shard));
    ASSERT_TRUE(kDistroGo.count(cell.distribution)) << "a distribution this test does not know";
    auto v = gotool::Version::parse(cell.go);
    ASSERT_TRUE(v && v->major == 1) << "not a Go version: " << cell.go;
    const PinRow* row = row_for(table, v->minor);
    ASSERT_NE(row, nullptr) << "no pin row for Go " << cell.go;
    auto window = table.windows.find(dlv_minor(row->dlv));
    ASSERT_NE(window, table.windows.end());
    EXPECT_TRUE(window->second.first <= v->minor && v->minor <= window->second.second)
        << "dlv " << row->dlv << " cannot debug Go " << cell.go;
    EXPECT_GE(v->minor, row->build_go) << "Go " << cell.go << " cannot build dlv " << row->dlv;
    if (v->minor <= 20) {
      // No toolchain module before go1.21 here: only the distribution's own Go.
      EXPECT_EQ(kDistroGo.at(cell.distribution), v->minor)
          << "Go " << cell.go << " is not " << cell.distribution << "'s own Go";
    } else {
      EXPECT_TRUE(table.releases.count(v->minor) || v->minor == kDistroGo.at(cell.distribution))
          << "Go " << cell.go << ": no release in scripts/dlv-pins and not the distribution's";
    }
    shards[{cell.distribution, cell.go}].insert(cell.shard);
    rows_per_distribution[cell.distribution].insert(row->cell_go);
  }
  // Every (distribution, Go) runs every shard, once.
  EXPECT_NE(text.find("--shard ${{ matrix.shard }}/2"), std::string::npos);
  for (const auto& [key, got] : shards)
    EXPECT_EQ(got, (std::set<int>{1, 2})) << key.first << " / go " << key.second;
  EXPECT_EQ(cells.size(), 2 * shards.size()) << "a cell listed twice";
  // Every pin row is proven on every distribution where its Go can be had.
  for (const auto& [distribution, go] : kDistroGo)
    for (const auto& row : table.rows)
      if (row.dlv != "debian" || row.cell_go == go) {
        EXPECT_TRUE(rows_per_distribution[distribution].count(row.cell_go))
            << distribution << " has no cell for pin row " << row.dlv << " (Go 1." << row.cell_go
            << ")";
      }
}

// `scripts/dev` refuses, before building anything, a cell whose dlv cannot debug its Go (such a
// cell would only skip every scenario), and a wanted Go it cannot read or has no release for.
process::RunResult dev(const std::string& command, std::map<std::string, std::string> env) {
  process::SpawnOptions options;
  options.argv = {(kSource / "scripts" / "dev").string(), command};
  options.cwd = kSource;
  options.env_overrides = std::move(env);
  auto r = process::run(options, util::Deadline::after(util::Duration(300'000)));
  EXPECT_TRUE(r.ok());
  return r.ok() ? *r : process::RunResult{};
}

TEST(DevSetup, RefusesACellWhoseDlvCannotDebugItsGo) {
  auto go = gotool::find_go(std::nullopt);
  if (!go.ok() || go->version.minor < 25) GTEST_SKIP() << "needs a machine Go >= 1.25";
  auto want = "1." + std::to_string(go->version.minor);
  auto r = dev("setup", {{"HARNESS_GO", want}, {"HARNESS_DLV_PIN", "v1.24.2"}});
  EXPECT_EQ(r.status.code, 1) << r.out << r.err;
  EXPECT_EQ(last_line(r.err), "scripts/dev: dlv 1.24.2 cannot debug go" + go->version.str() +
                                  ": it supports Go 1.21–1.24 (scripts/dlv-pins); pick another "
                                  "HARNESS_GO or HARNESS_DLV_PIN")
      << r.err;
  EXPECT_EQ(r.err.find("building dlv"), std::string::npos) << r.err;

  r = dev("setup", {{"HARNESS_GO", "go1.24"}});
  EXPECT_EQ(r.status.code, 1);
  EXPECT_EQ(last_line(r.err),
            "scripts/dev: HARNESS_GO=go1.24: give a Go version like 1.24 or 1.24.13")
      << r.err;
  r = dev("setup", {{"HARNESS_GO", "1.99"}});
  EXPECT_EQ(r.status.code, 1);
  EXPECT_EQ(last_line(r.err),
            "scripts/dev: HARNESS_GO=1.99: no release of Go 1.99 in scripts/dlv-pins (give one, "
            "e.g. HARNESS_GO=1.99.0)")
      << r.err;
}

// A fresh Debian 12 has only its Go 1.19, which knows no GOTOOLCHAIN: scripts/dev downloads the
// wanted Go as the module golang.org/toolchain with it (and marks its binaries executable).
TEST(DevSetup, FetchesTheWantedGoWithAGo119Bootstrap) {
  const fs::path old_go = "/usr/lib/go-1.19/bin/go";
  if (!fs::exists(old_go)) GTEST_SKIP() << "needs Debian's golang-1.19-go (scripts/dev test)";
  const char* cell = std::getenv("HARNESS_CELL_V1_26_2");
  if (!cell || !*cell) GTEST_SKIP() << "HARNESS_CELL_V1_26_2 is not set (scripts/dev test sets it)";
  std::string path = old_go.parent_path().string() + ":" + std::getenv("PATH");
  auto r = dev("doctor", {{"PATH", path}, {"HARNESS_GO", "1.24"}});
  EXPECT_EQ(r.status.code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("==> go1.24.13 ("), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/golang.org/toolchain@v0.0.1-go1.24.13."), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("), dlv 1.26.2 ("), std::string::npos) << r.err;
}

// `scripts/dev doctor --reports DIR` (the workflow's Doctor step): the doctor's JSON in DIR for
// the upload, and its WSL facts in the step summary as the JSON has them.
TEST(DevDoctor, WritesItsJsonAndTheWslFactsToTheStepSummary) {
  auto dir = util::testing::scratch_dir();
  process::SpawnOptions options;
  options.argv = {(kSource / "scripts" / "dev").string(), "doctor", "--reports",
                  (dir / "reports").string()};
  options.cwd = kSource;
  options.env_overrides = {{"GITHUB_STEP_SUMMARY", (dir / "summary.md").string()}};
  options.env_remove = {"HARNESS_GO", "HARNESS_DLV_PIN"};
  auto r = process::run(options, util::Deadline::after(util::Duration(300'000)));
  ASSERT_TRUE(r.ok());
  // 1 when a check fails on this machine: the files are written all the same.
  EXPECT_TRUE(r->status.code == 0 || r->status.code == 1) << r->out << r->err;
  auto json = nlohmann::json::parse(util::testing::read_file(dir / "reports" / "doctor.json"));
  auto summary = util::testing::read_file(dir / "summary.md");
  EXPECT_NE(summary.find("### WSL facts: "), std::string::npos) << summary;
  EXPECT_NE(summary.find("| check | level | found |"), std::string::npos) << summary;
  std::set<std::string> shown;
  for (const auto& check : json.at("checks")) {
    std::string id = check.at("id"), level = check.at("level"), found = check.at("summary");
    if (id != "wsl" && id != "systemd" && id != "cgroups" && id != "dev-shm" && id != "ptrace")
      continue;
    EXPECT_NE(summary.find("| " + id + " | " + level + " | " + found + " |"), std::string::npos)
        << id << "\n"
        << summary;
    shown.insert(id);
  }
  EXPECT_EQ(shown, (std::set<std::string>{"wsl", "systemd", "cgroups", "dev-shm", "ptrace"}));
}

// A few scenarios that prove a row: breakpoints, variables, stepping, stacks, evaluation,
// output and exit code, a panic, goroutines, a debug-mode build with the cell's go, a test.
// Each passes with every pinned dlv (none has a `requires:`), so a skip is a failure here.
const std::vector<std::string> kProvingSubset = {
    "scenarios/breakpoints/conditional_breakpoint.yaml",
    "scenarios/breakpoints/function_breakpoint.yaml",
    "scenarios/variables/locals_at_line_breakpoint.yaml",
    "scenarios/variables/kinds_collections.yaml",
    "scenarios/stepping/step_in_next_step_out.yaml",
    "scenarios/stacks/recursion_top_frames.yaml",
    "scenarios/evaluate/evaluate_expressions.yaml",
    "scenarios/output/stdout_stderr_and_exit_code.yaml",
    "scenarios/exceptions/unrecovered_panic.yaml",
    "scenarios/threads/goroutines_without_system.yaml",
    "scenarios/launch/debug_mode_build_and_run.yaml",
    "scenarios/testmode/stop_inside_test.yaml",
};

// HARNESS_CELL_V1_24_2 for v1.24.2, HARNESS_CELL_DEBIAN for debian.
std::string cell_variable(std::string dlv) {
  for (char& c : dlv) c = std::isalnum(static_cast<unsigned char>(c)) ? std::toupper(c) : '_';
  return "HARNESS_CELL_" + dlv;
}

class PinRows : public ::testing::TestWithParam<PinRow> {};

// Each pin row's cell (scripts/dev test sets them up and exports HARNESS_CELL_<DLV>="GO DLV"):
// the proving subset passes, or with HARNESS_PIN_ROWS_FULL=1 (scripts/dev test --full) the
// whole corpus runs with no failure (skips are the documented drift of each dlv).
TEST_P(PinRows, CellPasses) {
  const PinRow& row = GetParam();
  auto variable = cell_variable(row.dlv);
  const char* cell = std::getenv(variable.c_str());
  if (!cell || !*cell) GTEST_SKIP() << variable << " is not set (scripts/dev test sets it)";
  std::istringstream fields(cell);
  std::string go, dlv;
  fields >> go >> dlv;
  ASSERT_TRUE(fs::exists(go) && fs::exists(dlv)) << variable << "=" << cell;
  bool full = std::getenv("HARNESS_PIN_ROWS_FULL") != nullptr;
  auto dir = util::testing::scratch_dir();
  std::vector<std::string> args = {"run",
                                   "-j",
                                   "2",
                                   "--retries",
                                   "1",
                                   "--go",
                                   go,
                                   "--dlv",
                                   dlv,
                                   "--reports",
                                   (dir / "reports").string(),
                                   "--cache",
                                   (dir / "cache").string()};
  if (full) {
    args.push_back("scenarios/");
  } else {
    args.insert(args.end(), kProvingSubset.begin(), kProvingSubset.end());
  }
  auto r = harness(args);
  EXPECT_EQ(r.status.code, 0) << r.out << r.err;
  std::string dlv_version = row.dlv == "debian" ? "1.20.2" : row.dlv.substr(1);
  EXPECT_NE(r.out.find("dlv " + dlv_version + " ("), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("; go1." + std::to_string(row.cell_go) + "."), std::string::npos) << r.out;
  if (full) {
    EXPECT_NE(r.out.find(", 0 failed, "), std::string::npos) << r.out;
  } else {
    EXPECT_EQ(last_line(r.out),
              "harness: " + std::to_string(kProvingSubset.size()) + " passed, 0 failed, 0 skipped")
        << r.out;
  }
  std::cout << "pin row " << row.dlv << ": " << last_line(r.out) << "\n";
}

INSTANTIATE_TEST_SUITE_P(Rows, PinRows, ::testing::ValuesIn(read_pins().rows),
                         [](const auto& info) {
                           auto name = cell_variable(info.param.dlv).substr(13);
                           return name;
                         });

}  // namespace
}  // namespace cli
