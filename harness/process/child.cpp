#include "harness/process/child.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>

#include "harness/process/path_lookup.h"
#include "harness/util/strings.h"

extern char** environ;

namespace process {
namespace {

constexpr std::size_t kStderrTailLines = 10;
// How long, after the child exited, output may still arrive from descendants holding the pipes.
constexpr util::Duration kOutputSettleTime{250};
// Upper bound for things that must happen promptly after SIGKILL.
constexpr util::Duration kAfterKillTimeout{5000};

// The environment variable that tags a Child's descendants (see belongs_to).
constexpr std::string_view kOwnerVariable = "DLV_HARNESS_OWNER";

// Pids owned by a Child (their waiter thread reaps them); reap_adopted() leaves them alone.
// Held across posix_spawn so a freshly started child is registered before anyone can reap it.
std::mutex registry_mutex;
std::multiset<int> owned_pids;
bool spawning_stopped = false;  // guarded by registry_mutex (see stop_spawning)

std::string errno_text(int err) {
  return ::strerror(err);
}

// Moves `fd` to a number >= 10 (close-on-exec), so that dup2 onto 0..3 in the child never sees
// source == target, which would keep FD_CLOEXEC set.
int move_high(int fd) {
  if (fd >= 10) return fd;
  int high = ::fcntl(fd, F_DUPFD_CLOEXEC, 10);
  ::close(fd);
  return high;
}

// kill() with a guard: pid -1 would signal every process we may signal, 0 and 1 our own group
// and init. Never do that, whatever state a Child is in.
void signal_process(int pid, int sig) {
  if (pid > 1) ::kill(pid, sig);
}
void signal_group(int pgid, int sig) {
  if (pgid > 1) ::kill(-pgid, sig);
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

struct ProcStat {
  int ppid = 0;
  char state = '?';
};

std::optional<ProcStat> read_stat(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  // "pid (comm) S ppid ...": comm may contain spaces and parentheses; it ends at the last ')'.
  auto close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(line.substr(close + 1));
  ProcStat stat;
  if (!(rest >> stat.state >> stat.ppid)) return std::nullopt;
  return stat;
}

// All numeric entries of /proc.
std::vector<int> all_pids() {
  std::vector<int> pids;
  DIR* dir = ::opendir("/proc");
  if (!dir) return pids;
  while (dirent* entry = ::readdir(dir)) {
    char* end = nullptr;
    long pid = std::strtol(entry->d_name, &end, 10);
    if (end != entry->d_name && *end == '\0') pids.push_back(static_cast<int>(pid));
  }
  ::closedir(dir);
  return pids;
}

// Whether an environment entry ("NAME=value") is an owner tag.
bool is_owner_entry(std::string_view entry) {
  return entry.size() > kOwnerVariable.size() &&
         entry.substr(0, kOwnerVariable.size()) == kOwnerVariable &&
         entry[kOwnerVariable.size()] == '=';
}

// Whether an orphan came from the Child tagged `owner_tag`: its environment holds the tag, or no
// tag at all (a program that cleared its environment: any teardown may end it).
bool belongs_to(int pid, const std::string& owner_tag) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/environ", std::ios::binary);
  bool tagged = false;
  for (std::string entry; std::getline(in, entry, '\0');) {
    if (entry == owner_tag) return true;
    tagged = tagged || is_owner_entry(entry);
  }
  return !tagged;
}

// Living direct children of this process that no Child owns: orphans re-parented to us.
std::vector<int> adopted_children() {
  const int self = ::getpid();
  std::vector<int> result;
  std::lock_guard<std::mutex> lock(registry_mutex);
  for (int pid : all_pids()) {
    auto stat = read_stat(pid);
    if (stat && stat->ppid == self && stat->state != 'Z' && stat->state != 'X' &&
        owned_pids.count(pid) == 0) {
      result.push_back(pid);
    }
  }
  return result;
}

std::vector<std::string> child_environment(const SpawnOptions& options) {
  std::vector<std::string> env;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string_view kv(*entry);
    std::string key(kv.substr(0, kv.find('=')));
    bool removed = options.env_overrides.count(key) > 0;
    for (const std::string& name : options.env_remove) removed = removed || name == key;
    if (options.env_keep) {
      const auto& keep = *options.env_keep;
      removed = removed || std::find(keep.begin(), keep.end(), key) == keep.end();
    }
    if (!removed) env.emplace_back(kv);
  }
  for (const auto& [key, value] : options.env_overrides) env.push_back(key + "=" + value);
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> result;
  for (std::string& s : strings) result.push_back(s.data());
  result.push_back(nullptr);
  return result;
}

ExitStatus exit_status_of(const siginfo_t& info) {
  ExitStatus status;
  if (info.si_code == CLD_EXITED) {
    status.code = info.si_status;
  } else {
    status.signal = info.si_status;
  }
  return status;
}

std::string command_text(const std::vector<std::string>& argv) {
  return util::join(argv, " ");
}

}  // namespace

