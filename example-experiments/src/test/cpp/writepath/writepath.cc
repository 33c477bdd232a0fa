// writepath: a small twin of RocksDB's write path, the embedded default target of aiopt-junit.
//
// Writer threads call DB::Write(), which appends a checksummed record to a log file with write(2)
// (optionally fdatasync) and inserts the batch into an in-memory table. DB::Write sits between the
// EVOLVE-BLOCK markers: it is the slice the model may change. Everything else (log format, recovery,
// memtable, benchmark driver, verification) is fixed, so a candidate cannot cheat the oracle.
//
// Modes
//   writebench --benchmarks=fillrandom [--num=N] [--threads=T] [--value_size=B] [--sync=0|1] [--db=DIR]
//              [--histogram=1]
//       prints db_bench's own result-line and histogram formats.
//   writebench --verify [--num=N] [--threads=T] [--db=DIR]
//       proves every acknowledged write is in the log, in sequence order, readable and checksummed,
//       with and without a kill -9 of the writer mid-run. Exit status 0 and "VERIFY PASS" or
//       non-zero and "VERIFY FAIL: <evidence>".
//
// Build (coz progress point compiled in when <coz.h> is present):
//   g++ -std=c++17 -O2 -g -gdwarf-4 -gno-variable-location-views -fno-omit-frame-pointer -pthread
//       writepath.cc -o writebench

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <cmath>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#if defined(__has_include)
#if __has_include(<coz.h>)
#include <coz.h>
#define WRITEPATH_HAVE_COZ 1
#endif
#endif
#ifndef WRITEPATH_HAVE_COZ
#define COZ_PROGRESS_NAMED(name)
#endif

#include "writepath.h"

