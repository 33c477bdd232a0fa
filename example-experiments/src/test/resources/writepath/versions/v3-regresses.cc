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
    if (w.status.ok()) {
      // The leader logged this batch; each writer inserts its own batch, in parallel with the others.
      lock.unlock();
      InsertIntoMemTable(w.first_seq, batch);
    }
    return w.status;
  }

  // This writer leads a group: everybody queued behind it goes into one log write.
  std::vector<Writer*> group(writers_.begin(), writers_.end());
  bool sync = false;
  uint64_t seq = last_sequence_.load() + 1;
  std::string records;
  for (Writer* g : group) {
    sync = sync || g->sync;
    g->first_seq = seq;
    AppendRecord(seq, *g->encoded, &records);
    seq += g->batch->Count();
  }

  lock.unlock();
  // Flush the log to disk regularly so that less is lost on a crash.
  static uint64_t appends = 0;
  Status s = AppendToLog(records, sync || ++appends % 64 == 0);
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
  lock.unlock();
  if (s.ok()) {
    InsertIntoMemTable(w.first_seq, batch);
  }
  return s;
}
