// Loses-no-writes oracle for candidates of DBImpl::WriteImpl.
//
// Scenarios (each prints one line; the last line is the verdict):
//   crash   A child process writes from T threads and acknowledges every write to the parent over a pipe only
//           after Put/Write returned OK. The parent kill -9s the child mid-run, reopens the DB and checks that
//           every acknowledged write is present with its value, that every batch is all-or-nothing, that each
//           thread's surviving writes form a prefix of what it wrote (no holes), and that no key it never wrote
//           exists. Run with sync=true and sync=false (WAL on: a process crash must not lose those either).
//   order   No crash: T threads each overwrite their own keys over several rounds, with batches that hold a
//           Put/Delete/Put sequence for one key; every write is read back right away (read-your-writes), then
//           all final values are checked before close and again after reopen (the WAL/memtable replay).
//
// Usage: oracle [all|crash|order] [--dir D] [--threads T] [--keys N] [--batch B] [--sync 0|1]
//               [--kill-after-ms M] [--rounds R] [--keep]
//   all (default) runs crash sync=1, crash sync=0, crash sync=0 batch=8, and order.
// Exit status: 0 when every scenario passes, 1 when one fails, 2 on bad usage or an unusable environment.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/iterator.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"

namespace {

// A failing DB is the evidence, but 100-250 MB: kept only when asked (AI_OPT_ORACLE_KEEP_DB=1), so that a run
// whose candidates fail the oracle does not fill its scratch directory with one database per failure.
std::string Evidence(const std::string& path) {
  const char* keep = getenv("AI_OPT_ORACLE_KEEP_DB");
  if (keep != nullptr && strcmp(keep, "1") == 0) return "db kept at " + path;
  std::error_code ignored;
  std::filesystem::remove_all(path, ignored);
  return "db deleted; AI_OPT_ORACLE_KEEP_DB=1 keeps it";
}

struct Config {
  std::string scenario = "all";
  std::string dir;
  int threads = 4;
  int keys = 20000;        // per thread (crash) or keys per thread (order)
  int batch = 1;           // keys per WriteBatch; 1 means plain Put
  bool sync = true;
  int kill_after_ms = 700;
  int rounds = 3;
  bool keep = false;
};

struct Ack {  // written atomically to the pipe (well below PIPE_BUF)
  uint32_t thread;
  uint32_t index;  // write index within the thread (batch index when batch > 1)
};

class Failures {
 public:
  void Add(const std::string& what) {
    if (count_++ < 5) examples_.push_back(what);
  }
  size_t count() const { return count_; }
  const std::vector<std::string>& examples() const { return examples_; }