namespace writepath {

// EVOLVE-BLOCK-START
Status DB::Write(const WriteOptions& options, const WriteBatch& batch) {
  std::lock_guard<std::mutex> guard(mu_);
  const uint64_t first_seq = last_sequence_.load() + 1;

  EncodedBatch encoded = EncodeBatch(batch);
  std::string record;
  AppendRecord(first_seq, encoded, &record);

  Status s = AppendToLog(record, options.sync);
  if (!s.ok()) {
    return s;
  }

  InsertIntoMemTable(first_seq, batch);
  last_sequence_.store(first_seq + batch.Count() - 1);
  return s;
}
// EVOLVE-BLOCK-END

// ---------------------------------------------------------------------------------------------
// Recovery: reads the log back; a torn record at the tail (a crash mid-write) ends the log.
// ---------------------------------------------------------------------------------------------

struct LogEntry {
  uint64_t seq;
  std::string key;
  std::string value;
};

struct Recovered {
  std::vector<LogEntry> entries;  // in log order
  std::string error;              // corruption before the tail, or out-of-order sequences
  size_t records = 0;
  bool torn_tail = false;
};

Recovered ReadLog(const std::string& dir) {
  Recovered r;
  std::string path = dir + "/wal.log";
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) {
    r.error = "cannot open " + path;
    return r;
  }
  std::string data;
  char buf[1 << 16];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) data.append(buf, static_cast<size_t>(n));
  ::close(fd);
  size_t pos = 0;
  uint64_t next_seq = 0;
  while (pos < data.size()) {
    if (data.size() - pos < 16) { r.torn_tail = true; break; }
    uint32_t len = GetFixed32(data.data() + pos);
    uint32_t crc = GetFixed32(data.data() + pos + 4);
    uint64_t seq = GetFixed64(data.data() + pos + 8);
    if (data.size() - pos - 16 < len) { r.torn_tail = true; break; }
    const char* p = data.data() + pos + 16;
    if ((Crc32c(p, len) ^ SequenceCrc(seq)) != crc) {
      r.error = "checksum mismatch in record " + std::to_string(r.records) + " at offset " + std::to_string(pos);
      return r;
    }
    if (len < 4) { r.error = "short record at offset " + std::to_string(pos); return r; }
    uint32_t count = GetFixed32(p);
    if (seq < next_seq) {
      r.error = "sequence " + std::to_string(seq) + " after " + std::to_string(next_seq - 1) +
                " (records reordered) at offset " + std::to_string(pos);
      return r;
    }
    size_t q = 4;
    for (uint32_t i = 0; i < count; i++) {
      if (q + 4 > len) { r.error = "malformed record at offset " + std::to_string(pos); return r; }
      uint32_t kl = GetFixed32(p + q); q += 4;
      if (q + kl + 4 > len) { r.error = "malformed key at offset " + std::to_string(pos); return r; }
      std::string key(p + q, kl); q += kl;
      uint32_t vl = GetFixed32(p + q); q += 4;
      if (q + vl > len) { r.error = "malformed value at offset " + std::to_string(pos); return r; }
      std::string value(p + q, vl); q += vl;
      r.entries.push_back(LogEntry{seq + i, std::move(key), std::move(value)});
    }
    next_seq = seq + count;
    pos += 16 + len;
    r.records++;
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Benchmark driver
// ---------------------------------------------------------------------------------------------

struct Flags {
  std::string benchmarks = "fillrandom";
  long num = 100000;  // per thread, as in db_bench
  int threads = 4;
  int value_size = 1024;
  int batch_size = 1;
  bool sync = false;
  bool histogram = true;
  bool verify = false;
  std::string db = "/tmp/writepath-bench";
};

static std::string MakeKey(uint64_t k) {
  char buf[32];
  snprintf(buf, sizeof buf, "%016" PRIu64, k);
  return std::string(buf, 16);
}

// Values are slices of one pre-generated random buffer, as in db_bench, so that making them costs little.
static const std::string& RandomData() {
  static const std::string data = [] {
    std::mt19937_64 rng(301);
    std::string d(1 << 20, ' ');
    for (auto& c : d) c = static_cast<char>('a' + rng() % 26);
    return d;
  }();
  return data;
}

static std::string MakeValue(std::mt19937_64& rng, int size) {
  const std::string& data = RandomData();
  size_t offset = static_cast<size_t>(rng() % (data.size() - static_cast<size_t>(size)));
  return data.substr(offset, static_cast<size_t>(size));
}

static double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  double rank = p / 100.0 * (sorted.size() - 1);
  size_t lo = static_cast<size_t>(rank);
  size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

static int RunFillRandom(const Flags& f) {
  std::string rm = "rm -rf '" + f.db + "'";
  if (system(rm.c_str()) != 0) return 2;
  std::unique_ptr<DB> db = DB::Open(f.db);
  if (!db) return 2;
  std::vector<std::vector<double>> latencies(static_cast<size_t>(f.threads));
  std::atomic<bool> failed{false};
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < f.threads; t++) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(1000 + static_cast<uint64_t>(t));
      auto& lat = latencies[static_cast<size_t>(t)];
      lat.reserve(static_cast<size_t>(f.num / f.batch_size + 1));
      WriteOptions wo;
      wo.sync = f.sync;
      for (long i = 0; i < f.num; i += f.batch_size) {
        WriteBatch batch;
        for (int b = 0; b < f.batch_size && i + b < f.num; b++) {
          batch.Put(MakeKey(rng() % (static_cast<uint64_t>(f.num) * f.threads)), MakeValue(rng, f.value_size));
        }
        auto t0 = std::chrono::steady_clock::now();
        Status s = db->Write(wo, batch);
        auto t1 = std::chrono::steady_clock::now();
        COZ_PROGRESS_NAMED("write");
        if (!s.ok()) {
          fprintf(stderr, "write failed: %s\n", s.ToString().c_str());
          failed = true;
          return;
        }
        lat.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
      }
    });
  }
  for (auto& th : threads) th.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (failed) return 1;
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  long ops = f.num * f.threads;
  double bytes = static_cast<double>(ops) * (16 + f.value_size);
  // db_bench's result line: micros/op is wall time per op summed over threads.
  printf("%-12s : %11.3f micros/op %ld ops/sec %.3f seconds %ld operations; %6.1f MB/s\n", "fillrandom",
         seconds * 1e6 * f.threads / ops, static_cast<long>(ops / seconds), seconds, ops,
         bytes / 1048576.0 / seconds);
  if (f.histogram && !all.empty()) {
    double sum = 0, sq = 0;
    for (double v : all) { sum += v; sq += v * v; }
    double avg = sum / all.size();
    double sd = std::sqrt(std::max(0.0, sq / all.size() - avg * avg));
    printf("Microseconds per write:\n");
    printf("Count: %zu Average: %.4f  StdDev: %.2f\n", all.size(), avg, sd);
    printf("Min: %.0f  Median: %.4f  Max: %.0f\n", all.front(), Percentile(all, 50), all.back());
    printf("Percentiles: P50: %.2f P75: %.2f P99: %.2f P99.9: %.2f P99.99: %.2f\n", Percentile(all, 50),
           Percentile(all, 75), Percentile(all, 99), Percentile(all, 99.9), Percentile(all, 99.99));
    printf("------------------------------------------------------\n");
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Verification (the loses-no-writes oracle)
// ---------------------------------------------------------------------------------------------

static int Fail(const std::string& why) {
  printf("VERIFY FAIL: %s\n", why.c_str());
  fflush(stdout);
  return 1;
}

// Phase 1: concurrent writers with overlapping keys, then check log, order and memtable.
static int VerifyNoCrash(const Flags& f) {
  std::string dir = f.db + "/nocrash";
  std::string rm = "rm -rf '" + dir + "'";
  if (system(rm.c_str()) != 0) return 2;
  std::unique_ptr<DB> db = DB::Open(dir);
  if (!db) return 2;
  const long per_thread = std::max(200L, f.num / 10);
  const uint64_t key_space = static_cast<uint64_t>(per_thread);  // overlapping keys across threads
  std::vector<std::vector<std::pair<std::string, std::string>>> acked(static_cast<size_t>(f.threads));
  std::vector<std::thread> threads;
  std::atomic<bool> failed{false};
  for (int t = 0; t < f.threads; t++) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(7 + static_cast<uint64_t>(t));
      for (long i = 0; i < per_thread; i++) {
        WriteBatch batch;
        int n = 1 + static_cast<int>(rng() % 3);
        for (int b = 0; b < n; b++) batch.Put(MakeKey(rng() % key_space), MakeValue(rng, 24));
        WriteOptions wo;
        wo.sync = (i % 50 == 0);
        if (!db->Write(wo, batch).ok()) { failed = true; return; }
        for (auto& op : batch.ops) acked[static_cast<size_t>(t)].push_back(op);
      }
    });
  }
  for (auto& th : threads) th.join();
  if (failed) return Fail("Write() returned an error");
  Recovered r = ReadLog(dir);
  if (!r.error.empty()) return Fail("log: " + r.error);
  if (r.torn_tail) return Fail("log has a torn record at its tail although no crash happened");
  size_t total = 0;
  for (auto& a : acked) total += a.size();
  if (r.entries.size() != total) {
    return Fail("log holds " + std::to_string(r.entries.size()) + " operations but " + std::to_string(total) +
                " were acknowledged");
  }
  // Sequence numbers are unique and the newest per key is what Get() returns.
  std::unordered_map<std::string, std::pair<uint64_t, std::string>> newest;
  std::unordered_map<uint64_t, int> seen;
  for (auto& e : r.entries) {
    if (++seen[e.seq] > 1) return Fail("sequence " + std::to_string(e.seq) + " used twice");
    auto it = newest.find(e.key);
    if (it == newest.end() || it->second.first < e.seq) newest[e.key] = {e.seq, e.value};
  }
  std::multiset<std::pair<std::string, std::string>> logged, sent;
  for (auto& e : r.entries) logged.emplace(e.key, e.value);
  for (auto& a : acked) for (auto& op : a) sent.insert(op);
  if (logged != sent) return Fail("the log's (key, value) pairs differ from the acknowledged writes");
  for (auto& kv : newest) {
    std::string v;
    uint64_t seq;
    if (!db->Get(kv.first, &v, &seq)) return Fail("key " + kv.first + " acknowledged but not readable");
    if (seq != kv.second.first || v != kv.second.second) {
      return Fail("key " + kv.first + " reads sequence " + std::to_string(seq) + " but the newest logged is " +
                  std::to_string(kv.second.first));
    }
  }
  if (db->LastSequence() != r.entries.size()) {
    return Fail("last sequence " + std::to_string(db->LastSequence()) + " but " +
                std::to_string(r.entries.size()) + " operations were logged");
  }
  printf("verify: %zu acknowledged writes in %zu records, order and reads correct\n", total, r.records);
  return 0;
}

