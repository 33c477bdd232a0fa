Status DB::Write(const WriteOptions& options, const WriteBatch& batch) {
  EncodedBatch encoded = EncodeBatch(batch);
  Writer w;
  w.batch = &batch;
  w.encoded = &encoded;
  w.sync = options.sync;

  std::unique_lock<std::mutex> lock(mu_);
  writers_.push_back(&w);
  while (!w.done && &w != writers_.front()) {
    w.cv.wait(lock);
  }
  if (w.done) {
    return w.status;
  }

  // This writer leads a group: everybody queued behind it goes into one log write.
  std::vector<Writer*> group(writers_.begin(), writers_.end());
  bool sync = false;
  const uint64_t first_seq = last_sequence_.load() + 1;
  uint64_t seq = first_seq;
  std::string records;
  for (Writer* g : group) {
    sync = sync || g->sync;
    AppendRecord(seq, *g->encoded, &records);
    seq += g->batch->Count();
  }

  // Later writers may queue while the group is written; they wait behind this leader.
  lock.unlock();
  Status s = AppendToLog(records, sync);
  if (s.ok()) {
    uint64_t insert_seq = first_seq;
    for (Writer* g : group) {
      InsertIntoMemTable(insert_seq, *g->batch);
      insert_seq += g->batch->Count();
    }
  }
  lock.lock();

  if (s.ok()) {
    last_sequence_.store(seq - 1);
  }
  for (Writer* g : group) {
    writers_.pop_front();
    if (g != &w) {
      g->status = s;
      g->done = true;
      g->cv.notify_one();
    }
  }
  if (!writers_.empty()) {
    writers_.front()->cv.notify_one();
  }
  return s;
}
