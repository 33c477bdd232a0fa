// A Google Benchmark whose user counter is NaN: what Google Benchmark 1.7.1 prints for it (nan_counter.json).
#include <benchmark/benchmark.h>
#include <cmath>
static void BM_Nan(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(state.iterations());
  state.counters["p99_us"] = std::nan("");
}
BENCHMARK(BM_Nan)->MinTime(0.01);
BENCHMARK_MAIN();