 private:
  size_t count_ = 0;
  std::vector<std::string> examples_;
};

std::string KeyOf(int thread, int index, int slot, int batch) {
  char buf[48];
  if (batch <= 1) {
    snprintf(buf, sizeof buf, "t%02d-k%08d", thread, index);
  } else {
    snprintf(buf, sizeof buf, "t%02d-b%07d-%02d", thread, index, slot);
  }
  return buf;
}

// Deterministic, key-specific value so that a value landing under the wrong key is caught too.
std::string ValueOf(const std::string& key, int round) {
  std::string v = "v" + std::to_string(round) + ":" + key + ":";
  uint64_t h = 1469598103934665603ULL ^ static_cast<uint64_t>(round);
  for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  while (v.size() < 100) {
    h = h * 6364136223846793005ULL + 1442695040888963407ULL;
    v.push_back(static_cast<char>('a' + (h >> 59) % 26));
  }
  return v;
}

rocksdb::Options DbOptions() {
  rocksdb::Options o;
  o.create_if_missing = true;
  o.enable_pipelined_write = false;  // what Experiment A evolves: the non-pipelined WriteImpl path
  o.write_buffer_size = 256 << 10;   // small memtables: memtable switches and flushes happen during the run
  o.max_write_buffer_number = 3;
  o.level0_file_num_compaction_trigger = 2;
  o.level0_slowdown_writes_trigger = 4;
  o.level0_stop_writes_trigger = 8;
  o.max_background_jobs = 2;
  return o;
}

[[noreturn]] void Fatal(const std::string& what) {
  fprintf(stderr, "oracle: %s\n", what.c_str());
  printf("ORACLE ERROR: %s\n", what.c_str());
  exit(2);
}

std::unique_ptr<rocksdb::DB> Open(const std::string& path) {
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(DbOptions(), path, &db);
  if (!s.ok()) return nullptr;
  return std::unique_ptr<rocksdb::DB>(db);
}

std::string MakeDbDir(const Config& c, const std::string& name) {
  std::string base = c.dir.empty() ? "/tmp" : c.dir;
  std::string templ = base + "/aiopt-oracle-" + name + "-XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) Fatal("cannot create a directory under " + base + ": " + strerror(errno));
  return buf.data();
}

void RemoveDir(const std::string& path) {
  std::string cmd = "rm -rf '" + path + "'";
  if (system(cmd.c_str()) != 0) fprintf(stderr, "oracle: could not remove %s\n", path.c_str());
}

// ---- crash scenario -------------------------------------------------------------------------------------

[[noreturn]] void CrashChild(const Config& c, const std::string& path, int ack_fd) {
  std::unique_ptr<rocksdb::DB> db = Open(path);
  if (!db) _exit(3);
  rocksdb::WriteOptions wo;
  wo.sync = c.sync;
  std::vector<std::thread> writers;
  for (int t = 0; t < c.threads; t++) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < c.keys; i++) {
        rocksdb::Status s;
        if (c.batch <= 1) {
          std::string k = KeyOf(t, i, 0, 1);
          s = db->Put(wo, k, ValueOf(k, 0));
        } else {
          rocksdb::WriteBatch b;
          for (int j = 0; j < c.batch; j++) {
            std::string k = KeyOf(t, i, j, c.batch);
            b.Put(k, ValueOf(k, 0));
          }
          s = db->Write(wo, &b);
        }
        if (!s.ok()) {
          fprintf(stderr, "oracle child: write t%d #%d failed: %s\n", t, i, s.ToString().c_str());
          _exit(4);
        }
        Ack a{static_cast<uint32_t>(t), static_cast<uint32_t>(i)};
        if (write(ack_fd, &a, sizeof a) != static_cast<ssize_t>(sizeof a)) _exit(5);
      }
    });
  }
  for (auto& w : writers) w.join();
  // Never close cleanly: the parent's kill -9 must find the DB as a crash would leave it.
  for (;;) pause();
}