util::Expected<std::unique_ptr<Child>> Child::spawn(const SpawnOptions& options) {
  if (options.argv.empty()) return util::fail(util::ErrorKind::Process, "cannot start: empty argv");
  const std::string& program = options.argv[0];
  auto cannot = [&](const std::string& why) {
    return util::fail(util::ErrorKind::Process, "cannot start " + program + ": " + why);
  };

  std::filesystem::path executable = program;
  if (program.find('/') == std::string::npos) {
    auto path_override = options.env_overrides.find("PATH");
    std::optional<std::string> path_var;
    if (path_override != options.env_overrides.end()) path_var = path_override->second;
    auto found = find_executable(program, path_var);
    if (!found) return cannot("not found in PATH");
    executable = *found;
  }
  std::error_code ec;
  if (options.cwd && !std::filesystem::is_directory(*options.cwd, ec)) {
    return cannot("working directory " + options.cwd->string() + " does not exist");
  }

  std::unique_ptr<Child> child(new Child());
  child->program_ = program;
  if (options.capture_fd3 && options.fd3_copy_to) {
    child->fd3_copy_fd_ =
        ::open(options.fd3_copy_to->c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (child->fd3_copy_fd_ < 0) {
      return util::fail(util::ErrorKind::Io, "cannot open " + options.fd3_copy_to->string() +
                                                 " for writing: " + errno_text(errno));
    }
  }

  int stream_count = options.capture_fd3 ? 3 : 2;
  int write_fds[3] = {-1, -1, -1};
  for (int i = 0; i < stream_count; ++i) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
      int err = errno;
      for (int j = 0; j < i; ++j) close_fd(write_fds[j]);
      return cannot("pipe: " + errno_text(err));
    }
    child->read_fds_[i] = fds[0];
    write_fds[i] = move_high(fds[1]);
    ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
  }
  child->stop_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  child->waiter_stop_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  for (int i = 0; i < stream_count; ++i) {
    posix_spawn_file_actions_adddup2(&actions, write_fds[i], i + 1);
  }
  if (options.cwd) posix_spawn_file_actions_addchdir_np(&actions, options.cwd->c_str());

  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t none, defaults;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  // The harness may ignore some of these (SIGPIPE for sockets); the child must not inherit that.
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGCHLD, SIGUSR1, SIGUSR2, SIGTSTP,
                  SIGTTIN, SIGTTOU, SIGXFSZ}) {
    sigaddset(&defaults, sig);
  }
  posix_spawnattr_setsigdefault(&attr, &defaults);

  std::vector<std::string> argv_strings = options.argv;
  std::vector<std::string> env_strings = child_environment(options);
  // The tag every descendant inherits (unless it clears its environment): how terminate_tree
  // tells this child's orphans from another Child's.
  static std::atomic<unsigned long> spawned{0};
  child->owner_tag_ = std::string(kOwnerVariable) + "=" + std::to_string(::getpid()) + "." +
                      std::to_string(++spawned);
  std::erase_if(env_strings, [](const std::string& kv) { return is_owner_entry(kv); });
  env_strings.push_back(child->owner_tag_);
  std::vector<char*> argv = c_strings(argv_strings);
  std::vector<char*> envp = c_strings(env_strings);

  int rc = 0;
  bool stopped;
  {
    std::lock_guard<std::mutex> lock(registry_mutex);
    stopped = spawning_stopped;
    if (!stopped)
      rc = ::posix_spawn(&child->pid_, executable.c_str(), &actions, &attr, argv.data(),
                         envp.data());
    if (!stopped && rc == 0) owned_pids.insert(child->pid_);
  }
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  for (int i = 0; i < stream_count; ++i) close_fd(write_fds[i]);

  if (stopped || rc != 0) {
    child->pid_ = -1;  // ~Child then only closes the descriptors
    return cannot(stopped ? "the harness is ending" : errno_text(rc));
  }
  for (int i = 0; i < stream_count; ++i) child->open_[i] = true;
  child->start_threads();
  return child;
}

