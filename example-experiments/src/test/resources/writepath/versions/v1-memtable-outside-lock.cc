Status DB::Write(const WriteOptions& options, const WriteBatch& batch) {
  uint64_t first_seq;
  {
    std::lock_guard<std::mutex> guard(mu_);
    first_seq = last_sequence_.load() + 1;

    std::string record;
    EncodeRecord(first_seq, batch, &record);

    Status s = AppendToLog(record, options.sync);
    if (!s.ok()) {
      return s;
    }
    last_sequence_.store(first_seq + batch.Count() - 1);
  }

  // The memtable has its own lock and keeps the newest sequence per key, so inserts need not be
  // ordered by the log lock: do them after releasing it.
  InsertIntoMemTable(first_seq, batch);
  return Status::OK();
}