bool RunCrash(const Config& c) {
  char label[96];
  snprintf(label, sizeof label, "crash sync=%d threads=%d batch=%d", c.sync ? 1 : 0, c.threads, c.batch);
  std::string path = MakeDbDir(c, "crash");
  int fds[2];
  if (pipe(fds) != 0) Fatal(std::string("pipe: ") + strerror(errno));
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) Fatal(std::string("fork: ") + strerror(errno));
  if (pid == 0) {
    close(fds[0]);
    // A fresh process image: after fork only the calling thread survives, so RocksDB's background threads
    // (flush, compaction) started in this process by an earlier scenario would be missing in the child.
    std::vector<std::string> args = {"oracle",
                                     "crash-child",
                                     path,
                                     std::to_string(c.threads),
                                     std::to_string(c.keys),
                                     std::to_string(c.batch),
                                     c.sync ? "1" : "0",
                                     std::to_string(fds[1])};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv("/proc/self/exe", argv.data());
    _exit(6);
  }
  close(fds[1]);

  std::vector<std::vector<bool>> acked(c.threads, std::vector<bool>(c.keys, false));
  size_t ack_count = 0;
  // The kill comes kill_after_ms after the first acknowledgement, so that opening the DB (slow on a busy
  // machine) does not eat the writing time.
  auto start = std::chrono::steady_clock::now();
  auto deadline = start + std::chrono::seconds(60);
  bool writing = false;
  int status = 0;
  auto drain = [&](int timeout_ms) {
    struct pollfd p{fds[0], POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return false;
    Ack buf[512];
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n <= 0) return false;
    for (ssize_t i = 0; i < n / static_cast<ssize_t>(sizeof(Ack)); i++) {
      if (buf[i].thread < static_cast<uint32_t>(c.threads) && buf[i].index < static_cast<uint32_t>(c.keys)) {
        acked[buf[i].thread][buf[i].index] = true;
        ack_count++;
      }
    }
    return true;
  };
  while (std::chrono::steady_clock::now() < deadline && ack_count < static_cast<size_t>(c.threads) * c.keys) {
    drain(20);
    if (!writing && ack_count > 0) {
      writing = true;
      deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(c.kill_after_ms);
    }
    if (waitpid(pid, &status, WNOHANG) == pid) {
      Fatal(std::string(label) + ": writer child exited early with status " + std::to_string(status) +
            " before the kill (see stderr)");
    }
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  while (drain(0)) {
  }  // acknowledgements already in the pipe were sent before the kill: they count
  close(fds[0]);

  Failures f;
  std::unique_ptr<rocksdb::DB> db = Open(path);
  if (!db) {
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = rocksdb::DB::Open(DbOptions(), path, &raw);
    printf("ORACLE FAIL: %s: reopen after kill -9 failed: %s (%s)\n", label, s.ToString().c_str(),
           Evidence(path).c_str());
    return false;
  }
  size_t verified = 0;
  rocksdb::ReadOptions ro;
  // Present writes per thread and write index; for batches, how many of the batch's keys are present.
  std::vector<std::vector<int>> present(c.threads, std::vector<int>(c.keys, 0));
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string k = it->key().ToString();
    int t = -1, i = -1, j = 0;
    bool parsed = c.batch <= 1 ? sscanf(k.c_str(), "t%2d-k%8d", &t, &i) == 2
                               : sscanf(k.c_str(), "t%2d-b%7d-%2d", &t, &i, &j) == 3;
    if (!parsed || t < 0 || t >= c.threads || i < 0 || i >= c.keys || j < 0 || j >= std::max(c.batch, 1) ||
        k != KeyOf(t, i, j, c.batch)) {
      f.Add("key " + k + " present after reopen but never written");
      continue;
    }
    if (it->value().ToString() != ValueOf(k, 0)) {
      f.Add("key " + k + " has a corrupted value after reopen ('" + it->value().ToString().substr(0, 24) +
            "...')");
    }
    present[t][i]++;
  }
  if (!it->status().ok()) f.Add("iteration after reopen failed: " + it->status().ToString());
  int per_write = std::max(c.batch, 1);
  for (int t = 0; t < c.threads; t++) {
    int first_missing = -1;
    for (int i = 0; i < c.keys; i++) {
      int n = present[t][i];
      if (acked[t][i]) {
        if (n == per_write) {
          verified++;
        } else if (n == 0) {
          f.Add((c.batch <= 1 ? "key " + KeyOf(t, i, 0, 1) : "batch " + KeyOf(t, i, 0, c.batch)) +
                " acknowledged but missing after reopen");
        }
      }
      if (n != 0 && n != per_write) {
        f.Add("batch " + KeyOf(t, i, 0, c.batch) + " is torn after reopen: " + std::to_string(n) + " of " +
              std::to_string(per_write) + " keys present");
      }
      if (n == 0 && first_missing < 0) first_missing = i;
      if (n != 0 && first_missing >= 0) {
        f.Add("thread " + std::to_string(t) + ": write #" + std::to_string(i) + " survived but earlier write #" +
              std::to_string(first_missing) + " did not (a hole: writes reordered or dropped)");
        first_missing = -2;  // report one hole per thread
      }
    }
  }
  it.reset();
  db.reset();
  if (f.count() > 0) {
    printf("ORACLE FAIL: %s: %s (%zu problems; %zu acknowledged writes; %s)\n", label,
           f.examples()[0].c_str(), f.count(), ack_count, Evidence(path).c_str());
    for (size_t i = 1; i < f.examples().size(); i++) printf("  also: %s\n", f.examples()[i].c_str());
    return false;
  }
  if (ack_count == 0) {
    printf("ORACLE FAIL: %s: no write was acknowledged within 60 s, nothing verified (%s)\n", label,
           Evidence(path).c_str());
    return false;
  }
  printf("ORACLE PASS: %s: %zu acknowledged writes verified after kill -9 and reopen\n", label, verified);
  if (!c.keep) RemoveDir(path);
  return true;
}