void Child::start_threads() {
  waiter_ = std::thread([this] { wait_loop(); });
  for (int i = 0; i < 3; ++i) {
    if (read_fds_[i] >= 0) readers_[i] = std::thread([this, i] { read_loop(Stream(i)); });
  }
}

void Child::wait_loop() {
  // The pidfd lets ~Child abandon a process that survives SIGKILL (uninterruptible sleep)
  // instead of joining a thread stuck in waitid forever.
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
  for (;;) {
    pollfd fds[2] = {{pidfd, POLLIN, 0}, {waiter_stop_fd_, POLLIN, 0}};
    int ready = pidfd >= 0 ? ::poll(fds, 2, -1) : 1;  // without a pidfd: block in waitid
    if (ready < 0 && errno == EINTR) continue;
    if (ready > 0 && fds[1].revents != 0 && fds[0].revents == 0) break;
    // WNOWAIT: read the status but leave the zombie, so that neither the pid nor the process
    // group id can be reused before terminate_tree() has signalled the group (see reap()).
    siginfo_t info{};
    int rc;
    do {
      rc = ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOWAIT);
    } while (rc < 0 && errno == EINTR);
    close_fd(pidfd);
    std::lock_guard<std::mutex> lock(mutex_);
    // ECHILD would mean someone else reaped it: report it as an unknown exit.
    status_ = rc == 0 ? exit_status_of(info) : ExitStatus{-1, 0};
    changed_.notify_all();
    return;
  }
  close_fd(pidfd);
  std::lock_guard<std::mutex> lock(registry_mutex);
  owned_pids.erase(owned_pids.find(pid_));  // abandoned: reap_adopted() may reap it later
}

void Child::reap() {
  std::lock_guard<std::mutex> lock(registry_mutex);
  if (reaped_) return;
  pid_t got;
  do {
    got = ::waitpid(pid_, nullptr, 0);  // a zombie by now: returns at once
  } while (got < 0 && errno == EINTR);
  owned_pids.erase(owned_pids.find(pid_));
  reaped_ = true;
}

void Child::read_loop(Stream stream) {
  int fd = read_fds_[int(stream)];
  char buffer[65536];
  // Reads whatever is available now; returns false at EOF or on a hard error.
  auto read_available = [&]() {
    for (;;) {
      ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n > 0) {
        append(stream, std::string_view(buffer, static_cast<std::size_t>(n)));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }
  };
  for (;;) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    int ready = ::poll(fds, 2, -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) break;
    reading_[int(stream)] = true;
    if (fds[0].revents != 0 && !read_available()) break;
    if (fds[1].revents != 0) {  // asked to stop: drain what is buffered, then quit
      read_available();
      break;
    }
    reading_[int(stream)] = false;
  }
  close_stream(stream);
  reading_[int(stream)] = false;
}

