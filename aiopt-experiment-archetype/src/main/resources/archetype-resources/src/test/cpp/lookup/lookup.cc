// A small read path to optimize: a key-value table whose Get() scans every entry. It prints db_bench's
// result and histogram lines (what aiopt-junit reads), and --verify checks Get() against std::map.
//
//   ./lookup --benchmarks=readrandom --num=100000 --entries=1000 --histogram=1
//   ./lookup --verify
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// EVOLVE-BLOCK-START
// Maps keys to values; Put() of an existing key replaces its value.
class Table {
 public:
  void Put(const std::string& key, const std::string& value) {
    for (auto& entry : entries_) {
      if (entry.first == key) {
        entry.second = value;
        return;
      }
    }
    entries_.emplace_back(key, value);
  }

  // Stores the value of `key` in *value and returns true, or returns false when the key is absent.
  bool Get(const std::string& key, std::string* value) const {
    for (const auto& entry : entries_) {
      if (entry.first == key) {
        *value = entry.second;
        return true;
      }
    }
    return false;
  }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};
// EVOLVE-BLOCK-END

namespace {

std::string Key(uint64_t i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "user%012llu", static_cast<unsigned long long>(i * 2654435761ULL % 1000000007ULL));
  return buf;
}

std::string Value(uint64_t i, int version) { return "value-" + std::to_string(i) + "-v" + std::to_string(version); }

double Percentile(const std::vector<double>& sorted, double p) {
  return sorted[static_cast<size_t>(p / 100.0 * (sorted.size() - 1))];
}

int Verify(int entries) {
  Table table;
  std::map<std::string, std::string> reference;
  std::mt19937_64 rng(7);
  for (int round = 0; round < 3; round++) {  // later rounds overwrite: the last value must win
    for (int i = 0; i < entries; i++) {
      if (round > 0 && rng() % 3 != 0) continue;
      table.Put(Key(i), Value(i, round));
      reference[Key(i)] = Value(i, round);
    }
  }
  std::string value;
  for (const auto& [key, expected] : reference) {
    if (!table.Get(key, &value) || value != expected) {
      std::printf("VERIFY FAIL: Get(%s) returned %s, expected %s\n", key.c_str(),
                  table.Get(key, &value) ? value.c_str() : "not found", expected.c_str());
      return 1;
    }
  }
  for (int i = entries; i < 2 * entries; i++) {
    if (table.Get(Key(i), &value)) {
      std::printf("VERIFY FAIL: Get(%s) found %s for a key that was never put\n", Key(i).c_str(), value.c_str());
      return 1;
    }
  }
  std::printf("VERIFY PASS: %zu keys, last write wins, %d absent keys not found\n", reference.size(), entries);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  long num = 100000;
  int entries = 1000;
  bool histogram = false;
  bool verify = false;
  std::string benchmarks = "readrandom";
  for (int i = 1; i < argc; i++) {
    const char* a = argv[i];
    if (std::strncmp(a, "--num=", 6) == 0) {
      num = std::atol(a + 6);
    } else if (std::strncmp(a, "--entries=", 10) == 0) {
      entries = std::atoi(a + 10);
    } else if (std::strcmp(a, "--histogram=1") == 0) {
      histogram = true;
    } else if (std::strcmp(a, "--verify") == 0) {
      verify = true;
    } else if (std::strncmp(a, "--benchmarks=", 13) == 0) {
      benchmarks = a + 13;
    } else {
      std::fprintf(stderr, "lookup: unknown argument '%s'\n", a);
      return 2;
    }
  }
  if (num <= 0 || entries <= 0) {
    std::fprintf(stderr, "lookup: --num and --entries must be positive\n");
    return 2;
  }
  if (verify) {
    return Verify(entries);
  }
  if (benchmarks != "readrandom") {
    std::fprintf(stderr, "lookup: only --benchmarks=readrandom is implemented, got '%s'\n", benchmarks.c_str());
    return 2;
  }
  Table table;
  for (int i = 0; i < entries; i++) table.Put(Key(i), Value(i, 0));
  std::vector<std::string> keys;  // 90% hits, 10% misses, drawn up front so that only Get() is timed
  std::mt19937_64 rng(42);
  for (long i = 0; i < num; i++) keys.push_back(Key(rng() % 10 == 0 ? entries + rng() % entries : rng() % entries));

  using Clock = std::chrono::steady_clock;
  std::vector<double> micros;
  micros.reserve(num);
  std::string value;
  long found = 0;
  Clock::time_point start = Clock::now();
  for (long i = 0; i < num; i++) {
    Clock::time_point t0 = Clock::now();
    found += table.Get(keys[i], &value);
    micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("readrandom   : %11.3f micros/op %ld ops/sec %.3f seconds %ld operations; (%ld of %ld found)\n",
              seconds * 1e6 / num, static_cast<long>(num / seconds), seconds, num, found, num);
  if (histogram) {
    std::vector<double> sorted = micros;
    std::sort(sorted.begin(), sorted.end());
    double sum = 0;
    for (double m : micros) sum += m;
    double average = sum / num, squares = 0;
    for (double m : micros) squares += (m - average) * (m - average);
    std::printf("Microseconds per read:\n");
    std::printf("Count: %ld Average: %.4f  StdDev: %.2f\n", num, average, std::sqrt(squares / num));
    std::printf("Min: %.4f  Median: %.4f  Max: %.4f\n", sorted.front(), Percentile(sorted, 50), sorted.back());
    std::printf("Percentiles: P50: %.2f P75: %.2f P99: %.2f P99.9: %.2f P99.99: %.2f\n", Percentile(sorted, 50),
                Percentile(sorted, 75), Percentile(sorted, 99), Percentile(sorted, 99.9), Percentile(sorted, 99.99));
  }
  return 0;
}
