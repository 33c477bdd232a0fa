// A tiny Google Benchmark target for BenchFormatExperimentTest: items per second of a small piece of real work,
// printed as Google Benchmark's JSON (--benchmark_format=json); it reports no latency (@Bench(latency = "none")).
#include <benchmark/benchmark.h>

// EVOLVE-BLOCK-START
static unsigned long Work(unsigned long seed) {
  unsigned long x = seed;
  for (int i = 0; i < 2000; i++) {
    x = x * 6364136223846793005UL + 1442695040888963407UL;
  }
  return x;
}
// EVOLVE-BLOCK-END

static void BM_Work(benchmark::State& state) {
  unsigned long i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Work(i++));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Work);

BENCHMARK_MAIN();