void Child::append(Stream stream, std::string_view data) {
  if (stream == Stream::Fd3 && fd3_copy_fd_ >= 0) {
    std::string_view rest = data;
    while (!rest.empty()) {
      ssize_t n = ::write(fd3_copy_fd_, rest.data(), rest.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      rest.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  int i = int(stream);
  captured_[i] += data;
  partial_[i] += data;
  std::size_t start = 0;
  for (std::size_t nl; (nl = partial_[i].find('\n', start)) != std::string::npos; start = nl + 1) {
    std::string_view line(partial_[i].data() + start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines_.emplace_back(line);
  }
  partial_[i].erase(0, start);
  changed_.notify_all();
}

void Child::close_stream(Stream stream) {
  std::lock_guard<std::mutex> lock(mutex_);
  int i = int(stream);
  if (!partial_[i].empty()) lines_.push_back(std::move(partial_[i]));
  partial_[i].clear();
  open_[i] = false;
  changed_.notify_all();
}

bool Child::readers_done_locked() const {
  return !open_[0] && !open_[1] && !open_[2];
}

std::string Child::text(Stream stream) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return captured_[int(stream)];
}

std::string Child::stderr_tail() const {
  return std::string(util::trim(util::tail_lines(stderr_text(), kStderrTailLines)));
}

bool Child::caught_up() {
  std::lock_guard<std::mutex> lifecycle(lifecycle_mutex_);  // the fds stay open meanwhile
  if (settled_) return true;
  for (int fd : read_fds_) {
    int unread = 0;
    if (fd >= 0 && ::ioctl(fd, FIONREAD, &unread) == 0 && unread > 0) return false;
  }
  // Checked after the pipes: a reader that emptied one is busy until it has appended.
  for (const auto& reading : reading_)
    if (reading) return false;
  return true;
}

bool Child::catch_up(util::Deadline deadline) {
  while (!caught_up()) {
    if (deadline.expired()) return false;
    std::this_thread::sleep_for(util::Duration(2));
  }
  return true;
}

std::optional<ExitStatus> Child::exit_status() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return status_;
}

void Child::settle_output(util::Deadline deadline) {
  std::lock_guard<std::mutex> lifecycle(lifecycle_mutex_);
  if (settled_) return;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    auto until = deadline.min(util::Deadline::after(kOutputSettleTime));
    changed_.wait_until(lock, until.when(), [&] { return readers_done_locked(); });
  }
  uint64_t one = 1;
  (void)!::write(stop_fd_, &one, sizeof one);
  for (std::thread& reader : readers_) {
    if (reader.joinable()) reader.join();
  }
  for (int& fd : read_fds_) close_fd(fd);
  close_fd(stop_fd_);
  close_fd(fd3_copy_fd_);
  settled_ = true;
}

util::Expected<std::string> Child::wait_for_line(const std::function<bool(std::string_view)>& pred,
                                                 util::Deadline deadline) {
  const util::Duration budget = deadline.remaining();
  std::size_t next = 0;
  for (;;) {
    std::vector<std::string> fresh;
    bool exited, done;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait_until(lock, deadline.when(),
                          [&] { return lines_.size() > next || status_.has_value(); });
      fresh.assign(lines_.begin() + static_cast<std::ptrdiff_t>(next), lines_.end());
      next = lines_.size();
      exited = status_.has_value();
      done = exited && readers_done_locked();
    }
    for (const std::string& line : fresh) {
      if (pred(line)) return line;
    }
    if (done) {
      return util::fail(util::ErrorKind::Process,
                        program_ + " exited (" + exit_status()->str() +
                            ") before printing the expected line; stderr: " + stderr_tail());
    }
    if (exited) {
      settle_output(deadline);  // collect the last lines, then look once more
      continue;
    }
    if (deadline.expired() && fresh.empty()) {
      return util::fail(
          util::ErrorKind::Timeout,
          program_ + " did not print the expected line within " + util::format_seconds(budget));
    }
  }
}

util::Expected<ExitStatus> Child::wait(util::Deadline deadline) {
  const util::Duration budget = deadline.remaining();
  {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!changed_.wait_until(lock, deadline.when(), [&] { return status_.has_value(); })) {
      return util::fail(util::ErrorKind::Timeout, program_ + " (pid " + std::to_string(pid_) +
                                                      ") did not exit within " +
                                                      util::format_seconds(budget));
    }
  }
  settle_output(deadline);
  return *exit_status();
}