// Phase 2: a child writes and acknowledges each write over a pipe after Write() returns; the parent
// kills it with SIGKILL mid-run and checks every acknowledged key in the log.
static int VerifyCrash(const Flags& f) {
  std::string dir = f.db + "/crash";
  std::string rm = "rm -rf '" + dir + "'";
  if (system(rm.c_str()) != 0) return 2;
  int fds[2];
  if (pipe(fds) != 0) return 2;
  pid_t pid = fork();
  if (pid < 0) return 2;
  if (pid == 0) {
    ::close(fds[0]);
    std::unique_ptr<DB> db = DB::Open(dir);
    if (!db) _exit(3);
    std::vector<std::thread> threads;
    std::mutex ack_mu;
    for (int t = 0; t < f.threads; t++) {
      threads.emplace_back([&, t] {
        std::mt19937_64 rng(99 + static_cast<uint64_t>(t));
        for (long i = 0;; i++) {
          WriteBatch batch;
          batch.Put(MakeKey(static_cast<uint64_t>(t) * 1000000000ull + static_cast<uint64_t>(i)), MakeValue(rng, 32));
          WriteOptions wo;
          wo.sync = false;
          if (!db->Write(wo, batch).ok()) _exit(4);
          std::string line = batch.ops[0].first + " " + batch.ops[0].second + "\n";
          std::lock_guard<std::mutex> g(ack_mu);
          if (::write(fds[1], line.data(), line.size()) < 0) _exit(5);
        }
      });
    }
    for (auto& th : threads) th.join();
    _exit(0);
  }
  ::close(fds[1]);
  const long kill_after = std::max(500L, f.num / 4);
  std::vector<std::pair<std::string, std::string>> acked;
  std::string pending;
  char buf[1 << 14];
  bool killed = false;
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0) {
    pending.append(buf, static_cast<size_t>(n));
    size_t nl;
    while ((nl = pending.find('\n')) != std::string::npos) {
      std::string line = pending.substr(0, nl);
      pending.erase(0, nl + 1);
      size_t sp = line.find(' ');
      acked.emplace_back(line.substr(0, sp), line.substr(sp + 1));
    }
    if (!killed && static_cast<long>(acked.size()) >= kill_after) {
      kill(pid, SIGKILL);
      killed = true;
    }
  }
  ::close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!killed) return Fail("writer exited before the crash point (status " + std::to_string(status) + ")");
  Recovered r = ReadLog(dir);
  if (!r.error.empty()) return Fail("log after kill -9: " + r.error);
  std::unordered_map<std::string, std::string> logged;
  for (auto& e : r.entries) logged[e.key] = e.value;
  for (auto& a : acked) {
    auto it = logged.find(a.first);
    if (it == logged.end()) {
      return Fail("key " + a.first + " was acknowledged before the kill -9 but is not in the log (" +
                  std::to_string(acked.size()) + " acknowledged, " + std::to_string(logged.size()) + " logged)");
    }
    if (it->second != a.second) return Fail("key " + a.first + " has a different value in the log");
  }
  printf("verify: kill -9 after %zu acknowledged writes; all %zu found in the log (%zu records%s)\n",
         acked.size(), acked.size(), r.records, r.torn_tail ? ", torn tail" : "");
  return 0;
}

}  // namespace writepath