// ---- order scenario -------------------------------------------------------------------------------------

bool RunOrder(const Config& c) {
  char label[96];
  snprintf(label, sizeof label, "order threads=%d keys=%d rounds=%d", c.threads, c.keys, c.rounds);
  std::string path = MakeDbDir(c, "order");
  std::unique_ptr<rocksdb::DB> db = Open(path);
  if (!db) Fatal(std::string(label) + ": cannot open a fresh DB at " + path);
  rocksdb::WriteOptions wo;  // sync=false, WAL on
  std::vector<Failures> per_thread(c.threads);
  std::atomic<size_t> writes{0};
  std::vector<std::thread> writers;
  // Key i of thread t gets round r's value in round r; every 4th key is rewritten in a batch that first puts
  // a wrong value, deletes it and puts the right one: within-batch order must be kept.
  for (int t = 0; t < c.threads; t++) {
    writers.emplace_back([&, t] {
      rocksdb::ReadOptions ro;
      std::string got;
      for (int r = 0; r < c.rounds; r++) {
        for (int i = 0; i < c.keys; i++) {
          std::string k = KeyOf(t, i, 0, 1);
          rocksdb::Status s;
          if (i % 4 == 3) {
            rocksdb::WriteBatch b;
            b.Put(k, ValueOf(k, r + 1000));
            b.Delete(k);
            b.Put(k, ValueOf(k, r));
            s = db->Write(wo, &b);
          } else {
            s = db->Put(wo, k, ValueOf(k, r));
          }
          if (!s.ok()) {
            per_thread[t].Add("write of " + k + " round " + std::to_string(r) + " failed: " + s.ToString());
            return;
          }
          writes++;
          s = db->Get(ro, k, &got);
          if (!s.ok() || got != ValueOf(k, r)) {
            per_thread[t].Add("key " + k + " round " + std::to_string(r) + " acknowledged but read back " +
                              (s.ok() ? "a different value (v" + got.substr(1, got.find(':') - 1) + ")"
                                      : s.ToString()));
          }
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  Failures f;
  for (auto& pt : per_thread) {
    for (auto& e : pt.examples()) f.Add(e);
  }
  auto check_all = [&](rocksdb::DB* d, const char* when) {
    std::string got;
    size_t n = 0;
    for (int t = 0; t < c.threads; t++) {
      for (int i = 0; i < c.keys; i++) {
        std::string k = KeyOf(t, i, 0, 1);
        rocksdb::Status s = d->Get(rocksdb::ReadOptions(), k, &got);
        if (!s.ok()) {
          f.Add("key " + k + " acknowledged but missing " + when + " (" + s.ToString() + ")");
        } else if (got != ValueOf(k, c.rounds - 1)) {
          f.Add("key " + k + " " + when + " holds v" + got.substr(1, got.find(':') - 1) +
                " instead of the last acknowledged v" + std::to_string(c.rounds - 1));
        } else {
          n++;
        }
      }
    }
    return n;
  };
  check_all(db.get(), "before close");
  db.reset();
  db = Open(path);
  if (!db) {
    printf("ORACLE FAIL: %s: reopen after a clean close failed (%s)\n", label, Evidence(path).c_str());
    return false;
  }
  size_t verified = check_all(db.get(), "after reopen");
  db.reset();
  if (f.count() > 0) {
    printf("ORACLE FAIL: %s: %s (%zu problems; %s)\n", label, f.examples()[0].c_str(), f.count(),
           Evidence(path).c_str());
    for (size_t i = 1; i < f.examples().size(); i++) printf("  also: %s\n", f.examples()[i].c_str());
    return false;
  }
  printf("ORACLE PASS: %s: %zu acknowledged writes read back, %zu final values verified after reopen\n", label,
         writes.load(), verified);
  if (!c.keep) RemoveDir(path);
  return true;
}

int IntArg(const char* name, const char* v) {
  char* end = nullptr;
  long x = strtol(v, &end, 10);
  if (end == v || *end != '\0' || x < 0 || x > 100000000) {
    fprintf(stderr, "oracle: %s needs a non-negative integer, got '%s'\n", name, v);
    exit(2);
  }
  return static_cast<int>(x);
}

}  // namespace

int main(int argc, char** argv) {
  Config c;
  if (argc == 8 && std::string(argv[1]) == "crash-child") {  // see RunCrash
    c.threads = atoi(argv[3]);
    c.keys = atoi(argv[4]);
    c.batch = atoi(argv[5]);
    c.sync = atoi(argv[6]) != 0;
    CrashChild(c, argv[2], atoi(argv[7]));
  }
  bool keys_set = false;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    auto next = [&]() -> const char* {
      if (i + 1 >= argc) {
        fprintf(stderr, "oracle: %s needs a value\n", a.c_str());
        exit(2);
      }
      return argv[++i];
    };
    if (a == "all" || a == "crash" || a == "order") c.scenario = a;
    else if (a == "--dir") c.dir = next();
    else if (a == "--threads") c.threads = IntArg("--threads", next());
    else if (a == "--keys") { c.keys = IntArg("--keys", next()); keys_set = true; }
    else if (a == "--batch") c.batch = IntArg("--batch", next());
    else if (a == "--sync") c.sync = IntArg("--sync", next()) != 0;
    else if (a == "--kill-after-ms") c.kill_after_ms = IntArg("--kill-after-ms", next());
    else if (a == "--rounds") c.rounds = IntArg("--rounds", next());
    else if (a == "--keep") c.keep = true;
    else {
      fprintf(stderr,
              "oracle: unknown argument '%s'\nusage: oracle [all|crash|order] [--dir D] [--threads T] [--keys N] "
              "[--batch B] [--sync 0|1] [--kill-after-ms M] [--rounds R] [--keep]\n",
              a.c_str());
      return 2;
    }
  }
  if (c.threads < 1 || c.threads > 99) Fatal("--threads must be 1..99");
  if (c.keys < 1) Fatal("--keys must be at least 1");
  if (c.batch > 99) Fatal("--batch must be at most 99");
  signal(SIGPIPE, SIG_IGN);
  auto t0 = std::chrono::steady_clock::now();
  bool ok = true;
  if (c.scenario == "crash") {
    ok = RunCrash(c);
  } else if (c.scenario == "order") {
    Config o = c;
    if (!keys_set) o.keys = 2000;
    ok = RunOrder(o);
  } else {
    Config s1 = c;
    s1.sync = true;
    s1.batch = 1;
    ok &= RunCrash(s1);
    Config s0 = c;
    s0.sync = false;
    s0.batch = 1;
    if (!keys_set) s0.keys = 200000;
    ok &= RunCrash(s0);
    Config b = s0;
    b.batch = 8;
    if (!keys_set) b.keys = 50000;
    ok &= RunCrash(b);
    Config o = c;
    if (!keys_set) o.keys = 2000;
    ok &= RunOrder(o);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  printf("ORACLE VERDICT: %s (%.1f s)\n", ok ? "PASS" : "FAIL", secs);
  return ok ? 0 : 1;
}