void Child::terminate_tree(util::Duration grace) {
  {
    std::lock_guard<std::mutex> lifecycle(lifecycle_mutex_);
    if (terminated_) return;
    terminated_ = true;
  }
  if (pid_ <= 0) return;  // never started
  std::set<int> victims;
  auto collect = [&] {
    if (!exit_status()) {
      for (int pid : descendants(pid_)) victims.insert(pid);
    }
    for (int orphan : adopted_children()) {
      if (!belongs_to(orphan, owner_tag_)) continue;  // another Child's, ended by its teardown
      victims.insert(orphan);
      for (int pid : descendants(orphan)) victims.insert(pid);
    }
  };
  collect();
  if (!exit_status()) {
    signal_group(pid_, SIGTERM);
    signal_process(pid_, SIGTERM);
    for (int pid : victims) signal_process(pid, SIGTERM);
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, grace, [&] { return status_.has_value(); });
  }
  collect();  // processes started, or orphaned, after the SIGTERM
  if (!exit_status()) signal_process(pid_, SIGKILL);
  signal_group(pid_, SIGKILL);  // the group, including members left behind by an exited child
  for (int pid : victims) {
    if (is_alive(pid)) signal_process(pid, SIGKILL);
  }
  {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, kAfterKillTimeout, [&] { return status_.has_value(); });
  }
  auto until = util::Deadline::after(kAfterKillTimeout);
  for (int pid : victims) {
    while (is_alive(pid) && !until.expired()) std::this_thread::sleep_for(util::Duration(5));
  }
  reap_adopted();
  settle_output(util::Deadline::after(kOutputSettleTime));
  if (exit_status()) {
    if (waiter_.joinable()) waiter_.join();
    reap();
  }
}

Child::~Child() {
  terminate_tree(util::Duration(500));
  if (waiter_.joinable()) {  // the child could not be reaped even after SIGKILL
    uint64_t one = 1;
    (void)!::write(waiter_stop_fd_, &one, sizeof one);
    waiter_.join();
  }
  for (int& fd : read_fds_) close_fd(fd);
  close_fd(stop_fd_);
  close_fd(waiter_stop_fd_);
  close_fd(fd3_copy_fd_);
}

std::vector<int> descendants(int pid) {
  std::unordered_multimap<int, int> children_of;
  for (int candidate : all_pids()) {
    auto stat = read_stat(candidate);
    if (stat && stat->state != 'Z' && stat->state != 'X')
      children_of.emplace(stat->ppid, candidate);
  }
  std::vector<int> result;
  std::vector<int> queue{pid};
  while (!queue.empty()) {
    int parent = queue.back();
    queue.pop_back();
    auto [begin, end] = children_of.equal_range(parent);
    for (auto it = begin; it != end; ++it) {
      result.push_back(it->second);
      queue.push_back(it->second);
    }
  }
  return result;
}

bool is_alive(int pid) {
  auto stat = read_stat(pid);
  return stat && stat->state != 'Z' && stat->state != 'X';
}

void become_subreaper() {
  ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

void reap_adopted() {
  const int self = ::getpid();
  std::lock_guard<std::mutex> lock(registry_mutex);
  for (int pid : all_pids()) {
    auto stat = read_stat(pid);
    if (stat && stat->ppid == self && stat->state == 'Z' && owned_pids.count(pid) == 0) {
      ::waitpid(pid, nullptr, WNOHANG);
    }
  }
}

std::vector<int> kill_descendants(util::Deadline deadline) {
  const int self = ::getpid();
  for (;;) {
    std::vector<int> living = descendants(self);
    if (living.empty() || deadline.expired()) return living;
    for (int pid : living) signal_process(pid, SIGKILL);
    std::this_thread::sleep_for(util::Duration(10));
  }
}

void stop_spawning() {
  std::lock_guard<std::mutex> lock(registry_mutex);
  spawning_stopped = true;
}

util::Expected<RunResult> run(const SpawnOptions& options, util::Deadline deadline) {
  const util::Duration budget = deadline.remaining();
  auto child = Child::spawn(options);
  if (!child) return util::fail(child.error());
  auto status = (*child)->wait(deadline);
  if (!status) {
    (*child)->terminate_tree(util::Duration(500));
    return util::fail(util::ErrorKind::Timeout, "`" + command_text(options.argv) +
                                                    "` did not finish within " +
                                                    util::format_seconds(budget) + "; killed it");
  }
  (*child)->terminate_tree(util::Duration(0));  // leftovers in its process group
  return RunResult{*status, (*child)->stdout_text(), (*child)->stderr_text()};
}

}  // namespace process