using namespace writepath;

static bool Flag(const char* arg, const char* name, std::string* value) {
  size_t n = strlen(name);
  if (strncmp(arg, name, n) == 0 && arg[n] == '=') {
    *value = arg + n + 1;
    return true;
  }
  return false;
}

int main(int argc, char** argv) {
  InitCrcTable();
  Flags f;
  for (int i = 1; i < argc; i++) {
    std::string v;
    if (strcmp(argv[i], "--verify") == 0) f.verify = true;
    else if (Flag(argv[i], "--benchmarks", &v)) f.benchmarks = v;
    else if (Flag(argv[i], "--num", &v)) f.num = atol(v.c_str());
    else if (Flag(argv[i], "--threads", &v)) f.threads = atoi(v.c_str());
    else if (Flag(argv[i], "--value_size", &v)) f.value_size = atoi(v.c_str());
    else if (Flag(argv[i], "--batch_size", &v)) f.batch_size = atoi(v.c_str());
    else if (Flag(argv[i], "--sync", &v)) f.sync = v != "0" && v != "false";
    else if (Flag(argv[i], "--histogram", &v)) f.histogram = v != "0" && v != "false";
    else if (strcmp(argv[i], "--histogram") == 0) f.histogram = true;
    else if (Flag(argv[i], "--db", &v)) f.db = v;
    else {
      fprintf(stderr, "writebench: unknown argument '%s'\n", argv[i]);
      return 2;
    }
  }
  if (f.num <= 0 || f.threads <= 0 || f.value_size < 0 || f.batch_size <= 0) {
    fprintf(stderr, "writebench: --num, --threads and --batch_size must be positive\n");
    return 2;
  }
  if (f.verify) {
    mkdir(f.db.c_str(), 0755);
    int rc = VerifyNoCrash(f);
    if (rc != 0) return rc;
    rc = VerifyCrash(f);
    if (rc != 0) return rc;
    printf("VERIFY PASS\n");
    return 0;
  }
  if (f.benchmarks != "fillrandom") {
    fprintf(stderr, "writebench: only --benchmarks=fillrandom is implemented, got '%s'\n", f.benchmarks.c_str());
    return 2;
  }
  fprintf(stderr, "writepath benchmark (coz progress point %s)\n",
#ifdef WRITEPATH_HAVE_COZ
          "compiled in"
#else
          "not compiled in: <coz.h> absent"
#endif
  );
  return RunFillRandom(f);
}
